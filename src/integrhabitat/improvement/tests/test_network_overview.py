"""The network overview: per-center aggregates for a period, small cells suppressed, no personal data."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from integrhabitat.conftest import make_person
from integrhabitat.improvement import snapshots
from integrhabitat.improvement.dashboard import comparison_table
from integrhabitat.improvement.figures import network_overview
from integrhabitat.improvement.models import FigureSnapshot
from integrhabitat.network.models import Center
from integrhabitat.people.groups import GROUPS
from integrhabitat.people.models import Participant, Sex
from integrhabitat.services.services import record_deliveries, save_service
from integrhabitat.services.taxonomy import Category

FEBRUARY = (date(2026, 2, 1), date(2026, 2, 28))
URL = "/network/"


@pytest.fixture
def served(world):
    """February 2026. Center A: six people fed (two of them children, five women), five of them at a
    workshop too. Center B: two people advised. The world's January delivery falls outside."""
    a, b = world.center_a, world.center_b
    women = [make_person(a, given, "Quintanilla", sex=Sex.FEMALE, birth_date=born)
             for given, born in [("Zoraida", date(1980, 3, 1)), ("Wilma", date(1975, 6, 2)),
                                 ("Yesenia", date(1990, 9, 3)), ("Xiomara", date(2016, 1, 4))]]
    women.append(make_person(a, "Brunilda", "Quintanilla", sex=Sex.FEMALE, age_band="adult"))
    boy = make_person(a, "Wilfrido", "Quintanilla", sex=Sex.MALE, birth_date=date(2017, 5, 5))
    fed = [*women, boy]
    workshop = save_service(a, {"name": "Taller de murales", "service_type": "VI.cultural_activities"},
                            actor=world.coordinator)
    record_deliveries(a, world.service_a, fed, delivered_on=date(2026, 2, 10), actor=world.coordinator)
    record_deliveries(a, workshop, fed[1:], delivered_on=date(2026, 2, 20), actor=world.coordinator)
    advised = [world.person_b, make_person(b, "Eustaquio", "Barrionuevo", birth_date=date(1950, 1, 1))]
    record_deliveries(b, world.service_b, advised, delivered_on=date(2026, 2, 11), actor=world.other_coordinator)
    return fed


def figures_of(center, period=FEBRUARY):
    return next(row for row in network_overview(*period) if row.center == center)


def test_it_counts_the_people_each_center_served_in_the_period(world, served):
    assert figures_of(world.center_a).people == 6
    assert figures_of(world.center_a).deliveries == 11


def test_it_counts_deliveries_by_category(world, served):
    by_category = figures_of(world.center_a).by_category

    assert by_category[Category.HUMANITARIAN] == 6
    assert by_category[Category.CULTURE] == 5
    assert by_category[Category.HOUSING] == 0
    assert set(by_category) == set(Category.values)


def test_it_counts_people_by_population_group(world, served):
    by_group = figures_of(world.center_a).by_group

    assert set(by_group) == set(GROUPS)
    assert by_group["women"] == 5
    assert by_group["older_adults"] == 0
    assert by_group["refugees_migrants"] == 0


def test_it_suppresses_groups_of_fewer_than_five_people(world, served):
    assert figures_of(world.center_a).by_group["children"] is None
    assert figures_of(world.center_b).people is None
    assert figures_of(world.center_b).by_group["older_adults"] is None


def test_it_does_not_reveal_a_small_cell_through_its_delivery_counts(world, served):
    # Center B gave two deliveries in all: "2 services delivered" shows that at most two people
    # were served, whatever "people served" hides; so does a category cell of 2.
    b = figures_of(world.center_b)

    assert b.deliveries is None
    assert b.by_category[Category.HUMANITARIAN] is None


def test_it_gives_zeros_for_a_period_without_deliveries(world, served):
    for row in network_overview(date(2025, 3, 1), date(2025, 3, 31)):
        assert row.people == 0
        assert row.deliveries == 0
        assert set(row.by_category.values()) == {0}
        assert set(row.by_group.values()) == {0}


