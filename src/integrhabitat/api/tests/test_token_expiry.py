"""Every API token expires: 90 days by default (INTEGRHABITAT_API_TOKEN_DAYS), or what its creator chose, never
more than a year; past its expiry the API answers 401 and says why, in the request's language."""

from datetime import timedelta

import pytest
from django.utils import timezone

from integrhabitat.api.models import ApiToken
from integrhabitat.api.services import create_token, end_of_day
from integrhabitat.api.tests.conftest import ApiClient
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.testing import shown

CENTERS = "/api/v1/centers"
EXPIRED = "The token has expired: create a new one at /accounts/tokens/."
TOKENS = "/accounts/tokens/"


def expire(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))


def test_it_gives_a_new_token_90_days_by_default(world):
    before = timezone.now()

    token, _secret = create_token(world.coordinator, name="Kobo", actor=None)

    assert before + timedelta(days=90) <= token.expires_at <= timezone.now() + timedelta(days=90)


def test_it_takes_the_default_lifetime_from_the_setting(world, settings):
    settings.API_TOKEN_DAYS = 7

    token, _secret = create_token(world.coordinator, name="Kobo", actor=None)

    assert timedelta(days=6, hours=23) < token.expires_at - timezone.now() <= timedelta(days=7)


def test_it_answers_401_with_a_clear_error_to_an_expired_token(world):
    token, secret = create_token(world.coordinator, name="Kobo", actor=None)
    assert ApiClient(secret).get(CENTERS).status_code == 200
    expire(token)

    response = ApiClient(secret).get(CENTERS)

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": shown(EXPIRED), "errors": []}  # in Spanish by default
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert ApiClient(secret, language="en").get(CENTERS).json()["detail"] == EXPIRED


def test_an_expired_token_is_not_marked_as_used(world):
    token, secret = create_token(world.coordinator, name="Kobo", actor=None)
    expire(token)

    ApiClient(secret).get(CENTERS)

    token.refresh_from_db()
    assert token.last_used_at is None


def test_it_refuses_to_create_a_token_that_would_expire_in_the_past_or_after_a_year(world):
    now = timezone.now()

    with pytest.raises(Refused):
        create_token(world.coordinator, name="Kobo", actor=None, expires_at=now - timedelta(minutes=1))
    with pytest.raises(Refused):
        create_token(world.coordinator, name="Kobo", actor=None, expires_at=now + timedelta(days=367))
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("days", [30, 90, 180])
def test_the_page_creates_a_token_expiring_in_the_chosen_number_of_days(world, days):
    response = world.client_for(world.front_desk).post(TOKENS, {"name": "Kobo", "lifetime": str(days)})

    assert response.status_code == 200
    token = ApiToken.objects.get(user=world.front_desk)
    assert timedelta(days=days, hours=-1) < token.expires_at - timezone.now() <= timedelta(days=days)


def test_the_page_creates_a_token_working_until_the_end_of_a_chosen_date(world):
    day = timezone.localdate() + timedelta(days=45)

    world.client_for(world.front_desk).post(TOKENS, {"name": "Kobo", "lifetime": "date",
                                                     "expires_on": day.isoformat()})

    assert ApiToken.objects.get(user=world.front_desk).expires_at == end_of_day(day)


@pytest.mark.parametrize("data", [
    {"lifetime": "date"},  # no date
    {"lifetime": "date", "expires_on": "today"},
    {"lifetime": "date", "expires_on": "+366"},
    {"lifetime": "90", "expires_on": "+45"},  # a date the lifetime would ignore
    {"lifetime": "1000"},
])
def test_the_page_refuses_an_expiry_it_cannot_honour_and_creates_nothing(world, data):
    today = timezone.localdate()
    if "expires_on" in data:
        offset = 0 if data["expires_on"] == "today" else int(data["expires_on"])
        data = {**data, "expires_on": (today + timedelta(days=offset)).isoformat()}

    response = world.client_for(world.front_desk).post(TOKENS, {"name": "Kobo", **data})

    assert response.status_code == 400
    assert response.context["form"].errors
    assert "secret" not in response.context or response.context["secret"] is None
    assert not ApiToken.objects.exists()


def test_the_page_shows_when_each_token_expires_and_which_have_expired(world):
    live, _secret = create_token(world.front_desk, name="Vigente", actor=None)
    old, _secret = create_token(world.front_desk, name="Vencido", actor=None)
    expire(old)
    old.refresh_from_db()

    response = world.client_for(world.front_desk).get(TOKENS)

    page = response.content.decode()
    old_card = page[page.index("Vencido"):page.index("Vigente")]  # newest first
    live_card = page[page.index("Vigente"):]
    assert shown("Expires on") in live_card
    assert f'datetime="{timezone.localtime(live.expires_at).isoformat()}"' in live_card
    assert shown("Expired") in old_card and shown("Expires on") not in old_card
    assert f'datetime="{timezone.localtime(old.expires_at).isoformat()}"' in old_card
    assert response.context["form"]["lifetime"].value() == "90"
