"""A token keeps when and from which address it was last used, written at most once a minute."""

from datetime import timedelta

from django.utils import timezone

from integrhabitat.api.models import ApiToken
from integrhabitat.api.services import create_token
from integrhabitat.api.tests.conftest import ApiClient

CENTERS = "/api/v1/centers"


def call_from(secret: str, address: str):
    api = ApiClient(secret)
    return api.client.get(CENTERS, headers=api.headers, REMOTE_ADDR=address)


def test_it_records_the_last_used_ip(world):
    token, secret = create_token(world.coordinator, name="Kobo", actor=None)

    assert call_from(secret, "203.0.113.7").status_code == 200

    token.refresh_from_db()
    assert token.last_used_ip == "203.0.113.7"
    assert token.last_used_at is not None


def test_it_records_an_ipv6_address(world):
    token, secret = create_token(world.coordinator, name="Kobo", actor=None)

    call_from(secret, "2001:db8::1")

    token.refresh_from_db()
    assert token.last_used_ip == "2001:db8::1"


def test_it_writes_the_last_use_at_most_once_a_minute(world):
    token, secret = create_token(world.coordinator, name="Kobo", actor=None)
    call_from(secret, "203.0.113.7")
    token.refresh_from_db()
    first = token.last_used_at

    assert call_from(secret, "198.51.100.2").status_code == 200

    token.refresh_from_db()
    assert (token.last_used_at, token.last_used_ip) == (first, "203.0.113.7")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(seconds=61))
    call_from(secret, "198.51.100.2")
    token.refresh_from_db()
    assert token.last_used_ip == "198.51.100.2"
    assert token.last_used_at > first


def test_an_address_that_is_not_an_ip_is_left_empty(world):
    token, secret = create_token(world.coordinator, name="Kobo", actor=None)

    assert call_from(secret, "").status_code == 200

    token.refresh_from_db()
    assert token.last_used_at is not None
    assert token.last_used_ip is None


def test_the_page_shows_when_and_from_where_a_token_was_last_used(world):
    token, secret = create_token(world.front_desk, name="Kobo", actor=None)
    call_from(secret, "203.0.113.7")
    token.refresh_from_db()

    page = world.client_for(world.front_desk).get("/accounts/tokens/").content.decode()

    assert f'datetime="{timezone.localtime(token.last_used_at).isoformat()}"' in page
    assert "203.0.113.7" in page
