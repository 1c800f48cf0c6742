"""How referrals fare: per receiving organization, how fast they are answered and how many end
in an attended service. Counts are SQL aggregates; medians are taken from the answer times."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from django.db.models import Count, Q

from integrhabitat.cases.models import Referral
from integrhabitat.network.models import Center

S = Referral.Status


@dataclass
class PartnerFigures:
    organization_id: int | None
    name: str
    sent: int
    waiting: int
    accepted: int
    rejected: int
    attended: int
    median_answer: timedelta | None
    oldest_waiting: timedelta | None

    @property
    def answered(self) -> int:
        return self.sent - self.waiting

    @property
    def answered_share(self) -> float | None:
        return self.answered / self.sent if self.sent else None

    @property
    def attended_share(self) -> float | None:
        return self.attended / self.sent if self.sent else None

    @property
    def median_answer_days(self) -> float | None:
        return None if self.median_answer is None else self.median_answer.total_seconds() / 86400


def partner_figures(center: Center, *, since: datetime | None = None, now: datetime) -> list[PartnerFigures]:
    """One row per organization that received referrals from `center` (sent since `since`)."""
    referrals = Referral.objects.filter(center=center, sent_at__isnull=False, organization__isnull=False)
    if since is not None:
        referrals = referrals.filter(sent_at__gte=since)
    rows = (referrals.values("organization_id", "organization__name")
            .annotate(sent=Count("id"),
                      waiting=Count("id", filter=Q(answered_at__isnull=True) & ~Q(status=S.CANCELLED)),
                      accepted=Count("id", filter=Q(status__in=[S.ACCEPTED, S.ATTENDED, S.CLOSED],
                                                    answered_at__isnull=False)),
                      rejected=Count("id", filter=Q(status=S.REJECTED)),
                      attended=Count("id", filter=Q(attended_at__isnull=False)))
            .order_by("organization__name"))
    waits: dict[int, list[timedelta]] = {}
    oldest: dict[int, timedelta] = {}
    for org_id, sent_at, answered_at in referrals.exclude(status=S.CANCELLED).values_list(
            "organization_id", "sent_at", "answered_at"):
        if answered_at is not None:
            waits.setdefault(org_id, []).append(answered_at - sent_at)
        else:
            oldest[org_id] = max(oldest.get(org_id, timedelta(0)), now - sent_at)
    return [
        PartnerFigures(
            organization_id=row["organization_id"], name=row["organization__name"], sent=row["sent"],
            waiting=row["waiting"], accepted=row["accepted"], rejected=row["rejected"], attended=row["attended"],
            median_answer=median(waits[row["organization_id"]]) if row["organization_id"] in waits else None,
            oldest_waiting=oldest.get(row["organization_id"]),
        )
        for row in rows
    ]
