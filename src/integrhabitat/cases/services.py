"""Changes to cases and referrals. Each is atomic and writes an audit entry (`cases.*`).

Refusals raise `Refused` with a message for the user in their language; callers show it as is.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.accounts.notify import notify
from integrhabitat.audit import services as audit
from integrhabitat.cases.models import Action, Assessment, Case, FollowUp, Goal, Note, Referral
from integrhabitat.lib.concurrency import locked_current, save_versioned
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.models import assign
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import CASES_ALL, CASES_MANAGE, REFERRAL_OVERRIDE, Role
from integrhabitat.people.models import Consent, Participant
from integrhabitat.services.models import Service, ServiceDelivery
from integrhabitat.services.services import record_deliveries

# --- Cases ------------------------------------------------------------------------------------------------

@transaction.atomic
def open_case(participant: Participant, *, assigned_to, actor, priority: int = Case.Priority.MEDIUM,
              summary: str = "", team: Iterable = (), opened_on: date | None = None) -> Case:
    """Open a case for `participant` in their center, assigned to a case worker of that center."""
    center = participant.center
    if not participant.is_active:
        raise Refused(_("This person's record is no longer active."))
    if not _is_case_staff(center, assigned_to):
        raise Refused(_("The case can only be assigned to a case worker or coordinator of this center."))
    # The center's row lock hands out numbers one at a time, even to colleagues opening cases at once.
    Center.objects.filter(pk=center.pk).update(case_seq=F("case_seq") + 1)
    number = Center.objects.values_list("case_seq", flat=True).get(pk=center.pk)
    case = Case.objects.create(
        center=center, number=number, participant=participant, assigned_to=assigned_to,
        priority=priority, summary=summary, opened_on=opened_on or timezone.localdate(),
    )
    case.team.set([u for u in team if _is_case_staff(center, u) and u.pk != assigned_to.pk])
    audit.record("cases.case.opened", case, actor=actor, fields=["assigned_to", "priority"])
    return case


def _is_case_staff(center: Center, user) -> bool:
    return Membership.objects.with_perm(CASES_MANAGE).filter(center=center, user=user).exists()


@transaction.atomic
def update_case(case: Case, data: Mapping[str, Any], *, version: int, actor, team=None) -> Case:
    """Change a case's assignment, status, priority or summary, if nobody saved since `version`."""
    current = locked_current(case, version)
    if "assigned_to" in data and not _is_case_staff(case.center, data["assigned_to"]):
        raise Refused(_("The case can only be assigned to a case worker or coordinator of this center."))
    if data.get("status") == Case.Status.CLOSED and current.status != Case.Status.CLOSED:
        raise Refused(_("Close the case with its closure form, which asks for the reason."))
    changed = assign(current, data)
    if changed:
        save_versioned(current, changed)
    if team is not None:
        members = {u.pk for u in team if _is_case_staff(case.center, u) and u.pk != current.assigned_to_id}
        if members != set(current.team.values_list("pk", flat=True)):
            current.team.set(members)
            changed.append("team")
    if changed:
        audit.record("cases.case.updated", current, actor=actor, fields=changed)
    return current


@transaction.atomic
def close_case(case: Case, *, reason: str, note: str = "", version: int, actor) -> Case:
    current = locked_current(case, version)
    current.status, current.closure_reason, current.closure_note = Case.Status.CLOSED, reason, note
    current.closed_on = timezone.localdate()
    save_versioned(current, ["status", "closure_reason", "closure_note", "closed_on"])
    audit.record("cases.case.closed", current, actor=actor, fields=["closure_reason"])
    return current


@transaction.atomic
def reopen_case(case: Case, *, version: int, actor) -> Case:
    current = locked_current(case, version)
    current.status, current.closure_reason, current.closure_note, current.closed_on = Case.Status.ACTIVE, "", "", None
    save_versioned(current, ["status", "closure_reason", "closure_note", "closed_on"])
    audit.record("cases.case.reopened", current, actor=actor)
    return current


def can_read_notes(case: Case, membership: Membership | None) -> bool:
    """Confidential notes: the case team, and those who see every case (the coordinator)."""
    if membership is None or membership.center_id != case.center_id:
        return False
    return membership.has_perm(CASES_ALL) or (
        membership.has_perm(CASES_MANAGE) and membership.user_id in case.team_ids()
    )


def read_notes(case: Case, *, membership: Membership | None) -> list[Note] | None:
    """The gate to a case's confidential notes: None for who may not read them; otherwise the
    notes, and the read is written to the audit log."""
    if not can_read_notes(case, membership):
        return None
    audit.record("cases.case.notes_viewed", case, actor=membership.user)
    return list(case.notes.select_related("author"))


