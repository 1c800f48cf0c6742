"""The partner's side: only their organization's referrals, only what the referral shares."""

from datetime import timedelta

import pytest
from django.utils import timezone

from integrhabitat.accounts.models import Notification
from integrhabitat.audit.models import AuditEntry
from integrhabitat.cases.models import Referral
from integrhabitat.cases.services import create_referral
from integrhabitat.cases.tests.conftest import membership
from integrhabitat.conftest import make_organization, make_user
from integrhabitat.network.models import Membership
from integrhabitat.network.roles import Role
from integrhabitat.people.models import Consent
from integrhabitat.people.services import record_consent, withdraw_consent
from integrhabitat.services.models import ServiceDelivery
from integrhabitat.services.services import save_service


@pytest.fixture
def referral(world, case, consent):
    return create_referral(case, {"organization": world.partner_org, "reason": "Control prenatal",
                                  "urgency": "urgent", "shared_fields": ["phone"]},
                           membership=membership(world, world.case_worker))


def url(referral, suffix=""):
    return f"/c/centro-a/cases/received/{referral.uuid}/{suffix}"


def test_the_partner_sees_the_referral_with_only_the_name_contact_reason_and_urgency(world, referral):
    response = world.client_for(world.partner).get(url(referral))

    assert response.status_code == 200
    body = response.content.decode()
    assert "José Pérez Rodríguez" in body
    assert "+57 300 123 4567" in body
    assert "Control prenatal" in body
    assert "AAA-" not in body  # not even the person's code in the center
    assert "1990" not in body  # birth date was not shared
    assert "Migrante" not in body and "Migrant" not in body
    assert AuditEntry.objects.filter(action="cases.referral.viewed_by_partner", actor=world.partner).exists()


def test_the_partner_inbox_lists_the_waiting_referral(world, referral):
    response = world.client_for(world.partner).get("/c/centro-a/cases/received/")

    assert response.status_code == 200
    assert "José Pérez Rodríguez" in response.content.decode()


def test_a_partner_lands_on_their_inbox_from_home(world):
    response = world.client_for(world.partner).get("/")

    assert response["Location"] == "/c/centro-a/cases/received/"


@pytest.mark.parametrize("path", [
    "/c/centro-a/", "/c/centro-a/people/", "/c/centro-a/cases/", "/c/centro-a/services/", "/c/centro-a/alliances/",
    "/c/centro-a/cases/referrals/", "/c/centro-a/cases/agenda/",
])
def test_the_partner_sees_nothing_else_of_the_center(world, path):
    response = world.client_for(world.partner).get(path)

    assert response.status_code == 403
    assert "José" not in response.content.decode()


def test_the_partner_cannot_open_the_case_nor_the_person(world, referral, case):
    client = world.client_for(world.partner)

    assert client.get(f"/c/centro-a/cases/{case.uuid}/").status_code == 403
    assert client.get(f"/c/centro-a/people/{world.person_a.uuid}/").status_code == 403
    assert client.get(f"/c/centro-a/cases/referrals/{referral.uuid}/").status_code == 403


def test_another_organizations_partner_gets_404_for_the_referral(world, referral):
    other_org = make_organization(world.center_a, "Otra Fundación")
    other = make_user("partner_other")
    Membership.objects.create(center=world.center_a, user=other, role=Role.PARTNER, organization=other_org)

    client = world.client_for(other)
    assert client.get(url(referral)).status_code == 404
    assert client.post(url(referral, "answer/"), {"decision": "accept", "version": referral.version}).status_code == 404
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT
    assert "José" not in client.get("/c/centro-a/cases/received/").content.decode()


def test_the_partner_does_not_see_drafts(world, case, consent):
    draft = create_referral(case, {"organization": world.partner_org, "reason": "x"},
                            membership=membership(world, world.case_worker), send=False)

    assert world.client_for(world.partner).get(url(draft)).status_code == 404


def test_accepting_tells_the_case_worker(world, referral):
    response = world.client_for(world.partner).post(url(referral, "answer/"), {
        "decision": "accept", "note": "La esperamos el lunes a las 8.", "version": referral.version})

    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert referral.answered_by == world.partner
    assert referral.answered_at is not None
    notification = Notification.objects.get(user=world.case_worker)
    assert "Fundación Aliada" in notification.text
    assert notification.url == f"/c/centro-a/cases/{referral.case.uuid}/"


def test_rejecting_needs_a_reason(world, referral):
    client = world.client_for(world.partner)

    client.post(url(referral, "answer/"), {"decision": "reject", "note": "", "version": referral.version})
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT

    client.post(url(referral, "answer/"), {"decision": "reject", "note": "Sin cupos este mes.",
                                           "version": referral.version})
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REJECTED
    assert referral.answer_note == "Sin cupos este mes."


def test_marking_attended_records_the_delivery_of_the_partners_service_once(world, referral):
    service = save_service(world.center_a, {"name": "Control prenatal", "service_type": "I.health",
                                            "provider": world.partner_org}, actor=world.coordinator)
    client = world.client_for(world.partner)
    data = {"service": str(service.uuid), "delivered_on": timezone.localdate().isoformat(),
            "feedback": "Atendida; próxima cita en un mes.", "version": referral.version}

    client.post(url(referral, "answer/"), data)
    client.post(url(referral, "answer/"), data)  # a double submit

    referral.refresh_from_db()
    assert referral.status == Referral.Status.ATTENDED
    assert referral.feedback == "Atendida; próxima cita en un mes."
    assert ServiceDelivery.objects.filter(service=service, participant=world.person_a).count() == 1
    assert referral.delivery.service == service


