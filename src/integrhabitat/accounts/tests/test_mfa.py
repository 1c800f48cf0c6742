"""Two-step sign-in: an authenticator app with recovery codes, required of the roles that read sensitive
data and of network coordinators, enforced after the password and on the API token page; a coordinator
resets a colleague's."""

import os
import time
from base64 import b32encode
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

import integrhabitat.settings as project_settings
from integrhabitat.accounts import mfa
from integrhabitat.accounts import services as account_actions
from integrhabitat.accounts.sessions import SECOND_STEP
from integrhabitat.audit.models import AuditEntry
from integrhabitat.lib.errors import Refused
from integrhabitat.network.models import Membership
from integrhabitat.network.roles import MFA_REQUIRED, SENSITIVE_VIEW, Role, role_has_perm, roles_with

PASSWORD = "correct horse battery"
VERIFY = "/accounts/two-step/"
SETUP = "/accounts/two-step/setup/"
CENTER = "/c/centro-a/"


@pytest.fixture
def mfa_on(settings):
    settings.MFA_REQUIRED = True


def sign_in(client: Client, username: str):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


def app_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or `steps_ahead` periods of 30 s later: a code is used once)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def turn_on(user) -> tuple[TOTPDevice, list[str]]:
    device = mfa.pending_app_device(user)
    codes = account_actions.confirm_app(device, app_code(device), actor=user)
    device.refresh_from_db()
    return device, codes


def verified_client(user, device: TOTPDevice) -> Client:
    client = Client()
    sign_in(client, user.username)
    response = client.post(VERIFY, {"code": app_code(device, 1), "next": "/"})
    assert response.status_code == 302, response.content
    return client


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


# --- Who must have it -----------------------------------------------------------------------------------

def test_every_role_that_reads_sensitive_data_requires_the_second_step():
    assert set(roles_with(SENSITIVE_VIEW)) <= set(roles_with(MFA_REQUIRED))
    assert set(roles_with(MFA_REQUIRED)) == {Role.COORDINATOR, Role.CASE_WORKER}


def test_whether_a_user_must_have_it_comes_from_the_role_catalogue_and_the_network_flag(world, mfa_on):
    for user in (world.coordinator, world.case_worker, world.facilitator, world.front_desk, world.viewer,
                 world.partner, world.other_coordinator):
        role = Membership.objects.get(user=user).role
        assert mfa.must_have_mfa(user) is role_has_perm(role, MFA_REQUIRED), user.username
    assert mfa.must_have_mfa(world.network_coordinator) is True
    assert mfa.must_have_mfa(world.outsider) is False


def test_nobody_must_have_it_while_the_setting_is_off(world, settings):
    settings.MFA_REQUIRED = False

    assert mfa.must_have_mfa(world.coordinator) is False
    assert mfa.must_have_mfa(world.network_coordinator) is False


def test_it_is_required_by_default_and_off_in_the_demo_and_in_tests_signed_in_with_force_login(settings):
    if "INTEGRHABITAT_MFA_REQUIRED" not in os.environ:
        assert project_settings.MFA_REQUIRED is True
    assert settings.MFA_REQUIRED is False  # conftest's _fast_tests
    makefile = (Path(project_settings.BASE_DIR).parents[1] / "Makefile").read_text()
    assert "DEMO_ENV := INTEGRHABITAT_DEBUG=1 INTEGRHABITAT_MFA_REQUIRED=0" in makefile


# --- Signing in -------------------------------------------------------------------------------------------

def test_a_case_worker_with_an_app_types_its_code_after_the_password(world, mfa_on):
    device, _codes = turn_on(world.case_worker)
    client = Client()

    response = sign_in(client, "case_a")

    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2F"
    assert client.get(f"{CENTER}people/")["Location"] == f"{VERIFY}?next={quote(f'{CENTER}people/', safe='')}"
    response = client.post(VERIFY, {"code": app_code(device, 1), "next": f"{CENTER}people/"})
    assert response.status_code == 302
    assert response["Location"] == f"{CENTER}people/"
    assert client.get(f"{CENTER}people/").status_code == 200


