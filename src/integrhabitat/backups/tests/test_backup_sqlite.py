"""SQLite, the embedded default: a backup copies the database online (the server keeps writing) and the uploaded
files; a restore into an empty database and uploads folder brings back every row and file."""

import os
import sqlite3
import stat

import pytest
from django.db import connection
from django.utils import translation

from integrhabitat.backups import services
from integrhabitat.backups.archive import BackupRefused
from integrhabitat.backups.tests.helpers import (
    UPLOADS,
    a_few_more,
    copy_of_the_test_database,
    files_under,
    rows,
    small_database,
    sqlite_settings,
)
from integrhabitat.lib.crypto import decrypt
from integrhabitat.people.models import Consent, Participant

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the world is copied from the suite's SQLite database; on PostgreSQL runs test_backup_commands covers "
           "the SQLite path with a small database")


@pytest.fixture
def source(world, tmp_path) -> dict:
    """The fixture world and a few more, in a SQLite file (WAL) as the embedded default keeps it."""
    world.consent = a_few_more(world)
    return copy_of_the_test_database(tmp_path / "integrhabitat.sqlite3")


def test_a_restore_into_an_empty_database_brings_back_every_row_and_uploaded_file(
        world, source, uploads, keys, tmp_path):
    backup = services.write_backup(tmp_path / "backups" / "nightly.ihbk", database=source, media_root=uploads,
                                   key=keys[0])
    target, media_root = sqlite_settings(tmp_path / "restored.sqlite3"), tmp_path / "restored-media"

    restored = services.restore_into(backup.path, database=target, media_root=media_root, keys=keys)

    assert stat.S_IMODE(os.stat(backup.path).st_mode) == 0o600
    assert backup.vendor == "sqlite" and backup.media_files == 3
    expected = {table: count for table, count in rows(source, "SELECT name, 0 FROM sqlite_master WHERE "
                                                                "type = 'table' AND name NOT LIKE 'sqlite_%'")}
    assert set(backup.tables) == set(expected) and backup.tables["people_participant"] == 4
    assert restored.tables == backup.tables
    for table, count in backup.tables.items():
        assert rows(target, f'SELECT count(*) FROM "{table}"') == [(count,)], table  # noqa: S608
    participants, consents = Participant._meta.db_table, Consent._meta.db_table
    [(given, family, phone)] = rows(target, f"SELECT given_names, family_names, phone FROM {participants} "  # noqa: S608
                                            "WHERE id = ?", world.person_a.pk)
    # The phone comes back as it was stored: encrypted, and readable with the platform's keys.
    assert (given, family, decrypt(phone)) == ("José", "Pérez Rodríguez", "+57 300 123 4567") and "300" not in phone
    assert rows(target, f"SELECT participant_id, purpose, organization_id, method FROM {consents} "  # noqa: S608
                        "WHERE id = ?", world.consent.pk) == [
        (world.person_a.pk, "referral", world.partner_org.pk, "written")]
    assert files_under(media_root) == UPLOADS
    assert restored.media_files == 3 and restored.migrations_behind == []


def test_a_backup_is_taken_while_another_connection_is_writing(source, uploads, keys, tmp_path):
    writer = sqlite3.connect(source["NAME"], isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # the server in the middle of a write: someone signing in
    writer.execute("INSERT INTO django_session (session_key, session_data, expire_date) "
                   "VALUES ('k', 'data', '2026-12-08 00:00:00')")

    backup = services.write_backup(tmp_path / "online.ihbk", database=source, media_root=uploads, key=keys[0])
    writer.execute("COMMIT")
    writer.close()

    assert backup.tables["django_session"] == 0  # the copy of the moment it began, without waiting for the write
    assert rows(source, "SELECT count(*) FROM django_session") == [(1,)]


def test_a_restore_onto_a_database_with_data_needs_force_and_then_replaces_it(
        world, source, uploads, keys, tmp_path):
    backup = services.write_backup(tmp_path / "b.ihbk", database=source, media_root=uploads, key=keys[0])
    target = small_database(tmp_path / "in-use.sqlite3", people=("Someone", "Else", "Entirely"))
    media_root = tmp_path / "in-use-media"
    (media_root / "old").mkdir(parents=True)
    (media_root / "old" / "stale.pdf").write_bytes(b"stale")

    with translation.override("en"), pytest.raises(BackupRefused, match="already holds data.*--force"):
        services.restore_into(backup.path, database=target, media_root=media_root, keys=keys)
    assert rows(target, "SELECT count(*) FROM people_participant") == [(3,)]

    services.restore_into(backup.path, database=target, media_root=media_root, keys=keys, force=True)

    assert rows(target, "SELECT count(*) FROM people_participant") == [(4,)]
    assert files_under(media_root) == UPLOADS  # the files of before are gone
    assert sorted(path.name for path in media_root.iterdir()) == ["imports", "partners"]


def test_a_truncated_backup_is_refused_before_the_database_is_touched(source, uploads, keys, tmp_path):
    backup = services.write_backup(tmp_path / "b.ihbk", database=source, media_root=uploads, key=keys[0])
    cut = tmp_path / "cut.ihbk"
    cut.write_bytes(backup.path.read_bytes()[: backup.size - 100])
    target = small_database(tmp_path / "target.sqlite3", people=())

    with translation.override("en"), pytest.raises(BackupRefused, match="incomplete"):
        services.restore_into(cut, database=target, media_root=tmp_path / "empty", keys=keys)

    assert rows(target, "SELECT count(*) FROM django_migrations")[0][0] > 0  # as it was
    assert not (tmp_path / "empty").exists()
