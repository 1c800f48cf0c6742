"""The audit log is append-only: no update or delete through the model, the queryset or SQL, on PostgreSQL and
SQLite alike; only sealing an entry (once) and a purge (`chain.purging`) get through the database."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.db.models import ProtectedError

from integrhabitat.audit import chain
from integrhabitat.audit import services as audit
from integrhabitat.audit.models import AuditEntry, AuditSeal, UnsealedEntry
from integrhabitat.audit.tests.tamper import sql


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


def test_the_database_refuses_a_raw_sql_update(entry):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("UPDATE audit_auditentry SET action = %s WHERE id = %s", ["x", entry.pk])

    assert unchanged(entry)


def test_the_database_refuses_a_raw_sql_update_of_a_sealed_entry_or_its_seal(entry):
    chain.seal()
    seal = AuditSeal.objects.values_list("seq", "entry_id", "hash").get(entry=entry)

    for table, column, value in (("audit_auditentry", "fields", '["family_names"]'),
                                 ("audit_auditentry", "mac", "0" * 64),
                                 ("audit_auditentry", "at", "2020-01-01"),
                                 ("audit_auditseal", "seq", 99), ("audit_auditseal", "hash", "0" * 64)):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            sql(f"UPDATE {table} SET {column} = %s WHERE {'entry_' if 'seal' in table else ''}id = %s",  # noqa: S608
                [value, entry.pk])

    assert unchanged(entry)
    assert AuditSeal.objects.values_list("seq", "entry_id", "hash").get(entry=entry) == seal


def test_the_database_refuses_to_delete_a_seal(entry):
    chain.seal()

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("DELETE FROM audit_auditseal WHERE entry_id = %s", [entry.pk])

    assert AuditSeal.objects.filter(entry=entry).exists()


def test_seals_are_written_by_sealing_only(entry):
    chain.seal()
    seal = AuditSeal.objects.get(entry=entry)

    with pytest.raises(TypeError):
        seal.save()
    with pytest.raises(TypeError):
        seal.delete()
    with pytest.raises(TypeError):
        AuditSeal.objects.filter(pk=seal.pk).update(hash="")
    with pytest.raises(TypeError):
        AuditSeal.objects.all().delete()


def test_the_database_refuses_a_raw_sql_delete(entry):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    chain.seal()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("DELETE FROM audit_auditentry")

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_only_a_purging_transaction_may_delete_entries(entry, world):
    other = audit.record("people.participant.updated", world.person_b, actor=world.other_coordinator)
    UnsealedEntry.objects.filter(entry=entry).delete()  # what ties it to the table: a foreign key

    with chain.purging():
        assert sql("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk]) == 1
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("DELETE FROM audit_auditentry WHERE id = %s", [other.pk])

    assert not AuditEntry.objects.filter(pk=entry.pk).exists()
    assert AuditEntry.objects.filter(pk=other.pk).exists()


def test_a_failed_purge_leaves_the_database_refusing_deletes(entry):
    UnsealedEntry.objects.filter(entry=entry).delete()
    with pytest.raises(ZeroDivisionError), chain.purging():
        sql("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
        1 / 0  # noqa: B018

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_it_refuses_to_bulk_create_entries_that_would_replace_or_skip_others(world, entry):
    copy = AuditEntry(action="x", object_type="people.participant", object_id="1")

    for option in ("ignore_conflicts", "update_conflicts"):
        with pytest.raises(TypeError):
            AuditEntry.objects.bulk_create([copy], **{option: True})


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_whole_database(world):
    audit.record("people.participant.updated", world.person_a, actor=None)

    call_command("flush", interactive=False, verbosity=0)

    assert not AuditEntry.objects.exists()