def test_the_partner_cannot_record_a_service_of_the_center(world, referral):
    response = world.client_for(world.partner).post(url(referral, "answer/"), {
        "service": str(world.service_a.uuid), "delivered_on": timezone.localdate().isoformat(),
        "version": referral.version})

    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT
    assert not ServiceDelivery.objects.filter(service=world.service_a, participant=world.person_a,
                                              recorded_by=world.partner).exists()


def test_withdrawing_the_consent_stops_sharing_at_once(world, referral, consent):
    withdraw_consent(consent, actor=world.case_worker)
    client = world.client_for(world.partner)

    page = client.get(url(referral)).content.decode()
    inbox = client.get("/c/centro-a/cases/received/").content.decode()
    answer = client.post(url(referral, "answer/"), {"decision": "accept", "version": referral.version})

    assert "José" not in page and "+57" not in page and "Control prenatal" not in page
    assert "José" not in inbox
    assert answer.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT
    assert not AuditEntry.objects.filter(action="cases.referral.viewed_by_partner").exists()


def test_a_new_consent_to_another_organization_does_not_reopen_sharing(world, referral, consent):
    withdraw_consent(consent, actor=world.case_worker)
    other = make_organization(world.center_a, "Otra Fundación")
    record_consent(world.person_a, purpose=Consent.Purpose.REFERRAL, organization=other, given_by="self",
                   method="verbal", actor=world.case_worker)

    assert "José" not in world.client_for(world.partner).get(url(referral)).content.decode()


def test_an_override_stops_sharing_when_the_person_later_refuses(world, case):
    referral = create_referral(case, {"organization": world.partner_org, "reason": "x", "override_reason": "Riesgo"},
                               membership=membership(world, world.coordinator))
    assert "José" in world.client_for(world.partner).get(url(referral)).content.decode()
    refusal = record_consent(world.person_a, purpose="referral", organization=world.partner_org, given_by="self",
                             method="verbal", actor=world.case_worker)
    withdraw_consent(refusal, actor=world.case_worker)

    assert "José" not in world.client_for(world.partner).get(url(referral)).content.decode()


def test_a_stale_answer_is_refused_and_the_first_one_kept(world, referral):
    client = world.client_for(world.partner)
    version = referral.version
    client.post(url(referral, "answer/"), {"decision": "accept", "note": "Primera", "version": version})

    response = client.post(url(referral, "answer/"), {"decision": "reject", "note": "Segunda", "version": version},
                           follow=True)

    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert referral.answer_note == "Primera"
    body = response.content.decode()
    assert "Alguien más guardó" in body or "Someone else saved" in body


def test_the_case_worker_sees_the_answer_on_the_case(world, referral):
    world.client_for(world.partner).post(url(referral, "answer/"), {
        "decision": "accept", "note": "La esperamos el lunes.", "version": referral.version})

    body = world.client_for(world.case_worker).get(f"/c/centro-a/cases/{referral.case.uuid}/").content.decode()

    assert "La esperamos el lunes." in body


def test_answer_times_are_kept_for_the_figures(world, referral):
    Referral.objects.filter(pk=referral.pk).update(sent_at=timezone.now() - timedelta(days=3))
    referral.refresh_from_db()

    world.client_for(world.partner).post(url(referral, "answer/"), {"decision": "accept",
                                                                     "version": referral.version})

    referral.refresh_from_db()
    assert timedelta(days=2, hours=23) < referral.answered_at - referral.sent_at < timedelta(days=3, hours=1)


def test_the_inbox_runs_a_fixed_number_of_queries(world, case, consent, django_assert_max_num_queries):
    for _ in range(6):
        create_referral(case, {"organization": world.partner_org, "reason": "x"},
                        membership=membership(world, world.case_worker))
    client = world.client_for(world.partner)
    client.get("/c/centro-a/cases/received/")

    with django_assert_max_num_queries(12):
        response = client.get("/c/centro-a/cases/received/")
    assert response.content.decode().count("José Pérez Rodríguez") == 6


def test_the_partner_records_later_sessions_of_its_service_once_per_submit(world, referral):
    service = save_service(world.center_a, {"name": "Control prenatal", "service_type": "I.health",
                                            "provider": world.partner_org}, actor=world.coordinator)
    client = world.client_for(world.partner)
    session = {"service": str(service.uuid), "delivered_on": timezone.localdate().isoformat(),
               "submission": "8c1f6a4e-9a52-4a57-9d7e-1d2f3c4b5a69"}

    too_early = client.post(url(referral, "sessions/"), session)
    assert too_early.status_code == 302
    assert not ServiceDelivery.objects.filter(service=service).exists()

    client.post(url(referral, "answer/"), {"feedback": "Primera consulta", "version": referral.version})
    client.post(url(referral, "sessions/"), session)
    client.post(url(referral, "sessions/"), session)  # the same form sent twice

    assert ServiceDelivery.objects.filter(service=service, participant=world.person_a).count() == 1
    page = client.get(url(referral)).content.decode()
    assert "Control prenatal" in page


def test_the_partner_cannot_record_a_session_of_the_centers_own_service(world, referral):
    client = world.client_for(world.partner)
    client.post(url(referral, "answer/"), {"version": referral.version})

    client.post(url(referral, "sessions/"), {"service": str(world.service_a.uuid),
                                             "delivered_on": timezone.localdate().isoformat()})

    assert not ServiceDelivery.objects.filter(service=world.service_a, recorded_by=world.partner).exists()
