"""What someone with write access to the database (but not the key) could do to the audit table, for tests.

Each change happens inside the test's transaction, which rolls it back, triggers included."""

import importlib
import uuid
from contextlib import contextmanager

from django.db import connection
from django.utils import timezone

APPEND_ONLY = importlib.import_module("integrhabitat.audit.migrations.0007_append_only_on_both_databases")


def sql(statement: str, params=()) -> int:
    """Run one statement; the number of rows it touched."""
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


@contextmanager
def triggers_off():
    """The database's append-only guard switched off, as the table's owner can."""
    if connection.vendor == "postgresql":
        # ALTER TABLE refuses while deferred foreign key checks of rows of this transaction are pending.
        connection.check_constraints()
        for table in APPEND_ONLY.TABLES:
            sql(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        yield
        connection.check_constraints()
        for table in APPEND_ONLY.TABLES:
            sql(f"ALTER TABLE {table} ENABLE TRIGGER USER")
    else:
        for statement in APPEND_ONLY.SQLITE_BEFORE[:-1]:
            sql(statement)
        yield
        for statement in APPEND_ONLY.SQLITE[1:]:
            sql(statement)


def entry_id_at(place: int) -> int:
    """The id of the entry sealed at `place` in the chain."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT entry_id FROM audit_auditseal WHERE seq = %s", [place])
        return cursor.fetchone()[0]


def delete_at(*places: int) -> None:
    """Delete the entries at `places` and their seals (a foreign key ties them)."""
    ids = [entry_id_at(place) for place in places]
    for place in places:
        sql("DELETE FROM audit_auditseal WHERE seq = %s", [place])
    for pk in ids:
        sql("DELETE FROM audit_auditentry WHERE id = %s", [pk])


def move(place: int, to: int) -> None:
    sql("UPDATE audit_auditseal SET seq = %s WHERE seq = %s", [to, place])


def insert_entry(*, mac: str, action: str = "cases.case.closed", queued: bool = False) -> int:
    """An entry written straight into the table, with a made-up `mac` (without the key, nothing better)."""
    sql("INSERT INTO audit_auditentry (at, action, object_type, object_id, fields, request_id, mac) "
        "VALUES (%s, %s, 'cases.case', 'x', '[]', %s, %s)",
        [timezone.now(), action, uuid.uuid4().hex, mac])
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM audit_auditentry WHERE mac = %s", [mac])
        pk = cursor.fetchone()[0]
    if queued:
        sql("INSERT INTO audit_unsealedentry (entry_id) VALUES (%s)", [pk])
    return pk
