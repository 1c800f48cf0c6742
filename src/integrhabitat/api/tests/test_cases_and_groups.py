import pytest
from django.utils import timezone

from integrhabitat.audit.models import AuditEntry
from integrhabitat.cases.models import Case, Referral
from integrhabitat.cases.services import create_referral, open_case
from integrhabitat.communities.models import Attendance, Group
from integrhabitat.communities.services import join_group, save_group, schedule_session
from integrhabitat.conftest import make_person, make_user
from integrhabitat.network.models import Membership
from integrhabitat.network.roles import Role
from integrhabitat.people.services import record_consent
from integrhabitat.services.models import Service, ServiceDelivery


def url(world, tail: str, center=None) -> str:
    return f"/api/v1/centers/{(center or world.center_a).slug}/{tail}"


def test_it_shows_a_case_worker_only_their_caseload(world, api_as):
    mine = open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker)
    colleague = make_user("case_a2", world.center_a, Role.CASE_WORKER)
    theirs = open_case(make_person(world.center_a, "Otra"), assigned_to=colleague, actor=colleague)
    client = api_as(world.case_worker)

    listed = client.get(url(world, "cases")).json()

    assert [c["uuid"] for c in listed["results"]] == [str(mine.uuid)]
    assert client.get(url(world, f"cases/{theirs.uuid}")).status_code == 404
    assert {c["uuid"] for c in api_as(world.coordinator).get(url(world, "cases")).json()["results"]} == {
        str(mine.uuid), str(theirs.uuid)}


def test_it_audits_the_read_of_a_case_like_the_page(world, api_as):
    case = open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker)

    response = api_as(world.case_worker).get(url(world, f"cases/{case.uuid}"))

    assert response.status_code == 200
    assert response.json()["reference"] == case.reference
    assert AuditEntry.objects.filter(action="cases.case.viewed", actor=world.case_worker,
                                     object_id=str(case.uuid)).exists()


def test_it_refuses_cases_to_the_front_desk_and_to_another_center(world, api_as):
    case = open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker)

    assert api_as(world.front_desk).get(url(world, "cases")).status_code == 403
    assert api_as(world.front_desk).get(url(world, f"cases/{case.uuid}")).status_code == 403
    assert api_as(world.other_coordinator).get(url(world, f"cases/{case.uuid}")).status_code == 404
    assert api_as(world.other_coordinator).get(url(world, f"cases/{case.uuid}", world.center_b)).status_code == 404


def test_it_lists_and_shows_the_referrals_of_the_caseload(world, api_as):
    case = open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker)
    record_consent(world.person_a, purpose="referral", organization=world.partner_org, given_by="self",
                   method="verbal", actor=world.case_worker)
    worker = Membership.objects.get(center=world.center_a, user=world.case_worker)
    referral = create_referral(case, {"organization": world.partner_org, "reason": "Salud"}, membership=worker)
    client = api_as(world.case_worker)

    listed = client.get(url(world, "referrals"), {"status": "sent"}).json()
    detail = client.get(url(world, f"referrals/{referral.uuid}")).json()

    assert [r["uuid"] for r in listed["results"]] == [str(referral.uuid)]
    assert (detail["organization"], detail["reason"]) == ("Fundación Aliada", "Salud")
    assert client.get(url(world, "referrals"), {"status": "draft"}).json()["results"] == []
    assert api_as(world.partner).get(url(world, f"referrals/{referral.uuid}")).status_code == 403


def test_it_lists_groups_and_shows_members_and_sessions(world, api_as):
    group = save_group(world.center_a, {"name": "Costura", "kind": "workshop", "status": "running"}, actor=None)
    join_group(group, world.person_a, actor=None)
    session = schedule_session(group, date=timezone.localdate(), actor=None)
    client = api_as(world.facilitator)

    listed = client.get(url(world, "groups"), {"status": "running"}).json()
    detail = client.get(url(world, f"groups/{group.uuid}")).json()

    assert [g["name"] for g in listed["results"]] == ["Costura"]
    assert [m["participant"]["code"] for m in detail["members"]] == [world.person_a.code]
    assert [s["uuid"] for s in detail["sessions"]] == [str(session.uuid)]
    assert api_as(world.viewer).get(url(world, "groups")).status_code == 403


