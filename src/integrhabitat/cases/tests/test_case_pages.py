import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from integrhabitat.audit.models import AuditEntry
from integrhabitat.cases.models import Assessment, Case, FollowUp, Goal, Note
from integrhabitat.cases.services import add_note, open_case, schedule_follow_up
from integrhabitat.cases.tests.conftest import membership
from integrhabitat.conftest import make_user
from integrhabitat.network.roles import Role


def case_url(case, suffix=""):
    return f"/c/centro-a/cases/{case.uuid}/{suffix}"


def test_a_case_worker_opens_a_case_from_the_profile(world):
    client = world.client_for(world.case_worker)
    profile = client.get(f"/c/centro-a/people/{world.person_a.uuid}/").content.decode()
    assert f"/c/centro-a/cases/open/{world.person_a.uuid}/" in profile

    response = client.post(f"/c/centro-a/cases/open/{world.person_a.uuid}/", {
        "assigned_to": world.case_worker.pk, "priority": "3", "summary": "Busca vivienda."})

    case = Case.objects.get()
    assert response["Location"] == case_url(case)
    assert (case.center, case.participant, case.assigned_to, case.priority) == (
        world.center_a, world.person_a, world.case_worker, Case.Priority.HIGH)
    assert case.reference == "AAA-C0001"
    assert AuditEntry.objects.filter(action="cases.case.opened", actor=world.case_worker).exists()


def test_it_refuses_to_assign_a_case_to_the_front_desk(world):
    response = world.client_for(world.coordinator).post(f"/c/centro-a/cases/open/{world.person_a.uuid}/", {
        "assigned_to": world.front_desk.pk, "priority": "2"})

    assert response.status_code == 400
    assert not Case.objects.exists()


def test_the_front_desk_neither_sees_nor_opens_cases(world, case):
    client = world.client_for(world.front_desk)

    assert client.get("/c/centro-a/cases/").status_code == 403
    assert client.get(case_url(case)).status_code == 403
    assert "/cases/open/" not in client.get(f"/c/centro-a/people/{world.person_a.uuid}/").content.decode()


def test_a_case_worker_sees_only_their_teams_cases_and_the_coordinator_all(world, case):
    colleague = make_user("case_a2", world.center_a, Role.CASE_WORKER)
    own = world.client_for(world.case_worker)
    other = world.client_for(colleague)

    assert case.reference in own.get("/c/centro-a/cases/").content.decode()
    assert case.reference not in other.get("/c/centro-a/cases/").content.decode()
    assert other.get(case_url(case)).status_code == 404
    assert world.client_for(world.coordinator).get(case_url(case)).status_code == 200

    case.team.add(colleague)
    assert other.get(case_url(case)).status_code == 200


def test_confidential_notes_are_read_by_the_team_and_the_coordinator_and_each_read_is_audited(world, case):
    add_note(case, "Refiere amenazas de su expareja.", membership=membership(world, world.case_worker))

    for user in (world.case_worker, world.coordinator):
        body = world.client_for(user).get(case_url(case)).content.decode()
        assert "Refiere amenazas" in body
        assert AuditEntry.objects.filter(action="cases.case.viewed", actor=user, object_id=str(case.uuid)).exists()
        assert AuditEntry.objects.filter(action="cases.case.notes_viewed", actor=user,
                                         object_id=str(case.uuid)).exists()


def test_a_team_member_added_later_reads_notes_but_a_viewer_role_never_reaches_them(world, case):
    add_note(case, "Refiere amenazas de su expareja.", membership=membership(world, world.case_worker))

    assert world.client_for(world.viewer).get(case_url(case)).status_code == 403
    assert not AuditEntry.objects.filter(action="cases.case.notes_viewed", actor=world.viewer).exists()


def test_a_note_is_added_from_the_case_page(world, case):
    response = world.client_for(world.case_worker).post(case_url(case, "notes/"), {"body": "Primera entrevista."})

    assert response.status_code == 302
    assert Note.objects.get().author == world.case_worker


