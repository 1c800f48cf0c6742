"""The URL × role matrix over every URL of the project (pretix `src/tests/control/test_permissions.py`).

Each URL is listed once below with the permission it needs. Who must get each permission is the table
`GRANTS`, written out by hand from what each role is for; it is never read back from the catalogue it
checks (`network/roles.py`), so that a grant wrong there fails here
(`test_the_matrix_fails_when_the_catalogue_grants_or_denies_one_permission_more`):

- anonymous → login page with `next`;
- not an active member of the center (other center's coordinator, outsider, network coordinator)
  → 404, as if the center did not exist;
- a member whose role lacks the permission → 403, and nothing is written;
- a member whose role has it → 200 on GET, the view's own answer on POST.

`test_it_covers_every_named_url_of_the_project` walks the resolver so that a new URL cannot
escape the matrix.
"""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from integrhabitat.audit.models import AuditEntry
from integrhabitat.cases.models import Case, FollowUp, Goal, Referral
from integrhabitat.cases.services import add_goal, create_referral, open_case, schedule_follow_up
from integrhabitat.cocreation.models import Comment, Meeting, Phase, Process, Proposal
from integrhabitat.cocreation.services import add_comment, add_phase, save_meeting, save_process, submit_proposal
from integrhabitat.communities.models import Group, Member, Session
from integrhabitat.communities.services import join_group, save_group, schedule_session, take_attendance
from integrhabitat.conftest import make_organization
from integrhabitat.directory import hsds
from integrhabitat.imports.models import ImportJob
from integrhabitat.imports.services import start_import
from integrhabitat.improvement.accountability.services import publish_report, save_report
from integrhabitat.improvement.events.services import add_commitment, add_question, save_event
from integrhabitat.improvement.feedback.services import submit_feedback
from integrhabitat.improvement.models import (
    AccountabilityEvent,
    AccountabilityReport,
    Commitment,
    EventQuestion,
    Feedback,
    ServiceReview,
)
from integrhabitat.improvement.practices.services import (
    Practice,
    PracticeAttachment,
    add_attachment,
    save_practice,
    submit_practice,
)
from integrhabitat.improvement.reviews.services import record_review
from integrhabitat.network.models import Membership
from integrhabitat.network.roles import (
    ACCOUNTABILITY_MANAGE,
    AGREEMENTS_VIEW,
    AUDIT_VIEW,
    BREACHES_MANAGE,
    CASES_MANAGE,
    CASES_VIEW,
    CENTER_MANAGE,
    CENTER_VIEW,
    COCREATION_MANAGE,
    COCREATION_VIEW,
    COMMUNITIES_MANAGE,
    COMMUNITIES_VIEW,
    DELIVERY_DELETE,
    DELIVERY_RECORD,
    DUPLICATES_REVIEW,
    FEEDBACK_HANDLE,
    INDICATORS_MANAGE,
    INDICATORS_VIEW,
    NETWORK_OVERVIEW,
    PARTNERS_MANAGE,
    PARTNERS_VIEW,
    PEOPLE_ANONYMIZE,
    PEOPLE_EDIT,
    PEOPLE_EXPORT,
    PEOPLE_IMPORT,
    PEOPLE_REGISTER,
    PEOPLE_VIEW,
    PRACTICES_VIEW,
    PRACTICES_WRITE,
    PRIVACY_REQUESTS,
    PROPOSAL_ANSWER,
    REFERRALS_RECEIVE,
    ROLE_PERMISSIONS,
    SERVICE_REVIEW,
    SERVICES_MANAGE,
    SERVICES_VIEW,
    STAFF_MANAGE,
    Role,
)
from integrhabitat.partners.models import Agreement, AgreementDocument, Pathway, PathwayStep
from integrhabitat.partners.services import add_document
from integrhabitat.people.models import Consent, Participant
from integrhabitat.people.services import create_household, record_consent, register_participant
from integrhabitat.people.tests.duplicate_support import cross_center_pair, look_alike_pair, merged_pair
from integrhabitat.privacy.models import Breach, DataRequest
from integrhabitat.privacy.services import record_request, save_breach
from integrhabitat.services.models import ServiceDelivery
from integrhabitat.services.services import record_deliveries

ACTORS = [
    "anonymous", "network_coordinator", "coordinator", "case_worker", "facilitator", "front_desk",
    "viewer", "partner", "other_coordinator", "outsider",
]
# Each actor's role in center A, whose pages the matrix asks for (conftest's world); None: not a member.
ROLE_IN_CENTER_A = {
    "coordinator": "coordinator", "case_worker": "case_worker", "facilitator": "facilitator",
    "front_desk": "front_desk", "viewer": "viewer", "partner": "partner",
    "network_coordinator": None, "other_coordinator": None, "outsider": None,
}

# Who must get each permission of a center's pages, written out by hand from what each role is for
# (README.md "## Roles", DOMAIN.md "Who uses it"), never read from network/roles.py. To be reviewed as
# data: a permission a line, an x under each role that must have it (coordinator, case worker,
# facilitator, front desk, viewer, partner staff), then why.
GRANTS_TABLE = """
permission                    coord case  facil desk  view  partner  why
center.view                   x     x     x     x     x     .        the home: all staff; partners: referrals only
center.manage                 x     .     .     .     .     .        the center's attributes
center.staff                  x     .     .     .     .     .        staff, roles, a colleague's two-step sign-in
audit.view                    x     .     .     .     .     .        the audit trail
people.view                   x     x     x     x     .     .        finding people: who registers or serves them
people.register               x     x     x     x     .     .        registering people and their consents
people.edit                   x     x     .     x     .     .        correcting people, households: not facilitators
people.export                 x     x     .     .     .     .        the register in a file: who follows people up
people.import                 x     .     .     .     .     .        spreadsheets: coordinators (README)
people.duplicates             x     .     .     .     .     .        merging two records of one person
people.anonymize              x     .     .     .     .     .        erasing a person
services.view                 x     x     x     x     x     .        the service portfolio: all staff, viewer too
services.manage               x     .     .     .     .     .        the service portfolio is the coordinator's
services.delivery_record      x     x     x     x     .     .        recording deliveries: whoever serves people
services.delivery_delete      x     x     .     .     .     .        removing anyone's mistaken delivery
partners.view                 x     x     x     x     x     .        the actor map: all staff
partners.manage               x     .     .     .     .     .        organizations, agreements, pathways
partners.agreements_view      x     x     .     .     .     .        agreements: case workers refer under them
partners.referrals_receive    .     .     .     .     .     x        the partner's inbox (the center's: cases.*)
cases.view                    x     x     .     .     .     .        cases and the agenda
cases.manage                  x     x     .     .     .     .        working cases and referring
communities.view              x     x     x     x     .     .        groups: staff who meet participants
communities.manage            x     .     x     .     .     .        running groups and workshops (DOMAIN.md)
cocreation.view               x     x     x     x     .     .        proposals recorded for participants
cocreation.manage             x     .     x     .     .     .        processes, meetings, moderation
cocreation.answer             x     .     .     .     .     .        the center's public answer to a proposal
improvement.feedback          x     x     .     .     .     .        answering suggestions and complaints
improvement.indicators        x     x     x     .     x     .        results: the four roles README names
improvement.indicators_manage x     .     .     .     .     .        targets, the center's own indicators
improvement.review            x     .     .     .     .     .        deciding a service's future
improvement.accountability    x     .     .     .     .     .        reports, events, commitments
improvement.practices         x     x     x     x     x     .        the network's best practices: all staff
improvement.practices_write   x     x     x     .     .     .        writing up what worked: who runs the work
privacy.requests              x     x     .     .     .     .        requests about one's data (README)
privacy.breaches              x     .     .     .     .     .        the breach register (README)
"""
COLUMNS = {"coord": Role.COORDINATOR, "case": Role.CASE_WORKER, "facil": Role.FACILITATOR, "desk": Role.FRONT_DESK,
           "view": Role.VIEWER, "partner": Role.PARTNER}


def read_grants(table: str) -> dict[str, frozenset[str]]:
    """{permission: the roles that must have it} from GRANTS_TABLE."""
    header, *rows = [line.split() for line in table.strip().splitlines()]
    roles = [COLUMNS[name] for name in header[1:header.index("why")]]
    grants = {}
    for row in rows:
        marks = row[1:1 + len(roles)]
        assert set(marks) <= {"x", "."} and row[1 + len(roles):], f"malformed row: {' '.join(row)}"
        assert row[0] not in grants, f"{row[0]} twice"
        grants[row[0]] = frozenset(role for role, mark in zip(roles, marks, strict=True) if mark == "x")
    return grants


GRANTS = read_grants(GRANTS_TABLE)

