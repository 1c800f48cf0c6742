import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit log is append-only.")

    def delete(self):
        raise TypeError("The audit log is append-only.")


class AuditEntry(models.Model):
    """One thing someone did: who, what (a dotted code), when, and to which record — never the values.

    Append-only: the model refuses updates and deletes, and on PostgreSQL a trigger refuses them too.
    """

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("who")
    )
    center = models.ForeignKey(
        "network.Center", on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("center")
    )
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("record type"), max_length=64)
    object_id = models.CharField(_("record"), max_length=64)
    # Names of changed fields and similar context; never the values of personal data.
    fields = models.JSONField(_("fields"), default=list, blank=True)
    request_id = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "-at"], name="audit_record_idx"),
            # A center's audit trail, newest first, page after page.
            models.Index(fields=["center", "-at", "-id"], name="audit_center_newest"),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit log is append-only.")
