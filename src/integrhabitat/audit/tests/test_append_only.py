"""The audit log is append-only: no update or delete through the model, the queryset or (PostgreSQL) SQL."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from integrhabitat.audit import services as audit
from integrhabitat.audit.models import AuditEntry

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only"
)


@pytest.fixture
def entry(world):
    return audit.record("people.participant.updated", world.person_a, actor=world.coordinator,
                        fields=["given_names"])


def unchanged(entry) -> bool:
    stored = AuditEntry.objects.get(pk=entry.pk)
    return (stored.action, stored.fields, stored.actor_id) == (
        "people.participant.updated", ["given_names"], entry.actor_id
    )


def test_it_appends_an_entry_naming_fields_only(world, entry):
    assert entry.pk is not None
    assert entry.object_type == "people.participant"
    assert entry.object_id == str(world.person_a.uuid)
    assert entry.center == world.center_a
    assert entry.fields == ["given_names"]


def test_it_refuses_to_save_a_changed_entry(entry):
    entry.action = "people.participant.nothing_happened"

    with pytest.raises(TypeError):
        entry.save()

    entry.action = "people.participant.updated"
    assert unchanged(entry)


def test_it_refuses_to_save_a_changed_entry_loaded_again(entry):
    loaded = AuditEntry.objects.get(pk=entry.pk)
    loaded.fields = []

    with pytest.raises(TypeError):
        loaded.save(update_fields=["fields"])

    assert unchanged(entry)


def test_it_refuses_to_delete_an_entry(entry):
    with pytest.raises(TypeError):
        entry.delete()

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_it_refuses_to_update_entries_through_a_queryset(entry):
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(TypeError):
        AuditEntry.objects.update(fields=[])

    assert unchanged(entry)


def test_it_refuses_to_bulk_update_entries(entry):
    entry.action = "x"

    with pytest.raises(TypeError), transaction.atomic():
        AuditEntry.objects.bulk_update([entry], ["action"])

    entry.action = "people.participant.updated"
    assert unchanged(entry)


def test_it_refuses_to_update_or_create_over_an_entry(entry):
    with pytest.raises(TypeError):
        AuditEntry.objects.update_or_create(pk=entry.pk, defaults={"action": "x"})

    assert unchanged(entry)


def test_it_refuses_to_delete_entries_through_a_queryset(entry):
    count = AuditEntry.objects.count()

    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()

    assert AuditEntry.objects.count() == count


def test_it_keeps_entries_when_someone_tries_to_delete_their_author(world, entry):
    with pytest.raises(ProtectedError), transaction.atomic():
        world.coordinator.delete()

    assert unchanged(entry)


@postgresql_only
def test_it_refuses_a_raw_sql_update_on_postgresql(entry):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = %s WHERE id = %s", ["x", entry.pk])

    assert unchanged(entry)


@postgresql_only
def test_it_refuses_a_raw_sql_delete_on_postgresql(entry):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])

    assert AuditEntry.objects.filter(pk=entry.pk).exists()