@transaction.atomic
def add_note(case: Case, body: str, *, membership: Membership) -> Note:
    if not can_read_notes(case, membership):
        raise Refused(_("Only the case team and the coordinator write notes on this case."))
    note = Note.objects.create(case=case, body=body, author=membership.user)
    audit.record("cases.note.added", note, actor=membership.user, center=case.center)
    return note


@transaction.atomic
def add_assessment(case: Case, data: Mapping[str, Any], *, actor) -> Assessment:
    assessment = Assessment.objects.create(case=case, assessed_by=actor, **data)
    audit.record("cases.assessment.added", assessment, actor=actor, center=case.center)
    if case.status == Case.Status.OPEN:
        Case.objects.filter(pk=case.pk).update(status=Case.Status.ACTIVE, version=F("version") + 1)
    return assessment


@transaction.atomic
def add_goal(case: Case, data: Mapping[str, Any], *, actor) -> Goal:
    goal = Goal.objects.create(case=case, **data)
    audit.record("cases.goal.added", goal, actor=actor, center=case.center)
    return goal


@transaction.atomic
def set_goal_status(goal: Goal, status: str, *, actor) -> Goal:
    if goal.status != status:
        goal.status = status
        goal.save(update_fields=["status"])
        audit.record("cases.goal.updated", goal, actor=actor, center=goal.case.center, fields=["status"])
    return goal


@transaction.atomic
def add_action(goal: Goal, *, description: str, done_on: date, actor,
               delivery: ServiceDelivery | None = None) -> Action:
    if delivery is not None and delivery.participant_id != goal.case.participant_id:
        raise Refused(_("The delivery belongs to another person."))
    action = Action.objects.create(goal=goal, description=description, done_on=done_on, delivery=delivery,
                                   created_by=actor)
    if goal.status == Goal.Status.PENDING:
        goal.status = Goal.Status.IN_PROGRESS
        goal.save(update_fields=["status"])
    audit.record("cases.goal.action_added", goal, actor=actor, center=goal.case.center)
    return action


@transaction.atomic
def schedule_follow_up(case: Case, *, due_on: date, channel: str, purpose: str, assigned_to, actor) -> FollowUp:
    if not _is_case_staff(case.center, assigned_to):
        raise Refused(_("Follow-ups are assigned to a case worker or coordinator of this center."))
    follow_up = FollowUp.objects.create(case=case, due_on=due_on, channel=channel, purpose=purpose,
                                        assigned_to=assigned_to)
    audit.record("cases.follow_up.scheduled", follow_up, actor=actor, center=case.center)
    return follow_up


@transaction.atomic
def record_follow_up(follow_up: FollowUp, *, outcome: str, note: str, actor,
                     next_due_on: date | None = None) -> FollowUp:
    """Record what came of a follow-up, and schedule the next one if a date is given."""
    current = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if current.done_on is not None:
        raise Refused(_("This follow-up was already recorded."))
    current.done_on, current.outcome, current.outcome_note = timezone.localdate(), outcome, note
    current.save(update_fields=["done_on", "outcome", "outcome_note"])
    audit.record("cases.follow_up.done", current, actor=actor, center=current.case.center, fields=["outcome"])
    if next_due_on is not None:
        schedule_follow_up(current.case, due_on=next_due_on, channel=current.channel, purpose=current.purpose,
                           assigned_to=current.assigned_to, actor=actor)
    return current


def agenda(user, center: Center, today: date | None = None):
    """A worker's pending follow-ups in `center`: overdue first, then by date."""
    today = today or timezone.localdate()
    return (FollowUp.objects.filter(assigned_to=user, case__center=center, done_on__isnull=True)
            .exclude(case__status=Case.Status.CLOSED)
            .select_related("case__participant", "case__center").order_by("due_on", "id"))


# --- Referrals --------------------------------------------------------------------------------------------

def active_referral_consent(participant: Participant, organization) -> Consent | None:
    return Consent.objects.filter(participant=participant, purpose=Consent.Purpose.REFERRAL,
                                  organization=organization, withdrawn_at__isnull=True).first()


def sharing_allowed(referral: Referral) -> bool:
    """May the partner still see who the person is? Internal referrals stay inside the center.

    With a consent: while it is not withdrawn. With a coordinator's override: until the person
    withdraws a consent to share with that organization. Either way, until they withdraw their
    consent to data processing.
    """
    return sharing_map([referral])[referral.pk]


def sharing_map(referrals) -> dict[int, bool]:
    """`sharing_allowed` for many referrals at once, in one query."""
    external = [r for r in referrals if r.is_external]
    withdrawn = list(Consent.objects.filter(
        participant_id__in={r.participant_id for r in external}, withdrawn_at__isnull=False,
        purpose__in=[Consent.Purpose.REFERRAL, Consent.Purpose.DATA_PROCESSING],
    ).values_list("pk", "participant_id", "purpose", "organization_id", "withdrawn_at"))
    allowed = {r.pk: True for r in referrals}
    for referral in external:
        for pk, participant_id, purpose, organization_id, withdrawn_at in withdrawn:
            if participant_id != referral.participant_id:
                continue
            if pk == referral.consent_id or withdrawn_at >= referral.created_at and (
                    purpose == Consent.Purpose.DATA_PROCESSING
                    or (referral.consent_id is None and organization_id == referral.organization_id)):
                allowed[referral.pk] = False
    return allowed


