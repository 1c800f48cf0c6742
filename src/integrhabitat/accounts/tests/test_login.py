"""Signing in: the real password form, Argon2, throttling, the language switch and safe redirects."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import check_password, make_password
from django.test import Client

import integrhabitat.settings as project_settings
from integrhabitat.accounts.models import User

PASSWORD = "correct horse battery"


def sign_in(client: Client, username: str, password: str, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password, **extra})


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get(SESSION_KEY)


# --- The login page -------------------------------------------------------------------------------------

def test_it_signs_in_with_the_real_password_and_lands_on_the_users_center(world):
    client = Client()

    response = sign_in(client, "coord_a", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_user_id(client) == str(world.coordinator.pk)
    assert client.get("/")["Location"] == "/c/centro-a/"


def test_it_refuses_a_wrong_password_and_shows_the_form_again(world):
    client = Client()

    response = sign_in(client, "coord_a", "wrong horse battery")

    assert response.status_code == 200
    assert response.context["form"].errors
    assert signed_in_user_id(client) is None
    assert client.get("/c/centro-a/").status_code == 302  # still sent to the login page


def test_it_refuses_an_inactive_account_with_the_right_password(world):
    world.case_worker.is_active = False
    world.case_worker.save(update_fields=["is_active"])
    client = Client()

    sign_in(client, "case_a", PASSWORD)

    assert signed_in_user_id(client) is None


def test_it_sends_a_signed_in_user_away_from_the_login_page(world):
    response = world.client_for(world.coordinator).get("/accounts/login/")

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_it_signs_out_only_by_post(world):
    client = world.client_for(world.coordinator)

    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert signed_in_user_id(client) is None


# --- Password hashing -----------------------------------------------------------------------------------

def test_it_configures_argon2_as_the_password_hasher_of_the_project():
    # Read from the settings module itself: the test fixtures switch to MD5 for speed.
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert all("MD5" not in hasher and "SHA1" not in hasher for hasher in project_settings.PASSWORD_HASHERS)


def test_it_stores_new_passwords_with_argon2_and_signs_in_with_them(world, settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = User.objects.create_user(username="argonauta", password="una clave bastante larga")

    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert check_password("una clave bastante larga", user.password)
    client = Client()
    sign_in(client, "argonauta", "una clave bastante larga")
    assert signed_in_user_id(client) == str(user.pk)


def test_it_upgrades_an_older_hash_to_argon2_on_sign_in(world, settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    User.objects.filter(pk=world.viewer.pk).update(password=make_password(PASSWORD, hasher="pbkdf2_sha256"))

    sign_in(Client(), "viewer_a", PASSWORD)

    world.viewer.refresh_from_db()
    assert world.viewer.password.startswith("argon2$")


# --- Throttling (django-axes) ---------------------------------------------------------------------------

def test_it_enables_login_throttling_in_the_project_settings():
    assert project_settings.AXES_ENABLED is True
    assert project_settings.AXES_FAILURE_LIMIT == 5


def test_it_refuses_the_right_password_after_five_wrong_ones(world):
    client = Client()
    for _attempt in range(5):
        sign_in(client, "coord_a", "wrong horse battery")

    response = sign_in(client, "coord_a", PASSWORD)

    assert response.status_code in (403, 429)
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert signed_in_user_id(client) is None
    assert client.get("/c/centro-a/").status_code == 302


def test_it_still_accepts_the_right_password_after_four_wrong_ones(world):
    client = Client()
    for _attempt in range(4):
        sign_in(client, "coord_a", "wrong horse battery")

    response = sign_in(client, "coord_a", PASSWORD)

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(world.coordinator.pk)


def test_it_locks_only_the_attacked_username(world):
    for _attempt in range(5):
        sign_in(Client(), "coord_a", "wrong horse battery")
    client = Client()

    sign_in(client, "case_a", PASSWORD)

    assert signed_in_user_id(client) == str(world.case_worker.pk)


# --- Language -------------------------------------------------------------------------------------------

def html_lang(response) -> str:
    body = response.content.decode()
    start = body.index("<html lang=\"") + len("<html lang=\"")
    return body[start:body.index('"', start)]


def test_it_serves_spanish_by_default(world):
    assert html_lang(world.client_for(world.coordinator).get("/c/centro-a/")) == "es"


def test_it_switches_the_language_in_a_cookie_and_on_the_account(world, settings):
    client = world.client_for(world.coordinator)

    response = client.post("/accounts/language/", {"language": "en", "next": "/c/centro-a/people/"})

    assert response.status_code == 302
    assert response["Location"] == "/c/centro-a/people/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["max-age"] == settings.LANGUAGE_COOKIE_AGE
    world.coordinator.refresh_from_db()
    assert world.coordinator.language == "en"
    assert html_lang(client.get("/c/centro-a/")) == "en"


def test_it_keeps_the_chosen_language_for_the_user_on_another_device(world):
    world.client_for(world.coordinator).post("/accounts/language/", {"language": "en", "next": "/"})

    fresh = Client()  # no language cookie
    fresh.force_login(world.coordinator)
    response = fresh.get("/c/centro-a/")

    assert html_lang(response) == "en"
    assert html_lang(world.client_for(world.case_worker).get("/c/centro-a/")) == "es"


def test_it_switches_the_language_of_an_anonymous_visitor_by_cookie_only(world, settings):
    client = Client()

    response = client.post("/accounts/language/", {"language": "en", "next": "/accounts/login/"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert html_lang(client.get("/accounts/login/")) == "en"
    assert not User.objects.exclude(language="").exists()


def test_it_ignores_a_language_that_is_not_offered(world, settings):
    client = world.client_for(world.coordinator)

    response = client.post("/accounts/language/", {"language": "xx", "next": "/"})

    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    world.coordinator.refresh_from_db()
    assert world.coordinator.language == ""


# --- Redirects after sign-in and language switch ---------------------------------------------------------

@pytest.mark.parametrize("unsafe", ["http://evil.example/", "//evil.example/", "https://evil.example/c/centro-a/"])
def test_it_does_not_follow_an_unsafe_next_after_signing_in(world, unsafe):
    client = Client()

    response = sign_in(client, "coord_a", PASSWORD, next=unsafe)

    assert signed_in_user_id(client) == str(world.coordinator.pk)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_it_follows_a_safe_next_after_signing_in(world):
    response = sign_in(Client(), "coord_a", PASSWORD, next="/c/centro-a/people/")

    assert response["Location"] == "/c/centro-a/people/"


def test_it_does_not_put_an_unsafe_next_into_the_login_form(world):
    response = Client().get("/accounts/login/", {"next": "http://evil.example/"})

    assert response.status_code == 200
    assert response.context["next"] == ""
    # (The language switch keeps the page's own address, escaped, and checks it when used.)
    assert 'value="http://evil.example/"' not in response.content.decode()


@pytest.mark.parametrize("unsafe", ["http://evil.example/", "//evil.example/"])
def test_it_does_not_follow_an_unsafe_next_after_switching_language(world, unsafe):
    response = world.client_for(world.coordinator).post("/accounts/language/", {"language": "en", "next": unsafe})

    assert response.status_code == 302
    assert response["Location"] == "/"
