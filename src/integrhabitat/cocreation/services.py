"""Changes to participatory processes and proposals. Atomic and audited (`cocreation.*`)."""

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import services as audit
from integrhabitat.cocreation.models import Comment, Meeting, Phase, Process, Proposal, Support
from integrhabitat.lib.concurrency import locked_current, save_versioned
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.models import assign
from integrhabitat.network.models import Center
from integrhabitat.people.models import Participant

S = Proposal.Status


@transaction.atomic
def save_process(center: Center, data: Mapping[str, Any], *, actor, process: Process | None = None) -> Process:
    created = process is None
    process = process or Process(center=center)
    changed = assign(process, data)
    process.save()
    audit.record("cocreation.process.created" if created else "cocreation.process.updated", process, actor=actor,
                 fields=changed)
    return process


@transaction.atomic
def add_phase(process: Process, *, name: str, starts_on, ends_on, actor) -> Phase:
    if ends_on < starts_on:
        raise Refused(_("The end date cannot be before the start date."))
    phase = Phase.objects.create(process=process, name=name, starts_on=starts_on, ends_on=ends_on)
    audit.record("cocreation.process.phase_added", process, actor=actor)
    return phase


@transaction.atomic
def remove_phase(phase: Phase, *, actor) -> None:
    process = phase.process
    phase.delete()
    audit.record("cocreation.process.phase_removed", process, actor=actor)


@transaction.atomic
def save_meeting(process: Process, data: Mapping[str, Any], *, actor, meeting: Meeting | None = None,
                 attendees=None) -> Meeting:
    created = meeting is None
    meeting = meeting or Meeting(process=process)
    changed = assign(meeting, data)
    meeting.save()
    if attendees is not None:
        meeting.attendees.set([p for p in attendees if p.center_id == process.center_id])
    audit.record("cocreation.meeting.created" if created else "cocreation.meeting.updated", meeting, actor=actor,
                 center=process.center, fields=changed)
    return meeting


def _check_person(center: Center, person: Participant | None) -> None:
    if person is not None and (person.center_id != center.pk or not person.is_active):
        raise Refused(_("The person is not registered in this center."))


@transaction.atomic
def submit_proposal(center: Center, data: Mapping[str, Any], *, author: Participant | None, actor) -> Proposal:
    """A proposal by `author` (a participant), entered by them or by staff (`actor`) on their behalf."""
    _check_person(center, author)
    process = data.get("process")
    if process is not None and (process.center_id != center.pk or process.status != Process.Status.OPEN):
        raise Refused(_("The process is not open to proposals."))
    proposal = Proposal.objects.create(center=center, author=author, recorded_by=actor if actor else None, **data)
    audit.record("cocreation.proposal.submitted", proposal, actor=actor)
    if author is not None:
        support_proposal(proposal, author, actor=actor)
    return proposal


@transaction.atomic
def support_proposal(proposal: Proposal, person: Participant, *, actor) -> Support:
    """Count `person`'s support once, however many times it is given."""
    _check_person(proposal.center, person)
    if proposal.status in (S.IMPLEMENTED, S.NOT_ACCEPTED):
        raise Refused(_("The proposal has been decided; it takes no more supports."))
    try:
        with transaction.atomic():
            support, created = Support.objects.get_or_create(proposal=proposal, participant=person)
    except IntegrityError:  # the same support arriving twice at once
        return Support.objects.get(proposal=proposal, participant=person)
    if created:
        audit.record("cocreation.proposal.supported", proposal, actor=actor)
    return support


@transaction.atomic
def add_comment(proposal: Proposal, body: str, *, participant: Participant | None = None, staff=None) -> Comment:
    body = body.strip()
    if not body:
        raise Refused(_("Write the comment."))
    _check_person(proposal.center, participant)
    comment = Comment.objects.create(proposal=proposal, body=body, participant=participant, staff=staff)
    audit.record("cocreation.comment.added", comment, actor=staff, center=proposal.center)
    return comment


@transaction.atomic
def moderate_comment(comment: Comment, *, hidden: bool, actor) -> Comment:
    comment.is_hidden = hidden
    comment.save(update_fields=["is_hidden"])
    audit.record("cocreation.comment.hidden" if hidden else "cocreation.comment.shown", comment, actor=actor,
                 center=comment.proposal.center)
    return comment


@transaction.atomic
def answer_proposal(proposal: Proposal, *, status: str, answer: str, progress: int, version: int,
                    actor) -> Proposal:
    """The center's answer: a status, a public text and the progress of what was accepted."""
    current = locked_current(proposal, version)
    answer = answer.strip()
    if status == S.NOT_ACCEPTED and not answer:
        raise Refused(_("Explain publicly why the proposal is not accepted."))
    if status == S.IMPLEMENTED:
        progress = 100
    elif status != S.IN_PROGRESS:
        progress = current.progress if status == S.ACCEPTED else 0
    changed = assign(current, {"status": status, "answer": answer, "progress": progress})
    if not changed:
        return current
    if "answer" in changed or "status" in changed:
        current.answered_at = timezone.now()
    save_versioned(current)
    audit.record("cocreation.proposal.answered", current, actor=actor, fields=changed)
    return current