def _check_destination(case: Case, organization, service: Service | None) -> None:
    if case.participant.center_id != case.center_id or not case.participant.is_active:
        raise Refused(_("The person is not registered in this center."))
    if organization is None and service is None:
        raise Refused(_("Choose a service or an organization to refer to."))
    if organization is not None:
        if organization.center_id != case.center_id:
            raise Refused(_("The organization is not an ally of this center."))
        if not organization.receives_referrals:
            raise Refused(_("%(name)s has no agreement or active relationship with the center; it cannot "
                            "receive referrals.") % {"name": organization.name})
    if service is not None:
        if service.center_id != case.center_id:
            raise Refused(_("The service is not part of this center's portfolio."))
        if service.status == Service.Status.RETIRED:
            raise Refused(_("The service “%(name)s” was retired.") % {"name": service.name})
        if organization is not None and service.provider_id not in (None, organization.pk):
            raise Refused(_("The service “%(name)s” is provided by another organization.") % {"name": service.name})


@transaction.atomic
def create_referral(case: Case, data: Mapping[str, Any], *, membership: Membership, send: bool = True) -> Referral:
    """Refer the person of `case` to an internal service or a partner organization.

    Outside the center, data travel only with the person's active consent to share with that
    organization — or, for a coordinator, with a written reason that overrides it (audited).
    `send=False` keeps a draft.
    """
    organization, service = data.get("organization"), data.get("service")
    if case.is_closed:
        raise Refused(_("The case is closed; reopen it to refer the person."))
    _check_destination(case, organization, service)
    referral = Referral(
        center=case.center, case=case, participant=case.participant, organization=organization, service=service,
        pathway=data.get("pathway"), reason=data["reason"], urgency=data.get("urgency") or Referral.Urgency.ROUTINE,
        shared_fields=list(data.get("shared_fields") or []) if organization else [], created_by=membership.user,
    )
    referral.save()
    audit.record("cases.referral.created", referral, actor=membership.user, fields=referral.shared_fields)
    if send:
        send_referral(referral, membership=membership, override_reason=data.get("override_reason", ""))
        referral.refresh_from_db()
    return referral


@transaction.atomic
def send_referral(referral: Referral, *, membership: Membership, override_reason: str = "") -> Referral:
    # Lock the referral row only (`of=("self",)`): PostgreSQL cannot lock the nullable side of an outer join.
    current = Referral.objects.select_for_update(of=("self",)).select_related("case", "organization", "service").get(
        pk=referral.pk)
    if current.status != Referral.Status.DRAFT:
        raise Refused(_("This referral was already sent."))
    _check_destination(current.case, current.organization, current.service)
    fields = ["status", "sent_at"]
    if current.is_external:
        consent = active_referral_consent(current.participant, current.organization)
        override_reason = override_reason.strip()
        if consent is not None:
            current.consent = consent
            fields.append("consent")
        elif override_reason and membership.has_perm(REFERRAL_OVERRIDE):
            current.override_reason, current.override_by = override_reason, membership.user
            fields += ["override_reason", "override_by"]
            audit.record("cases.referral.consent_overridden", current, actor=membership.user)
        elif override_reason:
            raise Refused(_("Only a coordinator can refer without the person's consent."))
        else:
            raise Refused(_("%(name)s has not consented to share their data with %(organization)s. Record "
                            "the consent first (or ask a coordinator).")
                          % {"name": current.participant.full_name, "organization": current.organization.name})
    current.status, current.sent_at = Referral.Status.SENT, timezone.now()
    save_versioned(current, fields)
    audit.record("cases.referral.sent", current, actor=membership.user)
    if current.is_external:
        url = reverse("cases:partner_referral", kwargs={"center": current.center.slug, "referral_id": current.uuid})
        for staff in Membership.objects.active().filter(center=current.center, role=Role.PARTNER,
                                                        organization=current.organization).select_related("user"):
            # The center and the organization, never the person: who they are is shown behind the link, while
            # their consent holds.
            notify(staff.user, center=current.center, url=url,
                   subject=_("New referral from %(center)s"),
                   text=_("%(center)s sent a referral to %(organization)s. Urgency: %(urgency)s."),
                   params={"center": current.center.name, "organization": current.organization.name,
                           "urgency": Referral.Urgency(current.urgency).label})  # in the partner's language
    return current


