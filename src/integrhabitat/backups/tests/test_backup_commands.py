"""`integrhabitat backup` and `integrhabitat restore` on this installation's database and uploads (here a small
SQLite file standing in for it, so that these run on every vendor's test run)."""

import io
import os
import re
import stat
import time
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db.migrations.loader import MigrationLoader
from django.utils import translation

from integrhabitat.audit.models import AuditEntry
from integrhabitat.backups import archive, services
from integrhabitat.backups.tests.helpers import UPLOADS, files_under, rows, small_database


@pytest.fixture
def installation(settings, tmp_path, monkeypatch, db) -> dict:
    """This installation: its var/ folder, and its database (a small SQLite file, two people)."""
    settings.VAR_DIR = tmp_path / "var"
    database = small_database(tmp_path / "integrhabitat.sqlite3")
    monkeypatch.setattr(services, "configured_database", lambda: database)
    return database


def run(*args) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out)
    return out.getvalue()


def backups_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("*.ihbk"))


def test_backup_without_a_key_refuses_and_says_how_to_make_one(installation, settings, uploads):
    settings.BACKUP_KEY = ""

    with translation.override("en"), pytest.raises(CommandError, match="INTEGRHABITAT_BACKUP_KEY is not set") as error:
        call_command("backup")

    assert 'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"' in str(
        error.value)
    assert not (settings.VAR_DIR / "backups").exists()


def test_backup_writes_a_file_only_its_owner_reads_in_var_backups_and_says_what_it_holds(
        installation, settings, backup_key, uploads):
    output = run("backup")

    folder = settings.VAR_DIR / "backups"
    [name] = backups_in(folder)
    assert re.fullmatch(r"integrhabitat-\d{8}T\d{6}Z\.ihbk", name)
    assert stat.S_IMODE(os.stat(folder / name).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert f"Backup written to {folder / name} (" in output
    assert "SQLite database, tables: 2, " in output and "uploaded files: 3." in output
    rows_now = sum(count for (count,) in rows(installation, "SELECT count(*) FROM django_migrations")) + 2
    assert f"rows: {rows_now};" in output
    assert not [path for path in folder.iterdir() if path.name.startswith(".")]  # no work files left
    assert AuditEntry.objects.filter(action="backups.backup.created", object_id=name).exists()


def test_backup_refuses_to_overwrite_a_file(installation, backup_key, tmp_path):
    existing = tmp_path / "monday.ihbk"
    existing.write_bytes(b"the backup of monday")

    with translation.override("en"), pytest.raises(CommandError, match="already exists"):
        call_command("backup", "--output", str(existing))

    assert existing.read_bytes() == b"the backup of monday"


def test_keep_deletes_the_older_backups_of_the_folder_beyond_the_newest_n(installation, backup_key, tmp_path):
    folder = tmp_path / "offsite"
    folder.mkdir()
    for days, name in ((3, "integrhabitat-a.ihbk"), (2, "integrhabitat-b.ihbk"), (1, "integrhabitat-c.ihbk"),
                       (9, "notes.txt")):
        (folder / name).write_bytes(b"x")
        os.utime(folder / name, (time.time() - days * 86400,) * 2)

    output = run("backup", "--output", str(folder / "tonight.ihbk"), "--keep", "2")

    assert backups_in(folder) == ["integrhabitat-c.ihbk", "tonight.ihbk"]
    assert (folder / "notes.txt").exists()  # not a backup
    assert f"Deleted the older backup {folder / 'integrhabitat-a.ihbk'}." in output
    assert AuditEntry.objects.filter(action="backups.backup.deleted").count() == 2

    with translation.override("en"), pytest.raises(CommandError, match="at least 1"):
        call_command("backup", "--output", str(folder / "another.ihbk"), "--keep", "0")


def test_restore_into_an_empty_installation_brings_back_the_database_and_the_uploads(
        installation, settings, backup_key, uploads, tmp_path, monkeypatch):
    run("backup", "--output", str(tmp_path / "b.ihbk"))
    empty = small_database(tmp_path / "new-server.sqlite3", people=())
    monkeypatch.setattr(services, "configured_database", lambda: empty)
    settings.MEDIA_ROOT = tmp_path / "new-server-media"

    output = run("restore", str(tmp_path / "b.ihbk"))

    assert rows(empty, "SELECT given_names FROM people_participant ORDER BY id") == [("Ana",), ("Berta",)]
    assert files_under(settings.MEDIA_ROOT) == UPLOADS
    assert f"Restored {tmp_path / 'b.ihbk'} (made " in output and "uploaded files: 3." in output
    assert "migrations were applied" not in output
    assert AuditEntry.objects.filter(action="backups.backup.restored", object_id="b.ihbk").exists()


def test_restore_refuses_a_backup_made_with_another_key_and_says_so(
        installation, settings, backup_key, tmp_path):
    run("backup", "--output", str(tmp_path / "b.ihbk"))
    settings.BACKUP_KEY = Fernet.generate_key().decode()

    with translation.override("en"), pytest.raises(CommandError, match="encrypted with another key"):
        call_command("restore", str(tmp_path / "b.ihbk"), "--force")

    assert rows(installation, "SELECT count(*) FROM people_participant") == [(2,)]


def test_restore_refuses_a_database_with_data_unless_forced(installation, backup_key, tmp_path):
    run("backup", "--output", str(tmp_path / "b.ihbk"))

    with translation.override("en"), pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(tmp_path / "b.ihbk"))

    assert "Restored" in run("restore", str(tmp_path / "b.ihbk"), "--force")


