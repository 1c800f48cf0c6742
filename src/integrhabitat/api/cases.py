"""Cases and referrals, through the user's caseload (`cases.access`): another team's case is 404 to a case worker."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from integrhabitat.api.base import (
    ERRORS,
    WRITE_ERRORS,
    CenterSlug,
    Invalid,
    Page,
    PageNumber,
    PageSize,
    choices_enum,
    form_errors,
    member_of,
    paginated,
)
from integrhabitat.audit import services as audit
from integrhabitat.cases import services as case_actions
from integrhabitat.cases.access import access_case, access_referral, visible_cases
from integrhabitat.cases.forms import CaseForm
from integrhabitat.cases.models import Case, Referral
from integrhabitat.network.roles import CASES_MANAGE, CASES_VIEW
from integrhabitat.people.access import access_participant

CaseStatus = choices_enum("CaseStatus", Case.Status)
ReferralStatus = choices_enum("ReferralStatus", Referral.Status)

router = Router(tags=["cases"])


class PersonRef(Schema):
    uuid: uuid.UUID
    code: str
    name: str


class CaseRow(Schema):
    uuid: uuid.UUID
    reference: str
    participant: PersonRef
    assigned_to: str
    status: str
    priority: int
    opened_on: date
    closed_on: date | None


class CaseDetail(CaseRow):
    summary: str
    closure_reason: str
    team: list[str]
    goals: list[dict[str, Any]]
    follow_ups: list[dict[str, Any]]
    referrals: list[uuid.UUID]


class CaseIn(Schema):
    assigned_to: str | None = Field(None, max_length=150, description="Username of a case worker or coordinator "
                                                                       "of the center; yourself if left out.")
    team: list[str] = Field(default_factory=list, max_length=20, description="Usernames of colleagues.")
    priority: Case.Priority = Case.Priority.MEDIUM
    summary: str = Field("", max_length=4000, description="The situation on arrival.")


class CasePage(Page):
    results: list[CaseRow]


class ReferralRow(Schema):
    uuid: uuid.UUID
    case: uuid.UUID
    participant: PersonRef
    organization: str | None
    service: uuid.UUID | None
    urgency: str
    status: str
    created_at: datetime
    sent_at: datetime | None
    answered_at: datetime | None
    attended_at: datetime | None
    closed_at: datetime | None


class ReferralDetail(ReferralRow):
    reason: str
    answer_note: str
    feedback: str
    shared_fields: list[str]


class ReferralPage(Page):
    results: list[ReferralRow]


def person_ref(person) -> dict:
    return {"uuid": person.uuid, "code": person.code, "name": person.full_name}


def case_row(case: Case) -> dict[str, Any]:
    return {"uuid": case.uuid, "reference": case.reference, "participant": person_ref(case.participant),
            "assigned_to": case.assigned_to.username, "status": case.status, "priority": case.priority,
            "opened_on": case.opened_on, "closed_on": case.closed_on}


def referral_row(referral: Referral) -> dict[str, Any]:
    return {
        "uuid": referral.uuid, "case": referral.case.uuid, "participant": person_ref(referral.participant),
        "organization": referral.organization.name if referral.organization_id else None,
        "service": referral.service.uuid if referral.service_id else None, "urgency": referral.urgency,
        "status": referral.status, "created_at": referral.created_at, "sent_at": referral.sent_at,
        "answered_at": referral.answered_at, "attended_at": referral.attended_at, "closed_at": referral.closed_at,
    }


@router.get("/centers/{center_slug}/cases", response={200: CasePage, **ERRORS}, summary="My caseload",
            operation_id="case_list")
def case_list(
    request,
    center_slug: CenterSlug,
    status: Annotated[CaseStatus | None, Query(description="Without it, the cases not closed.")] = None,
    participant: uuid.UUID | None = None,
    page: PageNumber = 1,
    page_size: PageSize = 50,
):
    """The user's and their team's cases (every case for a coordinator), most urgent first."""
    member_of(request, center_slug, CASES_VIEW)
    cases = visible_cases(request).select_related("participant", "assigned_to", "center")
    cases = cases.filter(status=status) if status else cases.open()
    if participant:
        cases = cases.filter(participant__uuid=participant)
    return paginated(cases.order_by("-priority", "-opened_on", "-pk"), page, page_size, case_row)


@router.get("/centers/{center_slug}/cases/{case_id}", response={200: CaseDetail, **ERRORS}, summary="A case",
            operation_id="case_detail")
def case_detail(request, case_id: uuid.UUID, center_slug: CenterSlug):
    """A case of the caseload, its plan, follow-ups and referrals (not its confidential notes). Audited as a
    read, like the page."""
    member_of(request, center_slug, CASES_VIEW)
    case = access_case(request, case_id)
    audit.record("cases.case.viewed", case, actor=request.user)
    return case_detail_out(case)


def case_detail_out(case: Case) -> dict[str, Any]:
    return {
        **case_row(case), "summary": case.summary, "closure_reason": case.closure_reason,
        "team": [user.username for user in case.team.all()],
        "goals": [{"uuid": str(g.uuid), "title": g.title, "category": g.category, "status": g.status,
                   "due_on": g.due_on.isoformat() if g.due_on else None} for g in case.goals.all()],
        "follow_ups": [{"uuid": str(f.uuid), "due_on": f.due_on.isoformat(), "channel": f.channel,
                        "done_on": f.done_on.isoformat() if f.done_on else None, "outcome": f.outcome}
                       for f in case.follow_ups.all()],
        "referrals": [r.uuid for r in case.referrals.all()],
    }


@router.post("/centers/{center_slug}/participants/{participant_id}/cases", response={201: CaseDetail, **WRITE_ERRORS},
             summary="Open a case", operation_id="case_open")
def case_open(request, payload: CaseIn, participant_id: uuid.UUID, center_slug: CenterSlug):
    """Open a case for the person, with the rules of the page (assigned to a case worker or coordinator of the
    center)."""
    member_of(request, center_slug, CASES_MANAGE)
    person = access_participant(request, participant_id)
    form = CaseForm({"assigned_to": payload.assigned_to or request.user.username, "team": payload.team,
                     "priority": str(payload.priority.value), "summary": payload.summary}, center=request.center)
    for name in ("assigned_to", "team"):  # the API names colleagues by username, the page by a list to choose from
        form.fields[name].to_field_name = "username"
    if not form.is_valid():
        raise Invalid(form_errors(form))
    case = case_actions.open_case(person, actor=request.user, **form.cleaned_data)
    return Status(201, case_detail_out(case))


@router.get("/centers/{center_slug}/referrals", response={200: ReferralPage, **ERRORS},
            summary="Referrals of my caseload", operation_id="referral_list")
def referral_list(
    request,
    center_slug: CenterSlug,
    status: ReferralStatus | None = None,
    page: PageNumber = 1,
    page_size: PageSize = 50,
):
    center = member_of(request, center_slug, CASES_VIEW).center
    referrals = (Referral.objects.filter(center=center, case__in=visible_cases(request))
                 .select_related("participant", "organization", "service", "case").order_by("-created_at", "-pk"))
    if status:
        referrals = referrals.filter(status=status)
    return paginated(referrals, page, page_size, referral_row)


@router.get("/centers/{center_slug}/referrals/{referral_id}", response={200: ReferralDetail, **ERRORS},
            summary="A referral", operation_id="referral_detail")
def referral_detail(request, referral_id: uuid.UUID, center_slug: CenterSlug):
    member_of(request, center_slug, CASES_VIEW)
    referral = access_referral(request, referral_id)
    return {**referral_row(referral), "reason": referral.reason, "answer_note": referral.answer_note,
            "feedback": referral.feedback, "shared_fields": list(referral.shared_fields or [])}
