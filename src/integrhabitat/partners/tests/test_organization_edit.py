"""Creating and changing an organization of the territory, and its page:
/c/<center>/alliances/organizations/new/, .../<uuid>/edit/ and .../<uuid>/."""

import pytest
from django.utils.html import escape
from django.utils.text import capfirst

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_organization
from integrhabitat.lib.testing import shown
from integrhabitat.partners.models import Organization, StatusChange
from integrhabitat.services.services import save_service

NEW = "/c/centro-a/alliances/organizations/new/"
STALE = ("Someone else saved this record while you were editing it. Your changes were not saved: review the "
         "current version and try again.")


def edit_url(organization):
    return f"/c/centro-a/alliances/organizations/{organization.uuid}/edit/"


def detail_url(organization):
    return f"/c/centro-a/alliances/organizations/{organization.uuid}/"


def form_data(**changes) -> dict:
    data = {"name": "Secretaría de Salud", "sector": "public", "scale": "municipal", "roles": ["provider"],
            "priority_groups": ["refugees_migrants", "children"], "description": "Atención primaria",
            "status": "contacted", "contact_name": "Marta Gómez", "contact_email": "marta@salud.example",
            "contact_phone": "+57 601 555 0101", "website": "https://salud.example", "address": "Calle 10 # 5-20",
            "latitude": "4.609710", "longitude": "-74.081750", "status_note": "Primera reunión"}
    return {**data, **changes}


def edit_data(organization, **changes) -> dict:
    """What the edit form posts when opened now and saved with `changes`."""
    data = {name: getattr(organization, name) for name in (
        "name", "sector", "scale", "roles", "priority_groups", "description", "status", "contact_name",
        "contact_email", "contact_phone", "website", "address")}
    data["version"] = str(organization.version)
    return {**data, **changes}


@pytest.fixture
def coordinator(world):
    return world.client_for(world.coordinator)


def test_it_creates_an_organization_with_its_first_status_in_the_history(world, coordinator):
    response = coordinator.post(NEW, form_data())

    organization = Organization.objects.get(center=world.center_a, name="Secretaría de Salud")
    assert response.status_code == 302
    assert response.url == detail_url(organization)
    assert organization.roles == ["provider"]
    assert organization.priority_groups == ["refugees_migrants", "children"]
    assert str(organization.latitude) == "4.609710"
    assert organization.status == "contacted"
    change = organization.status_changes.get()
    assert (change.status, change.note, change.changed_by) == ("contacted", "Primera reunión", world.coordinator)
    entry = AuditEntry.objects.get(action="partners.organization.created", object_id=str(organization.uuid))
    assert entry.actor == world.coordinator and entry.center == world.center_a


def test_it_keeps_a_status_change_and_its_note_in_the_history(world, coordinator):
    organization = make_organization(world.center_a, "Parroquia San José", status="negotiating")

    response = coordinator.post(edit_url(organization),
                                edit_data(organization, status="agreement", status_note="Firmado el convenio"))

    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.status == "agreement"
    assert organization.version == 2
    change = StatusChange.objects.get(organization=organization)
    assert (change.status, change.note, change.changed_by) == ("agreement", "Firmado el convenio", world.coordinator)
    html = coordinator.get(detail_url(organization)).content.decode()
    assert "Firmado el convenio" in html


def test_it_adds_nothing_to_the_history_when_the_status_stays(world, coordinator):
    organization = make_organization(world.center_a, "Parroquia San José", status="negotiating")

    coordinator.post(edit_url(organization), edit_data(organization, contact_name="Padre Luis",
                                                       status_note="Sin cambio"))

    organization.refresh_from_db()
    assert organization.contact_name == "Padre Luis"
    assert not organization.status_changes.exists()