def test_an_empty_note_is_refused_and_the_page_shows_why(world, case):
    response = world.client_for(world.case_worker).post(case_url(case, "notes/"), {"body": "  "})

    assert response.status_code == 400
    assert not Note.objects.exists()


def test_assessments_repeat_and_show_the_change(world, case):
    client = world.client_for(world.case_worker)
    first = {"assessed_on": (timezone.localdate() - timedelta(days=60)).isoformat(), "need_housing": "3",
             "integration": "2"}
    second = {"assessed_on": timezone.localdate().isoformat(), "need_housing": "1", "integration": "4"}

    assert client.post(case_url(case, "assessments/new/"), first).status_code == 302
    assert client.post(case_url(case, "assessments/new/"), second).status_code == 302

    assert list(Assessment.objects.order_by("assessed_on").values_list("need_housing", "integration")) == [
        (3, 2), (1, 4)]
    case.refresh_from_db()
    assert case.status == Case.Status.ACTIVE
    body = client.get(case_url(case)).content.decode()
    housing = re.search(r'<th scope="row">Vivienda</th>(.*?)</tr>', body).group(1)
    assert re.findall(r"<td>(.*?)</td>", housing) == ["3", "1"]  # oldest first: the change reads left to right


def test_an_empty_assessment_is_refused(world, case):
    response = world.client_for(world.case_worker).post(case_url(case, "assessments/new/"), {
        "assessed_on": timezone.localdate().isoformat()})

    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_a_goal_and_an_action_linked_to_a_delivery(world, case):
    client = world.client_for(world.case_worker)
    client.post(case_url(case, "goals/"), {"title": "Acceder a alimentación", "category": "I"})
    goal = Goal.objects.get()
    delivery = world.person_a.deliveries.get()

    response = client.post(case_url(case, f"goals/{goal.uuid}/actions/"), {
        f"g{goal.pk}-description": "Entrega de kit", f"g{goal.pk}-done_on": date(2026, 1, 10).isoformat(),
        f"g{goal.pk}-delivery": str(delivery.uuid)})

    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == Goal.Status.IN_PROGRESS
    assert goal.actions.get().delivery == delivery


def test_a_goal_without_title_keeps_what_was_typed(world, case):
    response = world.client_for(world.case_worker).post(case_url(case, "goals/"), {"title": "", "category": "III",
                                                                                   "due_on": "2027-01-31"})

    assert response.status_code == 400
    assert 'value="2027-01-31"' in response.content.decode()
    assert not Goal.objects.exists()


def test_the_agenda_shows_overdue_and_upcoming_follow_ups_of_the_worker(world, case):
    today = timezone.localdate()
    schedule_follow_up(case, due_on=today - timedelta(days=2), channel="phone", purpose="Llamar por cita",
                       assigned_to=world.case_worker, actor=world.case_worker)
    schedule_follow_up(case, due_on=today + timedelta(days=3), channel="visit", purpose="Visita domiciliaria",
                       assigned_to=world.case_worker, actor=world.case_worker)
    schedule_follow_up(case, due_on=today, channel="phone", purpose="Del coordinador",
                       assigned_to=world.coordinator, actor=world.case_worker)

    body = world.client_for(world.case_worker).get("/c/centro-a/cases/agenda/").content.decode()

    assert body.index("Llamar por cita") < body.index("Visita domiciliaria")
    assert "Del coordinador" not in body
    assert 'id="agenda-late-h"' in body


def test_recording_a_follow_up_schedules_the_next(world, case):
    follow_up = schedule_follow_up(case, due_on=timezone.localdate(), channel="phone", purpose="Seguimiento",
                                   assigned_to=world.case_worker, actor=world.case_worker)
    next_date = timezone.localdate() + timedelta(days=14)

    response = world.client_for(world.case_worker).post(case_url(case, f"follow-ups/{follow_up.uuid}/"), {
        "outcome": "reached", "note": "Consiguió cita.", "next_due_on": next_date.isoformat()})

    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.outcome == "reached" and follow_up.done_on == timezone.localdate()
    assert FollowUp.objects.filter(case=case, due_on=next_date, done_on__isnull=True).exists()


