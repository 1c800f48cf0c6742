"""Writing and reading the audit trail. Every entry is sealed into a tamper-evident chain (chain.py)."""

import zlib
from collections.abc import Iterable
from datetime import datetime, time

from django.db import connection, models, transaction
from django.utils import timezone

from integrhabitat.audit import chain
from integrhabitat.audit.models import AuditEntry, AuditSeal

BATCH_SIZE = 1000  # entries per insert in `record_many`
READ_LOCK = 0x4948  # first key of the advisory locks of `record_read` (PostgreSQL)


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


def record_read(action: str, obj: models.Model, *, actor, center=None) -> AuditEntry | None:
    """Record that `actor` read `obj` (a person's profile, say) — once a day: reading it again that day, or
    paging through it, adds nothing. Returns the new entry, or None when the day's is there already."""
    entry = _entry(action, obj, actor=actor, center=center)
    today = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    seen = AuditEntry.objects.filter(object_type=entry.object_type, object_id=entry.object_id, action=action,
                                     actor=entry.actor, at__gte=today)
    if seen.exists():  # the usual case, without a lock
        return None
    with transaction.atomic():
        if connection.vendor == "postgresql":  # SQLite's writers wait for one another already
            key = zlib.crc32(f"{entry.actor_id}:{entry.object_type}:{entry.object_id}:{action}".encode())
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s::int, %s::int)", [READ_LOCK, key - (key >> 31 << 32)])
        if seen.exists():  # read by the same person in another tab meanwhile
            return None
        entry.save(force_insert=True)
    return entry


@transaction.atomic
def purge_entries(before: datetime, *, actor) -> int:
    """Delete the entries written before `before` (a retention schedule), keeping at least the last one, and
    record the purge in an entry `audit.entries.purged` naming the first place kept, where `verify_audit` then
    starts the chain. The one way entries are deleted: the database refuses any other delete.

    Returns the number of entries deleted."""
    chain.seal()
    chain.lock()
    places = AuditSeal.objects.order_by("seq").values_list("seq", flat=True)
    first_kept = places.filter(entry__at__gte=before).first() or places.last()
    if first_kept is None or first_kept == places.first():
        return 0
    with chain.purging(), connection.cursor() as cursor:
        # Entries first, then their seals: the foreign key between them is checked at commit.
        cursor.execute("DELETE FROM audit_auditentry WHERE id IN (SELECT entry_id FROM audit_auditseal WHERE seq < %s)",
                       [first_kept])
        deleted = cursor.rowcount
        cursor.execute("DELETE FROM audit_auditseal WHERE seq < %s", [first_kept])
    AuditEntry(action=chain.PURGED, actor=actor if getattr(actor, "is_authenticated", False) else None,
               object_type=AuditEntry._meta.label_lower, object_id=str(first_kept),
               fields=[f"deleted:{deleted}"]).save(force_insert=True)
    return deleted


def trail_for(obj: models.Model):
    """The audit entries of one record, newest first."""
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(getattr(obj, "uuid", None) or obj.pk)
    ).select_related("actor")
