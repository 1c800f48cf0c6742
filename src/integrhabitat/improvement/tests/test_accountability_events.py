from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from integrhabitat.accounts.models import Notification
from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_user
from integrhabitat.demo.events import load_events
from integrhabitat.improvement.events import services as events
from integrhabitat.improvement.models import AccountabilityEvent, AccountabilityReport, Commitment, EventQuestion
from integrhabitat.lib.errors import Refused
from integrhabitat.network.roles import Role

BASE = "/c/centro-a/accountability/events/"


def today() -> date:
    return timezone.localdate()


def make_event(world, center=None, *, days_ago: int = 30, **data) -> AccountabilityEvent:
    center = center or world.center_a
    fields = {"held_on": today() - timedelta(days=days_ago), "place": "Salón comunal", "attendees": 42,
              "attendees_description": "Familias venezolanas, Junta de Acción Comunal", **data}
    return events.save_event(center, fields, actor=world.coordinator)


def make_commitment(world, event, *, responsible=None, due_in: int = 30, text="Abrir los sábados") -> Commitment:
    return events.add_commitment(event, {"text": text, "responsible": responsible or world.case_worker,
                                         "due_on": today() + timedelta(days=due_in)}, actor=world.coordinator)


def published_report(center, title="Informe 2025") -> AccountabilityReport:
    return AccountabilityReport.objects.create(center=center, title=title, period_start=date(2025, 1, 1),
                                               period_end=date(2025, 12, 31), status="published",
                                               published={"figures": {}})


def event_post(**data) -> dict:
    return {"held_on": (today() - timedelta(days=3)).isoformat(), "place": "Salón comunal de Kennedy",
            "attendees": "57", "attendees_description": "Vecinos del barrio y familias migrantes",
            "summary": "Se presentaron los resultados del año.", **data}


# --- Events ------------------------------------------------------------------------------------------------

def test_it_records_an_event_held_with_a_published_report_of_the_center(world):
    report = published_report(world.center_a)
    AccountabilityReport.objects.create(center=world.center_a, title="Borrador", period_start=date(2026, 1, 1),
                                        period_end=date(2026, 3, 31))
    client = world.client_for(world.coordinator)

    form_page = client.get(f"{BASE}new/").content.decode()
    response = client.post(f"{BASE}new/", event_post(report=report.uuid))

    assert "Informe 2025" in form_page and "Borrador" not in form_page
    event = AccountabilityEvent.objects.get()
    assert response["Location"] == f"{BASE}{event.uuid}/"
    assert (event.center, event.report, event.attendees, event.created_by) == (
        world.center_a, report, 57, world.coordinator)
    assert AuditEntry.objects.filter(action="improvement.event.created", actor=world.coordinator).exists()


@pytest.mark.parametrize(("data", "field"), [
    ({"held_on": (date.today() + timedelta(days=400)).isoformat()}, "held_on"),
    ({"attendees": "-1"}, "attendees"),
    ({"place": ""}, "place"),
])
def test_it_refuses_an_event_in_the_future_with_negative_attendees_or_without_place(world, data, field):
    response = world.client_for(world.coordinator).post(f"{BASE}new/", event_post(**data))

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not AccountabilityEvent.objects.exists()


def test_it_records_an_event_held_today_with_nobody_counted(world):
    response = world.client_for(world.coordinator).post(f"{BASE}new/", event_post(
        held_on=today().isoformat(), attendees="0"))

    assert response.status_code == 302
    assert AccountabilityEvent.objects.get().attendees == 0


def test_the_service_refuses_a_future_event_and_a_report_of_another_center_or_a_draft(world):
    draft = AccountabilityReport.objects.create(center=world.center_a, title="Borrador", period_start=date(2026, 1, 1),
                                                period_end=date(2026, 3, 31))
    with pytest.raises(Refused):
        make_event(world, days_ago=-1)
    with pytest.raises(Refused):
        make_event(world, report=published_report(world.center_b))
    with pytest.raises(Refused):
        make_event(world, report=draft)
    assert not AccountabilityEvent.objects.exists()


def test_a_report_of_another_center_is_not_a_choice(world):
    other = published_report(world.center_b, title="Informe de B")

    response = world.client_for(world.coordinator).post(f"{BASE}new/", event_post(report=other.uuid))

    assert response.status_code == 400
    assert "report" in response.context["form"].errors
    assert not AccountabilityEvent.objects.exists()