def test_it_takes_attendance_through_the_service_and_records_the_delivery_once(world, api_as):
    group = save_group(world.center_a, {"name": "Costura", "kind": "workshop", "service": world.service_a},
                       actor=None)
    join_group(group, world.person_a, actor=None)
    session = schedule_session(group, date=timezone.localdate(), actor=None)
    client = api_as(world.front_desk)
    path = url(world, f"sessions/{session.uuid}/attendance")

    first = client.put(path, {"present": [str(world.person_a.uuid)]})
    again = client.put(path, {"present": [str(world.person_a.uuid)]})

    assert first.status_code == again.status_code == 200
    assert [p["code"] for p in again.json()["present"]] == [world.person_a.code]
    assert Attendance.objects.filter(session=session).count() == 1
    assert ServiceDelivery.objects.filter(submission=session.uuid).count() == 1
    assert AuditEntry.objects.filter(action="communities.session.attendance_taken", actor=world.front_desk).exists()
    assert client.get(path).json()["session"]["present"] == 1


def test_it_refuses_attendance_of_another_centers_person_and_a_viewer(world, api_as):
    group = save_group(world.center_a, {"name": "Costura", "kind": "workshop"}, actor=None)
    session = schedule_session(group, date=timezone.localdate(), actor=None)
    path = url(world, f"sessions/{session.uuid}/attendance")

    assert api_as(world.front_desk).put(path, {"present": [str(world.person_b.uuid)]}).status_code == 422
    assert api_as(world.viewer).put(path, {"present": []}).status_code == 403
    assert api_as(world.other_coordinator).get(path).status_code == 404
    assert not Attendance.objects.exists()


def test_it_opens_a_case_through_the_service_with_the_pages_rules(world, api_as):
    client = api_as(world.case_worker)
    path = url(world, f"participants/{world.person_a.uuid}/cases")

    response = client.post(path, {"priority": 3, "summary": "Busca vivienda", "team": [world.coordinator.username]})

    assert response.status_code == 201, response.content
    case = Case.objects.get(uuid=response.json()["uuid"])
    assert (case.participant, case.assigned_to, case.priority) == (world.person_a, world.case_worker, 3)
    assert list(case.team.all()) == [world.coordinator]
    assert AuditEntry.objects.filter(action="cases.case.opened", actor=world.case_worker).exists()


def test_it_refuses_to_open_a_case_for_someone_who_cannot_hold_it_or_outside_the_center(world, api_as):
    client = api_as(world.case_worker)

    front_desk = client.post(url(world, f"participants/{world.person_a.uuid}/cases"),
                             {"assigned_to": world.front_desk.username})
    other_center = client.post(url(world, f"participants/{world.person_b.uuid}/cases"), {})
    low_role = api_as(world.front_desk).post(url(world, f"participants/{world.person_a.uuid}/cases"), {})

    assert front_desk.status_code == 422
    assert front_desk.json()["errors"][0]["loc"] == ["body", "assigned_to"]
    assert (other_center.status_code, low_role.status_code) == (404, 403)
    assert not Case.objects.exists()


@pytest.mark.parametrize("body", ["[null, null]", "[]", "42", '"text"'])
def test_a_body_that_is_not_an_object_creates_nothing(world, api_as, body):
    """Found by Schemathesis: a list was read as an empty object and opened a case with the defaults."""
    api = api_as(world.coordinator)
    response = api.post(f"/api/v1/centers/{world.center_a.slug}/participants/{world.person_a.uuid}/cases", raw=body)

    assert response.status_code == 400
    assert response.json()["detail"] == "El cuerpo de la solicitud debe ser un objeto JSON."
    assert not Case.objects.filter(participant=world.person_a).exists()


def test_each_models_statuses_keep_their_own_name_in_the_openapi_document(world, api_as):
    """Cases, referrals, services and groups all call theirs `Status`: under one name, the schema listed the
    groups' values for every status filter."""
    schemas = api_as(world.coordinator).get("/api/v1/openapi.json").json()["components"]["schemas"]

    assert schemas["CaseStatus"]["enum"] == list(Case.Status.values)
    assert schemas["ReferralStatus"]["enum"] == list(Referral.Status.values)
    assert schemas["ServiceStatus"]["enum"] == list(Service.Status.values)
    assert schemas["GroupStatus"]["enum"] == list(Group.Status.values)
    assert "Status" not in schemas
