from django.db import models
from django.utils import timezone

from integrhabitat.network.models import Center


class LoginCode(models.Model):
    """A one-time code sent to a phone or an email to sign in to the participant portal.

    Only a hash is stored. A code expires, is used once, allows a few wrong tries, and a
    destination gets a limited number of codes per hour. A code is stored for any destination
    asked for, registered or not, so that both are answered and limited alike.
    """

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="+")
    # The keyed hash (`lib.crypto.destination_key`) of the phone in E.164 or the lower-cased email.
    destination = models.CharField(max_length=254)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["center", "destination", "created_at"], name="login_code_recent"),
            models.Index(fields=["center", "created_at"], name="login_code_center_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.destination} @ {self.created_at}"


class WrongCode(models.Model):
    """A wrong code typed at the portal's sign-in, for a destination (as `LoginCode.destination`).

    Counted in the database, whatever the cache, per person (the destinations on their record),
    per destination and per center, over the last hour: past the limits, sign-in pauses.
    """

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="+")
    destination = models.CharField(max_length=254)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["center", "destination", "created_at"], name="wrong_code_recent"),
            models.Index(fields=["center", "created_at"], name="wrong_code_center_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.destination} @ {self.created_at}"
