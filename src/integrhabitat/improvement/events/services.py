"""Accountability events (rendición pública de cuentas): the public meeting where the center presents its
results, the questions people raised there, and the commitments the center made before them — each a
follow-up item until it is kept or dropped. Atomic and audited (`improvement.event.*`,
`improvement.commitment.*`).

Staff who can see the center's results (`INDICATORS_VIEW`) may be responsible for a commitment; the
responsible person and whoever manages accountability (`ACCOUNTABILITY_MANAGE`) update its progress.
"""

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from integrhabitat.accounts.notify import notify
from integrhabitat.audit import services as audit
from integrhabitat.improvement.models import AccountabilityEvent, AccountabilityReport, Commitment, EventQuestion
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.models import assign
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import ACCOUNTABILITY_MANAGE, INDICATORS_VIEW

# A commitment due within this many days is "due soon".
DUE_SOON_DAYS = 14
UNSETTLED = (Commitment.Status.OPEN, Commitment.Status.IN_PROGRESS)
SETTLED = (Commitment.Status.DONE, Commitment.Status.DROPPED)

EVENT_FIELDS = ("report", "held_on", "place", "attendees", "attendees_description", "summary")
COMMITMENT_FIELDS = ("text", "responsible", "due_on", "status", "progress_note")


def event_staff(center: Center):
    """Who may be responsible for a commitment: the center's active staff who can see commitments."""
    user_ids = Membership.objects.with_perm(INDICATORS_VIEW).filter(center=center).values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids).order_by("first_name", "last_name", "username")


def manages_accountability(center: Center, user) -> bool:
    return Membership.objects.with_perm(ACCOUNTABILITY_MANAGE).filter(center=center, user=user).exists()


def can_update_commitment(commitment: Commitment, user) -> bool:
    """Its responsible person (while still staff who can see it) or whoever manages accountability."""
    if manages_accountability(commitment.center, user):
        return True
    return (commitment.responsible_id is not None and commitment.responsible_id == user.pk
            and event_staff(commitment.center).filter(pk=user.pk).exists())


# --- Events ------------------------------------------------------------------------------------------------

def _check_event(center: Center, data: Mapping[str, Any], event: AccountabilityEvent | None) -> None:
    held_on = data.get("held_on", event.held_on if event else None)
    if held_on is not None and held_on > timezone.localdate():
        # The event is recorded once it has happened: what was asked and promised is known by then.
        raise Refused(_("An event is recorded after it is held: the date cannot be in the future."))
    if data.get("attendees") is not None and data["attendees"] < 0:
        raise Refused(_("The number of attendees cannot be negative."))
    report = data.get("report")
    if report is not None:
        kept = event is not None and event.report_id == report.pk  # a report chosen before stays valid
        if report.center_id != center.pk or (report.status != AccountabilityReport.Status.PUBLISHED and not kept):
            raise Refused(_("Choose one of the center's published reports."))


@transaction.atomic
def save_event(center: Center, data: Mapping[str, Any], *, actor,
               event: AccountabilityEvent | None = None) -> AccountabilityEvent:
    """Record an accountability event that took place, or correct one (`event`)."""
    data = {name: data[name] for name in EVENT_FIELDS if name in data}
    created = event is None
    if event is not None:
        # As stored, not as a bound ModelForm left the instance: the audit names the fields really changed.
        event = AccountabilityEvent.objects.select_for_update().get(pk=event.pk, center=center)
    _check_event(center, data, event)
    event = event or AccountabilityEvent(center=center, created_by=actor)
    changed = assign(event, data)
    event.save()
    audit.record("improvement.event.created" if created else "improvement.event.updated", event, actor=actor,
                 fields=changed)
    return event


@transaction.atomic
def add_question(event: AccountabilityEvent, question: str, *, actor, answer: str = "") -> EventQuestion:
    """A question raised at the event, with the answer given there if there was one."""
    question = question.strip()
    if not question:
        raise Refused(_("Write the question that was raised."))
    item = EventQuestion.objects.create(event=event, question=question, answer=answer.strip())
    audit.record("improvement.event.question_added", event, actor=actor)
    return item


@transaction.atomic
def answer_question(question: EventQuestion, answer: str, *, actor) -> EventQuestion:
    """The center's answer to a question raised at the event (given there or afterwards)."""
    answer = answer.strip()
    if not answer:
        raise Refused(_("Write the answer."))
    question.answer = answer
    question.save(update_fields=["answer"])
    audit.record("improvement.event.question_answered", question.event, actor=actor)
    return question


# --- Commitments -------------------------------------------------------------------------------------------

def _check_responsible(center: Center, responsible) -> None:
    if responsible is not None and not event_staff(center).filter(pk=responsible.pk).exists():
        raise Refused(_("The responsible person must be a staff member of this center."))


def _check_note(status: str, note: str) -> None:
    if status in SETTLED and not note.strip():
        raise Refused(_("Say what was done (or why it was dropped) before closing the commitment."))


