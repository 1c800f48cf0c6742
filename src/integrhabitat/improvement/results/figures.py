"""Figures counted from the center's data, each in one place: the center's day; the headline figures of a
period (people served, services delivered) and their trend; the services to review; what a small cell is,
for every figure shown beyond the center (the network's, `improvement/network/figures.py`, and the
published reports').

One figure, one number: every page that shows "people served" or "services delivered" counts it through
the indicators catalogue (`Indicator.total`) over the headline period (`periods.headline_period`, the last
quarter that has ended) unless the user chose another period, and names the period next to it. The services
to review are `services_to_review` on the center home and on the review queue alike.
"""

from dataclasses import dataclass
from datetime import date

from integrhabitat.improvement.results.indicators import CATALOGUE, Scope
from integrhabitat.improvement.results.periods import CalendarPeriod
from integrhabitat.network.models import Center
from integrhabitat.people.models import Participant
from integrhabitat.services.models import Service, ServiceDelivery

# The headline figures, by indicator code: counts that every page names the same way.
HEADLINE = ("people_served", "deliveries")
UP, DOWN, SAME = "up", "down", "same"


def small(n: int | None, threshold: int) -> bool:
    """A small cell: more than nobody, fewer than the threshold."""
    return n is not None and 0 < n < threshold


def center_day(center: Center, today: date) -> dict[str, int]:
    """Today's figures of the center home (a period of its own, named "today" on the page)."""
    deliveries = ServiceDelivery.objects.filter(center=center, delivered_on=today)
    return {
        "deliveries_today": deliveries.count(),
        "people_today": deliveries.values("participant").distinct().count(),
        "registered_today": Participant.objects.filter(center=center, created_at__date=today).count(),
        "active_services": Service.objects.filter(center=center, status=Service.Status.ACTIVE).count(),
        "participants": Participant.objects.active().filter(center=center).count(),
    }


def headline(centers: Center | list[Center], period: CalendarPeriod) -> dict[str, int]:
    """The headline figures of `period`: `people_served` (different people who received at least one
    service) and `deliveries` (services delivered), counted as the dashboard, the canvas and the network
    count them."""
    scope = Scope.of(centers, period.start, period.end)
    return {code: CATALOGUE[code].total(scope).numerator or 0 for code in HEADLINE}


@dataclass(frozen=True)
class Trend:
    """A headline figure of a period against the same figure of the period before."""

    code: str
    current: int
    previous: int

    @property
    def direction(self) -> str:
        return UP if self.current > self.previous else DOWN if self.current < self.previous else SAME

    @property
    def change(self) -> int:
        """How many more (or, negative, fewer) than in the period before."""
        return self.current - self.previous

    @property
    def amount(self) -> int:
        """How many more or fewer, whichever the direction."""
        return abs(self.change)


def trends(center: Center, period: CalendarPeriod) -> dict[str, Trend]:
    """Each headline figure of `period` against the period before (a quarter against the quarter before)."""
    now, before = headline(center, period), headline(center, period.previous())
    return {code: Trend(code, now[code], before[code]) for code in HEADLINE}


def review_summary(rows) -> tuple[int, int]:
    """(services to review now, services that can be reviewed), from the rows of the review queue: a
    service is to review when the queue flags it for any reason (`reviews.review_flags`)."""
    return sum(1 for row in rows if row.flags), len(rows)


def services_to_review(center: Center, today: date) -> tuple[int, int]:
    """`review_summary` of the center's review queue: what the center home says, and the queue itself."""
    from integrhabitat.improvement.reviews.services import review_queue

    return review_summary(review_queue(center, today))