# Named URLs deliberately outside the matrix, each with the reason.
EXCLUDED = {
    "healthz": "liveness probe for the load balancer: public, returns a constant 'ok'",
    "accounts:login": "authentication page, public by nature (tests in accounts/tests/test_login.py)",
    "accounts:logout": "authentication page: signing out is allowed to anyone",
    "accounts:password_reset": "authentication page for people who cannot sign in: public by nature",
    "accounts:password_reset_done": "authentication page: public confirmation message",
    "accounts:password_reset_confirm": "authentication page guarded by its signed token, not by a role",
    "accounts:password_reset_complete": "authentication page: public confirmation message",
    "api_tokens:token_revoke": "a signed-in user's own API token; anyone else's is 404 "
                               "(api/tests/test_token_views.py)",
    "accounts:notification_open": "a signed-in user's own notification; anyone else's is 404 "
                                  "(accounts/tests/test_notifications.py)",
}

# Audit actions that record a read, not a change: a permitted request with an invalid form may
# still write them (opening the edit form shows sensitive data), but nothing else.
READ_ACTIONS = {"people.participant.sensitive_viewed", "people.participant.sensitive_filtered",
                "cases.case.viewed", "cases.case.notes_viewed", "cases.referral.viewed_by_partner",
                "network.file.downloaded", "people.participant.viewed"}


class Tenant:
    """The objects of one center that URLs point at, made on first use."""

    def __init__(self, world, side: str):
        self.world = world
        if side == "a":
            self.center, self.person, self.service = world.center_a, world.person_a, world.service_a
            self.staff_user = world.viewer  # whose membership the staff URLs address
            self.case_worker, self.organization = world.case_worker, world.partner_org
        else:
            self.center, self.person, self.service = world.center_b, world.person_b, world.service_b
            self.staff_user = world.other_coordinator
            self.case_worker = world.other_coordinator
            self.organization = make_organization(world.center_b, "Aliado de B")

    @cached_property
    def consent(self) -> Consent:
        return self.person.consents.get(purpose=Consent.Purpose.DATA_PROCESSING)

    @cached_property
    def household_head(self) -> Participant:
        person, _created = register_participant(
            self.center, {"given_names": "Hogar", "family_names": "Cabeza"},
            consent={"purpose": Consent.Purpose.DATA_PROCESSING, "given_by": "self", "method": "verbal"},
            actor=None,
        )
        return person

    @cached_property
    def household(self):
        return create_household(self.household_head, actor=None)

    @cached_property
    def delivery(self) -> ServiceDelivery:
        existing = ServiceDelivery.objects.filter(participant=self.person).first()
        if existing is not None:
            return existing
        return record_deliveries(self.center, self.service, [self.person], delivered_on=date(2026, 1, 11),
                                 actor=None)[0]

    @cached_property
    def membership(self) -> Membership:
        return Membership.objects.get(center=self.center, user=self.staff_user)

    @cached_property
    def agreement(self) -> Agreement:
        return Agreement.objects.create(center=self.center, organization=self.organization, title="Convenio",
                                        starts_on=date(2026, 1, 1))

    @cached_property
    def document(self) -> AgreementDocument:
        upload = SimpleUploadedFile("convenio.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n")
        return add_document(self.agreement, upload, actor=None)

    @cached_property
    def pathway(self) -> Pathway:
        return Pathway.objects.create(center=self.center, need="Salud sin papeles", category="I")

    @cached_property
    def step(self) -> PathwayStep:
        return PathwayStep.objects.create(pathway=self.pathway, organization=self.organization)

    @cached_property
    def group(self) -> Group:
        return save_group(self.center, {"name": "Costura", "kind": "workshop", "service": self.service},
                          actor=None)

    @cached_property
    def member(self) -> Member:
        return join_group(self.group, self.person, actor=None)

    @cached_property
    def certified_member(self) -> Member:
        """A member whose attendance earns the workshop's certificate."""
        take_attendance(self.session, [self.person], actor=None)
        return self.member

    @cached_property
    def session(self) -> Session:
        return schedule_session(self.group, date=timezone.localdate(), actor=None)

    @cached_property
    def process(self) -> Process:
        return save_process(self.center, {"title": "Diagnóstico", "kind": "diagnosis", "scope": "public_space",
                                          "status": "open"}, actor=None)

    @cached_property
    def feedback(self) -> Feedback:
        return submit_feedback(self.center, {"kind": "suggestion", "category": "service", "body": "Más talleres"})

    @cached_property
    def phase(self) -> Phase:
        return add_phase(self.process, name="Propuestas", starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 31),
                         actor=None)

    @cached_property
    def meeting(self) -> Meeting:
        return save_meeting(self.process, {"date": date(2026, 3, 1)}, actor=None)

    @cached_property
    def proposal(self) -> Proposal:
        return submit_proposal(self.center, {"title": "Luces", "description": "x", "category": "IV"},
                               author=self.person, actor=None)

    @cached_property
    def comment(self) -> Comment:
        return add_comment(self.proposal, "De acuerdo", participant=self.person)

    @cached_property
    def case(self) -> Case:
        return open_case(self.person, assigned_to=self.case_worker, actor=self.case_worker)

    @cached_property
    def goal(self) -> Goal:
        return add_goal(self.case, {"title": "Vivienda", "category": "III"}, actor=self.case_worker)

    @cached_property
    def follow_up(self) -> FollowUp:
        return schedule_follow_up(self.case, due_on=timezone.localdate(), channel="phone", purpose="",
                                  assigned_to=self.case_worker, actor=self.case_worker)

    @cached_property
    def referral(self) -> Referral:
        """Sent to the center's partner organization, with the person's consent."""
        record_consent(self.person, purpose="referral", organization=self.organization, given_by="self",
                       method="verbal", actor=self.case_worker)
        worker = Membership.objects.get(center=self.center, user=self.case_worker)
        return create_referral(self.case, {"organization": self.organization, "reason": "Salud"}, membership=worker)

    @cached_property
    def accountability_event(self) -> AccountabilityEvent:
        return save_event(self.center, {"held_on": timezone.localdate(), "place": "Salón comunal", "attendees": 40},
                          actor=None)

    @cached_property
    def report(self) -> AccountabilityReport:
        """A draft: its figures are computed on the staff pages, nowhere public."""
        return save_report({"title": "Rendición", "period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30),
                            "introduction": ""}, center=self.center, actor=None)

    @cached_property
    def published_report(self) -> AccountabilityReport:
        return publish_report(save_report({"title": "Publicado", "period_start": date(2025, 1, 1),
                                           "period_end": date(2025, 12, 31), "introduction": ""},
                                          center=self.center, actor=None), actor=None)

    @cached_property
    def network_report(self) -> AccountabilityReport:
        return save_report({"title": "Red", "period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30),
                            "introduction": ""}, center=None, actor=None)

    @cached_property
    def event_question(self) -> EventQuestion:
        return add_question(self.accountability_event, "¿Hay cupos en los talleres?", actor=None)

    @cached_property
    def commitment(self) -> Commitment:
        """Followed up by the center's coordinator: no other role may update it (`post_perm` below)."""
        coordinator = Membership.objects.get(center=self.center, role=Role.COORDINATOR).user
        return add_commitment(self.accountability_event, {"text": "Abrir los sábados", "responsible": coordinator,
                                                          "due_on": timezone.localdate()}, actor=None)

    def _practice_draft(self) -> Practice:
        return save_practice(self.center, {"title": "Olla comunitaria", "category": "I", "context": "Barrio",
                                           "what_was_done": "Turnos", "results": "Almuerzos", "lessons": "Pactar"},
                             actor=None)

    @cached_property
    def practice(self) -> Practice:
        """A draft: only its own center reads it (a published one is read from every center)."""
        return self._practice_draft()

    @cached_property
    def practice_attachment(self) -> PracticeAttachment:
        upload = SimpleUploadedFile("guia.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n")
        return add_attachment(self.practice, upload, actor=None)

    @cached_property
    def submitted_practice(self) -> Practice:
        """Waiting for the network coordinator's curation, with one file."""
        practice = self._practice_draft()
        add_attachment(practice, SimpleUploadedFile("guia.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"),
                       actor=None)
        return submit_practice(practice, version=practice.version, actor=None)

    @cached_property
    def review(self) -> ServiceReview:
        return record_review(self.service, {"period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30),
                                            "decision": "continue", "rationale": "Sigue igual"}, actor=None)

    @cached_property
    def data_request(self) -> DataRequest:
        return record_request(self.person, {"kind": "access", "received_on": date(2026, 1, 5),
                                            "details": "Quiere saber qué datos tiene el centro"}, actor=None)

    @cached_property
    def breach(self) -> Breach:
        return save_breach(self.center, {"title": "Celular perdido", "discovered_at": timezone.now(),
                                         "description": "Se perdió el celular de la recepción"}, actor=None)

    @cached_property
    def import_job(self) -> ImportJob:
        """A spreadsheet of people uploaded, its columns not chosen yet."""
        upload = SimpleUploadedFile("lista.csv", b"Nombres;Apellidos\nAna;Ruiz\n")
        return start_import(self.center, "people", upload, actor=None)