def _tell_responsible(commitment: Commitment, actor) -> None:
    """Tell the responsible person they hold the commitment; nobody is told of what they did themselves."""
    user = commitment.responsible
    if user is None or user == actor:
        return
    url = reverse("events:commitment_detail", kwargs={"center": commitment.center.slug,
                                                      "commitment_id": commitment.uuid})
    text = _("You are responsible for a commitment made at the accountability event of %(date)s, due on "
             "%(due)s.")
    notify(user, center=commitment.center, url=url, text=text,
           subject=_("A commitment to the community is yours to follow up"),
           params={"date": commitment.event.held_on, "due": commitment.due_on})  # written the user's way


@transaction.atomic
def add_commitment(event: AccountabilityEvent, data: Mapping[str, Any], *, actor) -> Commitment:
    """A commitment made at the event: what, who follows it up (told so) and by when."""
    text = data["text"].strip()
    if not text:
        raise Refused(_("Write what the center committed to."))
    responsible = data.get("responsible")
    _check_responsible(event.center, responsible)
    if data["due_on"] < event.held_on:
        raise Refused(_("The commitment cannot be due before the event where it was made."))
    commitment = Commitment.objects.create(center=event.center, event=event, text=text, responsible=responsible,
                                           due_on=data["due_on"])
    audit.record("improvement.commitment.added", commitment, actor=actor)
    _tell_responsible(commitment, actor)
    return commitment


@transaction.atomic
def update_commitment(commitment: Commitment, data: Mapping[str, Any], *, actor) -> Commitment:
    """Change a commitment's status and progress note (and, for who manages accountability, its text,
    responsible person and due date). Kept or dropped needs a note saying what was done or why; a new
    responsible person is told."""
    current = Commitment.objects.select_for_update().select_related("center", "event").get(pk=commitment.pk)
    data = {name: data[name] for name in COMMITMENT_FIELDS if name in data}
    if "progress_note" in data:
        data["progress_note"] = data["progress_note"].strip()
    if "text" in data:
        data["text"] = data["text"].strip()
        if not data["text"]:
            raise Refused(_("Write what the center committed to."))
    if "responsible" in data:
        _check_responsible(current.center, data["responsible"])
    if "due_on" in data and data["due_on"] < current.event.held_on:
        raise Refused(_("The commitment cannot be due before the event where it was made."))
    _check_note(data.get("status", current.status), data.get("progress_note", current.progress_note))
    reassigned = "responsible" in data and data["responsible"] != current.responsible
    changed = assign(current, data)
    current.save()
    audit.record("improvement.commitment.updated", current, actor=actor, fields=changed)
    if reassigned:
        _tell_responsible(current, actor)
    return current


def open_commitments(center: Center, today: date, *, within_days: int = DUE_SOON_DAYS) -> QuerySet[Commitment]:
    """The center's commitments not yet kept nor dropped that are overdue (due before `today`) or due
    within `within_days`, soonest first. `.filter(due_on__lt=today)` leaves the overdue ones."""
    return (Commitment.objects.filter(center=center, status__in=UNSETTLED,
                                      due_on__lte=today + timedelta(days=within_days))
            .select_related("responsible", "event").order_by("due_on", "pk"))


def attention(center: Center, user, today: date) -> int:
    """How many overdue commitments need `user`: those they are responsible for, or all of the center's
    for whoever manages accountability (the coordinator)."""
    overdue = Commitment.objects.filter(center=center, status__in=UNSETTLED, due_on__lt=today)
    if not manages_accountability(center, user):
        overdue = overdue.filter(responsible=user)
    return overdue.count()


# --- What the public report shows --------------------------------------------------------------------------

def public_summary(center: Center, start: date, end: date) -> list[dict[str, Any]]:
    """The center's accountability events held in [start, end] (oldest first), safe to publish.

    Each event is a JSON-ready dict, so that a published report can freeze it as it is::

        {"held_on": "2026-03-14", "place": str, "attendees": int, "attendees_description": str,
         "questions": [{"question": str, "answer": str}, ...],
         "commitments": [{"text": str, "due_on": "2026-06-30", "status": "open" | "in_progress" | "done" |
                          "dropped", "status_label": str, "responsible": str}, ...]}

    No user appears: neither who recorded the event nor who follows each commitment up (`responsible`
    is always "the center"); the event's internal summary and progress notes are left out, as staff write
    them freely. Dates are ISO strings; `status_label` and `responsible` are in the active language.
    """
    events = (AccountabilityEvent.objects.filter(center=center, held_on__gte=start, held_on__lte=end)
              .prefetch_related("questions", "commitments").order_by("held_on", "pk"))
    the_center = gettext("The center")
    return [{
        "held_on": event.held_on.isoformat(),
        "place": event.place,
        "attendees": event.attendees,
        "attendees_description": event.attendees_description,
        "questions": [{"question": q.question, "answer": q.answer} for q in event.questions.all()],
        "commitments": [{"text": c.text, "due_on": c.due_on.isoformat(), "status": c.status,
                         "status_label": str(c.get_status_display()), "responsible": the_center}
                        for c in event.commitments.all()],
    } for event in events]
