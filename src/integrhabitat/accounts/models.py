from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: staff of a center, or a coordinator of the whole network.

    What a user may do in a center comes from their `network.Membership` there;
    `is_network_coordinator` grants the network-wide, aggregate-only view.
    """

    is_network_coordinator = models.BooleanField(_("network coordinator"), default=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    # Raised to end every session of the user at once ("sign out everywhere", a reset of their second
    # step): it is part of the session hash that Django checks on each request.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret=None):
        # Both of Django's session checks (current key and SECRET_KEY_FALLBACKS) go through this method.
        if not self.session_generation:  # sessions opened before the first "sign out everywhere" stay valid
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac("integrhabitat.accounts.User.session_auth_hash",
                           f"{self.password}:{self.session_generation}", secret=secret,
                           algorithm="sha256").hexdigest()


class Notification(models.Model):
    """Something that happened for a user to see: a referral arrived, a partner answered.

    Shown in the app; also sent by email when the user has one (`accounts.notify.notify`).
    The text is composed in the user's language when it is created.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    center = models.ForeignKey("network.Center", on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            # The user's notifications, newest first.
            models.Index(fields=["user", "-created_at", "-id"], name="notification_user_newest"),
        ]

    def __str__(self) -> str:
        return self.text
