"""Importing another directory's HSDS 3.0 data as partner organizations and partner services."""

import json
from pathlib import Path

import pytest
from django.test import Client
from django.utils.translation import override

from integrhabitat.audit.models import AuditEntry
from integrhabitat.directory import hsds
from integrhabitat.directory.importer import DatasetRefused, import_dataset, plan_import, read_dataset
from integrhabitat.directory.tests.schemas import errors
from integrhabitat.partners.models import Organization, PathwayStep
from integrhabitat.partners.services import add_pathway_step, save_pathway
from integrhabitat.services.models import Service

EXAMPLE = Path(__file__).parent / "data" / "otro_directorio.json"
OPTIONS = {"sector": "cooperation", "scale": "municipal", "default_service_type": "I.orientation"}


def example() -> list[dict]:
    return read_dataset(json.loads(EXAMPLE.read_text(encoding="utf-8")))


def test_it_creates_partner_organizations_and_their_services_from_a_third_party_dataset(world):
    plan = import_dataset(world.center_a, example(), actor=world.coordinator, **OPTIONS)

    assert plan.summary["organizations"]["create"] == 2 and plan.summary["services"]["create"] == 3
    refugio = Organization.objects.get(center=world.center_a, hsds_id="d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c67c")
    assert refugio.name == "Corporación Refugio Andino"
    assert refugio.status == "identified"  # an import is not an alliance
    assert (refugio.sector, refugio.scale, refugio.roles) == ("cooperation", "municipal", ["provider"])
    assert refugio.contact_email == "info@refugio-andino.example.org"
    assert refugio.contact_phone == "+57 601 555 1234"
    assert refugio.address == "Calle 57 # 9-24, Bogotá, Cundinamarca, 110231, CO"
    assert float(refugio.latitude) == pytest.approx(4.6486)
    assert refugio.contact_name == ""  # contact people stay in their directory
    advice = Service.objects.get(center=world.center_a, hsds_id="ac148810-d857-441c-9679-408f346de14b")
    assert advice.provider == refugio
    assert (advice.modality, advice.origin, advice.status) == ("partner", "territorialized", "active")
    assert advice.service_type == "I.orientation"
    # What the platform has no field for is kept in the description, one labelled line each.
    assert ": MO,TU,WE,TH,FR 08:00–16:00\n" in advice.description
    assert ": Personas migrantes y refugiadas mayores de 18 años.\n" in advice.description
    assert ": Español, Kreyòl\n" in advice.description
    assert "lucia.personal" not in advice.description and "Lucía" not in advice.description
    closed = Service.objects.get(center=world.center_a, name="Acompañamiento psicosocial")
    assert closed.status == "planned"
    assert "Martes y jueves de 14:00 a 18:00" in closed.description
    actions = set(AuditEntry.objects.filter(actor=world.coordinator).values_list("action", flat=True))
    assert {"partners.organization.created", "services.service.created"} <= actions


def test_it_creates_nothing_new_when_the_same_dataset_is_imported_twice(world):
    import_dataset(world.center_a, example(), actor=None, **OPTIONS)
    counts = (Organization.objects.count(), Service.objects.count(), AuditEntry.objects.count())

    plan = import_dataset(world.center_a, example(), actor=None, **OPTIONS)

    assert (Organization.objects.count(), Service.objects.count(), AuditEntry.objects.count()) == counts
    assert plan.summary["organizations"]["unchanged"] == 2 and plan.summary["services"]["unchanged"] == 3
    assert not plan.changes_anything


def test_it_updates_what_changed_in_the_other_directory(world):
    import_dataset(world.center_a, example(), actor=None, **OPTIONS)
    changed = example()
    changed[2]["description"] = "Almuerzo caliente de lunes a viernes."
    changed[2]["status"] = "defunct"

    plan = import_dataset(world.center_a, changed, actor=None, **OPTIONS)

    assert plan.summary["services"] == {"create": 0, "update": 1, "unchanged": 2, "skip": 0}
    dining = Service.objects.get(hsds_id="9e8d7c6b-5a49-4382-b716-05f4e3d2c1b0")
    assert dining.status == "retired" and "lunes a viernes" in dining.description


def test_it_links_an_organization_the_center_already_mapped_by_name_without_overwriting_it(world):
    own = Organization.objects.create(center=world.center_a, name="Parroquia San Cristóbal", sector="community",
                                      scale="community", status="active", description="Nuestra descripción")
    import_dataset(world.center_a, example(), actor=None, **OPTIONS)
    own.refresh_from_db()
    assert own.hsds_id == "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
    assert (own.description, own.status, own.sector) == ("Nuestra descripción", "active", "community")
    assert Organization.objects.filter(center=world.center_a, name__iexact="Parroquia San Cristóbal").count() == 1


def test_it_renames_an_imported_service_whose_name_the_center_already_uses(world):
    Service.objects.create(center=world.center_a, name="Comedor comunitario San Cristóbal", service_type="I.food")
    import_dataset(world.center_a, example(), actor=None, **OPTIONS)
    assert Service.objects.filter(hsds_id="9e8d7c6b-5a49-4382-b716-05f4e3d2c1b0",
                                  name="Comedor comunitario San Cristóbal (Parroquia San Cristóbal)").exists()


