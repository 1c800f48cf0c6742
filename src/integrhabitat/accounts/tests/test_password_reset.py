"""Password reset requests: the same answer whether the address has an account, and limited per client
address and per address asked for (8 reset emails were once sent to one person in a second)."""

import re

from django.core import mail
from django.test import Client

RESET = "/accounts/password/reset/"
SENT = "/accounts/password/reset/sent/"
KNOWN = "partner@aliada.example"  # the fixture world's partner staff member
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def ask(email: str, ip: str = "192.0.2.1"):
    return Client().post(RESET, {"email": email}, REMOTE_ADDR=ip)


def test_it_answers_the_same_for_an_address_with_an_account_and_one_without(world):
    known = ask(KNOWN)
    unknown = ask("nadie@example.org")

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"]) == (302, SENT)
    assert [message.to for message in mail.outbox] == [[KNOWN]]


def test_it_sends_at_most_three_emails_an_hour_to_one_address_whoever_asks(world):
    answers = [ask(KNOWN.upper() if n % 2 else KNOWN, ip=f"198.51.100.{n}").status_code for n in range(8)]

    assert answers == [302, 302, 302, 429, 429, 429, 429, 429]
    assert len(mail.outbox) == 3


def test_it_takes_at_most_ten_requests_an_hour_from_one_client(world):
    answers = [ask(f"persona{n}@example.org").status_code for n in range(11)]

    assert answers == [302] * 10 + [429]
    assert ask("otra@example.org", ip="192.0.2.99").status_code == 302  # another client is not affected


def test_a_limited_request_looks_the_same_whether_the_address_has_an_account(world):
    for n in range(10):
        ask(f"persona{n}@example.org")

    known = ask(KNOWN)
    unknown = ask("nadie@example.org")

    assert known.status_code == unknown.status_code == 429
    assert CSRF.sub("", known.content.decode()).replace(KNOWN, "") == \
        CSRF.sub("", unknown.content.decode()).replace("nadie@example.org", "")
    assert mail.outbox == []


def test_the_reset_link_and_an_invitations_link_go_to_the_configured_site_not_the_requests_host(
        world, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://integrhabitat.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    Client().post(RESET, {"email": KNOWN}, REMOTE_ADDR="192.0.2.9", HTTP_HOST="localhost:8000")
    with django_capture_on_commit_callbacks(execute=True):
        world.client_for(world.coordinator).post(
            "/c/centro-a/staff/", {"username": "lucia", "first_name": "Lucía", "last_name": "Mendoza",
                                       "email": "lucia@example.org", "role": "case_worker"},
            HTTP_HOST="localhost:8000")

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        links = re.findall(r"\S+/accounts/password/reset/\S+", message.body)
        assert links and all(link.startswith("https://integrhabitat.example.org/") for link in links), message.body
        assert "localhost" not in message.body and ":8000" not in message.body