def test_it_corrects_an_event_and_audits_the_fields_changed(world):
    event = make_event(world)

    response = world.client_for(world.coordinator).post(
        f"{BASE}{event.uuid}/edit/", event_post(held_on=event.held_on.isoformat(), attendees="60",
                                                place=event.place, summary=""))

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.attendees == 60
    entry = AuditEntry.objects.get(action="improvement.event.updated")
    assert set(entry.fields) == {"attendees", "attendees_description"}


def test_the_list_counts_open_commitments_of_each_event(world, django_assert_max_num_queries):
    for days in (10, 40, 70):
        event = make_event(world, days_ago=days)
        make_commitment(world, event)
        done = make_commitment(world, event, text="Hecho")
        events.update_commitment(done, {"status": "done", "progress_note": "Listo"}, actor=world.coordinator)
    client = world.client_for(world.viewer)

    with django_assert_max_num_queries(12):
        response = client.get(BASE)

    assert response.status_code == 200
    rows = list(response.context["events"])
    assert [e.open_count for e in rows] == [1, 1, 1]
    assert world.client_for(world.front_desk).get(BASE).status_code == 403
    assert world.client_for(world.viewer).get(f"{BASE}new/").status_code == 403


def test_another_centers_event_is_not_found(world):
    event_b = events.save_event(world.center_b, {"held_on": today(), "place": "Sede B", "attendees": 3},
                                actor=world.other_coordinator)
    client = world.client_for(world.coordinator)

    assert client.get(f"{BASE}{event_b.uuid}/").status_code == 404
    assert client.post(f"{BASE}{event_b.uuid}/questions/", {"question": "¿Y B?"}).status_code == 404
    assert client.post(f"{BASE}{event_b.uuid}/edit/", event_post()).status_code == 404
    assert not EventQuestion.objects.exists()
    event_b.refresh_from_db()
    assert event_b.place == "Sede B"


# --- Questions ---------------------------------------------------------------------------------------------

def test_it_records_questions_and_answers_them_later(world):
    event = make_event(world)
    client = world.client_for(world.coordinator)

    client.post(f"{BASE}{event.uuid}/questions/", {"question": "¿Por qué la asesoría jurídica es solo los martes?",
                                                   "answer": "Por el horario del consultorio aliado."})
    client.post(f"{BASE}{event.uuid}/questions/", {"question": "¿Los talleres son también para vecinos?"})
    empty = client.post(f"{BASE}{event.uuid}/questions/", {"question": "  "})
    pending = EventQuestion.objects.get(answer="")
    blank_answer = client.post(f"{BASE}{event.uuid}/questions/{pending.pk}/answer/", {"answer": ""})
    answered = client.post(f"{BASE}{event.uuid}/questions/{pending.pk}/answer/",
                           {"answer": "Sí, para toda la comunidad."})

    assert empty.status_code == blank_answer.status_code == 400
    assert answered.status_code == 302
    assert list(event.questions.values_list("answer", flat=True)) == [
        "Por el horario del consultorio aliado.", "Sí, para toda la comunidad."]
    page = world.client_for(world.facilitator).get(f"{BASE}{event.uuid}/").content.decode()
    assert "¿Los talleres son también para vecinos?" in page
    assert "questions/" not in page  # a facilitator reads, without the forms


def test_a_question_of_another_event_is_not_answered_through_this_one(world):
    event, other = make_event(world), make_event(world, days_ago=90)
    question = events.add_question(other, "¿Hay guardería?", actor=world.coordinator)

    response = world.client_for(world.coordinator).post(f"{BASE}{event.uuid}/questions/{question.pk}/answer/",
                                                        {"answer": "No"})

    assert response.status_code == 404
    question.refresh_from_db()
    assert question.answer == ""


# --- Commitments -------------------------------------------------------------------------------------------

def test_a_commitment_is_assigned_to_staff_of_the_center_who_is_notified(world):
    event = make_event(world)
    client = world.client_for(world.coordinator)

    response = client.post(f"{BASE}{event.uuid}/commitments/", {
        "text": "Abrir una jornada jurídica los sábados", "responsible": world.case_worker.pk,
        "due_on": (today() + timedelta(days=60)).isoformat()})

    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert (commitment.center, commitment.responsible, commitment.status) == (world.center_a, world.case_worker, "open")
    notification = Notification.objects.get(user=world.case_worker)
    assert notification.url == f"{BASE}commitments/{commitment.uuid}/"
    assert not Notification.objects.filter(user=world.coordinator).exists()
    assert AuditEntry.objects.filter(action="improvement.commitment.added").exists()


