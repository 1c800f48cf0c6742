"""Creating, revoking and checking API tokens. Each change is atomic and audited."""

from django.db import transaction
from django.utils import timezone

from integrhabitat.api.models import ApiToken, hash_token
from integrhabitat.audit import services as audit

# `last_used_at` is written at most this often per token, not on every request.
LAST_USED_RESOLUTION_SECONDS = 60


@transaction.atomic
def create_token(user, *, name: str, actor) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with its secret, which is not kept and cannot be shown again."""
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(user=user, name=name.strip(), secret_hash=hash_token(secret),
                                    prefix=secret[:10])
    audit.record("api.token.created", token, actor=actor, center=None)
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, *, actor) -> ApiToken:
    """Revoke `token` for good; revoking it again changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record("api.token.revoked", token, actor=actor, center=None)
    return token


def authenticate(secret: str) -> ApiToken | None:
    """The active token of an active user whose secret is `secret`, or None; marks it used."""
    if not secret or len(secret) > 200:
        return None
    token = (ApiToken.objects.active().select_related("user")
             .filter(secret_hash=hash_token(secret), user__is_active=True).first())
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= LAST_USED_RESOLUTION_SECONDS:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
