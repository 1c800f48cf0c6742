"""Changes to a staff account's security: its second step of signing in and its sessions. Each is audited."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from integrhabitat.accounts import mfa
from integrhabitat.audit import services as audit
from integrhabitat.lib.errors import Refused

WRONG_CODE = _("That code is not right. Type the 6 digits your app shows now, or one of your recovery codes.")


def _too_many_tries(device: Device) -> None:
    """django-otp doubles the wait after each wrong code (1, 2, 4… seconds): say so instead of checking."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        seconds = max(1, int((details["locked_until"] - timezone.now()).total_seconds()) + 1)
        raise Refused(ngettext("Too many wrong codes in a row. Wait %(seconds)s second and try again.",
                               "Too many wrong codes in a row. Wait %(seconds)s seconds and try again.",
                               seconds) % {"seconds": seconds})


def check_second_step(user, code: str, *, actor) -> Device:
    """The device that accepts `code` for `user`: six digits from their app, or one of their recovery codes
    (used up by this). Refused when wrong or while the wait after wrong codes lasts.

    Not one transaction: a wrong code must stay counted (django-otp's throttling) although this refuses."""
    code = mfa.normalize_code(code)
    if mfa.looks_like_app_code(code):
        device, token = mfa.app_device(user), code
    else:
        device, token = mfa.recovery_device(user), mfa.recovery_digest(code)
    if device is None or not code:
        raise Refused(WRONG_CODE)
    _too_many_tries(device)
    if verify_token(user, device.persistent_id, token) is None:
        raise Refused(WRONG_CODE)
    if isinstance(device, StaticDevice):
        audit.record("accounts.mfa.recovery_code_used", user, actor=actor)
    return device


def confirm_app(device: TOTPDevice, code: str, *, actor) -> list[str]:
    """Turn on the app being set up once it shows the right code. It replaces any app the user had, and
    comes with a new set of recovery codes, returned to be shown once."""
    code = mfa.normalize_code(code)
    _too_many_tries(device)
    if not mfa.looks_like_app_code(code) or not device.verify_token(code):
        raise Refused(_("That code is not right. Check that you scanned this page's code and type the 6 digits "
                        "the app shows now."))
    return _turn_on(device, actor=actor)


@transaction.atomic
def _turn_on(device: TOTPDevice, *, actor) -> list[str]:
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _replace_recovery_codes(user)
    audit.record("accounts.mfa.enabled", user, actor=actor)
    return codes


def _replace_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [mfa.new_recovery_code() for _n in range(mfa.RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=mfa.recovery_digest(code)) for code in codes)
    return codes


@transaction.atomic
def new_recovery_codes(user, *, actor) -> list[str]:
    """A new set of recovery codes; the earlier ones stop working."""
    if not mfa.has_mfa(user):
        raise Refused(_("Turn on two-step verification first."))
    codes = _replace_recovery_codes(user)
    audit.record("accounts.mfa.recovery_codes_replaced", user, actor=actor)
    return codes


@transaction.atomic
def turn_off_mfa(user, *, actor) -> None:
    """Remove the user's app and recovery codes: only for someone whose role does not require them."""
    if mfa.must_have_mfa(user):
        raise Refused(_("Your work requires two-step verification: it cannot be turned off. If you lost your "
                        "phone, set up the app again or ask your coordinator to reset it."))
    _remove_devices(user)
    audit.record("accounts.mfa.disabled", user, actor=actor)


@transaction.atomic
def reset_mfa(user, *, center, actor) -> None:
    """A coordinator clears a colleague's second step (a lost phone): their app and recovery codes go, every
    session of theirs ends, and they set up the app again when they next sign in. Not their own, and not a
    network coordinator's, whose access reaches beyond the center (`integrhabitat reset_mfa` does that)."""
    if actor is not None and user.pk == actor.pk:
        raise Refused(_("You cannot reset your own two-step verification; ask another coordinator."))
    if actor is not None and user.is_network_coordinator:
        raise Refused(_("The two-step verification of a network coordinator is reset by the platform's "
                        "administrators."))
    _remove_devices(user)
    _end_sessions(user)
    audit.record("accounts.mfa.reset", user, actor=actor, center=center)


@transaction.atomic
def end_all_sessions(user, *, actor) -> None:
    """Sign the user out everywhere: every session of theirs stops being accepted at its next request."""
    _end_sessions(user)
    audit.record("accounts.sessions.ended", user, actor=actor)


def _remove_devices(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def _end_sessions(user) -> None:
    get_user_model().objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
