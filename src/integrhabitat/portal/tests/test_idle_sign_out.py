"""A participant left signed in on a shared phone or computer is signed out after 15 minutes without a
request, on the server; the sign-in page then says why."""

import re

import pytest
from django.utils import translation

from integrhabitat.comms import sms
from integrhabitat.portal.access import SESSION_KEY

BASE = "/p/centro-a/portal"


@pytest.fixture
def signed_in(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}/enter/", {"identifier": "300 123 4567"})
    code = re.search(r"\b(\d{6})\b", sms.outbox[-1]["text"]).group(1)
    assert client.post(f"{BASE}/enter/code/", {"code": code})["Location"] == f"{BASE}/"
    return client


def last_request_minutes_ago(client, minutes: int) -> None:
    session = client.session
    signed = session[SESSION_KEY]
    signed["seen"] -= minutes * 60
    session[SESSION_KEY] = signed
    session.save()


def test_after_15_minutes_without_a_request_the_participant_is_signed_out_and_told_why(signed_in, settings):
    assert settings.PORTAL_IDLE_MINUTES == 15
    last_request_minutes_ago(signed_in, 16)

    response = signed_in.get(f"{BASE}/me/", follow=True)

    assert response.redirect_chain == [(f"{BASE}/enter/", 302)]
    with translation.override("es"):
        said = [str(message) for message in response.context["messages"]]
    assert len(said) == 1 and "15" in said[0]
    assert SESSION_KEY not in signed_in.session
    assert signed_in.get(f"{BASE}/")["Location"] == f"{BASE}/enter/"  # still out, and said once


def test_each_request_keeps_the_participant_signed_in_for_15_more_minutes(signed_in):
    last_request_minutes_ago(signed_in, 14)
    assert signed_in.get(f"{BASE}/activities/").status_code == 200

    last_request_minutes_ago(signed_in, 14)

    assert signed_in.get(f"{BASE}/").status_code == 200