def _notify_case_worker(referral: Referral, text, subject) -> None:
    case = referral.case
    url = reverse("cases:case_detail", kwargs={"center": referral.center.slug, "case_id": case.uuid})
    notify(case.assigned_to, center=referral.center, url=url, text=text, subject=subject,
           params={"organization": referral.destination, "center": referral.center.name, "case": case.reference,
                   "status": Referral.Status(referral.status).label})  # in the case worker's language


@transaction.atomic
def answer_referral(referral: Referral, *, accept: bool, note: str = "", version: int, actor) -> Referral:
    """The receiving organization (or the center, for internal services) accepts or rejects."""
    current = locked_current(referral, version)
    if current.status != Referral.Status.SENT:
        raise Refused(_("This referral was already answered."))
    if not accept and not note.strip():
        raise Refused(_("Write why the referral is rejected, so the case worker can look for another way."))
    current.status = Referral.Status.ACCEPTED if accept else Referral.Status.REJECTED
    current.answer_note, current.answered_at, current.answered_by = note.strip(), timezone.now(), actor
    save_versioned(current, ["status", "answer_note", "answered_at", "answered_by"])
    audit.record("cases.referral.accepted" if accept else "cases.referral.rejected", current, actor=actor)
    _notify_case_worker(current, subject=_("Referral of case %(case)s: %(status)s"),
                        text=_("%(organization)s answered the referral that %(center)s sent for case %(case)s: "
                               "%(status)s."))
    return current


@transaction.atomic
def mark_attended(referral: Referral, *, feedback: str = "", version: int, actor,
                  service: Service | None = None, delivered_on: date | None = None) -> Referral:
    """The person was attended. When `service` is given, the delivery is recorded too (once)."""
    current = locked_current(referral, version)
    if current.status not in (Referral.Status.SENT, Referral.Status.ACCEPTED):
        raise Refused(_("Only a referral that was sent or accepted can be marked attended."))
    now = timezone.now()
    if current.answered_at is None:  # attended straight away: that was the answer too
        current.answered_at, current.answered_by = now, actor
    current.status, current.attended_at, current.feedback = Referral.Status.ATTENDED, now, feedback.strip()
    fields = ["status", "attended_at", "feedback", "answered_at", "answered_by"]
    if service is not None:
        if current.organization_id and service.provider_id != current.organization_id:
            raise Refused(_("The service “%(name)s” is provided by another organization.") % {"name": service.name})
        delivery = record_deliveries(current.center, service, [current.participant],
                                     delivered_on=delivered_on or timezone.localdate(), actor=actor)[0]
        current.delivery = delivery
        fields.append("delivery")
    save_versioned(current, fields)
    audit.record("cases.referral.attended", current, actor=actor)
    _notify_case_worker(current, subject=_("Referral of case %(case)s: %(status)s"),
                        text=_("%(organization)s attended the person that %(center)s referred in case %(case)s."))
    return current


@transaction.atomic
def record_partner_session(referral: Referral, *, service: Service, delivered_on: date, actor,
                           submission=None) -> ServiceDelivery | None:
    """A partner records a further session of its service for a person it attended (a course of
    treatment, the next legal hearing): one delivery, while sharing is allowed."""
    if referral.status not in (Referral.Status.ATTENDED, Referral.Status.CLOSED):
        raise Refused(_("Mark the referral attended first; later sessions are recorded here."))
    if not sharing_allowed(referral):
        raise Refused(_("The person withdrew their consent: this referral can no longer be answered."))
    if service.provider_id != referral.organization_id:
        raise Refused(_("The service “%(name)s” is provided by another organization.") % {"name": service.name})
    created = record_deliveries(referral.center, service, [referral.participant], delivered_on=delivered_on,
                                actor=actor, submission=submission)
    if created:
        audit.record("cases.referral.session_recorded", referral, actor=actor)
    return created[0] if created else None


@transaction.atomic
def close_referral(referral: Referral, *, version: int, actor, cancel: bool = False) -> Referral:
    """The case worker closes a referral that ran its course (accepted or attended), or cancels one
    that was not attended (a draft, or sent and not yet attended). A rejection is final as it is."""
    current = locked_current(referral, version)
    S = Referral.Status
    allowed = (S.DRAFT, S.SENT, S.ACCEPTED) if cancel else (S.ACCEPTED, S.ATTENDED)
    if current.status not in allowed:
        raise Refused(_("A referral in the state “%(status)s” cannot be closed or cancelled.")
                      % {"status": current.get_status_display()})
    current.status = Referral.Status.CANCELLED if cancel else Referral.Status.CLOSED
    current.closed_at = timezone.now()
    save_versioned(current, ["status", "closed_at"])
    audit.record("cases.referral.cancelled" if cancel else "cases.referral.closed", current, actor=actor)
    return current
