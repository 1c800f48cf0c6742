"""Handling what people tell the center: every message gets an answer by its deadline; a complaint
of abuse or misconduct goes to the coordinator only. Atomic and audited (`improvement.feedback.*`)."""

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.accounts.notify import notify
from integrhabitat.audit import services as audit
from integrhabitat.improvement.models import Feedback, Satisfaction
from integrhabitat.lib.concurrency import locked_current, save_versioned
from integrhabitat.lib.errors import Refused
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import FEEDBACK_RESTRICTED

# Days to answer, by kind.
# More kiosk ratings than this within a minute at one center are a burst (a child tapping, a script):
# kept, but out of the satisfaction figures. A queue at the tablet rates one person every ~15 s.
KIOSK_BURST = 5
RESPONSE_DAYS = {Feedback.Kind.COMPLAINT: 10, Feedback.Kind.SUGGESTION: 30, Feedback.Kind.COMPLIMENT: 30}


def _coordinators(center: Center):
    return [m.user for m in Membership.objects.with_perm(FEEDBACK_RESTRICTED).filter(center=center)
            .select_related("user")]


def _tell_coordinators(feedback: Feedback, text) -> None:
    url = reverse("improvement:feedback_detail", kwargs={"center": feedback.center.slug, "feedback_id": feedback.uuid})
    for user in _coordinators(feedback.center):
        # The notification names the message's code, never its content.
        notify(user, center=feedback.center, url=url, text=text, subject=text, params={"code": feedback.code})


@transaction.atomic
def submit_feedback(center: Center, data: Mapping[str, Any]) -> Feedback:
    """Anyone's message, signed or anonymous; it is due by the deadline of its kind."""
    service = data.get("service")
    if service is not None and service.center_id != center.pk:
        raise Refused(_("The service is not part of this center's portfolio."))
    feedback = Feedback.objects.create(
        center=center, due_on=timezone.localdate() + timedelta(days=RESPONSE_DAYS[data["kind"]]), **data)
    audit.record("improvement.feedback.received", feedback, actor=None)
    if feedback.is_restricted:
        _tell_coordinators(feedback, _("A complaint of abuse or misconduct was received (%(code)s)."))
    return feedback


@transaction.atomic
def answer_feedback(feedback: Feedback, *, response: str, close: bool, version: int, actor) -> Feedback:
    """The answer the person reads with their code; closing ends the handling."""
    current = locked_current(feedback, version)
    response = response.strip()
    if not response:
        raise Refused(_("Write the answer to the person."))
    current.response, current.responded_at, current.assigned_to = response, timezone.now(), actor
    current.status = Feedback.Status.CLOSED if close else Feedback.Status.ANSWERED
    save_versioned(current)
    audit.record("improvement.feedback.answered", current, actor=actor, fields=["status"])
    return current


@transaction.atomic
def take_feedback(feedback: Feedback, *, version: int, actor) -> Feedback:
    current = locked_current(feedback, version)
    current.status, current.assigned_to = Feedback.Status.IN_PROGRESS, actor
    save_versioned(current)
    audit.record("improvement.feedback.taken", current, actor=actor)
    return current


@transaction.atomic
def escalate_feedback(feedback: Feedback, *, version: int, actor) -> Feedback:
    """Hand it to the coordinator; from then on only the coordinator sees it."""
    current = locked_current(feedback, version)
    current.escalated = True
    save_versioned(current)
    audit.record("improvement.feedback.escalated", current, actor=actor)
    _tell_coordinators(current, _("A message was escalated to you (%(code)s)."))
    return current


@transaction.atomic
def rate_service(center: Center, *, score: int, channel: str, service=None, delivery=None,
                 comment: str = "") -> Satisfaction:
    """One rating; a delivery is rated once (rating it again changes the score)."""
    if service is not None and service.center_id != center.pk:
        raise Refused(_("The service is not part of this center's portfolio."))
    if delivery is not None:
        if delivery.center_id != center.pk:
            raise Refused(_("The service is not part of this center's portfolio."))
        rating, _created = Satisfaction.objects.update_or_create(
            delivery=delivery, defaults={"center": center, "service": delivery.service, "score": score,
                                         "comment": comment.strip(), "channel": channel})
        return rating
    in_burst = channel == Satisfaction.Channel.KIOSK and Satisfaction.objects.filter(
        center=center, channel=channel, created_at__gte=timezone.now() - timedelta(minutes=1)).count() >= KIOSK_BURST
    return Satisfaction.objects.create(center=center, service=service, score=score, comment=comment.strip(),
                                       channel=channel, in_burst=in_burst)
