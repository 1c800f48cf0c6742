"""Groups, their sessions and attendance."""

import uuid
from datetime import date
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from integrhabitat.api.base import (
    ERRORS,
    WRITE_ERRORS,
    CenterSlug,
    Invalid,
    Page,
    PageNumber,
    PageSize,
    choices_enum,
    member_of,
    paginated,
)
from integrhabitat.api.cases import PersonRef, person_ref
from integrhabitat.communities import services as community_actions
from integrhabitat.communities.models import Group, Member, Session
from integrhabitat.network.roles import COMMUNITIES_VIEW, DELIVERY_RECORD
from integrhabitat.people.models import Participant

GroupStatus = choices_enum("GroupStatus", Group.Status)

router = Router(tags=["groups"])


class GroupRow(Schema):
    uuid: uuid.UUID
    name: str
    kind: str
    status: str
    service: uuid.UUID | None
    schedule: str
    place: str
    capacity: int | None
    starts_on: date | None
    ends_on: date | None


class MemberOut(Schema):
    participant: PersonRef
    role: str
    status: str
    joined_on: date


class SessionRow(Schema):
    uuid: uuid.UUID
    group: uuid.UUID
    date: date
    topic: str
    place: str
    present: int


class GroupDetail(GroupRow):
    description: str
    members: list[MemberOut]
    sessions: list[SessionRow]


class GroupPage(Page):
    results: list[GroupRow]


class Attendance(Schema):
    session: SessionRow
    present: list[PersonRef]


class AttendanceIn(Schema):
    present: list[uuid.UUID] = Field(..., max_length=500, description="Everyone present: those left out are "
                                                                      "no longer counted as present.")


def group_row(group: Group) -> dict[str, Any]:
    return {"uuid": group.uuid, "name": group.name, "kind": group.kind, "status": group.status,
            "service": group.service.uuid if group.service_id else None, "schedule": group.schedule,
            "place": group.place, "capacity": group.capacity, "starts_on": group.starts_on, "ends_on": group.ends_on}


def session_row(session: Session) -> dict[str, Any]:
    return {"uuid": session.uuid, "group": session.group.uuid, "date": session.date, "topic": session.topic,
            "place": session.place, "present": session.attendances.count()}


def _access_group(request, group_id) -> Group:
    return get_object_or_404(Group.objects.select_related("service"), center=request.center, uuid=group_id)


def _access_session(request, session_id) -> Session:
    return get_object_or_404(Session.objects.select_related("group__service"), group__center=request.center,
                             uuid=session_id)


def _attendance(session: Session) -> dict[str, Any]:
    people = Participant.objects.filter(attendances__session=session).order_by("given_names", "family_names", "pk")
    return {"session": session_row(session), "present": [person_ref(p) for p in people]}


@router.get("/centers/{center_slug}/groups", response={200: GroupPage, **ERRORS}, summary="Groups",
            operation_id="group_list")
def group_list(request, center_slug: CenterSlug, status: GroupStatus | None = None,
               page: PageNumber = 1, page_size: PageSize = 50):
    center = member_of(request, center_slug, COMMUNITIES_VIEW).center
    groups = Group.objects.filter(center=center).select_related("service").order_by("status", "name", "pk")
    if status:
        groups = groups.filter(status=status)
    return paginated(groups, page, page_size, group_row)


@router.get("/centers/{center_slug}/groups/{group_id}", response={200: GroupDetail, **ERRORS}, summary="A group",
            operation_id="group_detail")
def group_detail(request, group_id: uuid.UUID, center_slug: CenterSlug):
    """A group with its members and waiting list (not those who left) and its last 30 sessions."""
    member_of(request, center_slug, COMMUNITIES_VIEW)
    group = _access_group(request, group_id)
    members = group.members.select_related("participant").exclude(status=Member.Status.LEFT)
    sessions = group.sessions.select_related("group").order_by("-date", "-id")[:30]
    return {**group_row(group), "description": group.description,
            "members": [{"participant": person_ref(m.participant), "role": m.role, "status": m.status,
                         "joined_on": m.joined_on} for m in members],
            "sessions": [session_row(s) for s in sessions]}


@router.get("/centers/{center_slug}/sessions/{session_id}/attendance", response={200: Attendance, **ERRORS},
            summary="Who came to a session", operation_id="session_attendance")
def session_attendance(request, session_id: uuid.UUID, center_slug: CenterSlug):
    member_of(request, center_slug, DELIVERY_RECORD)
    return _attendance(_access_session(request, session_id))


@router.put("/centers/{center_slug}/sessions/{session_id}/attendance", response={200: Attendance, **WRITE_ERRORS},
            summary="Take attendance", operation_id="session_attendance_take")
def session_attendance_take(request, payload: AttendanceIn, session_id: uuid.UUID, center_slug: CenterSlug):
    """Make `present` the people who attended, as the attendance page does (and, when the group delivers a
    service, record its delivery once). Sending the same list again changes nothing."""
    center = member_of(request, center_slug, DELIVERY_RECORD).center
    session = _access_session(request, session_id)
    wanted = set(payload.present)
    people = list(Participant.objects.active().filter(center=center, uuid__in=wanted))
    if len(people) != len(wanted):
        raise Invalid([{"loc": ["body", "present"], "msg": _("One of the people is not of this center."),
                        "type": "invalid_choice"}])
    community_actions.take_attendance(session, people, actor=request.user)
    return _attendance(session)