def test_it_sends_the_notification_email_once_the_commitment_is_saved(world, django_capture_on_commit_callbacks):
    world.case_worker.email = "case@centro-a.example"
    world.case_worker.save()
    event = make_event(world)

    with django_capture_on_commit_callbacks(execute=True):
        make_commitment(world, event)

    assert [m.to for m in mail.outbox] == [["case@centro-a.example"]]


@pytest.mark.parametrize("who", ["other_coordinator", "front_desk", "partner", "outsider"])
def test_the_responsible_must_be_staff_of_the_center_who_can_see_commitments(world, who):
    event = make_event(world)
    data = {"text": "Algo", "responsible": getattr(world, who).pk,
            "due_on": (today() + timedelta(days=10)).isoformat()}

    response = world.client_for(world.coordinator).post(f"{BASE}{event.uuid}/commitments/", data)

    assert response.status_code == 400
    assert "responsible" in response.context["commitment_form"].errors
    assert not Commitment.objects.exists()
    with pytest.raises(Refused):
        events.add_commitment(event, {**data, "responsible": getattr(world, who),
                                      "due_on": today() + timedelta(days=10)}, actor=world.coordinator)


def test_a_commitment_cannot_be_due_before_its_event(world):
    event = make_event(world, days_ago=30)

    response = world.client_for(world.coordinator).post(f"{BASE}{event.uuid}/commitments/", {
        "text": "Algo", "responsible": world.case_worker.pk,
        "due_on": (event.held_on - timedelta(days=1)).isoformat()})

    assert response.status_code == 400
    assert "due_on" in response.context["commitment_form"].errors
    assert not Commitment.objects.exists()


def test_the_responsible_person_follows_the_commitment_up_to_kept(world):
    commitment = make_commitment(world, make_event(world), responsible=world.facilitator)
    client = world.client_for(world.facilitator)
    url = f"{BASE}commitments/{commitment.uuid}/"

    started = client.post(url, {"status": "in_progress", "progress_note": "Se habló con la universidad."})
    commitment.refresh_from_db()
    assert (started.status_code, commitment.status) == (302, "in_progress")

    no_note = client.post(url, {"status": "done", "progress_note": "  "})
    assert no_note.status_code == 400
    assert "progress_note" in no_note.context["form"].errors
    commitment.refresh_from_db()
    assert commitment.status == "in_progress"

    kept = client.post(url, {"status": "done", "progress_note": "Se atiende el segundo y cuarto sábado."})
    commitment.refresh_from_db()
    assert (kept.status_code, commitment.status) == (302, "done")
    assert commitment.progress_note == "Se atiende el segundo y cuarto sábado."
    # The responsible person changes the progress, not what was promised nor by when.
    client.post(url, {"status": "done", "progress_note": "x", "due_on": "2099-01-01", "text": "Otra cosa"})
    commitment.refresh_from_db()
    assert (commitment.text, commitment.due_on) == ("Abrir los sábados", today() + timedelta(days=30))


def test_dropping_also_needs_a_note_and_the_service_refuses_without_one(world):
    commitment = make_commitment(world, make_event(world))

    response = world.client_for(world.coordinator).post(f"{BASE}commitments/{commitment.uuid}/", {
        "text": commitment.text, "responsible": world.case_worker.pk, "due_on": commitment.due_on.isoformat(),
        "status": "dropped", "progress_note": ""})

    assert response.status_code == 400
    assert "progress_note" in response.context["form"].errors
    with pytest.raises(Refused):
        events.update_commitment(commitment, {"status": "dropped"}, actor=world.coordinator)
    commitment.refresh_from_db()
    assert commitment.status == "open"


def test_only_the_responsible_person_or_the_coordinator_updates_a_commitment(world):
    commitment = make_commitment(world, make_event(world), responsible=world.facilitator)
    url = f"{BASE}commitments/{commitment.uuid}/"
    data = {"status": "in_progress", "progress_note": "Avance"}

    seen = world.client_for(world.case_worker).get(url)
    refused = world.client_for(world.case_worker).post(url, data)

    assert seen.status_code == 200 and seen.context["form"] is None
    assert refused.status_code == 403
    commitment.refresh_from_db()
    assert commitment.status == "open"
    assert world.client_for(world.front_desk).get(url).status_code == 403