def test_a_coordinator_without_an_app_sets_one_up_before_anything_else(world, mfa_on):
    client = Client()

    response = sign_in(client, "coord_a")

    assert response["Location"] == f"{VERIFY}?next=%2F"
    assert client.get(VERIFY)["Location"] == f"{SETUP}?next=%2F"
    for path in (CENTER, f"{CENTER}people/", "/accounts/", "/accounts/notifications/", "/accounts/tokens/"):
        assert client.get(path)["Location"].startswith(f"{VERIFY}?next="), path
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(user=world.coordinator, confirmed=False)

    response = client.post(SETUP, {"code": app_code(device), "next": "/"})

    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="accounts.mfa.enabled", actor=world.coordinator,
                                     object_id=str(world.coordinator.pk)).exists()
    assert client.get(CENTER).status_code == 200


def test_a_wrong_code_does_not_turn_the_app_on(world, mfa_on):
    client = Client()
    sign_in(client, "coord_a")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=world.coordinator)
    wrong = "000000" if app_code(device) != "000000" else "111111"

    response = client.post(SETUP, {"code": wrong})

    assert response.status_code == 400
    assert response.context["form"].errors["code"]
    assert not TOTPDevice.objects.filter(user=world.coordinator, confirmed=True).exists()
    assert client.get(CENTER)["Location"].startswith(VERIFY)


def test_the_network_coordinator_must_have_it_on_every_page(world, mfa_on):
    client = Client()
    sign_in(client, "network")

    assert client.get("/network/")["Location"] == f"{VERIFY}?next=%2Fnetwork%2F"


def test_the_front_desk_signs_in_with_the_password_alone(world, mfa_on):
    client = Client()

    response = sign_in(client, "desk_a")

    assert response["Location"] == "/"
    assert client.get(f"{CENTER}people/").status_code == 200
    assert client.get("/accounts/tokens/").status_code == 200


def test_signing_out_and_the_language_switch_stay_open_before_the_second_step(world, mfa_on):
    client = Client()
    sign_in(client, "coord_a")

    assert client.post("/accounts/language/", {"language": "en", "next": "/"})["Location"] == "/"
    response = client.post("/accounts/logout/")

    assert response["Location"] == "/accounts/login/"
    assert not signed_in(client)


def test_the_second_step_is_asked_on_the_centers_pages_when_the_role_comes_during_the_session(world, mfa_on):
    client = world.client_for(world.front_desk)
    assert client.get(CENTER).status_code == 200
    Membership.objects.filter(user=world.front_desk).update(role=Role.CASE_WORKER)

    response = client.get(CENTER)

    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fc%2Fcentro-a%2F"


def test_the_api_token_page_asks_for_the_second_step_of_whoever_must_have_it(world, settings):
    case_worker = world.client_for(world.case_worker)  # signed in while it was not required
    front_desk = world.client_for(world.front_desk)
    settings.MFA_REQUIRED = True

    assert case_worker.get("/accounts/tokens/")["Location"] == f"{VERIFY}?next=%2Faccounts%2Ftokens%2F"
    assert case_worker.post("/accounts/tokens/", {"name": "script"})["Location"].startswith(VERIFY)
    assert front_desk.get("/accounts/tokens/").status_code == 200


def test_the_api_token_page_opens_once_the_second_step_is_done(world, mfa_on):
    device, _codes = turn_on(world.case_worker)

    assert verified_client(world.case_worker, device).get("/accounts/tokens/").status_code == 200


def test_with_the_requirement_off_only_who_turned_it_on_is_asked(world):
    coordinator = Client()
    sign_in(coordinator, "coord_a")
    assert coordinator.get(CENTER).status_code == 200

    turn_on(world.front_desk)
    front_desk = Client()
    response = sign_in(front_desk, "desk_a")

    assert response["Location"] == f"{VERIFY}?next=%2F"
    assert front_desk.get(CENTER)["Location"].startswith(VERIFY)


