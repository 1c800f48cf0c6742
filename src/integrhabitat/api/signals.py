"""Tokens die with what they stood for: revoked when their user's password changes, when the user is
deactivated, and when the user loses their last role in a center.

Listened to here rather than called from `accounts` and `network`, so that every path is covered (the
password change page, a reset link, `set_password()` + `save()` in a shell or a command, the staff page)
and those apps need not know the API exists. Changes made with `QuerySet.update()` send no signal; a
deactivated user's tokens are refused anyway (`services.authenticate` requires an active user).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher, identify_hasher, is_password_usable

from integrhabitat.api import services as token_actions
from integrhabitat.api.models import ApiToken
from integrhabitat.network.models import Membership

Reason = ApiToken.RevokedReason
WATCHED = {"password", "is_active"}


def remember_before_save(sender, instance, update_fields=None, **kwargs):
    """pre_save of the user model: keep the stored password hash and is_active (those of them being saved)
    to compare after saving."""
    instance._api_before = None
    if instance._state.adding or instance.pk is None:
        return
    saved = WATCHED if update_fields is None else WATCHED & set(update_fields)
    if not saved:
        return  # recording a login and the like: one query less
    instance._api_before = sender._base_manager.filter(pk=instance.pk).values(*sorted(saved)).first()


def _rehashed(old_hash: str, instance) -> bool:
    """Whether the password hash changed only because Django upgraded it on a successful login (a stronger
    hasher or more iterations): the password itself is the same, and its tokens stay valid.

    That upgrade assigns the new hash without leaving the raw password on the user (`_password`), as
    `set_password()` does until the save; and it happens only to a hash that needed upgrading."""
    if getattr(instance, "_password", None) is not None:
        return False
    if not (is_password_usable(old_hash) and is_password_usable(instance.password)):
        return False
    try:
        old_hasher = identify_hasher(old_hash)
    except ValueError:
        return False
    preferred = get_hasher("default")
    return old_hasher.algorithm != preferred.algorithm or old_hasher.must_update(old_hash)


def revoke_after_save(sender, instance, created=False, **kwargs):
    """post_save of the user model: revoke the user's tokens when the password or is_active changed."""
    before = getattr(instance, "_api_before", None)
    instance._api_before = None
    if created or before is None:
        return
    if before.get("is_active") and not instance.is_active:
        token_actions.revoke_user_tokens(instance, reason=Reason.USER_DEACTIVATED)
    elif "password" in before and before["password"] != instance.password \
            and not _rehashed(before["password"], instance):
        token_actions.revoke_user_tokens(instance, reason=Reason.PASSWORD_CHANGED)


def _revoke_if_no_role_left(user_id: int) -> None:
    """A user left with no active role in an active center loses their tokens: they open nothing now, and
    must not open everything again on the day a role comes back. The network coordinator works without
    memberships and keeps theirs."""
    user = get_user_model()._base_manager.filter(pk=user_id).first()
    if user is None or user.is_network_coordinator or Membership.objects.active().filter(user=user).exists():
        return
    token_actions.revoke_user_tokens(user, reason=Reason.NO_MEMBERSHIP)


def revoke_after_membership_saved(sender, instance, **kwargs):
    if not instance.is_active:
        _revoke_if_no_role_left(instance.user_id)


def revoke_after_membership_deleted(sender, instance, **kwargs):
    _revoke_if_no_role_left(instance.user_id)
