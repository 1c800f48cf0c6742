"""What a partner records of a referral reaches both sides, and the emails about referrals name the
center and the organization, link to the configured site, and say nothing of the person."""

import re

import pytest
from django.core import mail

from integrhabitat.cases.models import Referral
from integrhabitat.services.services import save_service

SITE = "https://integrhabitat.example.org"
FEEDBACK = "Control prenatal hecho; próxima cita en un mes."


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE


def refer(world, case, **client_extra) -> Referral:
    """The case worker refers José to Fundación Aliada through the referral form, sharing his phone."""
    response = world.client_for(world.case_worker).post(f"/c/centro-a/cases/{case.uuid}/refer/", {
        "organization": str(world.partner_org.uuid), "reason": "Necesita control prenatal.", "urgency": "priority",
        "shared_fields": ["phone"], "action": "send"}, **client_extra)
    assert response.status_code == 302
    return Referral.objects.get()


def received(referral, suffix=""):
    return f"/c/centro-a/cases/received/{referral.uuid}/{suffix}"


def accept_and_attend(world, referral, **attended):
    partner = world.client_for(world.partner)
    partner.post(received(referral, "answer/"), {"decision": "accept", "note": "La esperamos el lunes.",
                                                 "version": referral.version})
    referral.refresh_from_db()
    partner.post(received(referral, "answer/"), {"feedback": FEEDBACK, "version": referral.version, **attended})
    referral.refresh_from_db()


def section(page: str, name: str) -> str:
    """One list of the partner's inbox, or "" when the inbox does not show it."""
    found = re.search(rf'<section aria-labelledby="{name}-h">.*?</section>', page, re.S)
    return found.group(0) if found else ""


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


# --- The outcome --------------------------------------------------------------------------------------------

def test_an_attended_referral_is_listed_under_service_provided_and_the_case_worker_reads_the_outcome(
        world, case, consent):
    referral = refer(world, case)

    accept_and_attend(world, referral)

    assert referral.status == Referral.Status.ATTENDED
    inbox = world.client_for(world.partner).get("/c/centro-a/cases/received/").content.decode()
    served = section(inbox, "served")
    assert "Servicio prestado" in served or "Service provided" in served
    assert "José Pérez Rodríguez" in served
    assert not section(inbox, "accepted") and not section(inbox, "done")
    detail = world.client_for(world.case_worker).get(f"/c/centro-a/cases/referrals/{referral.uuid}/")
    assert "La esperamos el lunes." in detail.content.decode()
    assert FEEDBACK in detail.content.decode()


def test_the_partner_reads_back_the_outcome_it_recorded(world, case, consent):
    referral = refer(world, case)
    accept_and_attend(world, referral)

    page = world.client_for(world.partner).get(received(referral)).content.decode()

    assert FEEDBACK in page
    assert "Ninguno registrado aún" not in page and "None recorded yet" not in page
    assert 'id="attend-h"' not in page  # attended once: nothing left to mark


def test_an_attended_referral_stays_under_service_provided_once_the_center_closes_it(world, case, consent):
    referral = refer(world, case)
    accept_and_attend(world, referral)

    world.client_for(world.case_worker).post(f"/c/centro-a/cases/referrals/{referral.uuid}/close/",
                                             {"action": "close", "version": referral.version})

    referral.refresh_from_db()
    assert referral.status == Referral.Status.CLOSED
    inbox = world.client_for(world.partner).get("/c/centro-a/cases/received/").content.decode()
    assert "José Pérez Rodríguez" in section(inbox, "served")


def test_a_rejected_referral_is_not_listed_as_service_provided(world, case, consent):
    referral = refer(world, case)

    world.client_for(world.partner).post(received(referral, "answer/"), {
        "decision": "reject", "note": "Sin cupos este mes.", "version": referral.version})

    inbox = world.client_for(world.partner).get("/c/centro-a/cases/received/").content.decode()
    assert not section(inbox, "served")
    assert "José Pérez Rodríguez" in section(inbox, "done")


def test_an_organization_without_services_of_its_own_is_told_why_there_is_none_to_choose(world, case, consent):
    referral = refer(world, case)

    page = world.client_for(world.partner).get(received(referral)).content.decode()

    choices = re.search(r'<select name="service".*?</select>', page, re.S).group(0)
    assert choices.count("<option") == 1  # “— None —”
    assert "no tiene servicios registrados" in page or "has no services registered" in page
    assert 'name="feedback"' in page


def test_an_organization_chooses_among_its_own_services_and_the_delivery_is_listed(world, case, consent):
    service = save_service(world.center_a, {"name": "Control prenatal", "service_type": "I.health",
                                            "provider": world.partner_org}, actor=world.coordinator)
    referral = refer(world, case)
    form = world.client_for(world.partner).get(received(referral)).content.decode()
    assert f'<option value="{service.uuid}">Control prenatal</option>' in form
    assert "no tiene servicios registrados" not in form and "has no services registered" not in form

    accept_and_attend(world, referral, service=str(service.uuid), delivered_on="2026-01-12")

    page = world.client_for(world.partner).get(received(referral)).content.decode()
    assert referral.delivery.service == service
    assert "12 Ene 2026 · Control prenatal" in page or "12 Jan 2026 · Control prenatal" in page


# --- The emails ---------------------------------------------------------------------------------------------

def test_the_partners_email_names_the_center_and_the_organization_and_links_to_the_configured_site(
        world, case, consent, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        referral = refer(world, case, HTTP_HOST="localhost:8000")

    [message] = mail.outbox
    text = f"{message.subject}\n{message.body}"
    assert message.to == ["partner@aliada.example"]
    assert "Centro A" in text and "Fundación Aliada" in text
    assert links(message) == [f"{SITE}/c/centro-a/cases/received/{referral.uuid}/"]
    assert "localhost" not in text and ":8000" not in text and "127.0.0.1" not in text


def test_the_partners_email_says_nothing_of_the_person_even_what_the_referral_shares(
        world, case, consent, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        refer(world, case)

    [message] = mail.outbox
    text = f"{message.subject}\n{message.body}"
    for detail in ("José", "Pérez", "300 123 4567", "prenatal", case.reference):
        assert detail not in text


def test_the_case_workers_emails_name_the_center_and_the_organization_and_link_to_the_case(
        world, case, consent, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = f"{SITE}/"  # a trailing slash makes no double one
    world.case_worker.email = "case@centro-a.example"
    world.case_worker.save()
    referral = refer(world, case)

    with django_capture_on_commit_callbacks(execute=True):
        accept_and_attend(world, referral)

    answered, attended = mail.outbox
    for message in (answered, attended):
        text = f"{message.subject}\n{message.body}"
        assert message.to == ["case@centro-a.example"]
        assert "Centro A" in text and "Fundación Aliada" in text
        assert links(message) == [f"{SITE}/c/centro-a/cases/{case.uuid}/"]
        assert "José" not in text and FEEDBACK not in text
