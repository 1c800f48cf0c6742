from django.utils import timezone

from integrhabitat.api.models import ApiToken, hash_token
from integrhabitat.api.services import create_token, revoke_token
from integrhabitat.api.tests.conftest import ApiClient
from integrhabitat.lib.testing import shown

CENTERS = "/api/v1/centers"
INVALID = "The token is not valid: it is unknown, revoked, or its user has no access any more."


def test_it_answers_401_in_json_without_a_token(world):
    response = ApiClient(None).get(CENTERS)

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "Authorization: Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_answers_401_to_an_unknown_token(world):
    response = ApiClient("ih_not-a-real-token").get(CENTERS)

    assert response.status_code == 401
    assert response.json()["detail"] == shown(INVALID)  # in Spanish by default


def test_it_answers_in_english_when_the_request_asks_for_it(world):
    response = ApiClient("ih_not-a-real-token", language="en").get(CENTERS)

    assert response.json()["detail"] == INVALID


def test_it_answers_401_to_a_revoked_token(world):
    token, secret = create_token(world.coordinator, name="Kobo", actor=world.coordinator)
    revoke_token(token, actor=world.coordinator)

    assert ApiClient(secret).get(CENTERS).status_code == 401


def test_it_answers_401_to_the_token_of_a_deactivated_user(world):
    _token, secret = create_token(world.coordinator, name="Kobo", actor=world.coordinator)
    world.coordinator.is_active = False
    world.coordinator.save()

    assert ApiClient(secret).get(CENTERS).status_code == 401


def test_it_refuses_another_scheme_and_a_session_cookie(world):
    client = ApiClient(None)
    client.client.force_login(world.coordinator)

    assert client.get(CENTERS).status_code == 401
    assert client.get(CENTERS, Authorization="Basic Y29vcmQ6eA==").status_code == 401


def test_it_accepts_a_valid_token_and_records_when_it_was_used(world):
    token, secret = create_token(world.coordinator, name="Kobo", actor=world.coordinator)
    assert token.last_used_at is None
    before = timezone.now()

    response = ApiClient(secret).get(CENTERS)

    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at >= before


def test_it_keeps_only_the_hash_of_the_token(world):
    token, secret = create_token(world.coordinator, name="Kobo", actor=world.coordinator)

    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.secret_hash == hash_token(secret) != secret
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert secret.startswith(stored.prefix)
