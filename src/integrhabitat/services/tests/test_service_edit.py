from integrhabitat.conftest import make_organization
from integrhabitat.services.models import Service


def form(**extra):
    return {"name": "Control prenatal", "service_type": "I.health", "origin": "territorialized",
            "modality": "partner", "relationship": "personal", "cost_model": "free", "status": "active", **extra}


def test_a_service_is_linked_to_the_partner_that_provides_it(world):
    response = world.client_for(world.coordinator).post("/c/centro-a/services/new/",
                                                        form(provider=world.partner_org.pk))

    assert response.status_code == 302
    assert Service.objects.get(name="Control prenatal").provider == world.partner_org


def test_a_partner_of_another_center_cannot_be_the_provider(world):
    org_b = make_organization(world.center_b, "Aliado de B")

    response = world.client_for(world.coordinator).post("/c/centro-a/services/new/", form(provider=org_b.pk))

    assert response.status_code == 400
    assert not Service.objects.filter(name="Control prenatal").exists()
    assert "Aliado de B" not in response.content.decode()
