"""The audit chain: every entry is sealed into one chain that shows any later change, deletion or insertion.

Two steps, so that no transaction of the platform waits for another one to end because both write entries:

1. Writing (`AuditEntry.save`, `bulk_create`): each entry gets `mac`, an HMAC of its canonical content
   (`entry_mac`), as it is inserted. No lock: an import writing thousands of entries in a transaction that
   lasts minutes holds nobody up.
2. Sealing (`seal`, run right after the writing transaction commits): the entries waiting (`UnsealedEntry`),
   oldest first, take the next places `seq` of the network's one chain: an `AuditSeal` each, with `hash` =
   HMAC(previous hash, seq, mac). Under a lock held for milliseconds (a PostgreSQL advisory lock; SQLite
   serializes writers anyway), and `seq` is the seals' primary key: two sealers can never fork the chain.
   Seals are rows of their own, so entries are never updated: no second version of every row.

Both HMACs use a key derived from settings.AUDIT_KEY (INTEGRHABITAT_AUDIT_KEY), or SECRET_KEY without it:
someone who can write to the database but lacks the key can neither forge an entry nor rebuild the chain
around a change. The database refuses UPDATE and DELETE on entries and seals (migration 0007), except the deletes
of `purging()`.
"""

import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache, partial

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction

GENESIS = ""  # the "previous hash" of the chain's first entry
SEAL_BATCH = 1000  # entries sealed per transaction (the lock is released between batches)
# pg_advisory_xact_lock key of the chain ("IHaudit" in ASCII): held only while sealing.
CHAIN_LOCK = 0x0049_4861_7564_6974
# The columns an entry's `mac` covers, in `entry_mac`'s argument order. `id` is left out on purpose: it is
# unknown before a bulk insert, and order is what `seq` records.
CONTENT = ("at", "actor_id", "center_id", "action", "object_type", "object_id", "fields", "request_id")
PURGED = "audit.entries.purged"  # the entry a purge leaves: its object_id is the first place kept


@lru_cache(maxsize=4)
def _derived_key(secret: str) -> bytes:
    return hmac.new(secret.encode(), b"integrhabitat audit chain v1", hashlib.sha256).digest()


def _hmac(message: str) -> str:
    secret = getattr(settings, "AUDIT_KEY", "") or settings.SECRET_KEY
    return hmac.digest(_derived_key(secret), message.encode(), "sha256").hex()


def _id(value) -> str | None:
    return None if value is None else str(value)


def _uuid(value) -> str | None:
    return None if value is None else str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))


def entry_mac(at: datetime, actor_id, center_id, action: str, object_type: str, object_id: str, fields,
              request_id) -> str:
    """The HMAC of one entry's content as the database gives it back: canonical JSON (sorted keys, text as
    text, instants in UTC to the microsecond)."""
    content = {
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"), "actor": _id(actor_id),
        "center": _id(center_id), "action": str(action), "object_type": str(object_type),
        "object_id": str(object_id), "fields": fields, "request_id": _uuid(request_id),
    }
    return _hmac("entry\n" + json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False))


def link(prev_hash: str, seq: int, mac: str) -> str:
    """The hash that seals the entry `mac` at place `seq`, after the entry whose hash is `prev_hash`."""
    return _hmac(f"link\n{prev_hash}\n{seq}\n{mac}")


def lock(using: str = DEFAULT_DB_ALIAS) -> None:
    """Hold the chain until the transaction ends: nobody else seals meanwhile."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s::bigint)", [CHAIN_LOCK])
    # SQLite: the transaction (BEGIN IMMEDIATE, see settings) holds the database's write lock already.


def seal(using: str = DEFAULT_DB_ALIAS) -> int:
    """Seal the entries waiting to be sealed, in the order they were written; returns how many. Idempotent:
    `AuditEntry` calls it after each transaction that wrote entries, `verify_audit` before it verifies."""
    from integrhabitat.audit.models import AuditEntry, AuditSeal, UnsealedEntry

    connection = connections[using]
    # A seal lost in a crash is made again from the queue, which it empties in the same transaction: no need
    # to wait for the disk (PostgreSQL; only when sealing commits a transaction of its own).
    asynchronous = connection.vendor == "postgresql" and not connection.in_atomic_block
    sealed = 0
    while True:
        with transaction.atomic(using=using):
            if asynchronous:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            lock(using)
            seq, prev = AuditSeal.objects.using(using).order_by("-seq").values_list("seq", "hash").first() or (
                0, GENESIS)
            waiting = UnsealedEntry.objects.using(using)
            pending = list(waiting.order_by("entry_id").values_list("entry_id", flat=True)[:SEAL_BATCH])
            # Two queries, not a join: a join may walk the whole entries table to reach the few waiting.
            macs = dict(AuditEntry.objects.using(using).filter(pk__in=pending).values_list("id", "mac"))
            seals = []
            for entry_id in pending:
                seq += 1
                seals.append(AuditSeal(seq=seq, entry_id=entry_id, prev_hash=prev,
                                       hash=link(prev, seq, macs[entry_id])))
                prev = seals[-1].hash
            AuditSeal.objects.using(using).bulk_create(seals)
            waiting.filter(entry_id__in=pending).delete()
        sealed += len(pending)
        if len(pending) < SEAL_BATCH:  # those written since are sealed after their own commit
            return sealed


def seal_after_commit(using: str) -> None:
    """Seal the entries just written once their transaction commits (at once outside a transaction). One
    callback per transaction however many entries it writes (an import writes one per row): Django replaces
    `run_on_commit` on every commit and rollback (of a savepoint too), so finding it unchanged means our
    callback is still queued."""
    connection = connections[using]
    if connection.in_atomic_block and getattr(connection, "_audit_seal_queued", None) is connection.run_on_commit:
        return
    transaction.on_commit(partial(seal, using), using=using, robust=True)  # a failure leaves them for the next
    if connection.in_atomic_block:
        connection._audit_seal_queued = connection.run_on_commit


@contextmanager
def purging(using: str = DEFAULT_DB_ALIAS):
    """A transaction in which the database lets audit entries be deleted (it refuses otherwise): PostgreSQL's
    trigger reads the transaction-local setting `integrhabitat.audit_purge`, SQLite's a row of `audit_purge`
    that is removed again before the transaction ends, so no other connection ever sees it."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('integrhabitat.audit_purge', 'on', true)")
            yield
            cursor.execute("SELECT set_config('integrhabitat.audit_purge', '', true)")
        elif connection.vendor == "sqlite":
            cursor.execute("INSERT INTO audit_purge DEFAULT VALUES")
            yield
            cursor.execute("DELETE FROM audit_purge")
        else:
            yield


