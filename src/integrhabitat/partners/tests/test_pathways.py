"""Referral pathways: the list, creating one, adding and removing steps, and the printable page
for the participant (/c/<center>/alliances/pathways/...)."""

import pytest
from django.utils.html import escape
from django.utils.translation import gettext, override

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_organization
from integrhabitat.lib.testing import shown
from integrhabitat.partners.models import Pathway, PathwayStep

LIST = "/c/centro-a/alliances/pathways/"
NEW = "/c/centro-a/alliances/pathways/new/"


def detail_url(pathway):
    return f"/c/centro-a/alliances/pathways/{pathway.uuid}/"


def step_add_url(pathway):
    return f"/c/centro-a/alliances/pathways/{pathway.uuid}/steps/"


def step_remove_url(pathway, step):
    return f"/c/centro-a/alliances/pathways/{pathway.uuid}/steps/{step.pk}/remove/"


def print_url(pathway):
    return f"/c/centro-a/alliances/pathways/{pathway.uuid}/print/"


@pytest.fixture
def coordinator(world):
    return world.client_for(world.coordinator)


@pytest.fixture
def pathway(world):
    return Pathway.objects.create(center=world.center_a, need="Atención en salud sin documentos", category="I")


@pytest.fixture
def hospital(world):
    return make_organization(world.center_a, "Hospital San Juan", sector="public", address="Carrera 7 # 12-30",
                             contact_phone="+57 601 444 1200")


def test_it_creates_a_pathway(world, coordinator):
    response = coordinator.post(NEW, {"need": "Matrícula escolar de niños migrantes", "category": "II",
                                      "description": "Para familias recién llegadas", "is_active": "on"})

    pathway = Pathway.objects.get(center=world.center_a)
    assert response.status_code == 302
    assert response.url == detail_url(pathway)
    assert (pathway.need, pathway.category, pathway.is_active) == ("Matrícula escolar de niños migrantes", "II", True)
    assert AuditEntry.objects.filter(action="partners.pathway.created", object_id=str(pathway.uuid),
                                     actor=world.coordinator).exists()


def test_it_refuses_a_second_pathway_for_the_same_need(world, coordinator, pathway):
    response = coordinator.post(NEW, {"need": "atención en salud sin documentos", "category": "I"})

    assert response.status_code == 400
    assert "need" in response.context["form"].errors
    assert Pathway.objects.count() == 1


def test_it_changes_a_pathway(world, coordinator, pathway):
    response = coordinator.post(f"/c/centro-a/alliances/pathways/{pathway.uuid}/edit/",
                                {"need": pathway.need, "category": "I", "description": "Ruta revisada"})

    assert response.status_code == 302
    pathway.refresh_from_db()
    assert (pathway.description, pathway.is_active) == ("Ruta revisada", False)
    entry = AuditEntry.objects.get(action="partners.pathway.updated")
    assert set(entry.fields) == {"description", "is_active"}


def test_it_lists_the_pathways_by_category_to_a_viewer(world, pathway):
    response = world.client_for(world.viewer).get(LIST)

    assert response.status_code == 200
    by_category = {category.value: pathways for category, pathways in response.context["by_category"]}
    assert by_category["I"] == [pathway]
    assert by_category["II"] == []
    html = response.content.decode()
    assert pathway.need in html
    assert NEW not in html


def test_it_adds_steps_in_order_and_removes_one(world, coordinator, pathway, hospital):
    first = coordinator.post(step_add_url(pathway), {
        "service": str(world.service_a.uuid), "instructions": "Orientación inicial en el centro"})
    second = coordinator.post(step_add_url(pathway), {
        "organization": str(hospital.uuid), "requirements": "Ser mayor de edad o ir acompañado",
        "documents": "Pasaporte o cédula de identidad"})
    third = coordinator.post(step_add_url(pathway), {"organization": str(world.partner_org.uuid)})

    assert first.status_code == second.status_code == third.status_code == 302
    steps = list(pathway.steps.all())
    assert [(s.order, s.service, s.organization) for s in steps] == [
        (1, world.service_a, None), (2, None, hospital), (3, None, world.partner_org)]
    assert AuditEntry.objects.filter(action="partners.pathway.step_added").count() == 3

    response = coordinator.post(step_remove_url(pathway, steps[1]))

    assert response.status_code == 302
    assert response.url == detail_url(pathway)
    assert [(s.order, s.organization) for s in pathway.steps.all()] == [(1, None), (2, world.partner_org)]
    assert AuditEntry.objects.filter(action="partners.pathway.step_removed").count() == 1


