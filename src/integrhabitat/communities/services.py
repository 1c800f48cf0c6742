"""Changes to groups, their members, sessions and attendance. Atomic and audited (`communities.*`)."""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import services as audit
from integrhabitat.communities.models import Attendance, Group, Member, Session
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.models import assign
from integrhabitat.network.models import Center
from integrhabitat.people.models import Participant
from integrhabitat.services import services as service_actions
from integrhabitat.services.models import Service


@transaction.atomic
def save_group(center: Center, data: Mapping[str, Any], *, actor, group: Group | None = None,
               facilitators: Iterable = (), participant_facilitators: Iterable[Participant] = ()) -> Group:
    created = group is None
    group = group or Group(center=center)
    service = data.get("service")
    if service is not None and service.center_id != center.pk:
        raise Refused(_("The service is not part of this center's portfolio."))
    changed = assign(group, data)
    group.save()
    group.facilitators.set(list(facilitators))
    helpers = list(participant_facilitators)
    if any(person.center_id != center.pk for person in helpers):
        raise Refused(_("One of the people is not registered in this center."))
    group.participant_facilitators.set(helpers)
    audit.record("communities.group.created" if created else "communities.group.updated", group, actor=actor,
                 fields=changed)
    _fill_from_waiting_list(group, actor=actor)
    return group


def _locked(group: Group) -> Group:
    # The group's row lock makes joins one at a time: capacity holds when many sign up at once.
    return Group.objects.select_for_update().get(pk=group.pk)


def _active_count(group: Group) -> int:
    return group.members.filter(status=Member.Status.ACTIVE).count()


@transaction.atomic
def join_group(group: Group, person: Participant, *, actor, role: str = Member.Role.MEMBER) -> Member:
    """Add `person` to the group, or to its waiting list when it is full. Joining twice changes nothing."""
    group = _locked(group)
    if person.center_id != group.center_id or not person.is_active:
        raise Refused(_("The person is not registered in this center."))
    if group.status in (Group.Status.FINISHED,):
        raise Refused(_("The group has finished; it takes no new members."))
    member = Member.objects.filter(group=group, participant=person).first()
    if member is not None and member.status != Member.Status.LEFT:
        return member
    full = group.capacity is not None and _active_count(group) >= group.capacity
    status = Member.Status.WAITING if full else Member.Status.ACTIVE
    if member is None:
        member = Member.objects.create(group=group, participant=person, role=role, status=status,
                                       joined_on=timezone.localdate())
    else:  # coming back after leaving: to the end of the waiting list if full
        member.status, member.role, member.joined_on, member.left_on = status, role, timezone.localdate(), None
        member.created_at = timezone.now()
        member.save()
    audit.record("communities.member.joined" if not full else "communities.member.waiting", group, actor=actor,
                 fields=[person.code])
    return member


@transaction.atomic
def leave_group(member: Member, *, actor) -> Member:
    """The person leaves; the first on the waiting list takes the place."""
    group = _locked(member.group)
    member.refresh_from_db()
    if member.status == Member.Status.LEFT:
        return member
    member.status, member.left_on = Member.Status.LEFT, timezone.localdate()
    member.save(update_fields=["status", "left_on"])
    audit.record("communities.member.left", group, actor=actor, fields=[member.participant.code])
    _fill_from_waiting_list(group, actor=actor)
    return member


def _fill_from_waiting_list(group: Group, *, actor) -> None:
    group = _locked(group)
    free = None if group.capacity is None else group.capacity - _active_count(group)
    waiting = group.members.filter(status=Member.Status.WAITING).order_by("created_at", "id")
    for member in waiting if free is None else waiting[:max(free, 0)]:
        member.status = Member.Status.ACTIVE
        member.save(update_fields=["status"])
        audit.record("communities.member.joined", group, actor=actor, fields=[member.participant.code])


@transaction.atomic
def schedule_session(group: Group, *, date: date, topic: str = "", place: str = "", facilitator=None,
                     actor) -> Session:
    session = Session.objects.create(group=group, date=date, topic=topic, place=place or group.place,
                                     facilitator=facilitator)
    audit.record("communities.session.scheduled", session, actor=actor, center=group.center)
    return session


@transaction.atomic
def take_attendance(session: Session, present: Iterable[Participant], *, actor) -> list[Attendance]:
    """Make `present` the people who attended `session`: those added get an attendance (and, when the
    group delivers a service, that service's delivery, recorded once); those unticked lose both.

    Taking the list again with the same people changes nothing.
    """
    group = session.group
    present = {person.pk: person for person in present}
    if any(person.center_id != group.center_id for person in present.values()):
        raise Refused(_("One of the people is not registered in this center."))
    if session.date > timezone.localdate():
        raise Refused(_("Attendance is taken on the day of the session or after it."))
    existing = {a.participant_id: a for a in session.attendances.select_related("delivery")}
    for participant_id in set(existing) - set(present):
        attendance = existing[participant_id]
        delivery = attendance.delivery
        attendance.delete()
        if delivery is not None:
            service_actions.delete_delivery(delivery, actor=actor)
    added = [person for pk, person in present.items() if pk not in existing]
    deliveries = {}
    if added and _delivers(group.service):
        # The session's uuid is the submission token: a delivery per person per session, whatever happens.
        created = service_actions.record_deliveries(group.center, group.service, added, delivered_on=session.date,
                                                    actor=actor, submission=session.uuid)
        deliveries = {d.participant_id: d for d in created}
    Attendance.objects.bulk_create(
        Attendance(session=session, participant=person, delivery=deliveries.get(person.pk), recorded_by=actor)
        for person in added
    )
    audit.record("communities.session.attendance_taken", session, actor=actor, center=group.center,
                 fields=[f"present:{len(present)}"])
    return list(session.attendances.all())


def _delivers(service: Service | None) -> bool:
    return service is not None and service.status in (Service.Status.ACTIVE, Service.Status.UNDER_REVIEW)


@transaction.atomic
def check_in(session: Session, code: str, *, actor, also_present: Iterable[Participant] | None = None) -> Participant:
    """Mark present the person whose card carries `code` (typed or scanned). `also_present` is the
    list ticked so far on the same page; without it, those already recorded stay present."""
    person = Participant.objects.by_code(session.group.center, code)
    if person is None:
        raise Refused(_("No person of this center has the code %(code)s.") % {"code": code.strip().upper()})
    if also_present is None:
        also_present = Participant.objects.filter(attendances__session=session)
    take_attendance(session, [*also_present, person], actor=actor)
    return person
