"""The network overview: per-center aggregates for a calendar period, small cells suppressed, no personal data.
(Differencing and secondary suppression: `test_network_differencing.py`; the periods: `test_network_periods.py`.)"""

import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from integrhabitat.conftest import make_person
from integrhabitat.improvement.models import FigureSnapshot
from integrhabitat.improvement.network.figures import compute, measure
from integrhabitat.improvement.results import snapshots
from integrhabitat.improvement.results.periods import CalendarPeriod
from integrhabitat.network.models import Center
from integrhabitat.people.groups import GROUPS
from integrhabitat.people.models import Participant, Sex
from integrhabitat.services.models import ServiceDelivery
from integrhabitat.services.services import record_deliveries, save_service
from integrhabitat.services.taxonomy import Category

FEBRUARY = CalendarPeriod.month(2026, 2)
URL = "/network/"
IN_FEBRUARY = {"year": "2026", "part": "2"}


@pytest.fixture
def served(world):
    """February 2026. Center A: six people fed (two of them children, five women), five of them at a
    workshop too. Center B: two people advised. Nothing else in the first quarter (the world's January
    delivery is taken away), so that no figure of February differs from the quarter's."""
    a, b = world.center_a, world.center_b
    ServiceDelivery.objects.filter(center=a, delivered_on=date(2026, 1, 10)).delete()
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


def centers() -> list[Center]:
    return list(Center.objects.filter(is_active=True).order_by("name"))


def counted(period=FEBRUARY):
    """The period's figures as counted, before protection."""
    return measure(centers(), period)


def shown(period=FEBRUARY):
    return compute(centers(), period)


def column_of(figures, center):
    return next(column for column in figures.columns if column.center == center)


def people_of(figures, center):
    return figures.by_center["people_served"][[c.center for c in figures.columns].index(center)]


def test_it_counts_the_people_each_center_served_in_the_period(world, served):
    figures = counted()

    assert figures.cells[("people_served", world.center_a.pk)].numerator == 6
    assert figures.cells[("deliveries", world.center_a.pk)].numerator == 11


def test_it_counts_deliveries_by_category(world, served):
    by_category = counted().categories[world.center_a.pk]

    assert by_category[Category.HUMANITARIAN] == 6
    assert by_category[Category.CULTURE] == 5
    assert by_category[Category.HOUSING] == 0
    assert set(by_category) == set(Category.values)


def test_it_counts_people_by_population_group(world, served):
    by_group = counted().groups[world.center_a.pk]

    assert set(by_group) == set(GROUPS)
    assert by_group["women"] == 5
    assert by_group["children"] == 2
    assert by_group["older_adults"] == 0
    assert by_group["refugees_migrants"] == 0


def test_it_shows_figures_that_rest_on_five_people_or_more(world, served):
    figures = shown()

    assert column_of(figures, world.center_a).groups["women"].value == 5
    assert column_of(figures, world.center_a).groups["older_adults"].value == 0


def test_it_hides_one_centers_figure_when_the_network_total_would_give_away_anothers(world, served):
    # Six people at A, two at B: the network's 8 less A's 6 would be B's 2.
    figures = shown()

    assert people_of(figures, world.center_b).mark == "<5"
    assert people_of(figures, world.center_a).mark == "*"
    assert figures.totals["people_served"].value == 8


def test_it_suppresses_groups_of_fewer_than_five_people(world, served):
    figures = shown()

    assert column_of(figures, world.center_a).groups["children"].mark == "<5"
    assert people_of(figures, world.center_b).hidden
    assert column_of(figures, world.center_b).groups["older_adults"].hidden


def test_it_does_not_reveal_a_small_cell_through_its_delivery_counts(world, served):
    # Center B gave two deliveries in all: "2 services delivered" shows that at most two people
    # were served, whatever "people served" hides; so does a category cell of 2.
    figures = shown()
    b = [c.center for c in figures.columns].index(world.center_b)

    assert figures.by_center["deliveries"][b].hidden
    assert column_of(figures, world.center_b).categories[Category.HUMANITARIAN].hidden


def test_it_gives_zeros_for_a_period_without_deliveries(world, served):
    figures = shown(CalendarPeriod.month(2025, 3))

    for column in figures.columns:
        assert {s.value for s in column.categories.values()} == {0}
        assert {s.value for s in column.groups.values()} == {0}
    assert {s.value for s in figures.by_center["people_served"]} == {0}