def test_the_coordinator_reassigns_a_commitment_and_the_new_responsible_is_told(world):
    commitment = make_commitment(world, make_event(world), responsible=world.case_worker)
    Notification.objects.all().delete()

    response = world.client_for(world.coordinator).post(f"{BASE}commitments/{commitment.uuid}/", {
        "text": commitment.text, "responsible": world.facilitator.pk,
        "due_on": (today() + timedelta(days=90)).isoformat(), "status": "open", "progress_note": ""})

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.responsible, commitment.due_on) == (world.facilitator, today() + timedelta(days=90))
    assert list(Notification.objects.values_list("user", flat=True)) == [world.facilitator.pk]
    entry = AuditEntry.objects.get(action="improvement.commitment.updated")
    assert set(entry.fields) == {"responsible", "due_on"}


def test_a_former_responsible_who_left_the_center_can_no_longer_update_it(world):
    commitment = make_commitment(world, make_event(world), responsible=world.facilitator)
    world.facilitator.memberships.update(role=Role.FRONT_DESK)

    assert not events.can_update_commitment(commitment, world.facilitator)
    assert events.can_update_commitment(commitment, world.coordinator)


def test_another_centers_commitment_is_not_found(world):
    event_b = events.save_event(world.center_b, {"held_on": today(), "place": "Sede B", "attendees": 3},
                                actor=world.other_coordinator)
    commitment_b = events.add_commitment(event_b, {"text": "De B", "responsible": world.other_coordinator,
                                                   "due_on": today()}, actor=world.other_coordinator)
    client = world.client_for(world.coordinator)

    assert client.get(f"{BASE}commitments/{commitment_b.uuid}/").status_code == 404
    assert client.post(f"{BASE}commitments/{commitment_b.uuid}/",
                       {"status": "dropped", "progress_note": "x"}).status_code == 404
    assert "De B" not in client.get(f"{BASE}commitments/?status=all").content.decode()
    commitment_b.refresh_from_db()
    assert commitment_b.status == "open"


def test_the_commitments_page_filters_by_status_and_highlights_the_overdue(world, django_assert_max_num_queries):
    event = make_event(world, days_ago=200)
    late = make_commitment(world, event, due_in=-5, text="Calendario en la cartelera")
    make_commitment(world, event, due_in=20, text="Sala de espera", responsible=world.facilitator)
    kept = make_commitment(world, event, due_in=-50, text="Jornada de sábados")
    events.update_commitment(kept, {"status": "done", "progress_note": "Hecho"}, actor=world.coordinator)
    client = world.client_for(world.viewer)

    with django_assert_max_num_queries(12):
        pending = client.get(f"{BASE}commitments/").content.decode()
    overdue = client.get(f"{BASE}commitments/?status=overdue").content.decode()
    done = client.get(f"{BASE}commitments/?status=done").content.decode()
    mine = world.client_for(world.facilitator).get(f"{BASE}commitments/?mine=1").content.decode()

    assert "Calendario" in pending and "Sala de espera" in pending and "Jornada" not in pending
    assert pending.count('class="late"') == 1
    assert f"{late.due_on:%Y}" in pending
    assert "Calendario" in overdue and "Sala de espera" not in overdue
    assert "Jornada" in done and "Calendario" not in done
    assert "Sala de espera" in mine and "Calendario" not in mine


def test_the_event_page_marks_its_overdue_commitments(world):
    event = make_event(world, days_ago=100)
    make_commitment(world, event, due_in=-3, text="Calendario en la cartelera")
    make_commitment(world, event, due_in=3, text="Sala de espera")

    body = world.client_for(world.viewer).get(f"{BASE}{event.uuid}/").content.decode()

    assert "Calendario en la cartelera" in body and "Sala de espera" in body
    assert body.count('class="late"') == 1