def test_two_workers_editing_the_case_at_once_the_second_is_refused_and_nothing_is_lost(world, case):
    first, second = world.client_for(world.case_worker), world.client_for(world.coordinator)
    form = {"assigned_to": world.case_worker.pk, "status": "active", "version": case.version}

    saved = first.post(case_url(case, "edit/"), {**form, "priority": "4", "summary": "Riesgo alto"})
    refused = second.post(case_url(case, "edit/"), {**form, "priority": "1", "summary": "Mi versión"})

    assert saved.status_code == 302
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "Mi versión" in body  # what the second worker typed is still on the page
    case.refresh_from_db()
    assert (case.priority, case.summary) == (Case.Priority.CRITICAL, "Riesgo alto")


def test_closing_asks_for_a_reason_and_a_closed_case_takes_no_new_goal(world, case):
    client = world.client_for(world.case_worker)
    assert client.post(case_url(case, "close/"), {"version": case.version}).status_code == 400

    client.post(case_url(case, "close/"), {"version": case.version, "closure_reason": "goals_met"})
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and case.closed_on == timezone.localdate()

    assert client.post(case_url(case, "goals/"), {"title": "Otra", "category": "I"}).status_code == 400
    assert not Goal.objects.exists()

    client.post(case_url(case, "reopen/"))
    case.refresh_from_db()
    assert case.status == Case.Status.ACTIVE and case.closed_on is None


@pytest.mark.parametrize("status", ["not_closed", "open", "all", "closed"])
def test_the_case_list_filters_by_status(world, case, status):
    response = world.client_for(world.case_worker).get(f"/c/centro-a/cases/?status={status}")

    assert response.status_code == 200
    assert (case.reference in response.content.decode()) == (status != "closed")


def test_the_case_list_runs_a_fixed_number_of_queries_and_counts_each_case_once(
        world, django_assert_max_num_queries):
    for _ in range(8):
        case = open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker,
                         team=[world.coordinator])
        schedule_follow_up(case, due_on=timezone.localdate() - timedelta(days=1), channel="phone", purpose="",
                           assigned_to=world.case_worker, actor=world.case_worker)
    client = world.client_for(world.case_worker)
    client.get("/c/centro-a/cases/")  # warm the session

    with django_assert_max_num_queries(12):
        response = client.get("/c/centro-a/cases/")
    body = response.content.decode()
    assert body.count("AAA-C00") == 8
    assert body.count("1 seguimiento vencido") + body.count("1 overdue follow-up") == 8


def test_the_case_page_does_not_grow_in_queries_with_its_plan(world, case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from integrhabitat.cases.services import add_action, add_goal

    client = world.client_for(world.case_worker)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(case_url(case)).status_code == 200
        return len(context)

    def grow():
        goal = add_goal(case, {"title": "Meta", "category": "I"}, actor=world.case_worker)
        add_action(goal, description="Paso", done_on=timezone.localdate(), actor=world.case_worker,
                   delivery=world.person_a.deliveries.first())
        schedule_follow_up(case, due_on=timezone.localdate(), channel="phone", purpose="",
                           assigned_to=world.case_worker, actor=world.case_worker)
        add_note(case, "Nota", membership=membership(world, world.case_worker))

    grow()
    queries()  # warm the session
    one = queries()
    for _ in range(4):
        grow()

    assert queries() == one


def test_a_follow_up_recorded_from_the_agenda_goes_back_to_the_agenda(world, case):
    follow_up = schedule_follow_up(case, due_on=timezone.localdate(), channel="phone", purpose="",
                                   assigned_to=world.case_worker, actor=world.case_worker)

    response = world.client_for(world.case_worker).post(case_url(case, f"follow-ups/{follow_up.uuid}/"), {
        "outcome": "reached", "note": "", "next": "agenda"})

    assert response["Location"] == "/c/centro-a/cases/agenda/"