@dataclass
class Verdict:
    verified: int  # entries whose content and place in the chain check out
    problem: str = ""  # the first problem found, "" if none
    last_seq: int = 0  # the place and hash of the last entry verified: to compare with a copy kept
    last_hash: str = ""  # elsewhere, which is what shows entries deleted from the end

    @property
    def ok(self) -> bool:
        return not self.problem


def _described(seq: int, pk: int, content: list) -> str:
    at, action = content[CONTENT.index("at")], content[CONTENT.index("action")]
    return f"Entry #{seq} (id {pk}, {action} at {at:%Y-%m-%d %H:%M:%S})"


def verify(using: str = DEFAULT_DB_ALIAS, *, chunk_size: int = 2000,
           progress: Callable[[int], None] | None = None) -> Verdict:
    """Walk the chain in order, streaming, and stop at the first entry that was changed, or that does not
    follow its predecessor (an entry deleted, or inserted out of place), then look for entries outside the
    chain (inserted behind the platform's back). The chain starts at 1, or at the first place a sealed purge
    kept. `progress(n)` is called every `chunk_size` entries. Entries waiting to be sealed are left out:
    `seal()` first to include them."""
    from integrhabitat.audit.models import AuditEntry, AuditSeal, UnsealedEntry

    seals = AuditSeal.objects.using(using)
    purges = seals.filter(entry__action=PURGED).values_list("entry__object_id", flat=True)
    start = max((int(first) for first in purges if first.isdigit()), default=1)
    rows = seals.order_by("seq").values_list(
        "seq", "entry_id", "entry__mac", "prev_hash", "hash", *(f"entry__{name}" for name in CONTENT)
    ).iterator(chunk_size=chunk_size)
    verified, expected, prev = 0, start, None
    for seq, pk, mac, prev_hash, hash_, *content in rows:
        # The first entry follows nothing (seq 1) or a purged one, whose hash its own seal vouches for.
        follows = prev if prev is not None else GENESIS if seq == 1 else prev_hash
        if seq > expected:
            missing = f"Entry #{expected} is" if seq == expected + 1 else f"Entries #{expected} to #{seq - 1} are"
            problem = f"{missing} missing: deleted from the chain before entry #{seq}."
        elif entry_mac(*content) != mac:
            problem = f"{_described(seq, pk, content)} was changed: its content does not match its seal."
            if verified == 0:
                problem += (" (If every entry fails, INTEGRHABITAT_AUDIT_KEY or the SECRET_KEY it falls back to is"
                            " not the key the entries were written with.)")
        elif link(prev_hash, seq, mac) != hash_:
            problem = (f"{_described(seq, pk, content)} is not where it was sealed: entries before it were deleted, "
                       "inserted or moved.")
        elif prev_hash != follows:
            problem = (f"{_described(seq, pk, content)} does not follow entry #{seq - 1}: an entry was deleted or "
                       "inserted out of place.")
        else:
            verified, expected, prev = verified + 1, seq + 1, hash_
            if progress is not None and verified % chunk_size == 0:
                progress(verified)
            continue
        return Verdict(verified, problem, expected - 1, prev or "")
    outside = (AuditEntry.objects.using(using).filter(seal__isnull=True)
               .exclude(pk__in=UnsealedEntry.objects.using(using).values("entry_id"))
               .order_by("id").values_list("id", "action", "at").first())
    if outside is not None:
        pk, action, at = outside
        return Verdict(verified, f"Entry id {pk} ({action} at {at:%Y-%m-%d %H:%M:%S}) is in no place of the chain: "
                                 f"it was inserted behind the platform's back.", expected - 1, prev or "")
    return Verdict(verified, "", expected - 1, prev or "")
