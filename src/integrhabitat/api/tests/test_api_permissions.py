"""The operation × actor matrix of the JSON API, like `network/tests/test_permissions.py` for the pages.

Every operation of the OpenAPI document is listed once with the permission it needs; the answer for each
actor comes from `ROLE_PERMISSIONS` and the actor's membership in center A:

- no token → 401;
- not an active member of center A (other center's coordinator, outsider, network coordinator) → 404;
- a member whose role lacks the permission → 403, and nothing is written;
- a member whose role has it → the operation's own success status.

And an object of center B under center A's address answers 404, the same as a missing one.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.utils import timezone

from integrhabitat.api.api import api
from integrhabitat.audit.models import AuditEntry
from integrhabitat.network.models import Membership
from integrhabitat.network.roles import (
    CASES_MANAGE,
    CASES_VIEW,
    COMMUNITIES_VIEW,
    DELIVERY_RECORD,
    PEOPLE_REGISTER,
    PEOPLE_VIEW,
    ROLE_PERMISSIONS,
    SERVICES_VIEW,
)
from integrhabitat.network.tests.test_permissions import ACTORS, Tenant

READ_ACTIONS = {"people.participant.sensitive_viewed", "cases.case.viewed", "people.participant.viewed"}


def _none(tenant: Tenant) -> dict:
    return {}


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str  # with {center_slug} and the object's parameter
    perm: str | None  # None: any signed-in user (the center list)
    objects: Callable[[Tenant], dict] = _none
    body: Callable[[Tenant], dict] | None = None
    ok: int = 200
    audit_action: str | None = None

    def __str__(self) -> str:
        return self.operation_id


def registration(tenant: Tenant) -> dict:
    return {"given_names": "Nueva", "family_names": "Persona Única",
            "consent": {"data_processing": True}, "confirm_new": True}


def delivery(tenant: Tenant) -> dict:
    return {"service": str(tenant.service.uuid), "participants": [str(tenant.person.uuid)],
            "delivered_on": timezone.localdate().isoformat()}


C = "/api/v1/centers/{center_slug}"
OPERATIONS = [
    Operation("center_list", "GET", "/api/v1/centers", None),
    Operation("center_detail", "GET", C, None),
    Operation("participant_list", "GET", f"{C}/participants", PEOPLE_VIEW),
    Operation("participant_detail", "GET", f"{C}/participants/{{participant_id}}", PEOPLE_VIEW,
              objects=lambda t: {"participant_id": t.person.uuid}),
    Operation("participant_register", "POST", f"{C}/participants", PEOPLE_REGISTER, body=registration, ok=201,
              audit_action="people.participant.registered"),
    Operation("service_list", "GET", f"{C}/services", SERVICES_VIEW),
    Operation("service_detail", "GET", f"{C}/services/{{service_id}}", SERVICES_VIEW,
              objects=lambda t: {"service_id": t.service.uuid}),
    Operation("delivery_list", "GET", f"{C}/deliveries", PEOPLE_VIEW),
    Operation("delivery_record", "POST", f"{C}/deliveries", DELIVERY_RECORD, body=delivery, ok=201,
              audit_action="services.delivery.recorded"),
    Operation("case_list", "GET", f"{C}/cases", CASES_VIEW),
    Operation("case_detail", "GET", f"{C}/cases/{{case_id}}", CASES_VIEW, objects=lambda t: {"case_id": t.case.uuid}),
    Operation("case_open", "POST", f"{C}/participants/{{participant_id}}/cases", CASES_MANAGE,
              objects=lambda t: {"participant_id": t.person.uuid},
              body=lambda t: {"assigned_to": t.case_worker.username}, ok=201, audit_action="cases.case.opened"),
    Operation("referral_list", "GET", f"{C}/referrals", CASES_VIEW),
    Operation("referral_detail", "GET", f"{C}/referrals/{{referral_id}}", CASES_VIEW,
              objects=lambda t: {"referral_id": t.referral.uuid}),
    Operation("group_list", "GET", f"{C}/groups", COMMUNITIES_VIEW),
    Operation("group_detail", "GET", f"{C}/groups/{{group_id}}", COMMUNITIES_VIEW,
              objects=lambda t: {"group_id": t.group.uuid}),
    Operation("session_attendance", "GET", f"{C}/sessions/{{session_id}}/attendance", DELIVERY_RECORD,
              objects=lambda t: {"session_id": t.session.uuid}),
    Operation("session_attendance_take", "PUT", f"{C}/sessions/{{session_id}}/attendance", DELIVERY_RECORD,
              objects=lambda t: {"session_id": t.session.uuid}, body=lambda t: {"present": [str(t.person.uuid)]},
              audit_action="communities.session.attendance_taken"),
]
BY_ID = {op.operation_id: op for op in OPERATIONS}


def test_it_lists_every_operation_of_the_openapi_document_once():
    document = api.get_openapi_schema(path_prefix="/api/v1")
    found = {(method.upper(), path, spec["operationId"])
             for path, methods in document["paths"].items() for method, spec in methods.items()}

    assert found == {(op.method, op.path, op.operation_id) for op in OPERATIONS}


def test_it_declares_the_error_answers_of_every_operation():
    document = api.get_openapi_schema(path_prefix="/api/v1")
    for path, methods in document["paths"].items():
        for method, spec in methods.items():
            declared = {str(status) for status in spec["responses"]}
            assert "401" in declared, (method, path)
            if "{center_slug}" in path:
                assert {"403", "404", "422"} <= declared, (method, path)
            if method in ("post", "put"):
                assert "400" in declared, (method, path)


def url(op: Operation, tenant: Tenant, center_slug: str | None = None) -> str:
    params = {"center_slug": center_slug or tenant.center.slug, **op.objects(tenant)}
    return op.path.format(**{name: str(value) for name, value in params.items()})


def expected(op: Operation, world, user) -> int:
    if user is None:
        return 401
    if op.perm is None:
        if op.operation_id == "center_detail":
            member = Membership.objects.active().filter(user=user, center=world.center_a).exists()
            return 200 if member or user.is_network_coordinator else 404
        return 200
    membership = Membership.objects.active().filter(user=user, center=world.center_a).first()
    if membership is None:
        return 404
    return op.ok if op.perm in ROLE_PERMISSIONS[membership.role] else 403


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_it_answers_every_operation_as_the_role_catalogue_says(world, api_as, op):
    tenant = Tenant(world, "a")
    path = url(op, tenant)
    body = op.body(tenant) if op.body else None
    for actor in ACTORS:
        user = None if actor == "anonymous" else getattr(world, actor)
        with transaction.atomic():
            want = expected(op, world, user)
            clients = api_as(user)  # its token is made outside the audit window
            last = AuditEntry.objects.order_by("id").values_list("id", flat=True).last() or 0

            response = clients.get(path) if op.method == "GET" else clients.post(path, body or {},
                                                                                 method=op.method.lower())

            actions = set(AuditEntry.objects.filter(id__gt=last).values_list("action", flat=True))
            assert response.status_code == want, f"{actor} {op.method} {path}: {response.content}"
            assert response["Content-Type"].startswith("application/json")
            if want >= 400:
                assert actions == set(), f"{actor} {op}: wrote {actions}"
                assert "Pérez" not in response.content.decode()
                assert response.json()["detail"]
            elif op.audit_action:
                assert op.audit_action in actions
            else:
                assert actions <= READ_ACTIONS, f"{actor} {op}: wrote {actions}"
            transaction.set_rollback(True)


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.objects is not _none], ids=str)
def test_it_answers_the_same_404_for_another_centers_object_and_a_missing_one(world, api_as, op):
    client = api_as(world.coordinator)
    tenant_a, tenant_b = Tenant(world, "a"), Tenant(world, "b")
    other = url(op, tenant_b, center_slug=world.center_a.slug)
    missing = op.path.format(center_slug=world.center_a.slug,
                             **{name: uuid.uuid4() for name in op.objects(tenant_a)})
    body = op.body(tenant_a) if op.body else None
    before = AuditEntry.objects.count()

    answers = [client.get(p) if op.method == "GET" else client.post(p, body or {}, method=op.method.lower())
               for p in (other, missing)]

    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].json() == answers[1].json()
    assert "Berta" not in answers[0].content.decode()
    assert AuditEntry.objects.count() == before


def test_it_never_lists_center_b_rows_to_center_a(world, api_as):
    tenant_b = Tenant(world, "b")
    for name in ("case", "referral", "group", "session", "delivery"):
        getattr(tenant_b, name)
    client = api_as(world.coordinator)

    for op in OPERATIONS:
        if op.method == "GET" and op.objects is _none and op.perm is not None:
            body = client.get(url(op, Tenant(world, "a"))).content.decode()
            for marker in ("Bustos", "Berta", "Asesoría jurídica", str(tenant_b.case.uuid), str(tenant_b.group.uuid)):
                assert marker not in body, (op, marker)
