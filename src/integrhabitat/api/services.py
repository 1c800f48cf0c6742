"""Creating, revoking and checking API tokens. Each change is atomic and audited."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.api.models import MAX_DAYS, ApiToken, hash_token
from integrhabitat.audit import services as audit
from integrhabitat.lib.errors import Refused

Reason = ApiToken.RevokedReason

# `last_used_at` and `last_used_ip` are written at most this often per token, not on every request.
LAST_USED_RESOLUTION_SECONDS = 60


class TokenExpired(Exception):
    """The secret is right but the token is past its expiry: the API answers 401 and says so."""


def end_of_day(day: date) -> datetime:
    """The last moment of `day` where the site's clock is (UTC): a token chosen to expire "on" a date
    still works that whole day."""
    return timezone.make_aware(datetime.combine(day, time.max))


def latest_expiry() -> datetime:
    """No token may expire later than the end of the day a year from today."""
    return end_of_day(timezone.localdate() + timedelta(days=MAX_DAYS))


@transaction.atomic
def create_token(user, *, name: str, actor, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`, expiring at `expires_at` (by default `INTEGRHABITAT_API_TOKEN_DAYS` from now,
    never more than a year); returns it with its secret, which is not kept and cannot be shown again."""
    now = timezone.now()
    if expires_at is None:
        expires_at = now + timedelta(days=settings.API_TOKEN_DAYS)
    if not now < expires_at <= latest_expiry():
        raise Refused(_("A token must expire after today and within one year."))
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(user=user, name=name.strip(), secret_hash=hash_token(secret),
                                    prefix=secret[:10], expires_at=expires_at)
    audit.record("api.token.created", token, actor=actor, center=None, fields=["expires_at"])
    return token, secret


def _reason_field(reason: str) -> list[str]:
    return [f"reason:{reason}"]


@transaction.atomic
def revoke_token(token: ApiToken, *, actor, reason: str = Reason.BY_USER) -> ApiToken:
    """Revoke `token` for good; revoking it again changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_reason = reason
        token.save(update_fields=["revoked_at", "revoked_reason"])
        audit.record("api.token.revoked", token, actor=actor, center=None, fields=_reason_field(reason))
    return token


@transaction.atomic
def revoke_user_tokens(user, *, reason: str, actor=None) -> int:
    """Revoke every token of `user` not revoked yet, each with its own audit entry giving `reason`;
    returns how many. Called when what the tokens stood for is gone: the password that created them,
    the account, the last role (see `api/signals.py`)."""
    tokens = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
    if not tokens:
        return 0
    now = timezone.now()
    ApiToken.objects.filter(pk__in=[token.pk for token in tokens]).update(revoked_at=now, revoked_reason=reason)
    for token in tokens:
        token.revoked_at, token.revoked_reason = now, reason
    audit.record_many("api.token.revoked", [(token, _reason_field(reason)) for token in tokens], actor=actor,
                      center=None)
    return len(tokens)


def authenticate(secret: str, *, ip: str | None = None) -> ApiToken | None:
    """The unrevoked token of an active user whose secret is `secret`, or None; raises `TokenExpired` when
    it is past its expiry. Marks it used, from `ip`, at most once a minute."""
    if not secret or len(secret) > 200:
        return None
    token = (ApiToken.objects.active().select_related("user")
             .filter(secret_hash=hash_token(secret), user__is_active=True).first())
    if token is None:
        return None
    now = timezone.now()
    if token.expires_at <= now:
        raise TokenExpired
    stale = now - timedelta(seconds=LAST_USED_RESOLUTION_SECONDS)
    if token.last_used_at is None or token.last_used_at <= stale:
        # The condition is repeated in the UPDATE so that simultaneous requests write it once between them.
        written = (ApiToken.objects.filter(pk=token.pk)
                   .filter(Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale))
                   .update(last_used_at=now, last_used_ip=ip))
        if written:
            token.last_used_at, token.last_used_ip = now, ip
    return token