def test_it_imports_only_into_the_given_center(world):
    import_dataset(world.center_a, example(), actor=None, **OPTIONS)
    import_dataset(world.center_b, example(), actor=None, **OPTIONS)
    assert Organization.objects.filter(hsds_id="d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c67c").count() == 2
    assert not Service.objects.filter(center=world.center_b, provider__center=world.center_a).exists()


def test_its_imported_services_can_be_steps_of_a_referral_pathway(world):
    import_dataset(world.center_a, example(), actor=None, **OPTIONS)
    pathway = save_pathway(world.center_a, {"need": "Regularización migratoria", "category": "I"}, actor=None)
    service = Service.objects.get(hsds_id="ac148810-d857-441c-9679-408f346de14b")
    add_pathway_step(pathway, {"service": service, "organization": service.provider}, actor=None)
    assert PathwayStep.objects.get(pathway=pathway).service == service


def test_its_imported_services_are_not_republished_in_the_public_directory(world):
    import_dataset(world.center_a, example(), actor=None, **OPTIONS)
    body = Client().get("/api/hsds/services?per_page=200", secure=True).json()
    assert "Asesoría migratoria gratuita" not in {s["name"] for s in body["contents"]}


@pytest.mark.parametrize(("data", "message"), [
    ({"hello": "world"}, "not an HSDS 3.0 dataset"),
    ([], "no services"),
    ([{"id": "x", "name": "Sin organización", "status": "active"}], "no organization"),
    ([{"name": "Sin id", "status": "active"}], "no id"),
    ({"contents": ["not an object"]}, "not HSDS services"),
])
def test_it_refuses_a_file_of_the_wrong_shape_with_a_clear_message(world, data, message):
    with override("en"):
        with pytest.raises(DatasetRefused) as refused:
            read_dataset(data)
        assert message in str(refused.value.message)


def test_it_round_trips_its_own_export_into_another_center(world):
    """Center B imports the network's export: the centers and public partners become its organizations,
    their services its partner services, with the same service types; twice changes nothing."""
    bundle = Client().get("/api/hsds/export.json", secure=True).json()
    assert bundle["hsds_version"] == "3.0"
    for service in bundle["services"]:
        assert errors(service, "service.json") == []

    plan = import_dataset(world.center_b, read_dataset(bundle), actor=None, **OPTIONS)

    center_a = Organization.objects.get(center=world.center_b, hsds_id=str(world.center_a.uuid))
    assert center_a.name == "Centro A"
    food = Service.objects.get(center=world.center_b, hsds_id=str(world.service_a.uuid))
    assert (food.name, food.service_type, food.provider) == ("Kits alimentarios", "I.food", center_a)
    # Center B's own service came back as itself: a partner service named apart from its own one.
    own = Service.objects.get(center=world.center_b, hsds_id=str(world.service_b.uuid))
    assert own.name == "Asesoría jurídica (Centro B)"
    assert plan.summary["services"]["create"] == 2
    again = plan_import(world.center_b, read_dataset(bundle), sector="network", scale="municipal")
    assert not again.changes_anything


def test_its_export_lists_taxonomy_and_organizations_valid_against_the_schemas(world):
    response = Client().get("/api/hsds/export.json", secure=True)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="integrhabitat-hsds-')
    bundle = response.json()
    for organization in bundle["organizations"]:
        assert errors(organization, "organization.json") == []
    for term in bundle["taxonomy_terms"]:
        assert errors(term, "taxonomy_term.json") == []
    assert errors(bundle["taxonomies"][0], "taxonomy.json") == []
    for sal in bundle["service_at_locations"]:
        assert errors(sal, "service_at_location.json") == []
    assert len(bundle["taxonomy_terms"]) == 6 + len(hsds.SERVICE_TYPES)


def test_it_finds_a_services_organization_in_the_bundle_by_its_id(world):
    bundle = {"organizations": [{"id": "5f0c6f0e-1b2a-4c3d-8e9f-0a1b2c3d4e5f", "name": "Casa de la Mujer",
                                 "description": "Atención a mujeres."}],
              "services": [{"id": "6a1d7e2f-3b4c-4d5e-9f60-718293a4b5c6", "name": "Línea de apoyo",
                            "status": "active", "organization_id": "5f0c6f0e-1b2a-4c3d-8e9f-0a1b2c3d4e5f"}]}
    import_dataset(world.center_a, read_dataset(bundle), actor=None, **OPTIONS)
    service = Service.objects.get(center=world.center_a, hsds_id="6a1d7e2f-3b4c-4d5e-9f60-718293a4b5c6")
    assert service.provider.name == "Casa de la Mujer"


def test_it_reads_organizations_with_their_services_nested_as_one_or_as_a_list(world):
    """HSDS's `organization_full` shape: the services hang from the organization instead of the reverse."""
    services = example()
    organization = {key: value for key, value in services[0]["organization"].items()}
    nested = [{key: value for key, value in service.items() if key != "organization"}
              for service in services if service["organization"]["id"] == organization["id"]]
    one = {**organization, "services": nested}

    for data in (one, [one], {"contents": [one]}):
        found = read_dataset(data)
        assert [s["id"] for s in found] == [s["id"] for s in nested]
        assert {s["organization"]["id"] for s in found} == {organization["id"]}
    plan = import_dataset(world.center_a, read_dataset(one), actor=world.coordinator, **OPTIONS)
    assert plan.summary["organizations"]["create"] == 1
    assert plan.summary["services"]["create"] == len(nested)