def test_it_shows_the_steps_and_the_pathway_on_the_organizations_page(world, coordinator, pathway, hospital):
    coordinator.post(step_add_url(pathway), {"organization": str(hospital.uuid),
                                             "documents": "Pasaporte o cédula de identidad"})

    html = world.client_for(world.viewer).get(detail_url(pathway)).content.decode()
    assert "Hospital San Juan" in html and "Pasaporte o cédula de identidad" in html
    assert step_add_url(pathway) not in html  # a viewer does not edit
    org_page = world.client_for(world.viewer).get(f"/c/centro-a/alliances/organizations/{hospital.uuid}/")
    assert detail_url(pathway) in org_page.content.decode()


def test_it_refuses_a_step_without_destination(world, coordinator, pathway):
    response = coordinator.post(step_add_url(pathway), {"instructions": "Ir a algún lugar"})

    assert response.status_code == 400
    assert escape(shown("Choose a service or an organization for this step.")) in response.content.decode()
    assert "Ir a algún lugar" in response.content.decode()
    assert not pathway.steps.exists()


def test_it_refuses_a_step_to_another_centers_service_or_organization(world, coordinator, pathway):
    other_org = make_organization(world.center_b, "Aliado del Centro B")

    to_service = coordinator.post(step_add_url(pathway), {"service": str(world.service_b.uuid)})
    to_organization = coordinator.post(step_add_url(pathway), {"organization": str(other_org.uuid)})

    assert to_service.status_code == to_organization.status_code == 400
    assert "service" in to_service.context["step_form"].errors
    assert "organization" in to_organization.context["step_form"].errors
    assert not pathway.steps.exists()


def test_it_answers_404_for_a_step_of_another_centers_pathway(world, coordinator, pathway):
    other = Pathway.objects.create(center=world.center_b, need="Ruta B", category="I")
    step = PathwayStep.objects.create(pathway=other, service=world.service_b)

    assert coordinator.post(step_remove_url(other, step)).status_code == 404
    # nor through a pathway of center A
    assert coordinator.post(step_remove_url(pathway, step)).status_code == 404
    assert coordinator.post(step_add_url(other), {"service": str(world.service_a.uuid)}).status_code == 404
    assert coordinator.get(detail_url(other)).status_code == 404
    assert coordinator.get(print_url(other)).status_code == 404
    assert PathwayStep.objects.filter(pk=step.pk).exists()
    assert not other.steps.exclude(pk=step.pk).exists()


@pytest.mark.parametrize("role", ["case_worker", "viewer"])
def test_it_lets_only_coordinators_change_pathways(world, pathway, role):
    client = world.client_for(getattr(world, role))
    step = PathwayStep.objects.create(pathway=pathway, service=world.service_a)

    assert client.get(NEW).status_code == 403
    assert client.post(step_add_url(pathway), {"service": str(world.service_a.uuid)}).status_code == 403
    assert client.post(step_remove_url(pathway, step)).status_code == 403
    assert list(pathway.steps.all()) == [step]


@pytest.fixture
def printable(world, pathway, hospital):
    world.center_a.address = "Calle 45 # 13-20"
    world.center_a.phone = "+57 601 300 0000"
    world.center_a.save()
    PathwayStep.objects.create(pathway=pathway, order=1, service=world.service_a,
                               instructions="Le dan una carta de remisión")
    PathwayStep.objects.create(pathway=pathway, order=2, organization=hospital,
                               documents="Pasaporte o cédula de identidad")
    return pathway


def in_language(language: str, msgid: str) -> str:
    with override(language):
        return escape(gettext(msgid))


@pytest.mark.parametrize("language", ["es", "en"])
def test_it_prints_the_pathway_for_the_participant_in_the_chosen_language(world, printable, language):
    response = world.client_for(world.front_desk).get(print_url(printable), {"lang": language})

    assert response.status_code == 200
    assert response["Content-Language"] == language
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert printable.need in html
    assert html.index("Kits alimentarios") < html.index("Hospital San Juan")  # in the order of the steps
    assert "Carrera 7 # 12-30" in html and "+57 601 444 1200" in html  # where to go, how to call
    assert "Calle 45 # 13-20" in html  # the center's own service: its address
    assert "Pasaporte o cédula de identidad" in html
    for label in ("Phone", "Documents to bring", "I. Humanitarian assistance and access to social protection"):
        assert in_language(language, label) in html


def test_it_prints_spanish_and_english_labels_differently(world, printable):
    client = world.client_for(world.front_desk)

    spanish = client.get(print_url(printable), {"lang": "es"}).content.decode()
    english = client.get(print_url(printable), {"lang": "en"}).content.decode()

    assert "Teléfono" in spanish and "I. Asistencia humanitaria" in spanish
    assert "Phone" in english and "I. Humanitarian assistance" in english
    assert "Teléfono" not in english


def test_it_prints_in_the_users_language_when_none_or_an_unknown_one_is_asked(world, printable):
    response = world.client_for(world.front_desk).get(print_url(printable), {"lang": "xx"})

    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()
