"""A user's API tokens are revoked, each with an audit entry giving the reason, when the password changes (by
any path), when the account is deactivated and when the user loses their last role in a center."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from integrhabitat.accounts.models import User
from integrhabitat.api.models import ApiToken
from integrhabitat.api.services import create_token
from integrhabitat.api.tests.conftest import ApiClient
from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import PASSWORD
from integrhabitat.lib.testing import shown
from integrhabitat.network.models import Membership
from integrhabitat.network.services import deactivate_membership

CENTERS = "/api/v1/centers"
NEW_PASSWORD = "otra clave bien larga 2027"  # noqa: S105 - test account only


def two_tokens(user) -> list[tuple[ApiToken, str]]:
    return [create_token(user, name=name, actor=user) for name in ("Kobo", "Tablero")]


def assert_revoked(tokens, reason: str) -> None:
    for token, secret in tokens:
        token.refresh_from_db()
        assert token.revoked_at is not None
        assert token.revoked_reason == reason
        assert ApiClient(secret).get(CENTERS).status_code == 401
    entries = AuditEntry.objects.filter(action="api.token.revoked")
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(str(token.pk) for token, _s in tokens)
    assert all(entry.fields == [f"reason:{reason}"] for entry in entries)


def test_a_token_used_after_a_password_change_on_the_page_answers_401(world):
    tokens = two_tokens(world.coordinator)
    client = world.client_for(world.coordinator)

    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                                   "new_password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert_revoked(tokens, "password_changed")


def test_a_password_reset_revokes_the_tokens(world):
    world.coordinator.email = "coord@centro-a.example"
    world.coordinator.save()
    tokens = two_tokens(world.coordinator)
    uid = urlsafe_base64_encode(force_bytes(world.coordinator.pk))
    client = world.client_for(None)

    link = client.get(f"/accounts/password/reset/{uid}/{default_token_generator.make_token(world.coordinator)}/")
    response = client.post(link["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert_revoked(tokens, "password_changed")


def test_set_password_and_save_revokes_the_tokens(world):
    tokens = two_tokens(world.coordinator)
    user = User.objects.get(pk=world.coordinator.pk)

    user.set_password(NEW_PASSWORD)
    user.save(update_fields=["password"])

    assert_revoked(tokens, "password_changed")


def test_an_unusable_password_revokes_the_tokens(world):
    tokens = two_tokens(world.coordinator)

    world.coordinator.set_unusable_password()
    world.coordinator.save()

    assert_revoked(tokens, "password_changed")


def test_signing_in_and_saving_other_fields_keep_the_tokens(world):
    [(token, secret)] = [create_token(world.coordinator, name="Kobo", actor=None)]

    assert world.client_for(None).post("/accounts/login/", {"username": world.coordinator.username,
                                                            "password": PASSWORD}).status_code == 302
    world.coordinator.first_name = "Coordinadora"
    world.coordinator.save()

    token.refresh_from_db()
    assert token.revoked_at is None
    assert ApiClient(secret).get(CENTERS).status_code == 200


def test_the_upgrade_of_an_old_password_hash_on_sign_in_keeps_the_tokens(world, settings):
    """Django rewrites a hash made by an older hasher when the right password is given: same password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher",
                                 "django.contrib.auth.hashers.MD5PasswordHasher"]
    token, secret = create_token(world.coordinator, name="Kobo", actor=None)
    user = User.objects.get(pk=world.coordinator.pk)
    old_hash = user.password

    assert user.check_password(PASSWORD)

    assert User.objects.get(pk=user.pk).password != old_hash  # rehashed with PBKDF2
    token.refresh_from_db()
    assert token.revoked_at is None
    assert ApiClient(secret).get(CENTERS).status_code == 200


def test_a_token_used_after_the_account_is_deactivated_answers_401_and_stays_revoked(world):
    tokens = two_tokens(world.coordinator)

    world.coordinator.is_active = False
    world.coordinator.save()
    world.coordinator.is_active = True  # reactivated: the old tokens do not come back
    world.coordinator.save()

    assert_revoked(tokens, "user_deactivated")


def test_losing_the_last_role_revokes_the_tokens(world):
    tokens = two_tokens(world.front_desk)

    deactivate_membership(Membership.objects.get(user=world.front_desk), actor=world.coordinator)

    assert_revoked(tokens, "no_membership")


def test_a_deleted_last_membership_revokes_the_tokens(world):
    tokens = two_tokens(world.front_desk)

    Membership.objects.get(user=world.front_desk).delete()

    assert_revoked(tokens, "no_membership")


@pytest.mark.parametrize("keeps", ["another_role", "network_coordinator"])
def test_losing_one_role_keeps_the_tokens_of_who_still_has_access(world, keeps):
    if keeps == "another_role":
        Membership.objects.create(center=world.center_b, user=world.front_desk, role="viewer")
    else:
        world.front_desk.is_network_coordinator = True
        world.front_desk.save()
    token, secret = create_token(world.front_desk, name="Kobo", actor=None)

    deactivate_membership(Membership.objects.get(user=world.front_desk, center=world.center_a), actor=None)

    token.refresh_from_db()
    assert token.revoked_at is None
    assert ApiClient(secret).get(CENTERS).status_code == 200


def test_it_leaves_other_users_tokens_alone(world):
    token, secret = create_token(world.case_worker, name="Kobo", actor=None)

    world.coordinator.set_password(NEW_PASSWORD)
    world.coordinator.save()
    world.front_desk.is_active = False
    world.front_desk.save()

    token.refresh_from_db()
    assert token.revoked_at is None
    assert not AuditEntry.objects.filter(action="api.token.revoked").exists()


def test_the_page_says_why_a_token_was_revoked(world):
    create_token(world.front_desk, name="Kobo", actor=None)
    world.front_desk.set_password(NEW_PASSWORD)
    world.front_desk.save()
    client = world.client_for(world.front_desk)

    page = client.get("/accounts/tokens/").content.decode()

    assert shown("the password changed") in page
