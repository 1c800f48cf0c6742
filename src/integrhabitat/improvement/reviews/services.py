"""Periodic service reviews (seed §5: a service whose goal is reached is changed or retired).

A review looks at a service's figures for a period — demand month by month, people reached by
population group, new and returning people, satisfaction, cost model and the demand trend — and
records a decision that the service's status follows:

- continue → active;
- adapt → active, and the changes are written down;
- retire → retired;
- new → the service is retired and a new one, copied from it, is created as planned.

The figures are frozen into the review's `findings`, so that a review still shows what the
decision was taken on after more deliveries are recorded. The review form also asks whether the
service reached its goal; the answer is kept in `findings["goal_reached"]`.

The review queue flags, for every active or under-review service (from SQL aggregates, a fixed
number of queries):

- falling demand: the deliveries of the last `TREND_MONTHS` months are at least
  `FALLING_DEMAND_DROP` below those of the `TREND_MONTHS` months before, and there were at least
  `FALLING_DEMAND_MIN_DELIVERIES` of them before (so that a service of five deliveries a quarter
  does not flap between flagged and not);
- never reviewed;
- review due: the next review date set by the latest review has come, or the latest review is
  older than `REVIEW_EVERY_MONTHS` months;
- goal reached: the latest review said the service reached its goal and yet decided to continue it
  as it is — the seed asks for such a service to be changed or retired, so it stays flagged until
  a review adapts, retires or replaces it.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Avg, Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import services as audit
from integrhabitat.improvement.models import Satisfaction, ServiceReview
from integrhabitat.lib.errors import Refused
from integrhabitat.network.models import Center
from integrhabitat.people.groups import GROUPS
from integrhabitat.services.models import Service, ServiceDelivery
from integrhabitat.services.services import save_service

# The demand trend compares the last TREND_MONTHS months with the TREND_MONTHS months before.
TREND_MONTHS = 3
# Falling demand: a drop of at least 30 %...
FALLING_DEMAND_DROP = Decimal("0.30")
# ...from at least this many deliveries in the earlier months.
FALLING_DEMAND_MIN_DELIVERIES = 15
# A service is reviewed at least this often.
REVIEW_EVERY_MONTHS = 12
# The default period of a review: the last twelve months.
DEFAULT_PERIOD_MONTHS = 12

# What each decision makes of the service's status ("new" also creates the service that replaces it).
STATUS_AFTER = {
    ServiceReview.Decision.CONTINUE: Service.Status.ACTIVE,
    ServiceReview.Decision.ADAPT: Service.Status.ACTIVE,
    ServiceReview.Decision.RETIRE: Service.Status.RETIRED,
    ServiceReview.Decision.NEW: Service.Status.RETIRED,
}
REVIEWABLE = (Service.Status.ACTIVE, Service.Status.UNDER_REVIEW)


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day when it is shorter)."""
    years, month_index = divmod(day.month - 1 - months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_ending(end: date, months: int) -> date:
    """The first day of the `months` months that end on `end` (whole calendar months when `end` is a
    month's last day: the three months ending on 30 June start on 1 April)."""
    return months_before(end + timedelta(days=1), months)


def default_period(today: date) -> tuple[date, date]:
    return months_ending(today, DEFAULT_PERIOD_MONTHS), today


def trend_windows(end: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """(recent, previous): the TREND_MONTHS months ending on `end` and the TREND_MONTHS months before."""
    recent_start = months_ending(end, TREND_MONTHS)
    previous_start = months_ending(end, 2 * TREND_MONTHS)
    return (recent_start, end), (previous_start, recent_start - timedelta(days=1))


def percent_change(recent: int, previous: int) -> float | None:
    """Change from `previous` to `recent` in %, one decimal; None when there was nothing before."""
    if not previous:
        return None
    change = (Decimal(recent) - previous) * 100 / previous
    return float(change.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def demand_is_falling(recent: int, previous: int) -> bool:
    return previous >= FALLING_DEMAND_MIN_DELIVERIES and recent <= previous * (1 - FALLING_DEMAND_DROP)


def _window_counts(end: date) -> dict[str, Any]:
    """Aggregate keyword arguments counting deliveries in the two trend windows."""
    (recent_start, recent_end), (previous_start, previous_end) = trend_windows(end)
    return {
        "recent": Count("id", filter=Q(delivered_on__gte=recent_start, delivered_on__lte=recent_end)),
        "previous": Count("id", filter=Q(delivered_on__gte=previous_start, delivered_on__lte=previous_end)),
    }


def _month_starts(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def service_figures(service: Service, start: date, end: date) -> dict[str, Any]:
    """The figures a review looks at, for deliveries dated in [start, end], as plain JSON values.

    - `months`: deliveries and distinct people per calendar month of the period (the demand trend);
    - `groups`: distinct people reached by population group (age as of `end`), sensitive groups
      included and marked — the pages show those only to whoever may read sensitive data;
    - `new_people` received the service for the first time in the period, `returning_people` had
      received it before the period;
    - `satisfaction`: the average score and number of ratings of the service given in the period;
    - `trend`: deliveries of the last TREND_MONTHS months up to `end` against the TREND_MONTHS before
      (these windows look back six months from `end`, whatever the period's start).

    A fixed number of aggregate queries, whatever the number of deliveries.
    """
    all_deliveries = ServiceDelivery.objects.filter(service=service)
    period = all_deliveries.filter(delivered_on__gte=start, delivered_on__lte=end)
    totals = period.aggregate(deliveries=Count("id"), people=Count("participant", distinct=True))
    by_month = {
        row["month"]: row
        for row in period.annotate(month=TruncMonth("delivered_on")).values("month")
        .annotate(deliveries=Count("id"), people=Count("participant", distinct=True)).order_by("month")
    }
    by_group = period.aggregate(**{
        code: Count("participant", distinct=True, filter=group.q(end, prefix="participant__"))
        for code, group in GROUPS.items()
    })
    returning = (period.filter(participant__in=all_deliveries.filter(delivered_on__lt=start).values("participant"))
                 .values("participant").distinct().count())
    ratings = Satisfaction.counted.filter(service=service, created_at__date__gte=start,
                                          created_at__date__lte=end).aggregate(average=Avg("score"), count=Count("id"))
    trend = all_deliveries.aggregate(**_window_counts(end))
    return {
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "deliveries": totals["deliveries"],
        "people": totals["people"],
        "months": [
            {"month": month.strftime("%Y-%m"),
             "deliveries": _month_value(by_month, month, "deliveries"),
             "people": _month_value(by_month, month, "people")}
            for month in _month_starts(start, end)
        ],
        "groups": [{"code": code, "people": by_group[code], "sensitive": group.sensitive}
                   for code, group in GROUPS.items()],
        "new_people": totals["people"] - returning,
        "returning_people": returning,
        "satisfaction": {
            "average": None if ratings["average"] is None else round(float(ratings["average"]), 2),
            "count": ratings["count"],
        },
        "cost_model": service.cost_model,
        "trend": {"recent": trend["recent"], "previous": trend["previous"],
                  "change": percent_change(trend["recent"], trend["previous"]),
                  "falling": demand_is_falling(trend["recent"], trend["previous"])},
    }


def _month_value(by_month: dict, month: date, key: str) -> int:
    # TruncMonth gives a date on SQLite and PostgreSQL alike for a DateField.
    row = by_month.get(month)
    return row[key] if row else 0


def present(findings: dict[str, Any], *, with_sensitive: bool) -> dict[str, Any]:
    """The figures as a page shows them: months as dates, group labels, sensitive groups only for
    whoever may see them."""
    if not findings:
        return {}
    shown = dict(findings)
    shown["months"] = [{**row, "month": date.fromisoformat(f"{row['month']}-01")}
                       for row in findings.get("months", [])]
    shown["groups"] = [{**row, "label": GROUPS[row["code"]].label}
                       for row in findings.get("groups", [])
                       if row["code"] in GROUPS and (with_sensitive or not row["sensitive"])]
    shown["cost_model_label"] = Service.CostModel(findings["cost_model"]).label if findings.get("cost_model") else ""
    shown["period"] = {key: date.fromisoformat(value) for key, value in findings.get("period", {}).items()}
    return shown


# --- The review queue ----------------------------------------------------------------------------------

@dataclass
class QueueRow:
    service: Service
    last_reviewed: date | None
    next_review_on: date | None
    recent: int
    previous: int
    change: float | None
    flags: list[str] = field(default_factory=list)

    @property
    def flag_labels(self) -> list:
        return [FLAG_LABELS[flag] for flag in self.flags]


FALLING_DEMAND, NEVER_REVIEWED, REVIEW_DUE, GOAL_REACHED = "falling_demand", "never_reviewed", "review_due", "goal"
FLAG_LABELS = {
    FALLING_DEMAND: _("Falling demand"),
    NEVER_REVIEWED: _("Never reviewed"),
    REVIEW_DUE: _("Review due"),
    GOAL_REACHED: _("Goal reached"),
}


def review_flags(*, today: date, recent: int, previous: int, last_reviewed: date | None,
                 next_review_on: date | None, goal_reached: bool, last_decision: str | None) -> list[str]:
    """The reasons to review a service now (see the module's docstring)."""
    flags = []
    if demand_is_falling(recent, previous):
        flags.append(FALLING_DEMAND)
    if last_reviewed is None:
        flags.append(NEVER_REVIEWED)
    elif (next_review_on is not None and next_review_on <= today) or (
            last_reviewed <= months_before(today, REVIEW_EVERY_MONTHS)):
        flags.append(REVIEW_DUE)
    if goal_reached and last_decision == ServiceReview.Decision.CONTINUE:
        flags.append(GOAL_REACHED)
    return flags


def review_queue(center: Center, today: date) -> list[QueueRow]:
    """Every active or under-review service of `center` with its latest review and its flags,
    flagged ones first. Three queries, whatever the number of services."""
    latest = ServiceReview.objects.filter(service=OuterRef("pk")).order_by("-reviewed_at", "-pk")
    services = list(
        Service.objects.filter(center=center, status__in=REVIEWABLE)
        .annotate(last_reviewed_at=Max("reviews__reviewed_at"),
                  latest_next_review_on=Subquery(latest.values("next_review_on")[:1]),
                  latest_decision=Subquery(latest.values("decision")[:1]),
                  latest_goal_reached=Subquery(latest.values("findings__goal_reached")[:1]))
        .order_by("name")
    )
    deliveries = ServiceDelivery.objects.filter(center=center, service__in=[s.pk for s in services])
    counts = {row["service"]: row for row in
              deliveries.values("service").annotate(**_window_counts(today))}
    rows = []
    for service in services:
        window = counts.get(service.pk, {"recent": 0, "previous": 0})
        last_reviewed = timezone.localdate(service.last_reviewed_at) if service.last_reviewed_at else None
        rows.append(QueueRow(
            service=service, last_reviewed=last_reviewed, next_review_on=service.latest_next_review_on,
            recent=window["recent"], previous=window["previous"],
            change=percent_change(window["recent"], window["previous"]),
            flags=review_flags(today=today, recent=window["recent"], previous=window["previous"],
                               last_reviewed=last_reviewed, next_review_on=service.latest_next_review_on,
                               goal_reached=service.latest_goal_reached in (True, "true", 1),
                               last_decision=service.latest_decision),
        ))
    rows.sort(key=lambda row: not row.flags)  # stable: by name within flagged and unflagged
    return rows


# --- Recording a review ------------------------------------------------------------------------------

@transaction.atomic
def record_review(service: Service, data: dict[str, Any], *, actor) -> ServiceReview:
    """Record a review of `service` and make its status follow the decision (see the module's docstring).

    `data`: period_start, period_end, decision, rationale, and optionally outcomes, changes (required
    to adapt), next_review_on, goal_reached, new_service_name (required for a new service). The
    figures of the period are frozen into the review. All or nothing; audited
    (`improvement.review.recorded`, and the services' own entries for their changes).
    """
    service = Service.objects.select_for_update().get(pk=service.pk)  # one review at a time per service
    center = service.center
    if service.status not in REVIEWABLE:
        raise Refused(_("Only an active service or one under review can be reviewed."))
    start, end = data["period_start"], data["period_end"]
    if end < start:
        raise Refused(_("The end of the period is before its start."))
    decision = ServiceReview.Decision(data["decision"])
    rationale, changes = data.get("rationale", "").strip(), data.get("changes", "").strip()
    if not rationale:
        raise Refused(_("Write why the team took this decision."))
    if decision == ServiceReview.Decision.ADAPT and not changes:
        raise Refused(_("Write what changes in the service."))
    new_name = data.get("new_service_name", "").strip()
    if decision == ServiceReview.Decision.NEW:
        if not new_name:
            raise Refused(_("Write the name of the new service."))
        if Service.objects.filter(center=center, name__iexact=new_name).exists():
            raise Refused(_("This center already has a service with this name."))

    findings = service_figures(service, start, end)
    findings["goal_reached"] = bool(data.get("goal_reached"))
    new_service = None
    if decision == ServiceReview.Decision.NEW:
        new_service = save_service(center, {
            "name": new_name, "description": changes, "service_type": service.service_type,
            "origin": service.origin, "modality": service.modality, "relationship": service.relationship,
            "provider": service.provider, "target_groups": list(service.target_groups),
            "cost_model": service.cost_model, "status": Service.Status.PLANNED,
        }, actor=actor)
    if service.status != STATUS_AFTER[decision]:
        save_service(center, {"status": STATUS_AFTER[decision]}, actor=actor, service=service)
    review = ServiceReview.objects.create(
        center=center, service=service, period_start=start, period_end=end, findings=findings,
        outcomes=data.get("outcomes", "").strip(), decision=decision, rationale=rationale, changes=changes,
        new_service=new_service, next_review_on=data.get("next_review_on"), reviewed_by=actor,
    )
    audit.record("improvement.review.recorded", review, actor=actor, fields=["decision", "service"])
    return review


def reviews_of(center: Center):
    return ServiceReview.objects.filter(center=center).select_related("service", "new_service", "reviewed_by")