def test_any_user_can_turn_it_on_from_their_account_page(world):
    client = world.client_for(world.front_desk)
    page = client.get("/accounts/").content.decode()
    assert SETUP in page

    client.get(SETUP)
    device = TOTPDevice.objects.get(user=world.front_desk)
    response = client.post(SETUP, {"code": app_code(device), "next": "/accounts/"})

    assert response.status_code == 200
    assert mfa.has_mfa(world.front_desk)


# --- The codes --------------------------------------------------------------------------------------------

def test_the_set_up_page_shows_the_qr_code_as_inline_svg_and_the_secret_to_type(world):
    client = world.client_for(world.case_worker)

    first = client.get(SETUP).content.decode()
    second = client.get(SETUP).content.decode()

    device = TOTPDevice.objects.get(user=world.case_worker)  # one: reloading keeps the secret already scanned
    secret = b32encode(device.bin_key).decode().rstrip("=")
    assert '<svg width="' in first
    assert "<img" not in first
    assert " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)) in first
    assert " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)) in second
    assert " style=" not in first  # CSP: no inline style, no inline script
    assert "<script>" not in first
    assert device.config_url.startswith(f"otpauth://totp/IntegrHabitat%3Acase_a?secret={secret}&")
    assert device.config_url.endswith("&issuer=IntegrHabitat")


def test_a_recovery_code_signs_in_once(world, mfa_on):
    _device, codes = turn_on(world.case_worker)
    client = Client()
    sign_in(client, "case_a")

    response = client.post(VERIFY, {"code": f" {codes[0].upper()} ", "next": "/"})

    assert response.status_code == 302
    assert client.get(CENTER).status_code == 200
    assert AuditEntry.objects.filter(action="accounts.mfa.recovery_code_used", actor=world.case_worker).exists()
    assert "9" in str(list(get_messages(response.wsgi_request))[0])
    again = Client()
    sign_in(again, "case_a")
    assert again.post(VERIFY, {"code": codes[0]}).status_code == 400


def test_recovery_codes_are_stored_as_keyed_digests(world):
    _device, codes = turn_on(world.case_worker)

    stored = set(StaticToken.objects.filter(device__user=world.case_worker).values_list("token", flat=True))

    assert len(stored) == 10
    assert not stored & {mfa.normalize_code(code) for code in codes} and not stored & set(codes)
    assert stored == {mfa.recovery_digest(code) for code in codes}


def test_a_wrong_code_is_refused_and_the_next_try_must_wait(world, mfa_on):
    device, _codes = turn_on(world.case_worker)
    client = Client()
    sign_in(client, "case_a")
    right = app_code(device, 1)
    wrong = "123456" if right != "123456" else "654321"

    refused = client.post(VERIFY, {"code": wrong})
    too_soon = client.post(VERIFY, {"code": right})

    assert refused.status_code == 400
    assert refused.context["form"].errors["code"] == [str(account_actions.WRONG_CODE)]
    assert too_soon.status_code == 400
    assert too_soon.context["form"].errors["code"] != [str(account_actions.WRONG_CODE)]  # told to wait
    assert client.session[SECOND_STEP] == "owed"
    assert client.get(CENTER)["Location"].startswith(VERIFY)
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=2))
    assert client.post(VERIFY, {"code": right})["Location"] == "/"


