"""People's requests about their data: recorded with the legal deadline in the country's business days,
extended once with a reason, answered; overdue ones on the coordinator's home."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from integrhabitat.audit.models import AuditEntry
from integrhabitat.lib.errors import Refused, StaleEdit
from integrhabitat.privacy.models import DataRequest
from integrhabitat.privacy.services import answer_request, extend_request, record_request

pytestmark = pytest.mark.django_db


def request_of(world, kind="access", received_on=date(2026, 12, 7)):
    return record_request(world.person_a, {"kind": kind, "received_on": received_on, "channel": "desk",
                                           "details": "Pide copia de sus datos"}, actor=world.case_worker)


def test_a_query_is_due_in_ten_colombian_business_days_and_a_claim_in_fifteen(world):
    # Center A is in Colombia: 8 Dec and 25 Dec 2026 are holidays.
    assert request_of(world, "access").due_on == date(2026, 12, 22)
    assert request_of(world, "erasure").due_on == date(2026, 12, 30)
    assert request_of(world, "correction").due_on == date(2026, 12, 30)
    entry = AuditEntry.objects.filter(action="privacy.request.recorded").first()
    assert entry.actor == world.case_worker


def test_a_center_in_peru_counts_on_its_own_calendar(world):
    world.center_a.country = "PE"
    world.center_a.save()
    world.person_a.refresh_from_db()
    assert request_of(world, "access").due_on == date(2026, 12, 23)  # Peru also rests on 9 Dec


def test_an_extension_adds_the_legal_days_once_and_needs_a_reason(world):
    item = request_of(world, "access")
    with pytest.raises(Refused):
        extend_request(item, reason="  ", version=item.version, actor=world.coordinator)
    extended = extend_request(item, reason="Hay que revisar archivos en papel", version=item.version,
                              actor=world.coordinator)
    assert (extended.status, extended.due_on) == (DataRequest.Status.EXTENDED, date(2026, 12, 30))
    with pytest.raises(Refused):
        extend_request(extended, reason="Otra vez", version=extended.version, actor=world.coordinator)
    with pytest.raises(StaleEdit):
        answer_request(extended, outcome="granted", answer="Entregada", answered_on=date(2026, 12, 9),
                       version=item.version, actor=world.coordinator)


def test_an_answer_needs_its_text_a_sound_date_and_is_given_once(world):
    item = request_of(world, "access", received_on=date(2026, 12, 1))
    for answered_on in (date(2026, 11, 30), timezone.localdate() + timedelta(days=1)):
        with pytest.raises(Refused):
            answer_request(item, outcome="granted", answer="Entregada", answered_on=answered_on,
                           version=item.version, actor=world.case_worker)
    with pytest.raises(Refused):
        answer_request(item, outcome="granted", answer=" ", answered_on=date(2026, 12, 4), version=item.version,
                       actor=world.case_worker)
    done = answer_request(item, outcome="granted", answer="Se entregó el PDF", answered_on=date(2026, 12, 4),
                          version=item.version, actor=world.case_worker)
    assert (done.status, done.answered_by) == (DataRequest.Status.ANSWERED, world.case_worker)
    with pytest.raises(Refused):
        answer_request(done, outcome="refused", answer="No", answered_on=date(2026, 12, 4), version=done.version,
                       actor=world.case_worker)


def test_a_case_worker_records_a_request_from_the_profile_and_answers_it(world):
    client = world.client_for(world.case_worker)
    url = f"/c/centro-a/privacy/requests/new/{world.person_a.uuid}/"
    today = timezone.localdate()

    refused = client.post(url, {"kind": "access", "channel": "desk", "received_on": str(today + timedelta(days=2)),
                                "details": "x"})
    created = client.post(url, {"kind": "access", "channel": "desk", "received_on": str(today),
                                "details": "Quiere saber qué datos tienen"})

    assert refused.status_code == 400 and DataRequest.objects.count() == 1
    item = DataRequest.objects.get()
    assert created["Location"] == f"/c/centro-a/privacy/requests/{item.uuid}/"
    page = client.get(created["Location"]).content.decode()
    assert "Quiere saber qué datos tienen" in page
    answered = client.post(f"/c/centro-a/privacy/requests/{item.uuid}/answer/", {
        "outcome": "granted", "answered_on": str(today), "answer": "Se le entregó su información",
        "version": item.version})
    assert answered.status_code == 302
    assert DataRequest.objects.get().status == DataRequest.Status.ANSWERED


def test_a_request_of_another_center_is_not_found(world):
    item = record_request(world.person_b, {"kind": "access", "received_on": date(2026, 12, 7), "details": "x"},
                          actor=world.other_coordinator)
    assert world.client_for(world.coordinator).get(f"/c/centro-a/privacy/requests/{item.uuid}/").status_code == 404


def test_overdue_requests_show_on_the_home_of_those_who_handle_them(world):
    request_of(world, "access", received_on=date(2025, 1, 6))
    home = world.client_for(world.case_worker).get("/c/centro-a/").content.decode()
    desk = world.client_for(world.front_desk).get("/c/centro-a/").content.decode()
    assert "/c/centro-a/privacy/requests/?status=overdue" in home
    assert "/c/centro-a/privacy/requests/?status=overdue" not in desk


def test_the_register_lists_open_and_overdue_requests_and_downloads_with_an_audit(world):
    request_of(world, "access", received_on=date(2025, 1, 6))
    client = world.client_for(world.coordinator)
    overdue = client.get("/c/centro-a/privacy/requests/", {"status": "overdue"})
    assert world.person_a.code in overdue.content.decode()
    download = client.get("/c/centro-a/privacy/requests/", {"as": "csv"})
    assert world.person_a.code in download.content.decode("utf-8-sig")
    assert AuditEntry.objects.filter(action="privacy.request.exported").exists()
