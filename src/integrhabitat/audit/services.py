"""Writing and reading the audit trail."""

from collections.abc import Iterable

from django.db import models

from integrhabitat.audit.models import AuditEntry

BATCH_SIZE = 1000  # entries per insert in `record_many`


def _entry(action: str, obj: models.Model, *, actor, center=None, fields: Iterable[str] = ()) -> AuditEntry:
    if center is None:
        center = getattr(obj, "center", None)
    return AuditEntry(
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        center=center,
        object_type=obj._meta.label_lower,
        object_id=str(getattr(obj, "uuid", None) or obj.pk),
        fields=sorted(fields),
    )


def record(action: str, obj: models.Model, *, actor, center=None, fields: Iterable[str] = ()) -> AuditEntry:
    """Append one audit entry for `obj`: `action` is a dotted code like `people.participant.created`.

    `fields` may name the fields involved (for instance those changed); values are never stored.
    """
    entry = _entry(action, obj, actor=actor, center=center, fields=fields)
    entry.save(force_insert=True)
    return entry


def record_many(action: str, changes: Iterable[tuple[models.Model, Iterable[str]]], *, actor,
                center=None) -> list[AuditEntry]:
    """Append one entry per (object, fields) in `changes`, as `record` would, in a few inserts: for
    services that change thousands of records at once (an import)."""
    entries = [_entry(action, obj, actor=actor, center=center, fields=fields) for obj, fields in changes]
    return AuditEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)


def trail_for(obj: models.Model):
    """The audit entries of one record, newest first."""
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(getattr(obj, "uuid", None) or obj.pk)
    ).select_related("actor")