def _no_kwargs(tenant: Tenant) -> dict:
    return {}


def _incomplete_form(tenant: Tenant) -> dict:
    # Not empty, so that the form is bound and its validation runs.
    return {"submitted": "1"}


@dataclass(frozen=True)
class UrlCase:
    name: str
    kind: str  # "center" (/c/<slug>/...), "network", "signed_in" or "public"
    methods: tuple[str, ...]
    perm: str | None = None  # the permission the view declares (its `required_perm`)
    post_perm: str | None = None  # when a POST needs more than the page
    kwargs: Callable[[Tenant], dict] = _no_kwargs  # object kwargs, from the center's Tenant
    post_data: Callable[[Tenant], dict] = _incomplete_form
    post_ok: int = 302  # answer to a permitted POST of post_data
    audit_action: str | None = None  # what a permitted POST writes
    get_ok: frozenset[int] = field(default_factory=lambda: frozenset({200}))
    page: bool = True  # False for a file download: no page of the center to look into

    def __str__(self) -> str:
        return self.name

    @property
    def has_objects(self) -> bool:
        return self.kwargs is not _no_kwargs


GET, POST = ("GET",), ("POST",)
GET_POST = ("GET", "POST")

CASES = [
    # Center pages: /c/<slug>/...
    UrlCase("improvement:center_home", "center", GET, CENTER_VIEW),
    UrlCase("people:participant_export", "center", GET, PEOPLE_EXPORT, page=False),
    UrlCase("improvement:dashboard", "center", GET, INDICATORS_VIEW),
    UrlCase("improvement:dashboard_export", "center", GET, INDICATORS_VIEW, page=False),
    UrlCase("improvement:targets", "center", GET_POST, INDICATORS_MANAGE, post_ok=400),
    UrlCase("improvement:manual_indicators", "center", GET_POST, INDICATORS_MANAGE, post_ok=400),
    UrlCase("improvement:report_list", "center", GET, INDICATORS_VIEW),
    UrlCase("improvement:report_new", "center", GET_POST, ACCOUNTABILITY_MANAGE, post_ok=400),
    UrlCase("improvement:report_detail", "center", GET, INDICATORS_VIEW, kwargs=lambda t: {"report_id": t.report.uuid}),
    UrlCase("improvement:report_edit", "center", GET_POST, ACCOUNTABILITY_MANAGE, post_ok=400,
            kwargs=lambda t: {"report_id": t.report.uuid}),
    UrlCase("improvement:report_publish", "center", POST, ACCOUNTABILITY_MANAGE,
            kwargs=lambda t: {"report_id": t.report.uuid}, post_data=lambda t: {"confirm": "yes"},
            audit_action="improvement.report.published"),
    UrlCase("improvement:feedback_list", "center", GET, FEEDBACK_HANDLE),
    UrlCase("improvement:satisfaction", "center", GET_POST, DELIVERY_RECORD, post_ok=400),
    UrlCase("improvement:canvas", "center", GET, INDICATORS_VIEW),
    UrlCase("improvement:canvas_edit", "center", GET_POST, CENTER_MANAGE, post_ok=400),
    UrlCase("improvement:canvas_pdf", "center", GET, INDICATORS_VIEW, page=False),
    UrlCase("improvement:feedback_detail", "center", GET_POST, FEEDBACK_HANDLE, post_ok=400,
            kwargs=lambda t: {"feedback_id": t.feedback.uuid}),
    UrlCase("network:center_edit", "center", GET_POST, CENTER_MANAGE, post_ok=400),
    UrlCase("network:staff_list", "center", GET_POST, STAFF_MANAGE, post_ok=400),
    UrlCase("network:staff_role", "center", POST, STAFF_MANAGE,
            kwargs=lambda t: {"membership_id": t.membership.pk},
            post_data=lambda t: {"role": Role.FACILITATOR},
            audit_action="network.membership.role_changed"),
    UrlCase("network:staff_deactivate", "center", POST, STAFF_MANAGE,
            kwargs=lambda t: {"membership_id": t.membership.pk},
            audit_action="network.membership.deactivated"),
    UrlCase("staff_accounts:mfa_reset", "center", POST, STAFF_MANAGE,
            kwargs=lambda t: {"membership_id": t.membership.pk}, audit_action="accounts.mfa.reset"),
    UrlCase("network:center_audit", "center", GET, AUDIT_VIEW),
    UrlCase("people:participant_list", "center", GET, PEOPLE_VIEW),
    UrlCase("people:participant_register", "center", GET_POST, PEOPLE_REGISTER, post_ok=400),
    UrlCase("people:participant_detail", "center", GET, PEOPLE_VIEW,
            kwargs=lambda t: {"participant_id": t.person.uuid}),
    UrlCase("people:participant_edit", "center", GET_POST, PEOPLE_EDIT, post_ok=400,
            kwargs=lambda t: {"participant_id": t.person.uuid}),
    UrlCase("people:participant_card", "center", GET, PEOPLE_VIEW, page=False,
            kwargs=lambda t: {"participant_id": t.person.uuid}),
    UrlCase("people:participant_audit", "center", GET, AUDIT_VIEW,
            kwargs=lambda t: {"participant_id": t.person.uuid}),
    UrlCase("people:consent_record", "center", GET_POST, PEOPLE_REGISTER, post_ok=400,
            kwargs=lambda t: {"participant_id": t.person.uuid}),
    UrlCase("people:consent_withdraw", "center", POST, PEOPLE_REGISTER,
            kwargs=lambda t: {"participant_id": t.person.uuid, "consent_id": t.consent.uuid},
            audit_action="people.consent.withdrawn"),
    UrlCase("people:household_create", "center", POST, PEOPLE_EDIT,
            kwargs=lambda t: {"participant_id": t.person.uuid},
            audit_action="people.household.created"),
    UrlCase("people:household_detail", "center", GET_POST, PEOPLE_VIEW, post_perm=PEOPLE_EDIT, post_ok=400,
            kwargs=lambda t: {"household_id": t.household.uuid}),
    UrlCase("people:household_member_remove", "center", POST, PEOPLE_EDIT,
            kwargs=lambda t: {"household_id": t.household.uuid, "participant_id": t.household_head.uuid},
            audit_action="people.household.member_removed"),
    # Possible duplicates: the center's queue, comparison, merge, distinct, undo (people/tests/test_duplicates_*.py).
    UrlCase("duplicates:duplicate_list", "center", GET, DUPLICATES_REVIEW),
    UrlCase("duplicates:duplicate_scan", "center", POST, DUPLICATES_REVIEW, audit_action="people.duplicate.scanned"),
    UrlCase("duplicates:pair_detail", "center", GET, DUPLICATES_REVIEW,
            kwargs=lambda t: {"pair_id": look_alike_pair(t.center).uuid}),
    UrlCase("duplicates:pair_merge", "center", POST, DUPLICATES_REVIEW, post_ok=400,
            kwargs=lambda t: {"pair_id": look_alike_pair(t.center).uuid}),
    UrlCase("duplicates:pair_distinct", "center", POST, DUPLICATES_REVIEW,
            kwargs=lambda t: {"pair_id": look_alike_pair(t.center).uuid},
            audit_action="people.duplicate.marked_distinct"),
    UrlCase("duplicates:merge_undo", "center", POST, DUPLICATES_REVIEW,
            kwargs=lambda t: {"merge_id": merged_pair(t.center).uuid},
            audit_action="people.participant.merge_undone"),
    UrlCase("services:service_list", "center", GET, SERVICES_VIEW),
    UrlCase("services:service_create", "center", GET_POST, SERVICES_MANAGE, post_ok=400),
    UrlCase("services:service_detail", "center", GET, SERVICES_VIEW,
            kwargs=lambda t: {"service_id": t.service.uuid}),
    UrlCase("services:service_edit", "center", GET_POST, SERVICES_MANAGE, post_ok=400,
            kwargs=lambda t: {"service_id": t.service.uuid}),
    UrlCase("services:delivery_bulk", "center", GET_POST, DELIVERY_RECORD, post_ok=400),
    UrlCase("services:delivery_record", "center", POST, DELIVERY_RECORD,
            kwargs=lambda t: {"participant_id": t.person.uuid},
            post_data=lambda t: {"service": t.service.uuid, "delivered_on": timezone.localdate().isoformat()},
            audit_action="services.delivery.recorded"),
    UrlCase("services:delivery_delete", "center", POST, DELIVERY_DELETE,
            kwargs=lambda t: {"delivery_id": t.delivery.uuid},
            audit_action="services.delivery.deleted"),
    # Only its recorder undoes a delivery: recorded by nobody, every role allowed past the gate is refused there.
    UrlCase("services:delivery_undo", "center", POST, DELIVERY_RECORD,
            kwargs=lambda t: {"participant_id": t.person.uuid, "delivery_id": record_deliveries(
                t.center, t.service, [t.person], delivered_on=date(2026, 1, 12), actor=None)[0].uuid}),
    # Alliances: the actor map, organizations, agreements and their documents, pathways.
    UrlCase("partners:actor_map", "center", GET, PARTNERS_VIEW),
    UrlCase("partners:organization_create", "center", GET_POST, PARTNERS_MANAGE, post_ok=400),
    UrlCase("partners:organization_detail", "center", GET, PARTNERS_VIEW,
            kwargs=lambda t: {"organization_id": t.organization.uuid}),
    UrlCase("partners:organization_edit", "center", GET_POST, PARTNERS_MANAGE, post_ok=400,
            kwargs=lambda t: {"organization_id": t.organization.uuid}),
    UrlCase("partners:agreement_create", "center", GET_POST, PARTNERS_MANAGE, post_ok=400,
            kwargs=lambda t: {"organization_id": t.organization.uuid}),
    UrlCase("partners:agreement_detail", "center", GET, AGREEMENTS_VIEW,
            kwargs=lambda t: {"agreement_id": t.agreement.uuid}),
    UrlCase("partners:agreement_edit", "center", GET_POST, PARTNERS_MANAGE, post_ok=400,
            kwargs=lambda t: {"agreement_id": t.agreement.uuid}),
    UrlCase("partners:document_upload", "center", POST, PARTNERS_MANAGE, post_ok=400,
            kwargs=lambda t: {"agreement_id": t.agreement.uuid}),
    UrlCase("partners:document_download", "center", GET, AGREEMENTS_VIEW, page=False,
            kwargs=lambda t: {"document_id": t.document.uuid}),
    UrlCase("partners:document_delete", "center", POST, PARTNERS_MANAGE,
            kwargs=lambda t: {"document_id": t.document.uuid}, audit_action="partners.document.deleted"),
    UrlCase("partners:pathway_list", "center", GET, PARTNERS_VIEW),
    UrlCase("partners:pathway_create", "center", GET_POST, PARTNERS_MANAGE, post_ok=400),
    UrlCase("partners:pathway_detail", "center", GET, PARTNERS_VIEW, kwargs=lambda t: {"pathway_id": t.pathway.uuid}),
    UrlCase("partners:pathway_edit", "center", GET_POST, PARTNERS_MANAGE, post_ok=400,
            kwargs=lambda t: {"pathway_id": t.pathway.uuid}),
    UrlCase("partners:pathway_print", "center", GET, PARTNERS_VIEW, kwargs=lambda t: {"pathway_id": t.pathway.uuid}),
    UrlCase("partners:pathway_step_add", "center", POST, PARTNERS_MANAGE, post_ok=400,
            kwargs=lambda t: {"pathway_id": t.pathway.uuid}),
    UrlCase("partners:pathway_step_remove", "center", POST, PARTNERS_MANAGE,
            kwargs=lambda t: {"pathway_id": t.pathway.uuid, "step_id": t.step.pk},
            audit_action="partners.pathway.step_removed"),
    # Import of another Open Referral (HSDS) directory into the alliances: upload → preview → confirm.
    UrlCase("directory_center:hsds_import", "center", GET_POST, PARTNERS_MANAGE, post_ok=400),
    # Communities: groups, members, sessions and attendance.
    UrlCase("communities:group_list", "center", GET, COMMUNITIES_VIEW),
    UrlCase("communities:group_create", "center", GET_POST, COMMUNITIES_MANAGE, post_ok=400),
    UrlCase("communities:group_detail", "center", GET, COMMUNITIES_VIEW, kwargs=lambda t: {"group_id": t.group.uuid}),
    UrlCase("communities:group_edit", "center", GET_POST, COMMUNITIES_MANAGE, post_ok=400,
            kwargs=lambda t: {"group_id": t.group.uuid}),
    UrlCase("communities:member_add", "center", POST, COMMUNITIES_MANAGE, post_ok=400,
            kwargs=lambda t: {"group_id": t.group.uuid}),
    UrlCase("communities:member_leave", "center", POST, COMMUNITIES_MANAGE,
            kwargs=lambda t: {"group_id": t.group.uuid, "member_id": t.member.pk},
            audit_action="communities.member.left"),
    UrlCase("communities:session_add", "center", POST, COMMUNITIES_MANAGE, post_ok=400,
            kwargs=lambda t: {"group_id": t.group.uuid}),
    UrlCase("communities:certificate", "center", GET, COMMUNITIES_VIEW, page=False,
            kwargs=lambda t: {"group_id": t.group.uuid, "member_id": t.certified_member.pk}),
    UrlCase("communities:session_attendance", "center", GET_POST, DELIVERY_RECORD,
            kwargs=lambda t: {"session_id": t.session.uuid}, audit_action="communities.session.attendance_taken"),
    # Co-creation: participatory processes, meetings, proposals.
    UrlCase("cocreation:process_list", "center", GET, COCREATION_VIEW),
    UrlCase("cocreation:process_create", "center", GET_POST, COCREATION_MANAGE, post_ok=400),
    UrlCase("cocreation:process_detail", "center", GET, COCREATION_VIEW,
            kwargs=lambda t: {"process_id": t.process.uuid}),
    UrlCase("cocreation:process_edit", "center", GET_POST, COCREATION_MANAGE, post_ok=400,
            kwargs=lambda t: {"process_id": t.process.uuid}),
    UrlCase("cocreation:phase_add", "center", POST, COCREATION_MANAGE, post_ok=400,
            kwargs=lambda t: {"process_id": t.process.uuid}),
    UrlCase("cocreation:phase_remove", "center", POST, COCREATION_MANAGE,
            kwargs=lambda t: {"process_id": t.process.uuid, "phase_id": t.phase.pk},
            audit_action="cocreation.process.phase_removed"),
    UrlCase("cocreation:meeting_create", "center", GET_POST, COCREATION_MANAGE, post_ok=400,
            kwargs=lambda t: {"process_id": t.process.uuid}),
    UrlCase("cocreation:meeting_edit", "center", GET_POST, COCREATION_MANAGE, post_ok=400,
            kwargs=lambda t: {"process_id": t.process.uuid, "meeting_id": t.meeting.uuid}),
    UrlCase("cocreation:proposal_list", "center", GET, COCREATION_VIEW),
    UrlCase("cocreation:proposal_create", "center", GET_POST, COCREATION_VIEW, post_ok=400),
    UrlCase("cocreation:proposal_detail", "center", GET, COCREATION_VIEW,
            kwargs=lambda t: {"proposal_id": t.proposal.uuid}),
    UrlCase("cocreation:proposal_answer", "center", POST, PROPOSAL_ANSWER, post_ok=400,
            kwargs=lambda t: {"proposal_id": t.proposal.uuid}),
    UrlCase("cocreation:proposal_support", "center", POST, COCREATION_VIEW, post_ok=400,
            kwargs=lambda t: {"proposal_id": t.proposal.uuid}),
    UrlCase("cocreation:comment_add", "center", POST, COCREATION_VIEW, post_ok=400,
            kwargs=lambda t: {"proposal_id": t.proposal.uuid}),
    UrlCase("cocreation:comment_moderate", "center", POST, COCREATION_MANAGE,
            kwargs=lambda t: {"proposal_id": t.proposal.uuid, "comment_id": t.comment.uuid},
            post_data=lambda t: {"action": "hide"}, audit_action="cocreation.comment.hidden"),
    # Personal assistance: cases and referrals.
    UrlCase("cases:case_list", "center", GET, CASES_VIEW),
    UrlCase("cases:agenda", "center", GET, CASES_VIEW),
    UrlCase("cases:referral_list", "center", GET, CASES_VIEW),
    UrlCase("cases:case_open", "center", GET_POST, CASES_MANAGE, post_ok=400,
            kwargs=lambda t: {"participant_id": t.person.uuid}),
    UrlCase("cases:case_detail", "center", GET, CASES_VIEW, kwargs=lambda t: {"case_id": t.case.uuid}),
    UrlCase("cases:case_edit", "center", GET_POST, CASES_MANAGE, post_ok=400,
            kwargs=lambda t: {"case_id": t.case.uuid}),
    UrlCase("cases:case_close", "center", GET_POST, CASES_MANAGE, post_ok=400,
            kwargs=lambda t: {"case_id": t.case.uuid}),
    UrlCase("cases:case_reopen", "center", POST, CASES_MANAGE, kwargs=lambda t: {"case_id": t.case.uuid}),
    UrlCase("cases:assessment_add", "center", GET_POST, CASES_MANAGE, post_ok=400,
            kwargs=lambda t: {"case_id": t.case.uuid}),
    UrlCase("cases:goal_add", "center", POST, CASES_MANAGE, post_ok=400, kwargs=lambda t: {"case_id": t.case.uuid}),
    UrlCase("cases:goal_status", "center", POST, CASES_MANAGE,
            kwargs=lambda t: {"case_id": t.case.uuid, "goal_id": t.goal.uuid},
            post_data=lambda t: {"status": "achieved"}, audit_action="cases.goal.updated"),
    UrlCase("cases:action_add", "center", POST, CASES_MANAGE, post_ok=400,
            kwargs=lambda t: {"case_id": t.case.uuid, "goal_id": t.goal.uuid}),
    UrlCase("cases:follow_up_add", "center", POST, CASES_MANAGE, post_ok=400,
            kwargs=lambda t: {"case_id": t.case.uuid}),
    UrlCase("cases:follow_up_record", "center", GET_POST, CASES_MANAGE, post_ok=400,
            kwargs=lambda t: {"case_id": t.case.uuid, "follow_up_id": t.follow_up.uuid}),
    UrlCase("cases:note_add", "center", POST, CASES_MANAGE, post_ok=400, kwargs=lambda t: {"case_id": t.case.uuid}),
    UrlCase("cases:referral_create", "center", GET_POST, CASES_MANAGE, post_ok=400,
            kwargs=lambda t: {"case_id": t.case.uuid}),
    UrlCase("cases:referral_detail", "center", GET, CASES_VIEW, kwargs=lambda t: {"referral_id": t.referral.uuid}),
    UrlCase("cases:referral_send", "center", POST, CASES_MANAGE, kwargs=lambda t: {"referral_id": t.referral.uuid}),
    UrlCase("cases:referral_close", "center", POST, CASES_MANAGE,
            kwargs=lambda t: {"referral_id": t.referral.uuid},
            post_data=lambda t: {"action": "cancel", "version": t.referral.version},
            audit_action="cases.referral.cancelled"),
    UrlCase("cases:referral_answer", "center", POST, CASES_MANAGE,
            kwargs=lambda t: {"referral_id": t.referral.uuid}),
    # The partner's side of referrals.
    UrlCase("cases:partner_inbox", "center", GET, REFERRALS_RECEIVE),
    UrlCase("cases:partner_referral", "center", GET, REFERRALS_RECEIVE,
            kwargs=lambda t: {"referral_id": t.referral.uuid}),
    UrlCase("cases:partner_answer", "center", POST, REFERRALS_RECEIVE,
            kwargs=lambda t: {"referral_id": t.referral.uuid},
            post_data=lambda t: {"decision": "accept", "version": t.referral.version},
            audit_action="cases.referral.accepted"),
    UrlCase("cases:partner_session", "center", POST, REFERRALS_RECEIVE,
            kwargs=lambda t: {"referral_id": t.referral.uuid}),
    # The network's library of best practices (objects are drafts, see `Tenant.practice`).
    UrlCase("practices:practice_list", "center", GET, PRACTICES_VIEW),
    UrlCase("practices:practice_create", "center", GET_POST, PRACTICES_WRITE, post_ok=400),
    UrlCase("practices:practice_detail", "center", GET, PRACTICES_VIEW,
            kwargs=lambda t: {"practice_id": t.practice.uuid}),
    UrlCase("practices:practice_edit", "center", GET_POST, PRACTICES_WRITE, post_ok=400,
            kwargs=lambda t: {"practice_id": t.practice.uuid}),
    UrlCase("practices:practice_submit", "center", POST, PRACTICES_WRITE,
            kwargs=lambda t: {"practice_id": t.practice.uuid}, post_data=lambda t: {"version": t.practice.version},
            audit_action="improvement.practice.submitted"),
    UrlCase("practices:attachment_add", "center", POST, PRACTICES_WRITE, post_ok=400,
            kwargs=lambda t: {"practice_id": t.practice.uuid}),
    UrlCase("practices:attachment_download", "center", GET, PRACTICES_VIEW, page=False,
            kwargs=lambda t: {"practice_id": t.practice.uuid, "attachment_id": t.practice_attachment.uuid}),
    UrlCase("practices:attachment_remove", "center", POST, PRACTICES_WRITE,
            kwargs=lambda t: {"practice_id": t.practice.uuid, "attachment_id": t.practice_attachment.uuid},
            audit_action="improvement.practice.attachment_removed"),
    # Accountability events and the commitments made at them.
    UrlCase("events:event_list", "center", GET, INDICATORS_VIEW),
    UrlCase("events:event_create", "center", GET_POST, ACCOUNTABILITY_MANAGE, post_ok=400),
    UrlCase("events:event_detail", "center", GET, INDICATORS_VIEW,
            kwargs=lambda t: {"event_id": t.accountability_event.uuid}),
    UrlCase("events:event_edit", "center", GET_POST, ACCOUNTABILITY_MANAGE, post_ok=400,
            kwargs=lambda t: {"event_id": t.accountability_event.uuid}),
    UrlCase("events:question_add", "center", POST, ACCOUNTABILITY_MANAGE, post_ok=400,
            kwargs=lambda t: {"event_id": t.accountability_event.uuid}),
    UrlCase("events:question_answer", "center", POST, ACCOUNTABILITY_MANAGE,
            kwargs=lambda t: {"event_id": t.accountability_event.uuid, "question_id": t.event_question.pk},
            post_data=lambda t: {"answer": "Sí, desde marzo."}, audit_action="improvement.event.question_answered"),
    UrlCase("events:commitment_add", "center", POST, ACCOUNTABILITY_MANAGE, post_ok=400,
            kwargs=lambda t: {"event_id": t.accountability_event.uuid}),
    UrlCase("events:commitment_list", "center", GET, INDICATORS_VIEW),
    # Its responsible person may update it too (improvement/tests/test_accountability_events.py); here that
    # is the coordinator, so the POST answers as if it needed ACCOUNTABILITY_MANAGE.
    UrlCase("events:commitment_detail", "center", GET_POST, INDICATORS_VIEW, post_perm=ACCOUNTABILITY_MANAGE,
            post_ok=400, kwargs=lambda t: {"commitment_id": t.commitment.uuid}),
    # Data protection: requests people make about their data, and data breaches.
    UrlCase("privacy:request_list", "center", GET, PRIVACY_REQUESTS),
    UrlCase("privacy:request_create", "center", GET_POST, PRIVACY_REQUESTS, post_ok=400,
            kwargs=lambda t: {"participant_id": t.person.uuid}),
    UrlCase("privacy:request_detail", "center", GET, PRIVACY_REQUESTS,
            kwargs=lambda t: {"request_id": t.data_request.uuid}),
    UrlCase("privacy:request_extend", "center", POST, PRIVACY_REQUESTS, post_ok=400,
            kwargs=lambda t: {"request_id": t.data_request.uuid}),
    UrlCase("privacy:request_answer", "center", POST, PRIVACY_REQUESTS, post_ok=400,
            kwargs=lambda t: {"request_id": t.data_request.uuid}),
    # People's rights over their data: a copy of all of it, and erasure by anonymization.
    UrlCase("privacy:subject_data_pdf", "center", GET, PRIVACY_REQUESTS, page=False,
            kwargs=lambda t: {"participant_id": t.person.uuid}),
    UrlCase("privacy:subject_data_json", "center", GET, PRIVACY_REQUESTS, page=False,
            kwargs=lambda t: {"participant_id": t.person.uuid}),
    UrlCase("privacy:participant_anonymize", "center", GET_POST, PEOPLE_ANONYMIZE, post_ok=400,
            kwargs=lambda t: {"participant_id": t.person.uuid}),
    UrlCase("privacy:breach_list", "center", GET, BREACHES_MANAGE),
    UrlCase("privacy:breach_create", "center", GET_POST, BREACHES_MANAGE, post_ok=400),
    UrlCase("privacy:breach_edit", "center", GET_POST, BREACHES_MANAGE, post_ok=400,
            kwargs=lambda t: {"breach_id": t.breach.uuid}),
    # Service reviews: the queue, a service's reviews, the review form, one review.
    UrlCase("reviews:review_queue", "center", GET, INDICATORS_VIEW),
    UrlCase("reviews:service_reviews", "center", GET, INDICATORS_VIEW,
            kwargs=lambda t: {"service_id": t.service.uuid}),
    UrlCase("reviews:review_create", "center", GET_POST, SERVICE_REVIEW,
            kwargs=lambda t: {"service_id": t.service.uuid},
            post_data=lambda t: {"period_start": "2026-01-01", "period_end": "2026-06-30", "decision": "continue",
                                 "rationale": "Sigue igual"},
            audit_action="improvement.review.recorded"),
    UrlCase("reviews:review_detail", "center", GET, INDICATORS_VIEW,
            kwargs=lambda t: {"review_id": t.review.uuid}),
    # Imports from spreadsheets: upload, columns, preview, import, restart, rejected rows, example files.
    UrlCase("imports:start", "center", GET_POST, PEOPLE_IMPORT, post_ok=400),
    UrlCase("imports:example", "center", GET, PEOPLE_IMPORT, page=False),
    UrlCase("imports:job_detail", "center", GET, PEOPLE_IMPORT, kwargs=lambda t: {"job_id": t.import_job.uuid}),
    UrlCase("imports:job_mapping", "center", GET_POST, PEOPLE_IMPORT, post_ok=400,
            kwargs=lambda t: {"job_id": t.import_job.uuid}),
    # Not checked yet: the import is refused, back to its page with the reason.
    UrlCase("imports:job_commit", "center", POST, PEOPLE_IMPORT, kwargs=lambda t: {"job_id": t.import_job.uuid}),
    UrlCase("imports:job_restart", "center", POST, PEOPLE_IMPORT, kwargs=lambda t: {"job_id": t.import_job.uuid}),
    UrlCase("imports:job_rejected", "center", GET, PEOPLE_IMPORT, page=False,
            kwargs=lambda t: {"job_id": t.import_job.uuid}),
    # Network pages: network coordinators only.
    UrlCase("network_overview", "network", GET, NETWORK_OVERVIEW),
    UrlCase("center_create", "network", GET_POST, NETWORK_OVERVIEW, post_ok=400),
    # The retention schedule: the incomplete form is refused (400); running it is `action=apply`.
    UrlCase("retention_schedule", "network", GET_POST, NETWORK_OVERVIEW, post_ok=400,
            post_data=lambda t: {"action": "save", "inactive_people": "-1"}),
    UrlCase("network_export", "network", GET, NETWORK_OVERVIEW),
    UrlCase("network_report_list", "network", GET, NETWORK_OVERVIEW),
    UrlCase("network_report_new", "network", GET_POST, NETWORK_OVERVIEW, post_ok=400),
    UrlCase("network_report_detail", "network", GET, NETWORK_OVERVIEW,
            kwargs=lambda t: {"report_id": t.network_report.uuid}),
    UrlCase("network_report_edit", "network", GET_POST, NETWORK_OVERVIEW, post_ok=400,
            kwargs=lambda t: {"report_id": t.network_report.uuid}),
    UrlCase("network_report_publish", "network", POST, NETWORK_OVERVIEW,
            kwargs=lambda t: {"report_id": t.network_report.uuid}, post_data=lambda t: {"confirm": "yes"},
            audit_action="improvement.report.published"),
    UrlCase("practices_network:curation_queue", "network", GET, NETWORK_OVERVIEW),
    UrlCase("practices_network:practice_curate", "network", GET_POST, NETWORK_OVERVIEW,
            kwargs=lambda t: {"practice_id": t.submitted_practice.uuid},
            post_data=lambda t: {"action": "publish", "version": t.submitted_practice.version},
            audit_action="improvement.practice.published"),
    UrlCase("practices_network:attachment_download", "network", GET, NETWORK_OVERVIEW, page=False,
            kwargs=lambda t: {"practice_id": t.submitted_practice.uuid,
                              "attachment_id": t.submitted_practice.attachments.get().uuid}),
    UrlCase("duplicates_network:pair_list", "network", GET, NETWORK_OVERVIEW),
    UrlCase("duplicates_network:scan", "network", POST, NETWORK_OVERVIEW),
    UrlCase("duplicates_network:pair_distinct", "network", POST, NETWORK_OVERVIEW,
            kwargs=lambda t: {"pair_id": cross_center_pair(t.world).uuid},
            audit_action="people.duplicate.marked_distinct"),
    UrlCase("duplicates_network:pair_notify", "network", POST, NETWORK_OVERVIEW,
            kwargs=lambda t: {"pair_id": cross_center_pair(t.world).uuid},
            audit_action="people.duplicate.notified"),
    # Any signed-in user.
    UrlCase("home", "signed_in", GET, get_ok=frozenset({200, 302})),
    UrlCase("accounts:password_change", "signed_in", GET_POST, post_ok=200),
    UrlCase("accounts:notifications", "signed_in", GET_POST),
    UrlCase("api_tokens:token_list", "signed_in", GET_POST, post_ok=400),
    UrlCase("accounts:account", "signed_in", GET),
    # The second step (accounts/tests/test_mfa.py): without an app set up, it sends to the set-up page.
    UrlCase("accounts:mfa_verify", "signed_in", GET_POST, get_ok=frozenset({302})),
    UrlCase("accounts:mfa_setup", "signed_in", GET_POST, post_ok=400),
    UrlCase("accounts:mfa_recovery_codes", "signed_in", POST),
    UrlCase("accounts:mfa_disable", "signed_in", POST),
    UrlCase("accounts:sign_out_everywhere", "signed_in", POST, audit_action="accounts.sessions.ended"),
    UrlCase("accounts:session_expiring", "signed_in", GET),
    # Anyone.
    UrlCase("accounts:set_language", "public", POST, post_data=lambda t: {"language": "en", "next": "/"}),
    UrlCase("public_center", "public", GET, kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("feedback_send", "public", GET_POST, post_ok=400, kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("kiosk", "public", GET_POST, post_ok=400, kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("public_reports", "public", GET, kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("network_public_reports", "public", GET),
    UrlCase("public_report", "public", GET, kwargs=lambda t: {"report_id": t.published_report.uuid}),
    UrlCase("public_report_pdf", "public", GET, kwargs=lambda t: {"report_id": t.published_report.uuid}),
    UrlCase("portal:rate", "public", POST, kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("feedback_track", "public", GET, kwargs=lambda t: {"center_slug": t.center.slug, "code": t.feedback.code}),
    # The participant portal: a participant signs in with a one-time code (portal/tests/test_portal.py);
    # staff accounts and anonymous visitors alike are sent to its sign-in page.
    UrlCase("portal:login", "public", GET_POST, post_ok=400, kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("portal:verify", "public", GET_POST, get_ok=frozenset({302}),
            kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("portal:choose", "public", GET_POST, get_ok=frozenset({302}),
            kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("portal:logout", "public", POST, kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("portal:home", "public", GET, get_ok=frozenset({302}), kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("portal:activities", "public", GET_POST, get_ok=frozenset({302}),
            kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("portal:proposals", "public", GET_POST, get_ok=frozenset({302}),
            kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("portal:profile", "public", GET_POST, get_ok=frozenset({302}),
            kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("portal:card", "public", GET, get_ok=frozenset({302}), kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("portal:my_data_pdf", "public", GET, get_ok=frozenset({302}),
            kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("portal:my_data_json", "public", GET, get_ok=frozenset({302}),
            kwargs=lambda t: {"center_slug": t.center.slug}),
    UrlCase("portal:certificate", "public", GET, get_ok=frozenset({302}),
            kwargs=lambda t: {"center_slug": t.center.slug, "group_id": t.group.uuid}),
    # The public Open Referral (HSDS 3.0) directory: read-only JSON for anyone (directory/tests/test_api.py).
    UrlCase("directory:api_info", "public", GET),
    UrlCase("directory:service_list", "public", GET),
    UrlCase("directory:service_detail", "public", GET, kwargs=lambda t: {"id": t.service.uuid}),
    UrlCase("directory:organization_list", "public", GET),
    UrlCase("directory:organization_detail", "public", GET, kwargs=lambda t: {"id": t.center.uuid}),
    UrlCase("directory:service_at_location_list", "public", GET),
    UrlCase("directory:service_at_location_detail", "public", GET,
            kwargs=lambda t: {"id": hsds.service_at_location_id(t.service)}),
    UrlCase("directory:taxonomy_list", "public", GET),
    UrlCase("directory:taxonomy_detail", "public", GET, kwargs=lambda t: {"id": hsds.TAXONOMY_ID}),
    UrlCase("directory:taxonomy_term_list", "public", GET),
    UrlCase("directory:taxonomy_term_detail", "public", GET, kwargs=lambda t: {"id": hsds.type_term_id("I.food")}),
    UrlCase("directory:export", "public", GET, page=False),
    UrlCase("directory:export_zip", "public", GET, page=False),
]
CASES_BY_NAME = {case.name: case for case in CASES}

LOGIN = "login redirect"


def url_for(case: UrlCase, tenant: Tenant, *, center_slug: str | None = None) -> str:
    kwargs = case.kwargs(tenant)
    if case.kind == "center":
        kwargs = {"center": center_slug or tenant.center.slug, **kwargs}
    return reverse(case.name, kwargs=kwargs)


def login_url(next_path: str) -> str:
    return f"{reverse('accounts:login')}?{urlencode({'next': next_path}, safe='/')}"


def expected_status(case: UrlCase, method: str, actor: str) -> str | frozenset[int]:
    """What `actor` must get, from the hand-written GRANTS and the actor's role in center A."""
    ok = case.get_ok if method == "GET" else frozenset({case.post_ok})
    if case.kind == "public":
        return ok
    if actor == "anonymous":
        return LOGIN
    if case.kind == "signed_in":
        return ok
    if case.kind == "network":
        return ok if actor == "network_coordinator" else frozenset({403})
    role = ROLE_IN_CENTER_A[actor]
    if role is None:
        return frozenset({404})
    perm = case.post_perm if method == "POST" and case.post_perm else case.perm
    return ok if role in GRANTS[perm] else frozenset({403})


def matrix_params():
    for case in CASES:
        for method in case.methods:
            yield pytest.param(case, method, id=f"{case.name}-{method}")


def send(client, method: str, url: str, data: dict | None = None):
    return client.get(url) if method == "GET" else client.post(url, data or {})


# The other center's data, which must never show on a page of center A.
CENTER_B_MARKERS = ("Centro B", "Bustos", "Asesoría jurídica")


@pytest.mark.parametrize(("case", "method"), list(matrix_params()))
def test_it_answers_every_url_as_the_grants_table_says(world, case, method):
    """Every actor in turn on one world. Each request runs in a savepoint rolled back after it, so that
    what one actor's request writes is never seen by the next (the objects the URL points at are made
    before, outside it)."""
    tenant = Tenant(world, "a")
    url = url_for(case, tenant)
    data = case.post_data(tenant) if method == "POST" else None
    for actor in ACTORS:
        with transaction.atomic():
            check_actor(world, case, method, actor, url, data)
            transaction.set_rollback(True)


def check_actor(world, case: UrlCase, method: str, actor: str, url: str, data: dict | None) -> None:
    user = None if actor == "anonymous" else getattr(world, actor)
    expected = expected_status(case, method, actor)
    last_entry = AuditEntry.objects.order_by("id").values_list("id", flat=True).last() or 0

    response = send(world.client_for(user), method, url, data)

    new_entries = AuditEntry.objects.filter(id__gt=last_entry)
    new_actions = list(new_entries.values_list("action", flat=True))
    if expected == LOGIN:
        assert response.status_code == 302, f"{actor} {method} {url}: {response.status_code}"
        assert response["Location"] == login_url(url), actor
        assert new_actions == [], actor
        return
    assert response.status_code in expected, f"{actor} {method} {url}: {response.status_code} not in {expected}"
    if response.status_code in (403, 404):
        # Refused: nothing was read or written, and nothing of the person shows.
        assert new_actions == [], f"{actor} {method} {url} wrote {new_actions}"
        assert "Pérez" not in response.content.decode(), actor
        return
    if case.kind == "center" and response.status_code == 200 and case.page:
        body = response.content.decode()
        assert world.center_a.name in body  # the page is center A's
        for marker in CENTER_B_MARKERS:
            assert marker not in body, f"{url} shows {marker!r} of center B to {actor}"
    if method == "POST":
        if case.audit_action:
            entry = new_entries.get(action=case.audit_action)
            assert entry.actor == user
            if case.kind == "center":
                assert entry.center == world.center_a
        elif case.kind != "public":
            # An invalid form changes nothing: at most the read of the data it showed is recorded.
            assert set(new_actions) <= READ_ACTIONS, f"{actor} {method} {url} wrote {new_actions}"
        if response.status_code == 302 and case.kind == "center":
            assert response["Location"].startswith(f"/c/{world.center_a.slug}/")


# --- The matrix covers every URL -------------------------------------------------------------------------

def walk_patterns(patterns, prefix: str = "", namespace: str = ""):
    """(qualified name or None, route, callback) of every URL pattern, recursively."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield name, prefix + str(pattern.pattern), pattern.callback


def test_it_covers_every_named_url_of_the_project():
    patterns = list(walk_patterns(get_resolver().url_patterns))
    unnamed = [route for name, route, _callback in patterns if name is None]
    assert unnamed == [], "unnamed URL patterns escape the permission matrix"
    # The JSON API (token, not session) has its own operation × actor matrix: api/tests/test_api_permissions.py.
    names = {name for name, _route, _callback in patterns if not name.startswith("api:")}
    missing = names - set(CASES_BY_NAME) - set(EXCLUDED)
    assert missing == set(), f"URLs not in the permission matrix: {sorted(missing)}"
    assert set(CASES_BY_NAME) - names == set(), "the matrix lists URLs that no longer exist"
    assert set(EXCLUDED) - names == set(), "stale exclusions"
    assert set(EXCLUDED) & set(CASES_BY_NAME) == set()


def test_it_lists_each_url_with_the_permission_its_view_declares():
    for name, route, callback in walk_patterns(get_resolver().url_patterns):
        if name in EXCLUDED or name.startswith("api:"):  # the JSON API: api/tests/test_api_permissions.py
            continue
        case = CASES_BY_NAME[name]
        declared = getattr(callback, "required_perm", None)
        if route.startswith("c/<slug:center>/"):
            assert case.kind == "center", name
            assert declared is not None, f"{name} is under /c/ without a center_view permission"
        assert declared == case.perm, f"{name}: the view requires {declared!r}, the matrix says {case.perm!r}"


def test_the_grants_table_lists_exactly_the_permissions_of_the_center_pages():
    declared = {perm for case in CASES if case.kind == "center" for perm in (case.perm, case.post_perm) if perm}

    assert set(GRANTS) == declared, f"missing: {declared - set(GRANTS)}, unused: {set(GRANTS) - declared}"
    assert {role for roles in GRANTS.values() for role in roles} == set(Role)
    assert set(ROLE_IN_CENTER_A) | {"anonymous"} == set(ACTORS)


@pytest.mark.parametrize(("role", "perm", "case_name", "actor"), [
    (Role.VIEWER, PEOPLE_VIEW, "people:participant_list", "viewer"),
    (Role.CASE_WORKER, CASES_VIEW, "cases:case_list", "case_worker"),
], ids=["one-grant-more", "one-grant-less"])
def test_the_matrix_fails_when_the_catalogue_grants_or_denies_one_permission_more(
        world, monkeypatch, role, perm, case_name, actor):
    """The expectations do not follow the catalogue: one grant flipped there makes the matrix fail."""
    case = CASES_BY_NAME[case_name]
    url = url_for(case, Tenant(world, "a"))
    with transaction.atomic():
        check_actor(world, case, "GET", actor, url, None)  # as the table says
        transaction.set_rollback(True)
    monkeypatch.setitem(ROLE_PERMISSIONS, role, ROLE_PERMISSIONS[role] ^ {perm})

    with pytest.raises(AssertionError, match=re.escape(f"{actor} GET {url}: ")):
        check_actor(world, case, "GET", actor, url, None)


# --- Wrong methods ---------------------------------------------------------------------------------------

def wrong_methods(case: UrlCase) -> list[str]:
    # PUT and DELETE only on the project's own views: Django's auth FormViews treat PUT as POST.
    probes = ("GET", "POST", "PUT", "DELETE") if case.kind in ("center", "network") else ("GET", "POST")
    return [method for method in probes if method not in case.methods]


@pytest.mark.parametrize("case", [case for case in CASES if wrong_methods(case)], ids=str)
def test_it_refuses_every_method_the_view_does_not_take_with_405(world, case):
    """Every wrong method of one URL in turn; all the wrong answers are reported together."""
    client = world.client_for(world.network_coordinator if case.kind == "network" else world.coordinator)
    url = url_for(case, Tenant(world, "a"))
    audit_before = AuditEntry.objects.count()
    wrong = []

    for method in wrong_methods(case):
        response = getattr(client, method.lower())(url)
        allowed = set(response.get("Allow", "").replace(" ", "").split(","))
        if response.status_code != 405 or allowed != set(case.methods):
            wrong.append(f"{method} {url}: {response.status_code}, Allow: {response.get('Allow')!r}")

    assert wrong == [], f"expected 405 with Allow: {', '.join(case.methods)}"
    assert AuditEntry.objects.count() == audit_before


# --- Objects of another center through center A's URLs ----------------------------------------------------

def comparable(response, path: str) -> str:
    """The page without what differs between any two requests: its own address (the language
    switch's `next`) and the masked CSRF token."""
    return CSRF_TOKEN.sub("", response.content.decode().replace(path, ""))


CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def cross_center_params():
    for case in CASES:
        if case.kind == "center" and case.has_objects:
            for method in case.methods:
                yield pytest.param(case, method, id=f"{case.name}-{method}")


def holder(world, case: UrlCase):
    """A member of center A whose role has the URL's permission: the partner for the partner's pages."""
    return world.partner if case.perm == REFERRALS_RECEIVE else world.coordinator


@pytest.mark.parametrize(("case", "method"), list(cross_center_params()))
def test_it_answers_404_for_an_object_of_center_b_under_center_a(world, case, method):
    tenant_b = Tenant(world, "b")
    url = url_for(case, tenant_b, center_slug=world.center_a.slug)
    data = case.post_data(Tenant(world, "a")) if method == "POST" else None
    audit_before = AuditEntry.objects.count()

    response = send(world.client_for(holder(world, case)), method, url, data)

    assert response.status_code == 404
    assert AuditEntry.objects.count() == audit_before
    body = response.content.decode()
    for marker in ("Bustos", "Berta"):
        assert marker not in body


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "center" and c.has_objects and "GET" in c.methods],
                         ids=str)
def test_it_answers_the_same_404_for_another_centers_object_and_a_missing_one(world, case):
    client = world.client_for(holder(world, case))
    other_url = url_for(case, Tenant(world, "b"), center_slug=world.center_a.slug)
    kwargs = {name: (uuid.uuid4() if isinstance(value, uuid.UUID) else 999_999)
              for name, value in case.kwargs(Tenant(world, "a")).items()}
    missing_url = reverse(case.name, kwargs={"center": world.center_a.slug, **kwargs})

    other, missing = client.get(other_url), client.get(missing_url)

    assert other.status_code == missing.status_code == 404
    assert comparable(other, other_url) == comparable(missing, missing_url)


def test_it_does_not_change_center_b_data_through_center_a_urls(world):
    tenant_b = Tenant(world, "b")
    client = world.client_for(world.coordinator)
    a = world.center_a.slug

    client.post(reverse("network:staff_deactivate", kwargs={"center": a, "membership_id": tenant_b.membership.pk}))
    client.post(reverse("services:delivery_delete", kwargs={"center": a, "delivery_id": tenant_b.delivery.uuid}))
    client.post(reverse("people:consent_withdraw", kwargs={
        "center": a, "participant_id": tenant_b.person.uuid, "consent_id": tenant_b.consent.uuid}))

    assert Membership.objects.get(pk=tenant_b.membership.pk).is_active
    assert ServiceDelivery.objects.filter(pk=tenant_b.delivery.pk).exists()
    tenant_b.consent.refresh_from_db()
    assert tenant_b.consent.withdrawn_at is None


# --- Sentinels: a few expectations written out by hand ----------------------------------------------------

def test_it_refuses_the_staff_page_to_the_front_desk(world):
    response = world.client_for(world.front_desk).get("/c/centro-a/staff/")

    assert response.status_code == 403
    assert "coord_a" not in response.content.decode()


def test_it_refuses_the_people_list_to_a_viewer(world):
    response = world.client_for(world.viewer).get("/c/centro-a/people/")

    assert response.status_code == 403
    assert "José" not in response.content.decode()


def test_it_shows_the_people_list_to_a_case_worker(world):
    response = world.client_for(world.case_worker).get("/c/centro-a/people/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "José" in body
    assert "Berta" not in body


def test_it_lets_a_coordinator_open_the_staff_page_listing_only_their_centers_staff(world):
    response = world.client_for(world.coordinator).get("/c/centro-a/staff/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Viewer_A" in body or "viewer_a" in body
    assert "coord_b" not in body and "Coord_B" not in body


def test_it_refuses_a_facilitator_to_delete_a_delivery(world):
    delivery = ServiceDelivery.objects.get(participant=world.person_a)

    response = world.client_for(world.facilitator).post(f"/c/centro-a/services/deliveries/{delivery.uuid}/delete/")

    assert response.status_code == 403
    assert ServiceDelivery.objects.filter(pk=delivery.pk).exists()


def test_it_sends_anonymous_visitors_to_the_login_page_with_next(world):
    response = world.client_for(None).get("/c/centro-a/people/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/c/centro-a/people/"


@pytest.mark.parametrize("actor", ["other_coordinator", "outsider", "network_coordinator"])
def test_it_answers_404_to_people_outside_center_a(world, actor):
    response = world.client_for(getattr(world, actor)).get("/c/centro-a/")

    assert response.status_code == 404
    assert "Centro A" not in response.content.decode()


def test_it_answers_404_for_a_center_that_does_not_exist_like_for_another_center(world):
    client = world.client_for(world.coordinator)

    missing = client.get("/c/no-such-center/")
    other = client.get("/c/centro-b/")

    assert missing.status_code == other.status_code == 404
    assert comparable(missing, "/c/no-such-center/") == comparable(other, "/c/centro-b/")


def test_it_answers_404_for_a_person_of_center_b_through_center_a(world):
    response = world.client_for(world.coordinator).get(f"/c/centro-a/people/{world.person_b.uuid}/")

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(object_id=str(world.person_b.uuid),
                                         action="people.participant.sensitive_viewed").exists()


def test_it_answers_404_to_the_staff_of_a_deactivated_center(world):
    world.center_a.is_active = False
    world.center_a.save(update_fields=["is_active"])

    response = world.client_for(world.coordinator).get("/c/centro-a/")

    assert response.status_code == 404


def test_it_uses_uuids_not_sequential_ids_in_addresses_of_people(world):
    url = reverse("people:participant_detail",
                  kwargs={"center": world.center_a.slug, "participant_id": world.person_a.uuid})

    assert str(world.person_a.uuid) in url
    with pytest.raises(Resolver404):
        resolve(f"/c/centro-a/people/{world.person_a.pk}/")
    assert world.client_for(world.coordinator).get(f"/c/centro-a/people/{world.person_a.pk}/").status_code == 404


def test_it_shows_sensitive_data_to_a_case_worker_and_records_the_read(world):
    response = world.client_for(world.case_worker).get(f"/c/centro-a/people/{world.person_a.uuid}/")

    assert response.status_code == 200
    assert 'id="sensitive-h"' in response.content.decode()
    assert AuditEntry.objects.filter(action="people.participant.sensitive_viewed", actor=world.case_worker,
                                     object_id=str(world.person_a.uuid)).exists()


def test_it_hides_sensitive_data_from_the_front_desk_and_records_no_read(world):
    response = world.client_for(world.front_desk).get(f"/c/centro-a/people/{world.person_a.uuid}/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "José" in body
    assert 'id="sensitive-h"' not in body
    assert not AuditEntry.objects.filter(action="people.participant.sensitive_viewed").exists()


# --- The network overview ----------------------------------------------------------------------------------

def test_it_shows_the_network_overview_to_the_network_coordinator_with_every_center(world):
    response = world.client_for(world.network_coordinator).get("/network/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Centro A" in body and "Centro B" in body
    assert "José" not in body and "Pérez" not in body  # aggregates only


@pytest.mark.parametrize("actor", ["coordinator", "case_worker", "viewer", "other_coordinator", "outsider"])
def test_it_refuses_the_network_overview_to_everyone_else(world, actor):
    response = world.client_for(getattr(world, actor)).get("/network/")

    assert response.status_code == 403
    assert "Centro B" not in response.content.decode()


def test_it_sends_anonymous_visitors_of_the_network_overview_to_login(world):
    response = world.client_for(None).get("/network/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/network/"


# --- Home: where each person lands ----------------------------------------------------------------------

@pytest.mark.parametrize(("actor", "destination"), [
    ("coordinator", "/c/centro-a/"),
    ("viewer", "/c/centro-a/"),
    ("other_coordinator", "/c/centro-b/"),
    ("network_coordinator", "/network/"),
])
def test_it_sends_each_user_from_home_to_where_their_work_is(world, actor, destination):
    response = world.client_for(getattr(world, actor)).get("/")

    assert response.status_code == 302
    assert response["Location"] == destination


def test_it_shows_an_empty_home_to_a_user_without_any_center(world):
    response = world.client_for(world.outsider).get("/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Centro A" not in body and "Centro B" not in body


def test_it_answers_healthz_to_anyone_without_data(world):
    response = world.client_for(None).get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
