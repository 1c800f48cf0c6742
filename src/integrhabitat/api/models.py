"""Personal API tokens: a user's key to the JSON API, acting with that user's roles."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "ih_"  # noqa: S105 - not a secret: marks IntegrHabitat tokens (for secret scanners)
MAX_DAYS = 365  # no token lives longer than a year


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def default_expiry() -> datetime:
    """When a token created now expires unless its creator chooses: `INTEGRHABITAT_API_TOKEN_DAYS` from now."""
    return timezone.now() + timedelta(days=settings.API_TOKEN_DAYS)


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        """Not revoked (it may have expired: `authenticate` tells the two apart to say why it refuses)."""
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A named secret of one user. Only its SHA-256 is kept: the token is shown once, when created;
    `prefix` (its first characters) lets the user tell their tokens apart.

    Every token expires (`expires_at`); it is revoked for good by its user, or by itself when the user's
    password changes, the user is deactivated or loses their last role (`revoked_reason` says which)."""

    class RevokedReason(models.TextChoices):
        BY_USER = "by_user", _("by its user")
        PASSWORD_CHANGED = "password_changed", _("the password changed")
        USER_DEACTIVATED = "user_deactivated", _("the account was deactivated")
        NO_MEMBERSHIP = "no_membership", _("the account has no role in any center any more")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), default=default_expiry)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_reason = models.CharField(max_length=20, choices=RevokedReason, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    @staticmethod
    def new_secret() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)
