from django.core import mail

from integrhabitat.audit.models import AuditEntry
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import Role

URL = "/network/centers/new/"
VALID = {
    "name": "Centro IntegrHabitat Medellín", "slug": "medellin-moravia", "code": "MDE", "kind": "new",
    "modality": "mixed", "scale": "neighbourhood", "phase": "design", "country": "CO", "city": "Medellín",
    "coordinator_username": "Lucia", "coordinator_first_name": "Lucía", "coordinator_last_name": "Restrepo",
    "coordinator_email": "lucia@example.org",
}


def test_it_creates_a_center_with_its_first_coordinator_who_gets_an_invitation(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for(world.network_coordinator).post(URL, VALID)

    assert response.status_code == 302
    center = Center.objects.get(slug="medellin-moravia")
    membership = Membership.objects.get(center=center)
    assert (membership.user.username, membership.role, membership.is_active) == ("lucia", Role.COORDINATOR, True)
    assert mail.outbox and mail.outbox[0].to == ["lucia@example.org"]
    assert "/accounts/password/reset/" in mail.outbox[0].body
    actions = set(AuditEntry.objects.filter(center=center).values_list("action", flat=True))
    assert {"network.center.created", "network.membership.added"} <= actions


def test_it_lets_the_new_coordinator_open_the_center(world):
    world.client_for(world.network_coordinator).post(URL, VALID)
    lucia = Membership.objects.get(center__slug="medellin-moravia").user

    assert world.client_for(lucia).get("/c/medellin-moravia/").status_code == 200


def test_it_refuses_a_code_with_accents_or_digits_and_saves_nothing(world):
    response = world.client_for(world.network_coordinator).post(URL, {**VALID, "code": "MÉ1"})

    assert response.status_code == 400
    assert "code" in response.context["form"].errors
    assert not Center.objects.filter(slug="medellin-moravia").exists()
    assert not Membership.objects.filter(user__username="lucia").exists()


def test_it_refuses_a_short_name_already_used(world):
    response = world.client_for(world.network_coordinator).post(URL, {**VALID, "slug": world.center_a.slug})

    assert response.status_code == 400
    assert "slug" in response.context["form"].errors


def test_it_is_refused_to_a_center_coordinator(world):
    response = world.client_for(world.coordinator).post(URL, VALID)

    assert response.status_code == 403
    assert not Center.objects.filter(slug="medellin-moravia").exists()
