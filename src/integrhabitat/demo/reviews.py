"""The demo's service reviews: one or two per center, taken some weeks ago on services of its
portfolio, with the figures of their deliveries frozen in them.

Only "continue" and "adapt" decisions, on services still active: the portfolio keeps the statuses of
the catalogue (`catalogue.ServiceSpec.final_status`) whether this runs before or after they are set.
One review per center notes a goal reached yet keeps the service for now, so that the review queue
shows its "goal reached" flag. A review whose service is missing or no longer active is skipped.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from integrhabitat.demo.catalogue import build, read
from integrhabitat.improvement.models import ServiceReview
from integrhabitat.improvement.reviews.services import REVIEWABLE, months_ending, record_review
from integrhabitat.network.models import Center
from integrhabitat.services.models import Service


@dataclass(frozen=True)
class ReviewSpec:
    service: str
    decision: ServiceReview.Decision
    outcomes: str
    rationale: str
    changes: str = ""
    goal_reached: bool = False
    days_ago: int = 30  # the review meeting; its period is the twelve months before
    next_in_days: int = 150  # the next review, from today


# By center slug (texts in `data/reviews.toml`).
REVIEWS = build(dict[str, list[ReviewSpec]], read("reviews.toml"))


def load_reviews(center: Center, *, actor, today: date) -> int:
    """Record the center's demo reviews through `record_review`; returns how many were recorded."""
    recorded = 0
    for spec in REVIEWS.get(center.slug, []):
        service = Service.objects.filter(center=center, name=spec.service, status__in=REVIEWABLE).first()
        if service is None:
            continue
        held_on = today - timedelta(days=spec.days_ago)
        review = record_review(service, {
            "period_start": months_ending(held_on, 12), "period_end": held_on, "decision": spec.decision,
            "outcomes": spec.outcomes, "rationale": spec.rationale, "changes": spec.changes,
            "goal_reached": spec.goal_reached, "next_review_on": today + timedelta(days=spec.next_in_days),
        }, actor=actor)
        # The meeting took place that day, not when the demo was loaded.
        ServiceReview.objects.filter(pk=review.pk).update(
            reviewed_at=timezone.make_aware(datetime.combine(held_on, time(11))))
        recorded += 1
    return recorded
