from django.db import models

from integrhabitat.network.models import Center


class LoginCode(models.Model):
    """A one-time code sent to a phone or an email to sign in to the participant portal.

    Only a hash is stored. A code expires, is used once, allows a few wrong tries, and a
    destination gets a limited number of codes per hour.
    """

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="+")
    destination = models.CharField(max_length=254)  # the phone digits or the lower-cased email
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["center", "destination", "created_at"], name="login_code_recent")]

    def __str__(self) -> str:
        return f"{self.destination} @ {self.created_at}"
