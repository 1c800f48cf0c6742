"""Writing and reading the audit trail."""

from collections.abc import Iterable

from django.db import models

from integrhabitat.audit.models import AuditEntry


def record(action: str, obj: models.Model, *, actor, center=None, fields: Iterable[str] = ()) -> AuditEntry:
    """Append one audit entry for `obj`: `action` is a dotted code like `people.participant.created`.

    `fields` may name the fields involved (for instance those changed); values are never stored.
    """
    if center is None:
        center = getattr(obj, "center", None)
    return AuditEntry.objects.create(
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        center=center,
        object_type=obj._meta.label_lower,
        object_id=str(getattr(obj, "uuid", None) or obj.pk),
        fields=sorted(fields),
    )


def trail_for(obj: models.Model):
    """The audit entries of one record, newest first."""
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(getattr(obj, "uuid", None) or obj.pk)
    ).select_related("actor")
