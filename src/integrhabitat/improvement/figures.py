"""Figures counted from service deliveries: the center's day; and what a small cell is, for every figure
shown beyond the center (the network's, `improvement/network_figures.py`, and the published reports')."""

from datetime import date

from integrhabitat.network.models import Center
from integrhabitat.people.models import Participant
from integrhabitat.services.models import Service, ServiceDelivery


def small(n: int | None, threshold: int) -> bool:
    """A small cell: more than nobody, fewer than the threshold."""
    return n is not None and 0 < n < threshold


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
