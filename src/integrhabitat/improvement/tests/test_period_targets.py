"""Targets are set per calendar year; a report or a dashboard over part of a year is held to the target of its
own period: counts prorated by the share of the year the period covers, shares and averages as they are."""

from datetime import date
from decimal import Decimal

from integrhabitat.improvement.accountability import services as accountability
from integrhabitat.improvement.models import Target
from integrhabitat.improvement.results.dashboard import indicator_rows, period_targets
from integrhabitat.improvement.tests.test_accountability_reports import draft, town  # noqa: F401 - fixture


def test_a_half_year_report_compares_its_count_with_half_the_years_target(town):  # noqa: F811
    center, coordinator, _food = town  # 23 people served on 10 February 2026
    Target.objects.create(center=center, indicator="people_served", year=2026, value=40)
    Target.objects.create(center=center, indicator="continuity", year=2026, value=60)

    report = accountability.publish_report(draft(center, coordinator), actor=coordinator)  # 1 Jan - 30 Jun 2026

    people = report.published["indicators"]["people_served"]
    assert Decimal(people["target"]) == Decimal("19.84")  # 40 × 181 days / 365
    assert report.published["indicators"]["continuity"]["target"] == "60.00"  # a share: the year's, as it is
    shown = {row.code: row for row in accountability.present(report.published)["indicators"]}
    assert shown["people_served"].met is True  # 23 people against 19.84; against the year's 40 it was not


def test_a_period_across_two_years_takes_its_share_of_each_years_target(town):  # noqa: F811
    center, _coordinator, _food = town
    Target.objects.create(center=center, indicator="deliveries", year=2025, value=365)
    Target.objects.create(center=center, indicator="deliveries", year=2026, value=730)

    targets = period_targets(center, date(2025, 12, 1), date(2026, 1, 31))

    assert targets["deliveries"] == Decimal("31") + Decimal("62")  # December's share, January's share


def test_a_period_touching_a_year_without_target_has_none(town):  # noqa: F811
    center, _coordinator, _food = town
    Target.objects.create(center=center, indicator="deliveries", year=2026, value=730)

    assert "deliveries" not in period_targets(center, date(2025, 12, 1), date(2026, 1, 31))


def test_the_dashboard_holds_a_quarter_to_a_quarter_of_the_years_count(town):  # noqa: F811
    center, _coordinator, _food = town
    Target.objects.create(center=center, indicator="people_served", year=2026, value=100)

    rows = {row.code: row for _dimension, rows in indicator_rows(center, date(2026, 1, 1), date(2026, 3, 31))
            for row in rows}

    assert rows["people_served"].target == Decimal("24.66")  # 100 × 90 / 365
    assert rows["people_served"].value == 23 and rows["people_served"].met is False
