"""Where a portal code goes: only to the phone or email on the person's record. What is typed only selects
the person, and a phone selects them only when it is the same number, read with the center's country."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail

from integrhabitat.comms import sms
from integrhabitat.conftest import make_person
from integrhabitat.portal.models import LoginCode
from integrhabitat.portal.services import destination_of, people_at

BASE = "/p/centro-a/portal"


def ask(client, identifier, capture):
    with capture(execute=True):
        return client.post(f"{BASE}/enter/", {"identifier": identifier})


@pytest.mark.parametrize("typed", [
    "+1 (999) 573001234567",  # José's number with other digits in front: it used to receive his code
    "999 573001234567",
    "+58 300 123 4567",  # the same digits in another country
    "1234567",  # only the end of his number
])
def test_a_number_that_only_ends_like_someones_gets_no_code_and_cannot_enter(
        world, client, django_capture_on_commit_callbacks, typed):
    response = ask(client, typed, django_capture_on_commit_callbacks)

    assert sms.outbox == [] and mail.outbox == []
    if response.status_code == 302:  # a real number of someone else: the same answer as for anyone
        for guess in ("000000", "123456"):
            assert client.post(f"{BASE}/enter/code/", {"code": guess}).status_code == 400
        assert "José" not in client.get(f"{BASE}/", follow=True).content.decode()
    else:  # not a phone number anywhere: the form says so, whoever is registered
        assert response.status_code == 400


@pytest.mark.parametrize("typed", ["300 123 4567", "(300) 123-4567", "+57 300 123 4567", "573001234567",
                                   "+573001234567", " 300.123.4567 "])
def test_any_spelling_of_the_number_on_record_sends_the_code_to_that_number(
        world, client, django_capture_on_commit_callbacks, typed):
    ask(client, typed, django_capture_on_commit_callbacks)

    assert [message["to"] for message in sms.outbox] == ["+573001234567"]
    code = re.search(r"\b(\d{6})\b", sms.outbox[0]["text"]).group(1)
    assert client.post(f"{BASE}/enter/code/", {"code": code})["Location"] == f"{BASE}/"


def test_a_number_written_without_country_code_at_the_center_is_read_with_the_centers_country(world):
    person = make_person(world.center_a, "Ana", "Local", phone="310 555 0101")

    assert person.phone == "310 555 0101"  # staff still see it as written
    assert person.phone_e164 == "+573105550101"
    assert people_at(world.center_a, destination_of("+57 310 555 0101", "CO")) == [person]
    assert destination_of("0057 310 555 0101", "CO") != "+573105550101"  # 005 dials out of Colombia


def test_a_phone_on_record_that_is_not_a_number_never_matches(world, client, django_capture_on_commit_callbacks):
    make_person(world.center_a, "Sin", "Número", phone="12345")

    ask(client, "12345", django_capture_on_commit_callbacks)
    ask(client, "+57 12345", django_capture_on_commit_callbacks)

    assert sms.outbox == []
    assert not LoginCode.objects.exists()


def test_an_email_in_other_case_sends_the_code_to_the_email_on_record(
        world, client, django_capture_on_commit_callbacks):
    make_person(world.center_a, "Lucía", "Correo", email="Lucia.Correo@example.org")

    ask(client, "  LUCIA.correo@EXAMPLE.org ", django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [["Lucia.Correo@example.org"]]


def test_the_code_goes_nowhere_for_a_person_of_another_center(world, client, django_capture_on_commit_callbacks):
    make_person(world.center_b, "Bruno", "Otro", phone="+57 311 555 0101")

    response = ask(client, "311 555 0101", django_capture_on_commit_callbacks)

    assert response["Location"] == f"{BASE}/enter/code/"
    assert sms.outbox == []


def test_neither_the_codes_nor_the_session_waiting_for_one_keep_the_number_in_clear(
        world, client, django_capture_on_commit_callbacks):
    ask(client, "300 123 4567", django_capture_on_commit_callbacks)

    stored = [str(session.get_decoded()) for session in Session.objects.all()]
    stored += [code.destination for code in LoginCode.objects.all()]
    assert len(stored) >= 2
    assert not [text for text in stored if "1234567" in text or "123 4567" in text]
    code = re.search(r"\b(\d{6})\b", sms.outbox[0]["text"]).group(1)
    assert client.post(f"{BASE}/enter/code/", {"code": code})["Location"] == f"{BASE}/"
