"""Agreements with an organization: /c/<center>/alliances/organizations/<uuid>/agreements/new/,
/c/<center>/alliances/agreements/<uuid>/ and .../edit/."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_organization
from integrhabitat.lib.testing import shown
from integrhabitat.partners.models import Agreement
from integrhabitat.services.services import save_service


def new_url(organization):
    return f"/c/centro-a/alliances/organizations/{organization.uuid}/agreements/new/"


def detail_url(agreement):
    return f"/c/centro-a/alliances/agreements/{agreement.uuid}/"


def edit_url(agreement):
    return f"/c/centro-a/alliances/agreements/{agreement.uuid}/edit/"


def form_data(world, **changes) -> dict:
    data = {"title": "Convenio de atención en salud", "kind": "agreement", "starts_on": "2026-01-15",
            "ends_on": "2027-01-14", "center_commitments": "Orientar y acompañar a las personas",
            "partner_commitments": "Atender sin cobro a las personas remitidas",
            "services": [str(world.service_a.uuid)]}
    return {**data, **changes}


@pytest.fixture
def coordinator(world):
    return world.client_for(world.coordinator)


@pytest.fixture
def agreement(world):
    return Agreement.objects.create(center=world.center_a, organization=world.partner_org, title="Convenio marco",
                                    starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))


def test_it_creates_an_agreement_with_the_organization_and_its_services(world, coordinator):
    response = coordinator.post(new_url(world.partner_org), form_data(world))

    agreement = Agreement.objects.get(title="Convenio de atención en salud")
    assert response.status_code == 302
    assert response.url == detail_url(agreement)
    assert agreement.center == world.center_a
    assert agreement.organization == world.partner_org
    assert (agreement.starts_on, agreement.ends_on) == (date(2026, 1, 15), date(2027, 1, 14))
    assert list(agreement.services.all()) == [world.service_a]
    entry = AuditEntry.objects.get(action="partners.agreement.created", object_id=str(agreement.uuid))
    assert entry.actor == world.coordinator and entry.center == world.center_a


def test_it_refuses_an_end_before_the_start_with_a_clear_message(world, coordinator):
    response = coordinator.post(new_url(world.partner_org), form_data(world, starts_on="2026-06-01",
                                                                       ends_on="2026-05-31"))

    assert response.status_code == 400
    assert response.context["form"].errors["ends_on"] == [shown("The end date cannot be before the start date.")]
    assert escape(shown("The end date cannot be before the start date.")) in response.content.decode()
    assert not Agreement.objects.exists()


def test_it_accepts_an_open_ended_agreement_and_one_of_a_single_day(world, coordinator):
    coordinator.post(new_url(world.partner_org), form_data(world, title="Abierto", ends_on=""))
    coordinator.post(new_url(world.partner_org), form_data(world, title="Un día", starts_on="2026-03-08",
                                                          ends_on="2026-03-08"))

    assert Agreement.objects.get(title="Abierto").ends_on is None
    assert Agreement.objects.get(title="Un día").ends_on == date(2026, 3, 8)


def test_it_refuses_a_service_of_another_center(world, coordinator):
    response = coordinator.post(new_url(world.partner_org),
                                form_data(world, services=[str(world.service_b.uuid)]))

    assert response.status_code == 400
    assert "services" in response.context["form"].errors
    assert not Agreement.objects.exists()


def test_it_offers_only_the_centers_services(world, coordinator):
    html = coordinator.get(new_url(world.partner_org)).content.decode()

    assert world.service_a.name in html
    assert world.service_b.name not in html


def test_it_changes_an_agreement_and_audits_the_fields_changed(world, coordinator, agreement):
    workshop = save_service(world.center_a, {"name": "Taller de derechos", "service_type": "I.orientation"},
                            actor=world.coordinator)

    response = coordinator.post(edit_url(agreement), form_data(
        world, title="Convenio marco", starts_on="2026-01-01", ends_on="2027-06-30",
        services=[str(world.service_a.uuid), str(workshop.uuid)]))

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.ends_on == date(2027, 6, 30)
    assert set(agreement.services.all()) == {world.service_a, workshop}
    entry = AuditEntry.objects.get(action="partners.agreement.updated", object_id=str(agreement.uuid))
    assert "ends_on" in entry.fields and "title" not in entry.fields


def test_it_shows_the_agreement_with_its_commitments_and_services(world, agreement):
    agreement.partner_commitments = "Dos cupos semanales de consulta"
    agreement.save()
    agreement.services.add(world.service_a)

    response = world.client_for(world.case_worker).get(detail_url(agreement))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Dos cupos semanales de consulta" in html
    assert world.service_a.name in html
    assert world.partner_org.name in html


def test_it_warns_on_the_page_of_an_agreement_ending_soon(world):
    today = timezone.localdate()
    agreement = Agreement.objects.create(center=world.center_a, organization=world.partner_org, title="Por vencer",
                                         starts_on=today - timedelta(days=30), ends_on=today + timedelta(days=5))

    response = world.client_for(world.case_worker).get(detail_url(agreement))

    assert response.context["state"] == "expiring"
    assert response.context["days_left"] == 5
    assert 'class="card warning"' in response.content.decode()


def test_it_hides_agreement_pages_from_a_viewer_but_lists_them_without_links(world, agreement):
    viewer = world.client_for(world.viewer)

    assert viewer.get(detail_url(agreement)).status_code == 403
    html = viewer.get(f"/c/centro-a/alliances/organizations/{world.partner_org.uuid}/").content.decode()
    assert "Convenio marco" in html
    assert detail_url(agreement) not in html


def test_it_links_the_agreements_for_a_case_worker(world, agreement):
    html = world.client_for(world.case_worker).get(
        f"/c/centro-a/alliances/organizations/{world.partner_org.uuid}/").content.decode()

    assert detail_url(agreement) in html


@pytest.mark.parametrize("role", ["case_worker", "viewer"])
def test_it_lets_only_coordinators_write_agreements(world, agreement, role):
    client = world.client_for(getattr(world, role))

    assert client.post(new_url(world.partner_org), form_data(world)).status_code == 403
    assert client.post(edit_url(agreement), form_data(world)).status_code == 403
    agreement.refresh_from_db()
    assert agreement.title == "Convenio marco"
    assert Agreement.objects.count() == 1


def test_it_answers_404_for_agreements_and_organizations_of_another_center(world, coordinator):
    other_org = make_organization(world.center_b, "Aliado del Centro B")
    other = Agreement.objects.create(center=world.center_b, organization=other_org, title="Convenio B",
                                     starts_on=date(2026, 1, 1))

    assert coordinator.get(detail_url(other)).status_code == 404
    assert coordinator.post(edit_url(other), form_data(world)).status_code == 404
    assert coordinator.post(new_url(other_org), form_data(world)).status_code == 404
    other.refresh_from_db()
    assert other.title == "Convenio B"
    assert Agreement.objects.count() == 1
