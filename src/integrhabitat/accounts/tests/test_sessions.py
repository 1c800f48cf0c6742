"""Staff sessions end after 30 minutes without activity and 12 hours after signing in, server-side; pages
warn before without JavaScript; "sign out everywhere" ends them all."""

import re
import time
from urllib.parse import quote

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.messages import get_messages
from django.test import Client

import integrhabitat.settings as project_settings
from integrhabitat.accounts.models import User
from integrhabitat.accounts.sessions import SEEN_AT, SIGNED_IN_AT
from integrhabitat.audit.models import AuditEntry

CENTER = "/c/centro-a/"
ENDING = "/accounts/sessions/ending/"
MINUTE, HOUR = 60, 3600


def age(client: Client, key: str, seconds: int) -> None:
    """Move one of the session's clocks back, as if that much time had passed."""
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def refresh(response) -> tuple[int, str]:
    seconds, url = re.fullmatch(r"(\d+); url=(.+)", response["Refresh"]).groups()
    return int(seconds), url


def test_the_project_ends_sessions_after_30_idle_minutes_and_12_hours():
    assert project_settings.SESSION_IDLE_SECONDS == 30 * MINUTE
    assert project_settings.SESSION_MAX_SECONDS == 12 * HOUR
    assert project_settings.SESSION_COOKIE_AGE == 12 * HOUR


def test_a_session_ends_after_30_minutes_without_activity(world):
    client = world.client_for(world.coordinator)
    age(client, SEEN_AT, 30 * MINUTE + 1)

    response = client.get(f"{CENTER}people/")

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={CENTER}people/"
    assert not signed_in(client)
    assert "30" in str(list(get_messages(response.wsgi_request))[0])


def test_activity_keeps_the_session_going(world):
    client = world.client_for(world.coordinator)
    age(client, SEEN_AT, 29 * MINUTE)

    assert client.get(CENTER).status_code == 200
    assert abs(client.session[SEEN_AT] - time.time()) < 5
    age(client, SEEN_AT, 29 * MINUTE)
    assert client.get(CENTER).status_code == 200


def test_a_session_ends_12_hours_after_signing_in_however_active(world):
    client = world.client_for(world.coordinator)
    age(client, SIGNED_IN_AT, 12 * HOUR + 1)

    response = client.get(CENTER)

    assert response["Location"] == f"/accounts/login/?next={CENTER}"
    assert not signed_in(client)


def test_an_expired_session_sends_a_form_to_the_sign_in_page_without_coming_back_to_the_form(world):
    client = world.client_for(world.coordinator)
    age(client, SEEN_AT, 31 * MINUTE)

    response = client.post("/accounts/notifications/")

    assert response["Location"] == "/accounts/login/"
    assert not signed_in(client)


def test_an_htmx_request_of_an_expired_session_takes_the_whole_page_to_sign_in(world):
    client = world.client_for(world.coordinator)
    age(client, SEEN_AT, 31 * MINUTE)

    response = client.get(f"{CENTER}people/?q=jose", headers={"HX-Request": "true"})

    assert response["HX-Redirect"].startswith("/accounts/login/?next=")


def test_pages_say_when_the_session_ends_and_refresh_to_a_warning_five_minutes_before(world, settings):
    settings.LANGUAGE_CODE = "en"
    client = world.client_for(world.coordinator)

    response = client.get(f"{CENTER}people/?q=jose")

    seconds, url = refresh(response)
    assert 25 * MINUTE - 5 <= seconds <= 25 * MINUTE
    assert url == f"{ENDING}?next={quote(f'{CENTER}people/?q=jose', safe='')}"
    assert "Session until" in response.content.decode()


def test_fragments_downloads_and_redirects_get_no_refresh(world):
    client = world.client_for(world.coordinator)

    assert "Refresh" not in client.get(f"{CENTER}people/?q=jose", headers={"HX-Request": "true"})
    assert "Refresh" not in client.get(f"{CENTER}people/download/?format=csv")
    assert "Refresh" not in client.get("/")
    assert "Refresh" not in Client().get("/accounts/login/")


def test_the_warning_page_offers_to_continue_and_is_not_activity_itself(world):
    client = world.client_for(world.coordinator)
    age(client, SEEN_AT, 26 * MINUTE)
    seen_at = client.session[SEEN_AT]

    response = client.get(ENDING, {"next": f"{CENTER}people/"})

    assert response.status_code == 200
    assert client.session[SEEN_AT] == seen_at
    assert f'href="{CENTER}people/"' in response.content.decode()
    seconds, url = refresh(response)
    assert 4 * MINUTE - 5 <= seconds <= 4 * MINUTE + 1  # at the end, back to itself
    assert url == f"{ENDING}?next={quote(f'{CENTER}people/', safe='')}"


def test_the_warning_page_at_the_end_signs_out_and_keeps_the_page_to_come_back_to(world):
    client = world.client_for(world.coordinator)
    age(client, SEEN_AT, 30 * MINUTE)

    response = client.get(ENDING, {"next": f"{CENTER}people/"})

    assert response["Location"] == f"/accounts/login/?next={CENTER}people/"
    assert not signed_in(client)


def test_the_warning_page_does_not_send_back_to_another_site(world):
    client = world.client_for(world.coordinator)

    response = client.get(ENDING, {"next": "https://evil.example/"})

    assert 'href="https://evil.example/"' not in response.content.decode()
    assert 'href="/"' in response.content.decode()
    assert "evil.example" not in response["Refresh"]


# --- Signing out everywhere -------------------------------------------------------------------------------

def test_signing_out_everywhere_ends_every_session_of_the_user_and_only_theirs(world):
    laptop = world.client_for(world.coordinator)
    phone = world.client_for(world.coordinator)
    colleague = world.client_for(world.case_worker)

    response = laptop.post("/accounts/sessions/end-all/")

    assert response["Location"] == "/accounts/login/"
    assert not signed_in(laptop)
    assert phone.get(CENTER)["Location"] == f"/accounts/login/?next={CENTER}"
    assert colleague.get(CENTER).status_code == 200
    entry = AuditEntry.objects.get(action="accounts.sessions.ended")
    assert (entry.actor, entry.object_id) == (world.coordinator, str(world.coordinator.pk))
    again = Client()
    again.post("/accounts/login/", {"username": "coord_a", "password": "correct horse battery"})
    assert again.get(CENTER).status_code == 200


def test_the_account_page_offers_to_sign_out_everywhere(world):
    page = world.client_for(world.front_desk).get("/accounts/").content.decode()

    assert 'action="/accounts/sessions/end-all/"' in page


def test_sessions_opened_before_anyone_signed_out_everywhere_stay_valid(world):
    user = User.objects.get(pk=world.coordinator.pk)

    assert user.session_generation == 0
    assert user.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(user)