def test_restore_check_reads_the_whole_file_and_changes_nothing(installation, backup_key, uploads, tmp_path):
    run("backup", "--output", str(tmp_path / "b.ihbk"))
    cut = tmp_path / "cut.ihbk"
    cut.write_bytes((tmp_path / "b.ihbk").read_bytes()[:-1])

    output = run("restore", str(tmp_path / "b.ihbk"), "--check")

    assert "is complete and opens with the key" in output and "SQLite database, tables: 2," in output
    with translation.override("en"), pytest.raises(CommandError, match="incomplete"):
        call_command("restore", str(cut), "--check")
    with translation.override("en"), pytest.raises(CommandError, match="no file"):
        call_command("restore", str(tmp_path / "missing.ihbk"))


def test_restore_of_a_backup_older_than_the_code_applies_the_migrations(
        installation, backup_key, tmp_path, monkeypatch):
    current = dict(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())
    older = {**current, "people": "0001_initial"}
    old = small_database(tmp_path / "old.sqlite3", migrations=older)
    monkeypatch.setattr(services, "configured_database", lambda: old)
    run("backup", "--output", str(tmp_path / "old.ihbk"))
    monkeypatch.setattr(services, "configured_database", lambda: small_database(tmp_path / "new.sqlite3", people=()))
    migrated = []
    monkeypatch.setattr(services, "call_command", lambda *args, **options: migrated.append(args))

    output = run("restore", str(tmp_path / "old.ihbk"))

    assert migrated == [("migrate",)]
    assert f"its migrations were applied (up to people.{current['people']})" in output


def test_restore_refuses_a_backup_made_by_a_newer_version(installation, backup_key, tmp_path, monkeypatch):
    current = dict(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())
    newer = small_database(tmp_path / "newer.sqlite3", migrations={**current, "people": "0999_from_the_future"})
    monkeypatch.setattr(services, "configured_database", lambda: newer)
    run("backup", "--output", str(tmp_path / "newer.ihbk"))
    monkeypatch.setattr(services, "configured_database", lambda: small_database(tmp_path / "new.sqlite3", people=()))

    with translation.override("en"), pytest.raises(CommandError, match="newer version.*people.0999_from_the_future"):
        call_command("restore", str(tmp_path / "newer.ihbk"))


def test_restore_refuses_a_backup_of_another_database_vendor(installation, backup_key, tmp_path, monkeypatch):
    run("backup", "--output", str(tmp_path / "b.ihbk"))
    postgresql = {"ENGINE": "django.db.backends.postgresql", "NAME": "elsewhere", "HOST": "db.invalid"}
    monkeypatch.setattr(services, "configured_database", lambda: postgresql)

    # Refused from the header alone: nothing connects to that server.
    with translation.override("en"), pytest.raises(
            CommandError, match="backup is of a SQLite database and this installation uses PostgreSQL"):
        call_command("restore", str(tmp_path / "b.ihbk"))


def test_a_failed_backup_leaves_no_file_behind(installation, backup_key, tmp_path, monkeypatch):
    def failing(*args):
        raise OSError("disk full")

    monkeypatch.setattr(archive.SectionWriter, "write", failing)

    with pytest.raises(OSError, match="disk full"):
        call_command("backup", "--output", str(tmp_path / "out" / "b.ihbk"))

    assert list((tmp_path / "out").iterdir()) == []