def test_the_password_alone_cannot_replace_an_app_already_set_up(world, mfa_on):
    device, _codes = turn_on(world.case_worker)
    client = Client()
    sign_in(client, "case_a")

    response = client.get(SETUP)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{VERIFY}?next=")
    assert client.post(SETUP, {"code": "123456"})["Location"].startswith(VERIFY)
    assert client.post("/accounts/two-step/recovery-codes/")["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=world.case_worker)) == [device]


def test_new_recovery_codes_replace_the_old_ones(world, mfa_on):
    device, old_codes = turn_on(world.case_worker)
    client = verified_client(world.case_worker, device)

    response = client.post("/accounts/two-step/recovery-codes/")

    assert response.status_code == 200
    new_codes = response.context["codes"]
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert account_actions.check_second_step(world.case_worker, new_codes[0], actor=world.case_worker)
    with pytest.raises(Refused):
        account_actions.check_second_step(world.case_worker, old_codes[0], actor=world.case_worker)
    assert AuditEntry.objects.filter(action="accounts.mfa.recovery_codes_replaced").count() == 1


def test_someone_whose_role_does_not_require_it_may_turn_it_off(world, mfa_on):
    device, _codes = turn_on(world.front_desk)
    client = verified_client(world.front_desk, device)

    response = client.post("/accounts/two-step/off/")

    assert response["Location"] == "/accounts/"
    assert not TOTPDevice.objects.filter(user=world.front_desk).exists()
    assert not StaticDevice.objects.filter(user=world.front_desk).exists()
    assert AuditEntry.objects.filter(action="accounts.mfa.disabled", actor=world.front_desk).exists()


def test_a_case_worker_cannot_turn_it_off(world, mfa_on):
    device, _codes = turn_on(world.case_worker)
    client = verified_client(world.case_worker, device)

    response = client.post("/accounts/two-step/off/")

    assert response["Location"] == "/accounts/"
    assert mfa.has_mfa(world.case_worker)
    assert not AuditEntry.objects.filter(action="accounts.mfa.disabled").exists()


# --- A coordinator resets a colleague's ---------------------------------------------------------------

def reset_url(membership: Membership) -> str:
    return f"{CENTER}staff/{membership.pk}/two-step/reset/"


def test_a_coordinator_resets_a_colleagues_app_who_is_signed_out_and_sets_it_up_again(world, mfa_on):
    device, _codes = turn_on(world.case_worker)
    colleague = verified_client(world.case_worker, device)
    coordinator_device, _codes = turn_on(world.coordinator)
    coordinator = verified_client(world.coordinator, coordinator_device)
    membership = Membership.objects.get(user=world.case_worker)
    assert reset_url(membership) in coordinator.get(f"{CENTER}staff/").content.decode()

    response = coordinator.post(reset_url(membership))

    assert response["Location"] == f"{CENTER}staff/"
    assert not TOTPDevice.objects.filter(user=world.case_worker).exists()
    assert not StaticDevice.objects.filter(user=world.case_worker).exists()
    entry = AuditEntry.objects.get(action="accounts.mfa.reset")
    assert (entry.actor, entry.center, entry.object_id) == (world.coordinator, world.center_a,
                                                            str(world.case_worker.pk))
    assert colleague.get(CENTER)["Location"] == "/accounts/login/?next=/c/centro-a/"
    again = Client()
    sign_in(again, "case_a")
    assert again.get(VERIFY)["Location"] == f"{SETUP}?next=%2F"


def test_a_coordinator_cannot_reset_their_own_nor_a_network_coordinators(world):
    coordinator = world.client_for(world.coordinator)
    turn_on(world.coordinator)
    turn_on(world.network_coordinator)
    network_membership = Membership.objects.create(center=world.center_a, user=world.network_coordinator,
                                                   role=Role.VIEWER)

    coordinator.post(reset_url(Membership.objects.get(user=world.coordinator)))
    coordinator.post(reset_url(network_membership))

    assert mfa.has_mfa(world.coordinator) and mfa.has_mfa(world.network_coordinator)
    assert not AuditEntry.objects.filter(action="accounts.mfa.reset").exists()


def test_only_a_coordinator_resets_and_only_in_their_center(world):
    turn_on(world.other_coordinator)
    turn_on(world.front_desk)

    other_center = world.client_for(world.coordinator).post(
        reset_url(Membership.objects.get(user=world.other_coordinator)))
    case_worker = world.client_for(world.case_worker).post(reset_url(Membership.objects.get(user=world.front_desk)))

    assert other_center.status_code == 404
    assert case_worker.status_code == 403
    assert mfa.has_mfa(world.other_coordinator) and mfa.has_mfa(world.front_desk)


def test_the_reset_command_resets_a_network_coordinators(world, capsys):
    turn_on(world.network_coordinator)

    call_command("reset_mfa", "network")
    call_command("reset_mfa", "network")  # again: the same state

    assert not mfa.has_mfa(world.network_coordinator)
    assert AuditEntry.objects.filter(action="accounts.mfa.reset", actor=None).count() == 2
    with pytest.raises(CommandError):
        call_command("reset_mfa", "nobody")