def test_open_commitments_are_the_overdue_and_those_due_soon(world):
    event = make_event(world, days_ago=100)
    late = make_commitment(world, event, due_in=-3)
    soon = make_commitment(world, event, due_in=5)
    make_commitment(world, event, due_in=60)
    kept = make_commitment(world, event, due_in=-10)
    events.update_commitment(kept, {"status": "done", "progress_note": "Hecho"}, actor=world.coordinator)

    found = events.open_commitments(world.center_a, today())

    assert list(found) == [late, soon]
    assert list(found.filter(due_on__lt=today())) == [late]


# --- For the center home and the public report -------------------------------------------------------------

def test_attention_counts_the_users_overdue_commitments_or_all_for_the_coordinator(world):
    event = make_event(world, days_ago=100)
    make_commitment(world, event, responsible=world.case_worker, due_in=-3)
    make_commitment(world, event, responsible=world.facilitator, due_in=-8)
    make_commitment(world, event, responsible=world.facilitator, due_in=0)  # due today: not overdue yet
    kept = make_commitment(world, event, responsible=world.case_worker, due_in=-20)
    events.update_commitment(kept, {"status": "done", "progress_note": "Hecho"}, actor=world.coordinator)
    events.save_event(world.center_b, {"held_on": today(), "place": "B", "attendees": 1},
                      actor=world.other_coordinator)

    assert events.attention(world.center_a, world.case_worker, today()) == 1
    assert events.attention(world.center_a, world.facilitator, today()) == 1
    assert events.attention(world.center_a, world.coordinator, today()) == 2
    assert events.attention(world.center_a, world.viewer, today()) == 0
    assert events.attention(world.center_b, world.other_coordinator, today()) == 0


def test_the_public_summary_holds_the_period_events_without_any_name(world):
    world.case_worker.first_name, world.case_worker.last_name = "Camila", "Restrepo"
    world.case_worker.save()
    event = make_event(world, days_ago=20, summary="Acta interna redactada por Camila")
    events.add_question(event, "¿Hay cupos en los cursos de panadería?", answer="Sí, en marzo.",
                        actor=world.coordinator)
    commitment = make_commitment(world, event, responsible=world.case_worker, text="Abrir un segundo turno")
    events.update_commitment(commitment, {"status": "in_progress", "progress_note": "Camila lo gestiona"},
                             actor=world.case_worker)
    make_event(world, days_ago=400)  # outside the period
    events.save_event(world.center_b, {"held_on": today(), "place": "Sede B", "attendees": 3},
                      actor=world.other_coordinator)

    summary = events.public_summary(world.center_a, today() - timedelta(days=90), today())

    assert summary == [{
        "held_on": event.held_on.isoformat(), "place": "Salón comunal", "attendees": 42,
        "attendees_description": "Familias venezolanas, Junta de Acción Comunal",
        "questions": [{"question": "¿Hay cupos en los cursos de panadería?", "answer": "Sí, en marzo."}],
        "commitments": [{"text": "Abrir un segundo turno", "due_on": commitment.due_on.isoformat(),
                         "status": "in_progress", "status_label": str(Commitment.Status.IN_PROGRESS.label),
                         "responsible": summary[0]["commitments"][0]["responsible"]}],
    }]
    flat = repr(summary)
    for name in ("Camila", "Restrepo", "case_a", "coord_a", "Coord_A"):
        assert name not in flat


def test_a_staff_member_added_later_can_be_made_responsible(world):
    newcomer = make_user("nueva", world.center_a, Role.CASE_WORKER)
    commitment = make_commitment(world, make_event(world), responsible=newcomer)

    assert commitment.responsible == newcomer
    assert Notification.objects.filter(user=newcomer).exists()


# --- Demo data ---------------------------------------------------------------------------------------------

def test_the_demo_records_a_past_event_with_a_kept_an_ongoing_and_an_overdue_commitment(world):
    staff = {u.username: u for u in (world.coordinator, world.case_worker, world.facilitator, world.front_desk)}

    event = load_events(world.center_a, actor=world.coordinator, staff=staff, today=today())

    assert event.held_on < today()
    assert event.questions.exclude(answer="").count() == 3
    commitments = {c.status: c for c in event.commitments.all()}
    assert set(commitments) == {"done", "in_progress", "open"}
    assert commitments["done"].responsible == world.case_worker
    assert commitments["open"].responsible == world.facilitator
    assert commitments["open"].due_on < today() < commitments["in_progress"].due_on
    assert events.attention(world.center_a, world.coordinator, today()) == 1
    assert events.attention(world.center_a, world.facilitator, today()) == 1