def test_it_counts_deliveries_on_the_first_and_last_day_of_the_month_only(world, served):
    a = world.center_a
    record_deliveries(a, world.service_a, [world.person_a], delivered_on=date(2026, 2, 1), actor=None)
    record_deliveries(a, world.service_a, [world.person_a], delivered_on=date(2026, 2, 28), actor=None)
    record_deliveries(a, world.service_a, [world.person_a], delivered_on=date(2026, 3, 1), actor=None)

    assert counted().cells[("deliveries", a.pk)].numerator == 11 + 2


SMALL_WORDS = "suppressed (fewer than 5 people)"
PROTECTING_WORDS = "suppressed (it would let a small group be worked out)"


def hidden_cells(html: str) -> list[str]:
    """What table cells show in place of a hidden figure, as the marks they stand for: "<5", "<10" or "*"."""
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", html)]
    marks = {"suppressed (fewer than 5 people)": "<5", "suppressed (fewer than 10 people)": "<10",
             PROTECTING_WORDS: "*"}
    return [marks[cell] for cell in cells if cell.startswith("suppressed")]


def test_it_writes_hidden_figures_out_in_words_never_as_a_number(world, served):
    client = world.client_for(world.network_coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(URL, IN_FEBRUARY)

    assert response.status_code == 200
    html = response.content.decode()
    figures = response.context["figures"]
    # People and services come first, then services by category, people by group, and every indicator.
    on_page = [*response.context["people"], *response.context["deliveries"],
               *(s for c in figures.columns for s in c.categories.values()),
               *(s for c in figures.columns for s in c.groups.values()),
               *(s for values in figures.by_center.values() for s in values)]
    hidden = [s for s in on_page if s.hidden]
    assert len(hidden) >= 3  # center B's people served and older adults, center A's children
    assert sorted(hidden_cells(html)) == sorted(s.mark for s in hidden)
    assert "<5" in hidden_cells(html) and "*" in hidden_cells(html)
    assert re.search(r"<td[^>]*>" + re.escape(SMALL_WORDS) + "</td>", html)
    assert "&lt;5" not in html and not re.search(r"<td[^>]*>\*</td>", html)
    assert world.center_a.name in html
    assert world.center_b.name in html


def test_it_shows_no_participant_name_or_code_on_the_network_page(world, served):
    html = world.client_for(world.network_coordinator).get(URL, IN_FEBRUARY).content.decode()

    for person in Participant.objects.all():
        for word in [*person.given_names.split(), *person.family_names.split(), person.code]:
            assert word not in html
        assert str(person.uuid) not in html
    assert world.center_a.name in html


def test_it_shows_zeros_and_no_hidden_cell_for_an_empty_period(world, served):
    response = world.client_for(world.network_coordinator).get(URL, {"year": "2025", "part": "3"})

    html = response.content.decode()
    assert hidden_cells(html) == []
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
    `NETWORK_MINUTES` (improvement/results/snapshots.py)."""
    client = world.client_for(world.network_coordinator)
    first = client.get(URL, IN_FEBRUARY)
    with CaptureQueriesContext(connection) as cold_queries:
        cache.clear()
        FigureSnapshot.objects.all().delete()
        client.get(URL, IN_FEBRUARY)
    with CaptureQueriesContext(connection) as warm_queries:
        again = client.get(URL, IN_FEBRUARY)

    assert again.context["people"] == first.context["people"]
    assert again.context["indicator_rows"] == first.context["indicator_rows"]
    assert len(warm_queries) < len(cold_queries) - 10  # the per-center aggregates are not run again
    def women(response):
        return response.context["group_rows"][2][1][0].value  # center A comes first by name

    assert women(again) == 5
    newcomers = [make_person(world.center_a, given, "Recién Llegada", sex=Sex.FEMALE) for given in
                 ("Ana", "Bea", "Cata", "Dora", "Eva")]
    record_deliveries(world.center_a, world.service_a, newcomers, delivered_on=date(2026, 2, 12),
                      actor=world.coordinator)
    assert women(client.get(URL, IN_FEBRUARY)) == 5  # within the ten minutes
    later = timezone.now() + timedelta(minutes=snapshots.NETWORK_MINUTES)
    monkeypatch.setattr(snapshots.timezone, "now", lambda: later)
    assert women(client.get(URL, IN_FEBRUARY)) == 10
