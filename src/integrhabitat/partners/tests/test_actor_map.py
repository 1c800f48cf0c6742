"""The actor map: GET /c/<center>/alliances/."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from integrhabitat.conftest import make_organization
from integrhabitat.lib.testing import shown
from integrhabitat.partners.models import EXPIRY_WARNING_DAYS, Agreement, Organization
from integrhabitat.services.services import save_service

URL = "/c/centro-a/alliances/"


@pytest.fixture
def territory(world):
    """Center A's actors beyond the world's active ally, and one of center B."""
    return {
        "alcaldia": make_organization(world.center_a, "Alcaldía Local", sector="public", scale="municipal",
                                      roles=["provider", "aggregator"], status="agreement",
                                      priority_groups=["refugees_migrants"]),
        "panaderia": make_organization(world.center_a, "Panadería El Trigal", sector="private_local",
                                       scale="community", roles=["donor"], status="identified"),
        "junta": make_organization(world.center_a, "Junta de Acción Comunal", sector="community",
                                   scale="community", roles=["aggregator"], status="negotiating",
                                   priority_groups=["women"]),
        "antigua": make_organization(world.center_a, "Fundación Antigua", roles=["provider"], status="inactive"),
        "other": make_organization(world.center_b, "Aliado del Centro B", sector="public"),
    }


def cell(response, sector: str, role: str) -> int:
    """The count in the matrix cell of `sector` × `role` (by their labels)."""
    for label, cells, _total, _query in response.context["matrix"]:
        if label == shown(dict(Organization._meta.get_field("sector").choices)[sector]):
            for role_label, count, _cell_query in cells:
                if role_label == role:
                    return count
    raise AssertionError(f"no cell {sector} × {role}")


def listed(response) -> dict[str, list[str]]:
    return {stage: [o.name for o in organizations] for stage, _heading, organizations in response.context["sections"]}


def test_it_counts_the_organizations_by_sector_and_role(world, territory):
    response = world.client_for(world.viewer).get(URL)

    assert response.status_code == 200
    assert cell(response, "public", shown("Service provider")) == 1
    assert cell(response, "public", shown("Brings users")) == 1
    assert cell(response, "cooperation", shown("Service provider")) == 2  # Fundación Aliada and Antigua
    assert cell(response, "private_local", shown("Donor")) == 1
    assert cell(response, "private_local", shown("Service provider")) == 0
    assert response.context["total"] == 5
    assert "Aliado del Centro B" not in response.content.decode()


def test_it_counts_the_organizations_by_status(world, territory):
    response = world.client_for(world.viewer).get(URL)

    counts = {value: count for value, _label, count, _query in response.context["status_counts"]}
    assert counts == {"identified": 1, "contacted": 0, "negotiating": 1, "agreement": 1, "active": 1,
                      "inactive": 1}


def test_it_separates_allies_from_organizations_still_in_progress(world, territory):
    response = world.client_for(world.viewer).get(URL)

    assert listed(response) == {
        "allied": ["Alcaldía Local", "Fundación Aliada"],
        "in-progress": ["Junta de Acción Comunal", "Panadería El Trigal"],
        "inactive": ["Fundación Antigua"],
    }
    html = response.content.decode()
    allies_heading = html.index(escape(shown("Allies: agreement signed or active")))
    progress_heading = html.index(escape(shown("In progress: identified, contacted or negotiating")))
    assert allies_heading < html.index("Alcaldía Local") < progress_heading < html.index("Panadería El Trigal")


@pytest.mark.parametrize(("query", "expected"), [
    ({"status": "negotiating"}, ["Junta de Acción Comunal"]),
    ({"sector": "public"}, ["Alcaldía Local"]),
    ({"role": "aggregator"}, ["Alcaldía Local", "Junta de Acción Comunal"]),
    ({"group": "women"}, ["Junta de Acción Comunal"]),
    ({"sector": "cooperation", "role": "provider"}, ["Fundación Aliada", "Fundación Antigua"]),
    ({"role": "no-such-role"}, ["Alcaldía Local", "Fundación Aliada", "Junta de Acción Comunal",
                                "Panadería El Trigal", "Fundación Antigua"]),
], ids=["status", "sector", "role", "group", "matrix-cell", "unknown-value-ignored"])
def test_it_filters_the_list(world, territory, query, expected):
    response = world.client_for(world.viewer).get(URL, query)

    assert response.status_code == 200
    assert [name for names in listed(response).values() for name in names] == expected


def test_it_counts_the_matrix_within_the_status_and_group_filters(world, territory):
    response = world.client_for(world.viewer).get(URL, {"status": "active"})

    assert cell(response, "cooperation", shown("Service provider")) == 1
    assert cell(response, "public", shown("Service provider")) == 0
    # each cell links to the list of its organizations, keeping the other filters
    _label, cells, _total, _query = response.context["matrix"][0]
    assert "status=active" in cells[0][2] and "sector=public" in cells[0][2] and "role=donor" in cells[0][2]


def test_it_shows_the_services_each_organization_provides_in_the_center(world, territory):
    save_service(world.center_a, {"name": "Orientación en rutas de salud", "service_type": "I.health",
                                  "provider": territory["alcaldia"]}, actor=world.coordinator)

    html = world.client_for(world.viewer).get(URL).content.decode()

    assert "Orientación en rutas de salud" in html


@pytest.fixture
def expiring(world):
    today = timezone.localdate()
    return Agreement.objects.create(center=world.center_a, organization=world.partner_org,
                                    title="Convenio de salud 2026", starts_on=today - timedelta(days=300),
                                    ends_on=today + timedelta(days=10))


@pytest.mark.parametrize("role", ["coordinator", "case_worker"])
def test_it_warns_those_who_see_agreements_of_one_ending_soon(world, expiring, role):
    html = world.client_for(getattr(world, role)).get(URL).content.decode()

    assert "Convenio de salud 2026" in html
    assert f"/c/centro-a/alliances/agreements/{expiring.uuid}/" in html


def test_it_does_not_show_agreements_to_a_viewer(world, expiring):
    response = world.client_for(world.viewer).get(URL)

    assert response.status_code == 200
    assert "Convenio de salud 2026" not in response.content.decode()
    assert response.context["expiring"] is None


def test_it_does_not_warn_of_agreements_far_from_their_end_or_already_ended(world):
    today = timezone.localdate()
    Agreement.objects.create(center=world.center_a, organization=world.partner_org, title="Convenio largo",
                             starts_on=today, ends_on=today + timedelta(days=EXPIRY_WARNING_DAYS + 1))
    Agreement.objects.create(center=world.center_a, organization=world.partner_org, title="Convenio vencido",
                             starts_on=today - timedelta(days=400), ends_on=today - timedelta(days=1))
    Agreement.objects.create(center=world.center_a, organization=world.partner_org, title="Convenio abierto",
                             starts_on=today)

    response = world.client_for(world.coordinator).get(URL)

    assert response.context["expiring"] == []


def count_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def add_providers(world, how_many: int) -> None:
    start = Organization.objects.filter(center=world.center_a).count()
    for number in range(start, start + how_many):
        organization = make_organization(world.center_a, f"Organización {number}")
        save_service(world.center_a, {"name": f"Servicio {number}", "service_type": "I.food",
                                      "provider": organization}, actor=None)


def test_it_lists_the_organizations_in_a_constant_number_of_queries(world):
    client = world.client_for(world.coordinator)
    add_providers(world, 3)
    few = count_queries(client, URL)

    add_providers(world, 20)

    assert count_queries(client, URL) == few
