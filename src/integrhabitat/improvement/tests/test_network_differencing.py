"""The network's figures cannot be subtracted to single a person out: not between nested periods, not against
a published report, not from the other figures of a sum; and the sensitive groups keep their own threshold.
(improvement/network/figures.py)"""

from datetime import date
from itertools import combinations

import pytest
from django.core.cache import cache
from django.urls import reverse

from integrhabitat.conftest import CONSENT, make_center, make_user
from integrhabitat.improvement.accountability.services import publish_report, save_report
from integrhabitat.improvement.models import FigureSnapshot
from integrhabitat.improvement.network.figures import measure
from integrhabitat.improvement.results.figures import small
from integrhabitat.improvement.results.periods import CalendarPeriod
from integrhabitat.lib import testing
from integrhabitat.lib.testing import csv_table
from integrhabitat.network.models import Center
from integrhabitat.network.roles import Role
from integrhabitat.people.groups import GROUPS
from integrhabitat.people.models import Sex
from integrhabitat.people.services import register_participants
from integrhabitat.services.services import record_deliveries, save_service
from integrhabitat.services.taxonomy import Category

JANUARY, FEBRUARY, MARCH = (CalendarPeriod.month(2025, m) for m in (1, 2, 3))
FIRST_QUARTER, YEAR = CalendarPeriod.quarter(2025, 1), CalendarPeriod.year(2025)


def people(center, how_many: int, family: str, **data):
    return register_participants(center, [{"given_names": f"Persona {n}", "family_names": family, **data}
                                          for n in range(how_many)], consent=CONSENT, actor=None)


def food(center):
    return save_service(center, {"name": "Mercados", "service_type": "I.food"}, actor=None)


def centers() -> list[Center]:
    return list(Center.objects.filter(is_active=True).order_by("name"))


def download(world, period: CalendarPeriod) -> dict[tuple, dict]:
    """The network's download of `period`: each figure by (indicator, breakdown, key, center)."""
    client = world.client_for(world.network_coordinator)
    table = csv_table(client.get(reverse("network_export"), {**period.query(), "as": "csv"}))
    header, rows = table[0], table[1:]
    return {(r["indicator"], r["breakdown"], r["key"], r["center"]): r
            for r in (dict(zip(header, row, strict=True)) for row in rows)}


def page(world, period: CalendarPeriod):
    response = world.client_for(world.network_coordinator).get(reverse("network_overview"), period.query())
    assert response.status_code == 200
    return response.context["figures"]


def column_of(figures, center):
    return next(column for column in figures.columns if column.center == center)


def by_center(figures, code, center):
    return figures.by_center[code][[c.center for c in figures.columns].index(center)]


# --- Two periods, one person apart ---------------------------------------------------------------------------


@pytest.fixture
def one_more(world):
    """Center A served twelve refugee women in January 2025 and a thirteenth only on 10 February: every
    figure of A's first quarter is January's plus that one person. Center B served twenty people and a
    third center thirty, in January only."""
    a, b = world.center_a, world.center_b
    c = make_center("centro-c", "CCC", "Centro C")
    record_deliveries(a, world.service_a, people(a, 12, "Enero", sex=Sex.FEMALE, mobility_status="refugee"),
                      delivered_on=date(2025, 1, 15), actor=None)
    record_deliveries(a, world.service_a, people(a, 1, "Febrero", sex=Sex.FEMALE, mobility_status="refugee"),
                      delivered_on=date(2025, 2, 10), actor=None)
    record_deliveries(b, world.service_b, people(b, 20, "Be", sex=Sex.MALE), delivered_on=date(2025, 1, 20),
                      actor=None)
    record_deliveries(c, food(c), people(c, 30, "Ce", sex=Sex.MALE), delivered_on=date(2025, 1, 22), actor=None)
    return a


def test_the_quarter_and_its_january_differ_by_one_person_as_counted(world, one_more):
    january, quarter = measure(centers(), JANUARY), measure(centers(), FIRST_QUARTER)

    assert quarter.cells[("people_served", one_more.pk)].numerator == 13
    assert january.cells[("people_served", one_more.pk)].numerator == 12
    assert quarter.groups[one_more.pk]["refugees_migrants"] - january.groups[one_more.pk]["refugees_migrants"] == 1


def test_no_two_figures_shown_for_nested_periods_differ_by_a_small_group(world, one_more):
    shown = {period: download(world, period) for period in (JANUARY, FEBRUARY, MARCH, FIRST_QUARTER, YEAR)}
    compared = 0
    for first, second in combinations(shown, 2):
        if not (first.contains(second) or second.contains(first)):
            continue
        for key in shown[first].keys() & shown[second].keys():
            indicator, by, cell, _center = key
            limit = 10 if by == "group" and GROUPS[cell].sensitive else 5
            for part in ("numerator", "denominator"):
                one, other = shown[first][key][part], shown[second][key][part]
                if one and other:
                    compared += 1
                    assert not small(abs(int(one) - int(other)), limit), (first, second, key, part, one, other)
    assert compared > 100  # the other centers' figures are still there to compare


def test_the_person_of_the_difference_is_hidden_on_both_pages(world, one_more):
    for period in (JANUARY, FIRST_QUARTER, YEAR):
        figures = page(world, period)
        a = column_of(figures, one_more)
        assert by_center(figures, "people_served", one_more).mark == "*", period
        assert a.groups["refugees_migrants"].mark == "*", period
        assert a.groups["women"].mark == "*", period
        assert figures.totals["people_served"].hidden, period  # 62 in January, 63 in the quarter
    assert by_center(page(world, JANUARY), "people_served", world.center_b).value == 20


