"""Figures counted from service deliveries: the center's day, and the network's aggregates.

Network figures hold no personal data and suppress small cells (counts under
`settings.SMALL_CELL_THRESHOLD`, of people or of deliveries, which would bound the people
behind them), so that nobody can be singled out.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Count

from integrhabitat.network.models import Center
from integrhabitat.people.groups import GROUPS
from integrhabitat.people.models import Participant
from integrhabitat.services.models import Service, ServiceDelivery
from integrhabitat.services.taxonomy import Category


def small(n: int | None, threshold: int) -> bool:
    """A small cell: more than nobody, fewer than the threshold."""
    return n is not None and 0 < n < threshold


def suppress(value: int) -> int | None:
    """None stands for a small cell."""
    return None if small(value, settings.SMALL_CELL_THRESHOLD) else value


def center_day(center: Center, today: date) -> dict[str, int]:
    deliveries = ServiceDelivery.objects.filter(center=center)
    month_start = today.replace(day=1)
    return {
        "deliveries_today": deliveries.filter(delivered_on=today).count(),
        "people_today": deliveries.filter(delivered_on=today).values("participant").distinct().count(),
        "registered_today": Participant.objects.filter(center=center, created_at__date=today).count(),
        "people_month": deliveries.filter(delivered_on__gte=month_start, delivered_on__lte=today)
        .values("participant").distinct().count(),
        "active_services": Service.objects.filter(center=center, status=Service.Status.ACTIVE).count(),
        "participants": Participant.objects.active().filter(center=center).count(),
    }


@dataclass
class CenterFigures:
    center: Center
    people: int | None = 0
    deliveries: int | None = 0
    by_category: dict[str, int | None] = field(default_factory=dict)
    by_group: dict[str, int | None] = field(default_factory=dict)


def network_overview(start: date, end: date) -> list[CenterFigures]:
    """Per center, for deliveries dated in [start, end]: people served, deliveries, deliveries by
    category and people served by population group (age as of `end`). A fixed number of queries."""
    centers = list(Center.objects.filter(is_active=True).order_by("name"))
    rows = {c.pk: CenterFigures(center=c) for c in centers}
    period = ServiceDelivery.objects.filter(delivered_on__gte=start, delivered_on__lte=end)
    for row in period.values("center").annotate(n=Count("id"), people=Count("participant", distinct=True)):
        if row["center"] in rows:
            rows[row["center"]].deliveries = suppress(row["n"])
            rows[row["center"]].people = suppress(row["people"])
    for row in period.values("center", "service__category").annotate(n=Count("id")):
        if row["center"] in rows:
            rows[row["center"]].by_category[row["service__category"]] = suppress(row["n"])
    for group in GROUPS.values():
        counted = (
            period.filter(group.q(end, prefix="participant__"))
            .values("center")
            .annotate(n=Count("participant", distinct=True))
        )
        for row in counted:
            if row["center"] in rows:
                rows[row["center"]].by_group[group.code] = suppress(row["n"])
    for figures in rows.values():
        figures.by_category = {c.value: figures.by_category.get(c.value, 0) for c in Category}
        figures.by_group = {code: figures.by_group.get(code, 0) for code in GROUPS}
    return list(rows.values())