def test_it_refuses_the_second_of_two_edits_from_the_same_version(world, coordinator):
    organization = make_organization(world.center_a, "Parroquia San José", status="negotiating")
    other = world.client_for(world.coordinator)
    first = edit_data(organization, contact_name="Padre Luis")
    second = edit_data(organization, contact_name="Hermana Rosa", description="Comedor comunitario")

    assert coordinator.post(edit_url(organization), first).status_code == 302
    response = other.post(edit_url(organization), second)

    assert response.status_code == 400
    organization.refresh_from_db()
    assert organization.contact_name == "Padre Luis"
    assert organization.description == ""
    html = response.content.decode()
    assert escape(shown(STALE)) in html
    # nothing lost: the second person's data is still in the form, next to what the first saved
    assert "Hermana Rosa" in html and "Comedor comunitario" in html
    assert (capfirst(shown("contact person")), "Padre Luis") in response.context["conflicts"]
    assert AuditEntry.objects.filter(action="partners.organization.updated").count() == 1


def test_it_saves_the_second_edit_when_sent_again_after_seeing_the_conflict(world, coordinator):
    organization = make_organization(world.center_a, "Parroquia San José")
    coordinator.post(edit_url(organization), edit_data(organization, contact_name="Padre Luis"))
    stale = edit_data(organization, contact_name="Hermana Rosa")
    refused = coordinator.post(edit_url(organization), stale)
    current_version = refused.context["form"]["version"].value()

    response = coordinator.post(edit_url(organization), {**stale, "version": current_version})

    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.contact_name == "Hermana Rosa"


def test_it_refuses_an_edit_without_the_version_it_was_opened_at(world, coordinator):
    organization = make_organization(world.center_a, "Parroquia San José")
    data = edit_data(organization, contact_name="Padre Luis")
    del data["version"]

    response = coordinator.post(edit_url(organization), data)

    assert response.status_code == 400
    organization.refresh_from_db()
    assert organization.contact_name == ""


@pytest.mark.parametrize(("changes", "field"), [
    ({"latitude": "91"}, "latitude"),
    ({"longitude": "-180.5"}, "longitude"),
    ({"name": "fundación aliada"}, "name"),
    ({"contact_phone": "llamar a Marta"}, "contact_phone"),
    ({"roles": ["king"]}, "roles"),
    ({"sector": ""}, "sector"),
], ids=["latitude", "longitude", "duplicate-name", "phone", "unknown-role", "no-sector"])
def test_it_refuses_invalid_data_and_keeps_what_was_typed(world, coordinator, changes, field):
    before = Organization.objects.count()

    response = coordinator.post(NEW, form_data(**changes))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Organization.objects.count() == before
    assert "Marta Gómez" in response.content.decode()


def test_it_answers_400_to_an_empty_form(world, coordinator):
    response = coordinator.post(NEW, {})

    assert response.status_code == 400
    assert not Organization.objects.filter(center=world.center_a).exclude(pk=world.partner_org.pk).exists()


def test_it_shows_the_organizations_facts_services_agreements_and_history(world):
    organization = world.partner_org
    save_service(world.center_a, {"name": "Asesoría migratoria", "service_type": "I.legal",
                                  "provider": organization}, actor=world.coordinator)
    world.client_for(world.coordinator).post(edit_url(organization), edit_data(
        organization, status="inactive", status_note="Terminó el proyecto", contact_email="hola@aliada.example"))

    response = world.client_for(world.viewer).get(detail_url(organization))

    assert response.status_code == 200
    html = response.content.decode()
    assert "hola@aliada.example" in html
    assert "Asesoría migratoria" in html
    assert "Terminó el proyecto" in html
    assert f"/alliances/organizations/{organization.uuid}/edit/" not in html  # a viewer does not edit


def test_it_answers_404_for_an_organization_of_another_center(world, coordinator):
    other = make_organization(world.center_b, "Aliado del Centro B")

    assert coordinator.get(detail_url(other)).status_code == 404
    assert coordinator.get(edit_url(other)).status_code == 404
    response = coordinator.post(edit_url(other), edit_data(other, contact_name="Intruso"))

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.contact_name == ""


@pytest.mark.parametrize("role", ["case_worker", "viewer", "front_desk"])
def test_it_lets_only_coordinators_change_organizations(world, role):
    client = world.client_for(getattr(world, role))

    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data()).status_code == 403
    assert client.post(edit_url(world.partner_org), edit_data(world.partner_org, name="Otro")).status_code == 403
    world.partner_org.refresh_from_db()
    assert world.partner_org.name == "Fundación Aliada"
    assert not Organization.objects.filter(name="Secretaría de Salud").exists()
