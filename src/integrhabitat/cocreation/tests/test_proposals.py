import pytest

from integrhabitat.audit.models import AuditEntry
from integrhabitat.cocreation.models import Comment, Process, Proposal, Support
from integrhabitat.cocreation.services import (
    add_comment,
    answer_proposal,
    moderate_comment,
    save_process,
    submit_proposal,
    support_proposal,
)
from integrhabitat.conftest import make_person
from integrhabitat.lib.errors import Refused, StaleEdit


@pytest.fixture
def process(world):
    return save_process(world.center_a, {"title": "Diagnóstico del parque", "kind": "diagnosis",
                                         "scope": "public_space", "status": "open"}, actor=world.coordinator)


@pytest.fixture
def proposal(world, process):
    return submit_proposal(world.center_a, {"title": "Iluminar el parque", "description": "Faltan luces.",
                                            "category": "IV", "area": "Parque de la 38", "process": process},
                           author=world.person_a, actor=world.front_desk)


def test_a_proposal_recorded_for_a_person_counts_their_support_once(world, proposal):
    support_proposal(proposal, world.person_a, actor=world.front_desk)
    support_proposal(proposal, world.person_a, actor=world.front_desk)

    assert Support.objects.filter(proposal=proposal).count() == 1
    assert proposal.recorded_by == world.front_desk


def test_a_proposal_for_a_closed_process_or_a_person_of_another_center_is_refused(world, process):
    with pytest.raises(Refused):
        submit_proposal(world.center_a, {"title": "x", "description": "y", "category": "I"}, author=world.person_b,
                        actor=world.front_desk)
    process.status = Process.Status.CLOSED
    process.save()
    with pytest.raises(Refused):
        submit_proposal(world.center_a, {"title": "x", "description": "y", "category": "I", "process": process},
                        author=None, actor=world.front_desk)
    assert not Proposal.objects.exists()


def test_not_accepting_needs_a_public_answer_and_implemented_means_100_percent(world, proposal):
    with pytest.raises(Refused):
        answer_proposal(proposal, status="not_accepted", answer=" ", progress=0, version=proposal.version,
                        actor=world.coordinator)

    done = answer_proposal(proposal, status="implemented", answer="Se instalaron 12 luminarias.", progress=40,
                           version=proposal.version, actor=world.coordinator)

    assert (done.status, done.progress) == ("implemented", 100)
    assert done.answered_at is not None
    with pytest.raises(StaleEdit):
        answer_proposal(proposal, status="in_progress", answer="", progress=10, version=proposal.version,
                        actor=world.coordinator)


def test_comments_are_inert_text_and_can_be_hidden(world, proposal):
    comment = add_comment(proposal, "<script>alert(1)</script> ¡Apoyo!", participant=world.person_a,
                          staff=world.front_desk)

    body = world.client_for(world.facilitator).get(f"/c/centro-a/cocreation/proposals/{proposal.uuid}/").content
    assert b"<script>alert(1)</script>" not in body
    assert b"&lt;script&gt;" in body

    moderate_comment(comment, hidden=True, actor=world.facilitator)
    assert Comment.objects.get().is_hidden


def test_the_public_page_shows_answers_and_progress_without_names(world, proposal):
    answer_proposal(proposal, status="in_progress", answer="La alcaldía aprobó el presupuesto.", progress=30,
                    version=proposal.version, actor=world.coordinator)
    hidden_process = save_process(world.center_a, {"title": "Interno", "kind": "evaluation", "scope": "services",
                                                   "status": "open", "is_public": False}, actor=world.coordinator)
    submit_proposal(world.center_a, {"title": "Secreto interno", "description": "x", "category": "I",
                                     "process": hidden_process}, author=None, actor=world.coordinator)

    response = world.client_for(None).get("/p/centro-a/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Iluminar el parque" in body and "La alcaldía aprobó el presupuesto." in body
    assert 'value="30"' in body
    assert "José" not in body and "Pérez" not in body and "AAA-" not in body
    assert "Secreto interno" not in body


def test_the_public_page_of_a_missing_or_closed_center_is_404(world):
    world.center_b.is_active = False
    world.center_b.save()

    assert world.client_for(None).get("/p/no-such-center/").status_code == 404
    assert world.client_for(None).get("/p/centro-b/").status_code == 404


def test_staff_record_a_proposal_and_supports_by_code_and_the_coordinator_answers(world, process):
    desk = world.client_for(world.front_desk)
    response = desk.post("/c/centro-a/cocreation/proposals/new/", {
        "title": "Huerta comunitaria", "description": "En el lote vacío.", "category": "IV",
        "process": str(process.uuid), "author_code": world.person_a.code})
    proposal = Proposal.objects.get(title="Huerta comunitaria")
    assert response["Location"] == f"/c/centro-a/cocreation/proposals/{proposal.uuid}/"
    other = make_person(world.center_a, "Rosa", "Vecina")

    desk.post(f"/c/centro-a/cocreation/proposals/{proposal.uuid}/support/", {"code": other.code})
    desk.post(f"/c/centro-a/cocreation/proposals/{proposal.uuid}/support/", {"code": other.code})
    refused = desk.post(f"/c/centro-a/cocreation/proposals/{proposal.uuid}/answer/",
                        {"status": "accepted", "progress": 0, "answer": "", "version": proposal.version})
    answered = world.client_for(world.coordinator).post(
        f"/c/centro-a/cocreation/proposals/{proposal.uuid}/answer/",
        {"status": "accepted", "progress": 0, "answer": "Se hará en marzo.", "version": proposal.version})

    assert proposal.supports.count() == 2
    assert refused.status_code == 403
    assert answered.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert AuditEntry.objects.filter(action="cocreation.proposal.answered", actor=world.coordinator).exists()


def test_an_unknown_code_is_a_clear_error_and_nothing_is_saved(world):
    response = world.client_for(world.front_desk).post("/c/centro-a/cocreation/proposals/new/", {
        "title": "x", "description": "y", "category": "I", "author_code": world.person_b.code})

    assert response.status_code == 400
    assert world.person_b.code in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_meeting_records_who_came_by_their_codes(world, process):
    response = world.client_for(world.facilitator).post(
        f"/c/centro-a/cocreation/{process.uuid}/meetings/new/",
        {"date": "2026-03-01", "agenda": "1. Recorrido", "minutes": "Se acordó...",
         "attendee_codes": f"{world.person_a.code}, {world.person_a.code}"})

    assert response.status_code == 302
    meeting = process.meetings.get()
    assert list(meeting.attendees.all()) == [world.person_a]


def test_phases_with_dates_show_the_current_one_on_the_public_page(world, process):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    client = world.client_for(world.facilitator)
    client.post(f"/c/centro-a/cocreation/{process.uuid}/phases/", {
        "name": "Recolección de propuestas", "starts_on": (today - timedelta(days=3)).isoformat(),
        "ends_on": (today + timedelta(days=10)).isoformat()})
    refused = client.post(f"/c/centro-a/cocreation/{process.uuid}/phases/", {
        "name": "Votación", "starts_on": today.isoformat(), "ends_on": (today - timedelta(days=1)).isoformat()})

    assert refused.status_code == 400
    assert list(process.phases.values_list("name", flat=True)) == ["Recolección de propuestas"]
    body = world.client_for(None).get("/p/centro-a/").content.decode()
    assert 'aria-current="step"' in body and "Recolección de propuestas" in body
