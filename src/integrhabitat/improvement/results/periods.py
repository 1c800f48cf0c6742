"""The periods of the network's figures: one calendar month, quarter or year, whole, once it has ended.

The rule, for the network overview, its comparison of centers and their downloads (`/network/`,
`/network/download/`):

- a period is one calendar month, one calendar quarter (January–March, April–June, July–September,
  October–December) or one calendar year, from its first day to its last;
- it has ended (its last day is before today).

Any two such periods are either nested (a month in its quarter and in its year, a quarter in its year) or
apart: none is another shifted or stretched by a day or a week, which is what subtracting two periods needs
to isolate the people of the difference. The nested pairs are checked figure by figure
(`improvement/network/figures.py`). A period still running is refused because its figures, counted again
as the days pass, would differ by the people served in between.

A period is asked for as a year and a part of it: `?year=2026` (the whole year), `?year=2026&part=q1` (a
quarter), `?year=2026&part=3` (March). A `start`/`end` pair (older addresses) is snapped to whole months —
`start` to the first day of its month, `end` to the last day of its own — and accepted only when that makes
one of these periods; anything else is refused with a message saying what to choose. Without a choice the
page shows the headline period.

The headline period — the one definition of "people served", "services delivered" and every other headline
figure (`improvement/results/figures.py`) — is **the last calendar quarter that has ended**: on 8 December 2026,
1 July to 30 September 2026. Every page that shows a headline figure without being asked for another period
counts it over this period and names it next to the figure: the center home, the results dashboard, the
canvas and the network overview. It is a whole calendar period that has ended because the network overview
may show no other (above); it is whole and over, so a figure read on Monday is the same on Friday; and the
quarter before it (`CalendarPeriod.previous`) is what the center home compares it with. Today's figures of
the center home are a separate, named period ("today").
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

YEAR, QUARTER, MONTH = "year", "quarter", "month"
EARLIEST_YEAR = 2000


@dataclass(frozen=True, order=True)
class CalendarPeriod:
    """A whole calendar month, quarter or year (build it with `month`, `quarter`, `year` or `snapped`)."""

    start: date
    end: date

    @classmethod
    def month(cls, year: int, month: int) -> "CalendarPeriod":
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "CalendarPeriod":
        first = 3 * (quarter - 1) + 1
        return cls(date(year, first, 1), cls.month(year, first + 2).end)

    @classmethod
    def year(cls, year: int) -> "CalendarPeriod":
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def snapped(cls, start: date, end: date) -> "CalendarPeriod | None":
        """The period from the first day of `start`'s month to the last day of `end`'s, when that is one
        calendar month, quarter or year; else None."""
        whole = cls(start.replace(day=1), cls.month(end.year, end.month).end)
        candidates = [cls.month(start.year, start.month), cls.quarter(start.year, quarter_of(start)),
                      cls.year(start.year)]
        return whole if whole in candidates else None

    @classmethod
    def last_ended_quarter(cls, today: date) -> "CalendarPeriod":
        before = cls.quarter(today.year, quarter_of(today)).start - timedelta(days=1)
        return cls.quarter(before.year, quarter_of(before))

    def previous(self) -> "CalendarPeriod":
        """The period of the same kind just before this one (the quarter before a quarter...)."""
        before = self.start - timedelta(days=1)
        if self.kind == YEAR:
            return self.year(before.year)
        if self.kind == QUARTER:
            return self.quarter(before.year, quarter_of(before))
        return self.month(before.year, before.month)

    @property
    def kind(self) -> str:
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        return {1: MONTH, 3: QUARTER, 12: YEAR}[months]

    @property
    def part(self) -> str:
        """The `part` of the address: "" for a year, "q1"–"q4" for a quarter, "1"–"12" for a month."""
        if self.kind == YEAR:
            return ""
        if self.kind == QUARTER:
            return f"q{quarter_of(self.start)}"
        return str(self.start.month)

    def query(self) -> dict[str, str]:
        return {"year": str(self.start.year), **({"part": self.part} if self.part else {})}

    def contains(self, other: "CalendarPeriod") -> bool:
        return self.start <= other.start and other.end <= self.end

    def has_ended(self, today: date) -> bool:
        return self.end < today

    def nested(self) -> list["CalendarPeriod"]:
        """Every other calendar period nested with this one: those it lies in, and those that lie in it."""
        year = self.start.year
        every = [self.year(year), *(self.quarter(year, q) for q in range(1, 5)),
                 *(self.month(year, m) for m in range(1, 13))]
        return [p for p in every if p != self and (p.contains(self) or self.contains(p))]


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def headline_period(today: date) -> CalendarPeriod:
    """The period of every headline figure (see the module's docstring): the last quarter that has ended."""
    return CalendarPeriod.last_ended_quarter(today)


PART_CHOICES = [
    ("", _("The whole year")),
    (_("Quarters"), [(f"q{q}", format_lazy("{} – {}", MONTHS[3 * q - 2], MONTHS[3 * q])) for q in range(1, 5)]),
    (_("Months"), [(str(m), MONTHS[m]) for m in range(1, 13)]),
]


class NetworkPeriodForm(forms.Form):
    """The period of the network's figures: a year, and a quarter or month of it (see the module's rule)."""

    year = forms.IntegerField(label=_("Year"), min_value=EARLIEST_YEAR, required=False)
    part = forms.ChoiceField(label=_("Period"), choices=PART_CHOICES, required=False)
    # Older addresses: snapped to whole months, never shown.
    start = forms.DateField(label=_("From"), widget=forms.HiddenInput, required=False)
    end = forms.DateField(label=_("To"), widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()
        self.fields["year"].widget.attrs["max"] = self.today.year  # later years are refused as not ended
        if not self.is_bound:
            self.initial.update(self.default().query())

    def default(self) -> CalendarPeriod:
        return headline_period(self.today)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("year"):
            part = data.get("part") or ""
            if part.startswith("q"):
                period = CalendarPeriod.quarter(data["year"], int(part[1:]))
            elif part:
                period = CalendarPeriod.month(data["year"], int(part))
            else:
                period = CalendarPeriod.year(data["year"])
        elif data.get("start") or data.get("end"):
            start, end = data.get("start"), data.get("end")
            period = CalendarPeriod.snapped(start, end) if start and end and start <= end else None
            if period is None:
                raise forms.ValidationError(
                    _("Choose a whole calendar month, quarter or year, from its first day to its last."),
                    code="not_calendar")
        else:
            period = self.default()
        if not period.has_ended(self.today):
            raise forms.ValidationError(
                _("Choose a period that has ended: the figures of a period still running change as people "
                  "are served, and comparing them from one day to the next would single people out."),
                code="running")
        data["period"] = period
        return data

    def period(self) -> CalendarPeriod:
        """The chosen period (the default one when nothing was chosen); only for a valid or unbound form."""
        if not self.is_bound:
            return self.default()
        return self.cleaned_data["period"]
