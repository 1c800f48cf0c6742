from django.urls import reverse

from integrhabitat.api.models import ApiToken, hash_token
from integrhabitat.api.services import create_token
from integrhabitat.api.tests.conftest import ApiClient
from integrhabitat.audit.models import AuditEntry

TOKENS = "/accounts/tokens/"


def test_it_sends_anonymous_visitors_to_the_login_page(world):
    response = world.client_for(None).get(TOKENS)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_creates_a_token_and_shows_its_secret_once(world):
    client = world.client_for(world.front_desk)

    created = client.post(TOKENS, {"name": "Kobo"})

    token = ApiToken.objects.get(user=world.front_desk)
    secret = created.context["secret"]
    assert created.status_code == 200
    assert token.name == "Kobo" and token.secret_hash == hash_token(secret)
    assert secret in created.content.decode()
    assert created["Cache-Control"].startswith("max-age=0")  # never cached with the secret in it
    listed = client.get(TOKENS).content.decode()
    assert secret not in listed
    assert token.prefix in listed
    assert AuditEntry.objects.filter(action="api.token.created", actor=world.front_desk).exists()
    assert ApiClient(secret).get("/api/v1/centers").status_code == 200


def test_it_refuses_a_token_without_a_name(world):
    response = world.client_for(world.front_desk).post(TOKENS, {"name": "  "})

    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_it_lists_only_the_users_own_tokens(world):
    create_token(world.coordinator, name="Del coordinador", actor=None)
    create_token(world.front_desk, name="De recepción", actor=None)

    page = world.client_for(world.front_desk).get(TOKENS).content.decode()

    assert "De recepción" in page
    assert "Del coordinador" not in page


def test_it_revokes_a_token_for_good(world):
    token, secret = create_token(world.front_desk, name="Kobo", actor=None)
    client = world.client_for(world.front_desk)

    response = client.post(reverse("api_tokens:token_revoke", kwargs={"token_id": token.pk}))

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiClient(secret).get("/api/v1/centers").status_code == 401
    assert AuditEntry.objects.filter(action="api.token.revoked", actor=world.front_desk).count() == 1
    client.post(reverse("api_tokens:token_revoke", kwargs={"token_id": token.pk}))
    assert AuditEntry.objects.filter(action="api.token.revoked").count() == 1


def test_it_answers_404_for_another_users_token_and_leaves_it_alone(world):
    token, secret = create_token(world.coordinator, name="Kobo", actor=None)

    response = world.client_for(world.front_desk).post(reverse("api_tokens:token_revoke",
                                                               kwargs={"token_id": token.pk}))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert ApiClient(secret).get("/api/v1/centers").status_code == 200


def test_it_revokes_only_by_post(world):
    token, _secret = create_token(world.front_desk, name="Kobo", actor=None)

    response = world.client_for(world.front_desk).get(reverse("api_tokens:token_revoke",
                                                              kwargs={"token_id": token.pk}))

    assert response.status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None
