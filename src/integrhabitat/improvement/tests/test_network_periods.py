"""The network's figures cover one whole calendar month, quarter or year that has ended: other periods are
snapped to whole months or refused (improvement/results/periods.py)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from integrhabitat.improvement.results.periods import CalendarPeriod, NetworkPeriodForm
from integrhabitat.lib.testing import shown

NOT_CALENDAR = "Choose a whole calendar month, quarter or year, from its first day to its last."
RUNNING = ("Choose a period that has ended: the figures of a period still running change as people are served, "
           "and comparing them from one day to the next would single people out.")


@pytest.mark.parametrize(("start", "end", "period"), [
    (date(2025, 2, 1), date(2025, 2, 28), CalendarPeriod.month(2025, 2)),
    (date(2025, 2, 3), date(2025, 2, 20), CalendarPeriod.month(2025, 2)),
    (date(2025, 4, 9), date(2025, 6, 2), CalendarPeriod.quarter(2025, 2)),
    (date(2024, 1, 1), date(2024, 12, 31), CalendarPeriod.year(2024)),
    (date(2024, 1, 31), date(2024, 12, 1), CalendarPeriod.year(2024)),
])
def test_it_snaps_a_start_and_end_to_the_whole_months_of_a_calendar_period(start, end, period):
    assert CalendarPeriod.snapped(start, end) == period


@pytest.mark.parametrize(("start", "end"), [
    (date(2025, 1, 1), date(2025, 6, 30)),  # a half year
    (date(2025, 2, 1), date(2025, 4, 30)),  # three months, but not a quarter
    (date(2024, 12, 1), date(2025, 1, 31)),  # across two years
    (date(2024, 1, 1), date(2025, 12, 31)),  # two years
])
def test_it_finds_no_calendar_period_in_other_spans(start, end):
    assert CalendarPeriod.snapped(start, end) is None


def test_a_month_is_nested_with_its_quarter_and_year_and_a_year_with_its_quarters_and_months():
    february = CalendarPeriod.month(2025, 2)

    assert february.nested() == [CalendarPeriod.year(2025), CalendarPeriod.quarter(2025, 1)]
    assert CalendarPeriod.quarter(2025, 2).nested() == [
        CalendarPeriod.year(2025), *(CalendarPeriod.month(2025, m) for m in (4, 5, 6))]
    assert len(CalendarPeriod.year(2025).nested()) == 4 + 12


@pytest.mark.parametrize(("today", "quarter"), [
    (date(2026, 12, 7), CalendarPeriod.quarter(2026, 3)),
    (date(2026, 1, 1), CalendarPeriod.quarter(2025, 4)),
    (date(2026, 3, 31), CalendarPeriod.quarter(2025, 4)),
])
def test_the_default_is_the_last_quarter_that_has_ended(today, quarter):
    assert CalendarPeriod.last_ended_quarter(today) == quarter


@pytest.mark.parametrize(("data", "period"), [
    ({"year": "2025"}, CalendarPeriod.year(2025)),
    ({"year": "2025", "part": "q2"}, CalendarPeriod.quarter(2025, 2)),
    ({"year": "2025", "part": "11"}, CalendarPeriod.month(2025, 11)),
    ({"start": "2025-11-05", "end": "2025-11-20"}, CalendarPeriod.month(2025, 11)),
])
def test_the_form_reads_a_year_and_its_part_or_a_snapped_start_and_end(data, period):
    form = NetworkPeriodForm(data)

    assert form.is_valid(), form.errors
    assert form.period() == period


def this_year() -> dict[str, str]:
    return {"year": str(timezone.localdate().year)}


@pytest.mark.parametrize(("data", "message"), [
    ({"start": "2025-01-01", "end": "2025-06-30"}, NOT_CALENDAR),
    ({"start": "2025-03-01", "end": "2025-02-01"}, NOT_CALENDAR),
    ({"start": "2025-03-01"}, NOT_CALENDAR),
    (this_year(), RUNNING),
])
def test_the_form_refuses_other_periods_and_those_still_running(data, message):
    form = NetworkPeriodForm(data)

    assert not form.is_valid()
    assert form.non_field_errors() == [shown(message)]


def test_the_form_refuses_a_month_that_does_not_exist():
    assert not NetworkPeriodForm({"year": "2025", "part": "13"}).is_valid()


@pytest.mark.parametrize("url", ["network_overview", "network_export"])
def test_a_period_ending_today_or_yesterday_is_refused_on_the_page_and_its_download(world, url):
    """The outside test's attack: the same start, one day apart at the end, subtracted."""
    client = world.client_for(world.network_coordinator)
    today = timezone.localdate()
    for end in (today, today - timedelta(days=1)):
        response = client.get(reverse(url), {"start": date(today.year, 1, 1).isoformat(), "end": end.isoformat()})
        assert response.status_code == 400
        text = response.content.decode()
        assert shown(RUNNING) in text or shown(NOT_CALENDAR) in text  # the latter on 1 January


def test_an_arbitrary_period_is_refused_with_a_message_and_no_figures(world):
    response = world.client_for(world.network_coordinator).get(
        reverse("network_overview"), {"start": "2025-01-01", "end": "2025-06-30"})

    assert response.status_code == 400
    assert shown(NOT_CALENDAR) in response.content.decode()
    assert "figures" not in response.context


def test_without_a_choice_the_page_shows_the_last_quarter_that_has_ended(world):
    response = world.client_for(world.network_coordinator).get(reverse("network_overview"))

    quarter = CalendarPeriod.last_ended_quarter(timezone.localdate())
    assert response.status_code == 200
    assert (response.context["start"], response.context["end"]) == (quarter.start, quarter.end)
    assert response.context["query"] == f"year={quarter.start.year}&part={quarter.part}"
