"""PostgreSQL (DATABASE_URL): a backup is a `pg_dump --format=custom` of one snapshot, with the row counts of that
same snapshot; a restore with `pg_restore` into a freshly created, empty database brings back every row."""

import secrets
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection, connections
from django.utils import translation

from integrhabitat.backups import databases, services
from integrhabitat.backups.archive import BackupRefused
from integrhabitat.backups.tests.helpers import UPLOADS, a_few_more, files_under, small_database
from integrhabitat.lib.crypto import decrypt
from integrhabitat.people.models import Consent, Participant

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="needs PostgreSQL (DATABASE_URL) and its client tools, pg_dump and pg_restore"),
    # pg_dump reads committed rows only.
    pytest.mark.django_db(transaction=True),
]


def query(database: dict, sql: str, *params) -> list[tuple]:
    with closing(databases._postgresql_connect(database)) as db:
        cursor = db.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


@pytest.fixture
def source(world) -> dict:
    """The suite's database, with the fixture world and a few more committed in it."""
    world.consent = a_few_more(world)
    return connections["default"].settings_dict


@pytest.fixture
def scratch_database() -> dict:
    """A database created empty for the test (`test_backups_<random>`), dropped afterwards."""
    name = f"test_backups_{secrets.token_hex(4)}"
    server = {**connections["default"].settings_dict, "NAME": "postgres"}
    query(server, f'CREATE DATABASE "{name}"')
    try:
        yield {**connections["default"].settings_dict, "NAME": name}
    finally:
        query(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restore_into_an_empty_database_brings_back_every_row_and_uploaded_file(
        world, source, uploads, keys, scratch_database, tmp_path):
    backup = services.write_backup(tmp_path / "nightly.ihbk", database=source, media_root=uploads, key=keys[0])
    media_root = tmp_path / "restored-media"

    restored = services.restore_into(backup.path, database=scratch_database, media_root=media_root, keys=keys)

    assert backup.vendor == "postgresql" and backup.media_files == 3
    assert backup.tables["people_participant"] == 4 and backup.tables["people_consent"] == 5
    assert restored.tables == backup.tables
    assert databases.row_counts(scratch_database) == backup.tables
    participants, consents = Participant._meta.db_table, Consent._meta.db_table
    [(given, family, phone)] = query(scratch_database, f"SELECT given_names, family_names, phone "  # noqa: S608
                                                       f"FROM {participants} WHERE id = %s", world.person_a.pk)
    # The phone comes back as it was stored: encrypted, and readable with the platform's keys.
    assert (given, family, decrypt(phone)) == ("José", "Pérez Rodríguez", "+57 300 123 4567") and "300" not in phone
    assert query(scratch_database, f"SELECT participant_id, purpose, organization_id, method FROM {consents} "  # noqa: S608
                                   "WHERE id = %s", world.consent.pk) == [
        (world.person_a.pk, "referral", world.partner_org.pk, "written")]
    assert files_under(media_root) == UPLOADS
    assert restored.migrations_behind == []


def test_a_restore_onto_a_database_with_data_needs_force(world, source, keys, scratch_database, tmp_path):
    backup = services.write_backup(tmp_path / "b.ihbk", database=source, media_root=tmp_path / "none", key=keys[0])
    services.restore_into(backup.path, database=scratch_database, media_root=tmp_path / "media", keys=keys)
    query(scratch_database, "UPDATE people_participant SET given_names = 'Cambiado' WHERE id = %s", world.person_a.pk)

    with translation.override("en"), pytest.raises(BackupRefused, match="already holds data.*--force"):
        services.restore_into(backup.path, database=scratch_database, media_root=tmp_path / "media", keys=keys)
    services.restore_into(backup.path, database=scratch_database, media_root=tmp_path / "media", keys=keys,
                          force=True)

    assert databases.row_counts(scratch_database) == backup.tables
    assert query(scratch_database, "SELECT given_names FROM people_participant WHERE id = %s",
                 world.person_a.pk) == [("José",)]


def test_a_truncated_backup_or_one_of_sqlite_is_refused_before_the_database_is_touched(
        source, keys, scratch_database, tmp_path):
    backup = services.write_backup(tmp_path / "b.ihbk", database=source, media_root=tmp_path / "none", key=keys[0])
    cut = tmp_path / "cut.ihbk"
    cut.write_bytes(backup.path.read_bytes()[: backup.size // 2])
    sqlite_backup = services.write_backup(tmp_path / "sqlite.ihbk", database=small_database(tmp_path / "s.sqlite3"),
                                          media_root=tmp_path / "none", key=keys[0])

    with translation.override("en"):
        with pytest.raises(BackupRefused, match="incomplete"):
            services.restore_into(cut, database=scratch_database, media_root=tmp_path / "m", keys=keys)
        with pytest.raises(BackupRefused, match="of a SQLite database and this installation uses PostgreSQL"):
            services.restore_into(sqlite_backup.path, database=scratch_database, media_root=tmp_path / "m",
                                  keys=keys)
        with pytest.raises(BackupRefused, match="of a PostgreSQL database and this installation uses SQLite"):
            services.restore_into(backup.path, database=small_database(tmp_path / "t.sqlite3", people=()),
                                  media_root=tmp_path / "m", keys=keys)

    assert databases.row_counts(scratch_database) == {}


def test_the_password_goes_to_pg_dump_and_pg_restore_in_their_environment_not_on_their_command_line(
        source, keys, scratch_database, tmp_path, monkeypatch):
    password = "not-on-the-command-line"  # the test server trusts local connections: any password will do
    started = []
    popen = databases.subprocess.Popen

    def recorded(args, **options):
        started.append((args, options["env"]))
        return popen(args, **options)

    monkeypatch.setattr(databases.subprocess, "Popen", recorded)
    backup = services.write_backup(tmp_path / "b.ihbk", database={**source, "PASSWORD": password},
                                   media_root=tmp_path / "none", key=keys[0])
    services.restore_into(backup.path, database={**scratch_database, "PASSWORD": password},
                          media_root=tmp_path / "m", keys=keys)

    assert [Path(args[0]).name for args, env in started] == ["pg_dump", "pg_restore"]
    for args, env in started:
        assert not any(password in arg for arg in args)
        assert env["PGPASSWORD"] == password
    assert started[0][1]["PGDATABASE"] == source["NAME"]
    assert f"--dbname=dbname='{scratch_database['NAME']}'" in started[1][0]