def test_asking_for_the_days_that_differ_is_refused(world, one_more):
    client = world.client_for(world.network_coordinator)
    url = reverse("network_overview")

    quarter = client.get(url, {"start": "2025-01-01", "end": "2025-03-31"})
    day_less = client.get(url, {"start": "2025-01-01", "end": "2025-03-30"})
    week_less = client.get(url, {"start": "2025-01-01", "end": "2025-02-09"})

    assert quarter.status_code == day_less.status_code == 200
    assert quarter.context["people"] == day_less.context["people"]  # both snapped to the quarter
    assert week_less.status_code == 400  # January and February: no calendar period


# --- A sum with a single hidden figure -----------------------------------------------------------------------


@pytest.fixture
def january(world):
    """January 2025. Center A: three people. Center B: twenty, seven of them refugee women. A third center:
    thirty people who came in December 2024 too, two newcomers, and three of the thirty at a workshop."""
    a, b = world.center_a, world.center_b
    c = make_center("centro-c", "CCC", "Centro C")
    record_deliveries(a, world.service_a, people(a, 3, "Pocas"), delivered_on=date(2025, 1, 15), actor=None)
    refugees = people(b, 7, "Refugio", sex=Sex.FEMALE, mobility_status="refugee")
    record_deliveries(b, world.service_b, [*refugees, *people(b, 13, "Local", sex=Sex.MALE, mobility_status="host")],
                      delivered_on=date(2025, 1, 20), actor=None)
    regulars, market = people(c, 30, "Habitual", sex=Sex.MALE), food(c)
    record_deliveries(c, market, regulars, delivered_on=date(2024, 12, 10), actor=None)
    record_deliveries(c, market, regulars, delivered_on=date(2025, 1, 10), actor=None)
    record_deliveries(c, market, people(c, 2, "Nueva"), delivered_on=date(2025, 1, 12), actor=None)
    workshop = save_service(c, {"name": "Taller", "service_type": "VI.cultural_activities"}, actor=None)
    record_deliveries(c, workshop, regulars[:3], delivered_on=date(2025, 1, 14), actor=None)
    return c


def test_a_small_center_hides_the_next_smallest_so_that_the_network_total_gives_nothing_away(world, january):
    figures = page(world, JANUARY)

    assert by_center(figures, "people_served", world.center_a).mark == "<5"
    assert by_center(figures, "people_served", world.center_b).mark == "*"
    assert by_center(figures, "people_served", january).value == 32
    assert figures.totals["people_served"].value == 55


def test_a_small_category_hides_another_of_the_same_center(world, january):
    categories = column_of(page(world, JANUARY), january).categories

    assert categories[Category.CULTURE].mark == "<5"
    assert categories[Category.HUMANITARIAN].mark == "*"
    assert categories[Category.HOUSING].value == 0


def test_few_new_people_hide_the_returning_ones(world, january):
    figures = page(world, JANUARY)

    assert by_center(figures, "new_people", january).mark == "<5"
    assert by_center(figures, "returning_people", january).mark == "*"


def test_sensitive_groups_need_ten_people_and_the_others_five(world, january):
    b = column_of(page(world, JANUARY), world.center_b)

    assert b.groups["refugees_migrants"].mark == "<10"
    assert b.groups["women"].value == 7
    assert b.groups["host_community"].value == 13


def test_the_download_leaves_empty_what_the_page_hides(world, january):
    figures, rows = page(world, JANUARY), download(world, JANUARY)
    network = testing.shown("Network")

    assert rows[("people_served", "center", str(world.center_a.pk), network)]["numerator"] == ""
    assert rows[("people_served", "center", str(world.center_b.pk), network)]["value"] == ""
    assert rows[("people_served", "center", str(january.pk), network)]["value"] == "32"
    assert rows[("people_served", "total", "total", network)]["value"] == "55"
    assert rows[("people_served", "group", "refugees_migrants", world.center_b.name)]["value"] == ""
    assert rows[("deliveries", "category", Category.CULTURE.value, january.name)]["value"] == ""
    for column in figures.columns:
        for code, shown in column.groups.items():
            assert rows[("people_served", "group", code, column.center.name)]["value"] == (
                "" if shown.hidden else str(shown.value))
        for code, shown in column.categories.items():
            assert rows[("deliveries", "category", code, column.center.name)]["value"] == (
                "" if shown.hidden else str(shown.value))


def test_a_figure_a_published_report_gives_within_a_few_people_is_hidden(world, january):
    assert by_center(page(world, JANUARY), "people_served", january).value == 32
    coordinator = make_user("coord_c", january, Role.COORDINATOR)
    report = save_report({"title": "Primera quincena", "period_start": date(2025, 1, 1),
                          "period_end": date(2025, 1, 11), "introduction": ""}, center=january, actor=coordinator)
    publish_report(report, actor=coordinator)  # 30 people, before the two newcomers of the 12th
    cache.clear()  # counted again (every ten minutes)
    FigureSnapshot.objects.all().delete()

    later = page(world, JANUARY)

    assert by_center(later, "people_served", january).mark == "*"
