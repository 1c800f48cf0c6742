from datetime import timedelta

import pytest
from django.utils import timezone

from integrhabitat.accounts.models import Notification
from integrhabitat.improvement.feedback.services import answer_feedback, escalate_feedback, submit_feedback
from integrhabitat.improvement.models import Feedback
from integrhabitat.lib.errors import StaleEdit


def send(client, REMOTE_ADDR="127.0.0.1", **data):  # noqa: N803 - the WSGI name
    return client.post("/p/centro-a/feedback/", {"kind": "complaint", "category": "waiting",
                                                 "body": "Esperé tres horas.", **data}, REMOTE_ADDR=REMOTE_ADDR)


def test_anyone_writes_anonymously_and_follows_the_answer_with_a_code(world):
    anonymous = world.client_for(None)

    response = send(anonymous)

    feedback = Feedback.objects.get()
    assert response["Location"] == f"/p/centro-a/feedback/{feedback.code}/"
    assert (feedback.contact_name, feedback.contact) == ("", "")
    assert feedback.due_on == timezone.localdate() + timedelta(days=10)
    answer_feedback(feedback, response="Ampliamos el horario de la mañana.", close=False, version=feedback.version,
                    actor=world.coordinator)
    page = anonymous.get(f"/p/centro-a/feedback/{feedback.code.lower()}/").content.decode()
    assert "Ampliamos el horario de la mañana." in page
    assert "Esperé tres horas." not in page  # the page shows the answer, not the message
    assert anonymous.get("/p/centro-a/feedback/NOSUCHCODE/").status_code == 404
    assert anonymous.get(f"/p/centro-b/feedback/{feedback.code}/").status_code == 404


def test_a_complaint_of_misconduct_goes_to_the_coordinator_only(world):
    send(world.client_for(None), category="misconduct", body="Un voluntario me gritó.")
    feedback = Feedback.objects.get()

    worker = world.client_for(world.case_worker)
    assert "Un voluntario" not in worker.get("/c/centro-a/feedback/").content.decode()
    assert worker.get(f"/c/centro-a/feedback/{feedback.uuid}/").status_code == 404
    coordinator = world.client_for(world.coordinator)
    assert "Un voluntario" in coordinator.get(f"/c/centro-a/feedback/{feedback.uuid}/").content.decode()
    notification = Notification.objects.get(user=world.coordinator)
    assert feedback.code in notification.text and "voluntario" not in notification.text
    assert not Notification.objects.filter(user=world.case_worker).exists()


def test_escalating_hands_it_to_the_coordinator(world):
    feedback = submit_feedback(world.center_a, {"kind": "complaint", "category": "attention", "body": "Mal trato"})
    worker = world.client_for(world.case_worker)

    worker.post(f"/c/centro-a/feedback/{feedback.uuid}/", {"action": "escalate", "version": feedback.version})

    feedback.refresh_from_db()
    assert feedback.escalated
    assert worker.get(f"/c/centro-a/feedback/{feedback.uuid}/").status_code == 404
    assert Notification.objects.filter(user=world.coordinator).exists()


def test_the_answer_needs_text_and_a_stale_answer_is_refused(world):
    feedback = submit_feedback(world.center_a, {"kind": "suggestion", "category": "service", "body": "Más talleres"})
    worker = world.client_for(world.case_worker)

    empty = worker.post(f"/c/centro-a/feedback/{feedback.uuid}/", {"action": "answer", "response": "",
                                                                    "version": feedback.version})
    done = worker.post(f"/c/centro-a/feedback/{feedback.uuid}/", {
        "action": "answer", "response": "Gracias, lo haremos.", "close": "on", "version": feedback.version})

    assert empty.status_code == 400
    assert done.status_code == 302
    feedback.refresh_from_db()
    assert (feedback.status, feedback.assigned_to) == (Feedback.Status.CLOSED, world.case_worker)
    assert feedback.due_on == feedback.received_at.date() + timedelta(days=30)
    with pytest.raises(StaleEdit):
        escalate_feedback(feedback, version=1, actor=world.case_worker)


def test_a_service_of_another_center_is_refused_and_the_front_desk_cannot_handle_feedback(world):
    response = send(world.client_for(None), service=world.service_b.pk)

    assert response.status_code == 400
    assert not Feedback.objects.exists()
    assert world.client_for(world.front_desk).get("/c/centro-a/feedback/").status_code == 403


def test_overdue_messages_are_marked_in_the_queue(world):
    feedback = submit_feedback(world.center_a, {"kind": "complaint", "category": "place", "body": "Baño sucio"})
    Feedback.objects.filter(pk=feedback.pk).update(due_on=timezone.localdate() - timedelta(days=2))

    body = world.client_for(world.case_worker).get("/c/centro-a/feedback/").content.decode()

    assert 'class="late"' in body


def test_one_address_cannot_flood_the_center_with_messages(world, settings):
    settings.FEEDBACK_PER_ADDRESS = "10/h"  # the default
    client = world.client_for(None)
    answers = [send(client, body=f"Queja {k}", REMOTE_ADDR="203.0.113.5").status_code for k in range(15)]

    assert answers[:10] == [302] * 10 and set(answers[10:]) == {429}
    assert Feedback.objects.count() == 10
    assert send(client, REMOTE_ADDR="203.0.113.6").status_code == 302
