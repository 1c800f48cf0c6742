"""Business days of a country: legal deadlines (an answer to a data-protection request) run on them.
Public holidays come from the `holidays` package, which keeps each country's calendar, moveable feasts
and Colombia's "Ley Emiliani" Mondays included."""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays(country: str, year: int) -> frozenset[date]:
    try:
        return frozenset(holidays.country_holidays(country, years=year))
    except NotImplementedError:  # a country the package does not know: weekends only
        return frozenset()


def is_business_day(day: date, country: str) -> bool:
    return day.weekday() < 5 and day not in _holidays(country, day.year)


def add_business_days(start: date, days: int, country: str) -> date:
    """The day `days` business days after `start` (which itself does not count): a request received on
    a Friday with 1 business day to answer is due on Monday, or Tuesday if Monday is a holiday."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    while days:
        day += timedelta(days=1)
        if is_business_day(day, country):
            days -= 1
    return day


def business_days_between(start: date, end: date, country: str) -> int:
    """Business days after `start` up to and including `end` (negative when `end` comes first)."""
    if end < start:
        return -business_days_between(end, start, country)
    return sum(is_business_day(start + timedelta(days=k), country) for k in range(1, (end - start).days + 1))
