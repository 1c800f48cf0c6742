"""Every default indicator against the hand-built center of `conftest.py`, whose answers are known."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integrhabitat.improvement.models import ManualIndicator, ManualValue
from integrhabitat.improvement.results.indicators import CATALOGUE, Breakdown, Scope, manual_total


def total(known, code):
    return CATALOGUE[code].total(known.scope).value


def cells(known, code, by):
    return {cell.key: cell.value for cell in CATALOGUE[code].breakdown(known.scope, by)}


def test_it_counts_people_served_once_however_often_they_came(known):
    assert total(known, "people_served") == 4


def test_it_counts_every_service_given_in_the_period(known):
    assert total(known, "deliveries") == 9


def test_it_tells_new_people_from_those_who_came_before_the_period(known):
    assert total(known, "new_people") == 3
    assert total(known, "returning_people") == 1


def test_it_measures_continuity_as_several_services_or_three_visits_in_ninety_days(known):
    cell = CATALOGUE["continuity"].total(known.scope)
    assert (cell.numerator, cell.denominator, cell.value) == (2, 4, Decimal("50.0"))


@pytest.mark.parametrize(("first_visit", "continuing"), [(date(2026, 3, 22), True), (date(2026, 3, 21), False)])
def test_it_counts_three_visits_only_within_ninety_days(known, first_visit, continuing):
    from integrhabitat.services.models import ServiceDelivery

    # Carmen came on 5 January, 1 March and 20 June; now 1 March and 20 June become `first_visit` and
    # 19 June, with the visit of 5 January moved to 1 May: 89 days from first to last count, 90 do not.
    visits = ServiceDelivery.objects.filter(participant=known.people["p3"])
    visits.filter(delivered_on=date(2026, 3, 1)).update(delivered_on=first_visit)
    visits.filter(delivered_on=date(2026, 1, 5)).update(delivered_on=date(2026, 5, 1))
    visits.filter(delivered_on=date(2026, 6, 20)).update(delivered_on=date(2026, 6, 19))
    assert CATALOGUE["continuity"].total(known.scope).numerator == (3 if continuing else 2)


def test_it_breaks_people_served_down_by_sex_age_and_mobility_status(known):
    assert cells(known, "people_served", Breakdown.SEX) == {"female": 2, "male": 1, "intersex": 0, "unknown": 1}
    ages = cells(known, "people_served", Breakdown.AGE)
    assert ages == {"0-5": 0, "6-11": 1, "12-17": 0, "18-28": 0, "29-59": 1, "60+": 1, "unknown": 1}
    mobility = cells(known, "people_served", Breakdown.MOBILITY)
    assert (mobility["refugee"], mobility["host"], mobility["migrant"], mobility["unknown"]) == (1, 1, 1, 1)
    assert sum(mobility.values()) == 4


def test_it_counts_a_person_in_every_population_group_they_belong_to(known):
    groups = cells(known, "people_served", Breakdown.GROUP)
    assert groups["women"] == 2
    assert groups["children"] == 1
    assert groups["older_adults"] == 1
    assert groups["host_community"] == 1
    assert groups["refugees_migrants"] == 2
    assert groups["disability"] == 0


def test_it_breaks_services_down_by_category_and_month(known):
    assert cells(known, "deliveries", Breakdown.CATEGORY) == {"I": 8, "II": 0, "III": 0, "IV": 0, "V": 1, "VI": 0}
    assert cells(known, "people_served", Breakdown.MONTH) == {
        "2026-01": 1, "2026-02": 1, "2026-03": 2, "2026-04": 1, "2026-05": 1, "2026-06": 1}
    assert cells(known, "deliveries", Breakdown.MONTH)["2026-02"] == 2


def test_it_breaks_continuity_down_with_a_numerator_and_denominator_per_cell(known):
    by_sex = {c.key: (c.numerator, c.denominator) for c in CATALOGUE["continuity"].breakdown(known.scope, "sex")}
    assert by_sex["female"] == (1, 2)
    assert by_sex["male"] == (1, 1)
    assert by_sex["unknown"] == (0, 1)


def test_it_measures_referrals_answered_completed_and_the_median_days_to_answer(known):
    answered = CATALOGUE["referrals_answered"].total(known.scope)
    assert (answered.numerator, answered.denominator, answered.value) == (3, 4, Decimal("75.0"))
    assert total(known, "referrals_completed") == Decimal("25.0")
    days = CATALOGUE["referral_days"].total(known.scope)
    assert (days.value, days.denominator) == (Decimal("4.0"), 3)


def test_it_takes_the_mean_of_the_two_middle_values_for_an_even_number_of_referrals(known):
    from integrhabitat.cases.models import Referral

    Referral.objects.filter(answered_at__isnull=True).delete()
    Referral.objects.filter(sent_at__month=5).delete()  # left: 2 and 10 days
    assert total(known, "referral_days") == Decimal("6.0")


def test_it_counts_groups_that_mix_host_and_mobility_members_among_those_active(known):
    cell = CATALOGUE["groups_mixing"].total(known.scope)
    assert (cell.numerator, cell.denominator) == (1, 2)


def test_it_counts_proposals_answered_and_implemented_in_the_period(known):
    answered = CATALOGUE["proposals_answered"].total(known.scope)
    assert (answered.numerator, answered.denominator, answered.value) == (2, 3, Decimal("66.7"))
    assert total(known, "proposals_implemented") == 1


def test_it_averages_satisfaction_ratings_of_the_period(known):
    cell = CATALOGUE["satisfaction"].total(known.scope)
    assert (cell.value, cell.denominator) == (Decimal("3.7"), 3)


def test_it_counts_complaints_answered_by_their_deadline(known):
    cell = CATALOGUE["complaints_on_time"].total(known.scope)
    assert (cell.numerator, cell.denominator) == (1, 3)


def test_it_compares_centers_in_one_query_per_indicator(known, world):
    from integrhabitat.network.models import Center

    scope = Scope.of(Center.objects.all(), known.scope.start, known.scope.end)
    with CaptureQueriesContext(connection) as queries:
        by_center = {c.key: c.value for c in CATALOGUE["people_served"].breakdown(scope, Breakdown.CENTER)}
    assert by_center[str(known.center.pk)] == 4
    assert by_center[str(world.center_a.pk)] == 1  # José, 10 January
    assert len(queries) == 2  # the cells, and the names of the centers


def test_it_adds_up_manual_values_over_the_period_as_the_indicator_says(known):
    jobs = ManualIndicator.objects.create(center=known.center, code="jobs", name="Empleos", dimension="integration",
                                          definition="Empleos conseguidos", unit="personas")
    for month, value in [(date(2026, 1, 1), 3), (date(2026, 2, 1), 5), (date(2026, 8, 1), 7)]:
        ManualValue.objects.create(indicator=jobs, center=known.center, month=month, value=value)
    assert manual_total(jobs, known.scope).value == 8
    jobs.aggregation = ManualIndicator.Aggregation.AVERAGE
    assert manual_total(jobs, known.scope).value == 4
    jobs.aggregation = ManualIndicator.Aggregation.LAST
    assert manual_total(jobs, known.scope).value == 5


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_it_gives_every_indicator_every_breakdown_it_names(known, code):
    indicator = CATALOGUE[code]
    for by in indicator.breakdowns:
        breakdown = indicator.breakdown(known.scope, by)
        assert breakdown, by
        assert len({c.key for c in breakdown}) == len(breakdown)
