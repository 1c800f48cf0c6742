"""How many codes may be asked for and typed at the portal: per person (however their number or email is
spelled), per destination, per client address and per center; the answers never tell who is registered,
and the coordinators hear of a person's sign-in stopped and of a burst over the whole center."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from integrhabitat.accounts.models import Notification
from integrhabitat.audit.models import AuditEntry
from integrhabitat.comms import sms
from integrhabitat.conftest import make_person
from integrhabitat.portal import services
from integrhabitat.portal.models import LoginCode, WrongCode
from integrhabitat.portal.views import FROM_HERE

BASE = "/p/centro-a/portal"
WRONG = "999999"


@pytest.fixture
def known_code(monkeypatch):
    """Every code is 123456, so that a test knows its guesses are wrong (or right)."""
    monkeypatch.setattr(services.secrets, "randbelow", lambda _n: 123456)
    return "123456"


def error_of(response) -> str:
    form = response.context["form"]
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def spanish(message) -> str:
    with translation.override("es"):
        return str(message)


def ask(client, identifier, **extra):
    return client.post(f"{BASE}/enter/", {"identifier": identifier}, **extra)


def guess(client, code, **extra):
    return client.post(f"{BASE}/enter/code/", {"code": code}, **extra)


def test_a_person_gets_a_few_wrong_codes_an_hour_whatever_the_spelling_of_their_number_or_email(
        world, client, settings, known_code):
    settings.PORTAL_WRONG_CODES_PER_HOUR = 4
    settings.PORTAL_CODES_PER_HOUR = 10
    world.person_a.email = "jose@example.org"
    world.person_a.save()
    spellings = ["3001234567", "+57 300 123 4567", "573001234567", "(300) 123-4567", "JOSE@example.org",
                 "jose@EXAMPLE.ORG", "+573001234567", "300.123.4567"]
    checked = 0
    for identifier in spellings:
        ask(client, identifier)
        for _ in range(2):
            response = guess(client, WRONG)
            checked += error_of(response) == spanish(services.WRONG)

    assert checked == 4
    assert WrongCode.objects.count() == 4
    # Stopped: even the right code does not open now, by phone or by email.
    for identifier in ("300 123 4567", "jose@example.org"):
        ask(client, identifier)
        assert guess(client, known_code).status_code in (400, 429)
    assert "José" not in client.get(f"{BASE}/", follow=True).content.decode()


def test_the_stop_holds_without_the_cache_and_ends_after_an_hour(world, client, settings, known_code):
    settings.PORTAL_WRONG_CODES_PER_HOUR = 2
    ask(client, "3001234567")
    guess(client, WRONG)
    guess(client, WRONG)

    cache.clear()  # the per-person count lives in the database
    ask(client, "+57 300 123 4567")
    assert guess(client, known_code).status_code == 429

    an_hour_ago = timezone.now() - timedelta(hours=1, minutes=1)
    WrongCode.objects.update(created_at=an_hour_ago)
    LoginCode.objects.update(created_at=an_hour_ago)
    ask(client, "300 123 4567")
    assert guess(client, known_code)["Location"] == f"{BASE}/"


def test_the_coordinators_are_told_once_when_a_persons_sign_in_stops(world, client, settings, known_code):
    settings.PORTAL_WRONG_CODES_PER_HOUR = 2
    for _ in range(2):
        ask(client, "3001234567")
        for _ in range(2):
            guess(client, WRONG)

    stopped = AuditEntry.objects.filter(action="portal.sign_in.stopped")
    assert [entry.object_id for entry in stopped] == [str(world.person_a.uuid)]
    told = Notification.objects.filter(user=world.coordinator)
    assert told.count() == 1
    assert world.person_a.code in told.get().text and "José" not in told.get().text
    assert told.get().url == f"/c/centro-a/people/{world.person_a.uuid}/audit/"
    assert not Notification.objects.filter(user__in=[world.case_worker, world.other_coordinator]).exists()


def test_an_unknown_number_is_stopped_and_answered_exactly_like_a_registered_one(
        world, settings, known_code, django_capture_on_commit_callbacks):
    settings.PORTAL_WRONG_CODES_PER_HOUR = 2
    settings.PORTAL_CODES_PER_HOUR = 3
    answers = {}
    for identifier in ("300 123 4567", "310 555 0199"):  # José's, and nobody's
        client = world.client_for(None)
        with django_capture_on_commit_callbacks(execute=True):
            steps = [ask(client, identifier), guess(client, WRONG), guess(client, WRONG), guess(client, known_code),
                     ask(client, identifier), ask(client, identifier), ask(client, identifier)]
        answers[identifier] = [(r.status_code, r.get("Location"), error_of(r) if r.context else "") for r in steps]

    assert answers["300 123 4567"] == answers["310 555 0199"]
    assert [status for status, _location, _error in answers["310 555 0199"]] == [302, 400, 400, 429, 429, 429, 429]
    assert len(sms.outbox) == 1  # José got his first code, the unknown number nothing


def test_codes_asked_from_one_address_are_limited_with_a_429_that_names_no_one(world, settings):
    settings.PORTAL_CODES_PER_ADDRESS = "2/h"
    here, elsewhere = {"REMOTE_ADDR": "203.0.113.9"}, {"REMOTE_ADDR": "198.51.100.4"}
    client = world.client_for(None)
    ask(client, "310 555 0101", **here)
    ask(client, "310 555 0102", **here)

    registered, unknown = ask(client, "300 123 4567", **here), ask(client, "310 555 0103", **here)

    assert registered.status_code == unknown.status_code == 429
    assert error_of(registered) == error_of(unknown) == spanish(FROM_HERE)
    assert ask(client, "300 123 4567", **elsewhere).status_code == 302


def test_codes_typed_from_one_address_are_limited_too(world, settings, known_code):
    settings.PORTAL_GUESSES_PER_ADDRESS = "2/h"
    client = world.client_for(None)
    ask(client, "300 123 4567")
    guess(client, WRONG)
    guess(client, WRONG)

    response = guess(client, known_code)

    assert response.status_code == 429
    assert "José" not in client.get(f"{BASE}/", follow=True).content.decode()


def test_a_burst_over_the_whole_center_stops_its_sign_in_and_tells_the_coordinators(world, settings):
    settings.PORTAL_CENTER_CODES_PER_HOUR = 3
    client = world.client_for(None)
    for number in ("310 555 0101", "310 555 0102", "310 555 0103"):
        assert ask(client, number).status_code == 302

    response = ask(client, "300 123 4567")

    assert response.status_code == 429
    assert error_of(response) == spanish(services.CENTER_PAUSED)
    assert sms.outbox == []
    assert AuditEntry.objects.filter(action="portal.sign_in.center_stopped", center=world.center_a).count() == 1
    assert Notification.objects.filter(user=world.coordinator, url="/c/centro-a/audit/").count() == 1
    # Another center's portal goes on.
    assert ask(client, "300 123 4567").status_code == 429
    assert client.post("/p/centro-b/portal/enter/", {"identifier": "310 555 0104"}).status_code == 302


def test_a_burst_of_wrong_codes_over_the_center_stops_its_sign_in(world, settings, known_code):
    settings.PORTAL_CENTER_WRONG_CODES_PER_HOUR = 3
    for number in ("310 555 0101", "310 555 0102", "310 555 0103"):
        client = world.client_for(None)
        ask(client, number)
        guess(client, WRONG)

    client = world.client_for(None)
    ask_again = ask(client, "300 123 4567")

    assert ask_again.status_code == 429
    assert Notification.objects.filter(user=world.coordinator).count() == 1


def test_a_family_sharing_a_phone_shares_its_limit_and_each_member_is_reported(world, client, settings, known_code):
    settings.PORTAL_WRONG_CODES_PER_HOUR = 2
    child = make_person(world.center_a, "Mateo", "Pérez", phone="+57 300 123 4567")
    ask(client, "3001234567")
    guess(client, WRONG)
    guess(client, WRONG)

    stopped = {entry.object_id for entry in AuditEntry.objects.filter(action="portal.sign_in.stopped")}
    assert stopped == {str(world.person_a.uuid), str(child.uuid)}
