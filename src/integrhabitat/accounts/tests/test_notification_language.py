"""A notification is written in its recipient's language, whatever the language of the person whose
request caused it: its sentence, the labels and dates inside it, the list that shows it and its email."""

from datetime import date

import pytest
from django.conf import settings
from django.core import mail
from django.utils.translation import gettext_lazy as _

from integrhabitat.accounts.models import Notification
from integrhabitat.accounts.notify import notify
from integrhabitat.cases.models import Referral
from integrhabitat.cases.services import create_referral
from integrhabitat.conftest import PASSWORD
from integrhabitat.network.models import Membership


def speaking(user, language: str):
    user.language = language
    user.save(update_fields=["language"])
    return user


def in_spanish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    return client


def test_an_english_partner_is_told_of_a_spanish_workers_referral_in_english(
        world, case, consent, django_capture_on_commit_callbacks):
    speaking(world.case_worker, "es")
    speaking(world.partner, "en")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = in_spanish(world.client_for(world.case_worker)).post(f"/c/centro-a/cases/{case.uuid}/refer/", {
            "organization": str(world.partner_org.uuid), "reason": "Control prenatal.", "urgency": "priority",
            "shared_fields": ["phone"], "action": "send"})

    assert response.status_code == 302
    notification = Notification.objects.get(user=world.partner)
    assert notification.text == "Centro A sent a referral to Fundación Aliada. Urgency: Priority (within a week)."
    [email] = mail.outbox
    assert email.subject == "New referral from Centro A"
    assert email.body.startswith("Centro A sent a referral to Fundación Aliada. Urgency: Priority (within a week).")
    listing = world.client_for(world.partner).get("/accounts/notifications/").content.decode()
    assert "Urgency: Priority (within a week)." in listing
    assert "Notifications" in listing and "Notificaciones" not in listing


def test_a_spanish_case_worker_is_told_of_an_english_partners_answer_in_spanish(
        world, case, consent, django_capture_on_commit_callbacks):
    speaking(world.case_worker, "es")
    speaking(world.partner, "en")
    world.case_worker.email = "case@centro-a.example"
    world.case_worker.save(update_fields=["email"])
    referral = create_referral(case, {"organization": world.partner_org, "reason": "Control prenatal",
                                      "urgency": "urgent", "shared_fields": ["phone"]},
                               membership=Membership.objects.get(center=world.center_a, user=world.case_worker))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for(world.partner).post(f"/c/centro-a/cases/received/{referral.uuid}/answer/", {
            "decision": "accept", "note": "We expect her on Monday.", "version": referral.version})

    assert response.status_code == 302
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.ACCEPTED
    notification = Notification.objects.get(user=world.case_worker)
    assert notification.text == (f"Fundación Aliada respondió a la remisión que Centro A envió para el caso "
                                 f"{case.reference}: Aceptada.")
    [email] = mail.outbox
    assert email.to == ["case@centro-a.example"]
    assert email.subject == f"Remisión del caso {case.reference}: Aceptada"
    assert email.body.startswith(notification.text)
    listing = world.client_for(world.case_worker).get("/accounts/notifications/").content.decode()
    assert "respondió a la remisión" in listing and "Aceptada." in listing
    assert "Notificaciones" in listing


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "You are responsible for a commitment made at the accountability event of March 1, 2026, due on "
           "April 15, 2026."),
    ("es", "Se le asignó la responsabilidad de un compromiso asumido en el evento de rendición de cuentas del "
           "1 de marzo de 2026, con fecha límite el 15 de abril de 2026."),
])
def test_dates_in_a_notification_are_written_the_recipients_way(world, language, expected):
    speaking(world.facilitator, language)

    notification = notify(world.facilitator, center=world.center_a, url="/",
                          text=_("You are responsible for a commitment made at the accountability event of "
                                 "%(date)s, due on %(due)s."),
                          subject=_("A commitment to the community is yours to follow up"),
                          params={"date": date(2026, 3, 1), "due": date(2026, 4, 15)})

    assert notification.text == expected


def test_signing_in_with_an_english_interface_keeps_english_for_the_users_notifications(world):
    assert world.facilitator.language == ""
    client = world.client_for(None)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # chosen on the login page, before signing in

    response = client.post("/accounts/login/", {"username": world.facilitator.username, "password": PASSWORD})

    assert response.status_code == 302
    world.facilitator.refresh_from_db()
    assert world.facilitator.language == "en"
    notification = notify(world.facilitator, center=world.center_a, url="/", text=_("Case worker"),
                          subject=_("Case worker"), params={})
    assert notification.text == "Case worker"


def test_signing_in_keeps_a_language_the_user_chose_before(world):
    speaking(world.facilitator, "es")
    client = world.client_for(None)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    client.post("/accounts/login/", {"username": world.facilitator.username, "password": PASSWORD})

    world.facilitator.refresh_from_db()
    assert world.facilitator.language == "es"
