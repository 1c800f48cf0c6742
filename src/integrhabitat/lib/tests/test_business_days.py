from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from integrhabitat.lib.business_days import add_business_days, business_days_between, is_business_day


def test_colombian_holidays_and_weekends_are_not_business_days():
    assert not is_business_day(date(2026, 12, 8), "CO")  # La Inmaculada Concepción
    assert not is_business_day(date(2026, 12, 25), "CO")
    assert not is_business_day(date(2026, 12, 12), "CO")  # a Saturday
    assert is_business_day(date(2026, 12, 9), "CO")
    assert not is_business_day(date(2026, 1, 12), "CO")  # Reyes Magos, moved to Monday (Ley Emiliani)
    assert is_business_day(date(2026, 1, 12), "PE")  # not a holiday in Peru


def test_ten_business_days_from_a_monday_before_a_holiday_in_colombia():
    # Received Monday 7 Dec 2026: the 8th is a holiday, two weekends follow, the 25th is Christmas.
    assert add_business_days(date(2026, 12, 7), 10, "CO") == date(2026, 12, 22)
    assert add_business_days(date(2026, 12, 7), 15, "CO") == date(2026, 12, 30)
    assert add_business_days(date(2026, 12, 7), 10, "PE") == date(2026, 12, 23)  # Peru rests on the 8th and 9th


def test_a_friday_request_with_one_day_is_due_on_the_next_business_day():
    assert add_business_days(date(2026, 12, 4), 1, "CO") == date(2026, 12, 7)
    assert add_business_days(date(2026, 12, 4), 0, "CO") == date(2026, 12, 4)


def test_an_unknown_country_counts_weekends_only():
    assert add_business_days(date(2026, 12, 4), 1, "AQ") == date(2026, 12, 7)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)), st.integers(min_value=0, max_value=40),
       st.sampled_from(["CO", "PE", "EC"]))
def test_counting_back_the_days_gives_the_same_number(start, days, country):
    due = add_business_days(start, days, country)
    assert business_days_between(start, due, country) == days
    assert due == start or is_business_day(due, country)
    assert due - start <= timedelta(days=days * 2 + 14)