def test_it_counts_deliveries_on_the_first_and_last_day_of_the_period(world, served):
    assert figures_of(world.center_a, (date(2026, 2, 1), date(2026, 2, 10))).deliveries == 6
    assert figures_of(world.center_a, (date(2026, 2, 10), date(2026, 2, 19))).deliveries == 6
    assert figures_of(world.center_a, (date(2026, 2, 11), date(2026, 2, 19))).deliveries == 0


def suppressed_cells(html: str) -> int:
    """Table cells showing "<5" (the explanation above the tables quotes it too, but not in a cell)."""
    return len(re.findall(r">\s*&lt;5\s*</td>", html))


def test_it_shows_small_cells_as_less_than_five(world, served):
    response = world.client_for(world.network_coordinator).get(URL, {"start": "2026-02-01", "end": "2026-02-28"})

    assert response.status_code == 200
    html = response.content.decode()
    small = [value for row in network_overview(*FEBRUARY)
             for value in [row.people, row.deliveries, *row.by_category.values(), *row.by_group.values()]
             if value is None]
    assert len(small) >= 3  # center B's people served and older adults, center A's children
    centers = list(Center.objects.filter(is_active=True).order_by("name"))
    hidden = [shown for _code, values in comparison_table(centers, *FEBRUARY) for shown in values if shown.hidden]
    assert suppressed_cells(html) == len(small) + len(hidden)
    assert world.center_a.name in html
    assert world.center_b.name in html


def test_it_shows_no_participant_name_or_code_on_the_network_page(world, served):
    html = world.client_for(world.network_coordinator).get(
        URL, {"start": "2026-02-01", "end": "2026-02-28"}).content.decode()

    for person in Participant.objects.all():
        for word in [*person.given_names.split(), *person.family_names.split(), person.code]:
            assert word not in html
        assert str(person.uuid) not in html
    assert world.center_a.name in html


def test_it_shows_zeros_and_no_suppressed_cell_for_an_empty_period(world, served):
    response = world.client_for(world.network_coordinator).get(URL, {"start": "2025-03-01", "end": "2025-03-31"})

    html = response.content.decode()
    assert suppressed_cells(html) == 0
    cells = [cell for cell in re.findall(r"<td>([^<]*)</td>", html) if cell]
    assert cells
    assert set(cells) == {"0", "—"}  # counts are zero; shares and averages of nothing have no value


@pytest.mark.parametrize("role", ["coordinator", "case_worker", "outsider"])
def test_it_refuses_the_network_page_to_anyone_but_a_network_coordinator(world, role):
    assert world.client_for(getattr(world, role)).get(URL).status_code == 403


def test_it_sends_anonymous_visitors_to_log_in(world):
    response = world.client_for(None).get(URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_a_second_view_reuses_the_figures_for_ten_minutes(world, served, monkeypatch):
    """The network's figures take seconds on a large network: they are kept, and counted again every
    `NETWORK_MINUTES` (improvement/snapshots.py)."""
    client = world.client_for(world.network_coordinator)
    period = {"start": "2026-02-01", "end": "2026-02-28"}
    first = client.get(URL, period)
    with CaptureQueriesContext(connection) as cold_queries:
        cache.clear()
        FigureSnapshot.objects.all().delete()
        client.get(URL, period)
    with CaptureQueriesContext(connection) as warm_queries:
        again = client.get(URL, period)

    assert again.context["people"] == first.context["people"]
    assert again.context["indicator_rows"] == first.context["indicator_rows"]
    assert len(warm_queries) < len(cold_queries) - 10  # the per-center aggregates are not run again
    people_before = figures_of(world.center_a).people
    newcomers = [make_person(world.center_a, given, "Recién Llegada") for given in ("Ana", "Bea", "Cata")]
    record_deliveries(world.center_a, world.service_a, newcomers, delivered_on=date(2026, 2, 12),
                      actor=world.coordinator)
    assert client.get(URL, period).context["people"][0] == people_before  # within the ten minutes
    later = timezone.now() + timedelta(minutes=snapshots.NETWORK_MINUTES)
    monkeypatch.setattr(snapshots.timezone, "now", lambda: later)
    changed = client.get(URL, period)
    assert figures_of(world.center_a).people == people_before + 3
    assert changed.context["people"][0] == people_before + 3  # center A comes first by name
