import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from integrhabitat.network.models import Center


class HsdsImport(models.Model):
    """An uploaded HSDS dataset between its preview and its confirmation.

    The services read from the file wait here (not in the session, which several server processes do
    not share); once imported, or when a newer upload replaces an abandoned one, they are dropped and
    only the counts remain."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="hsds_imports")
    file_name = models.CharField(max_length=200)
    services = models.JSONField(default=list)
    options = models.JSONField(default=dict)
    summary = models.JSONField(default=dict)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("directory import")
        verbose_name_plural = _("directory imports")

    def __str__(self) -> str:
        return self.file_name
