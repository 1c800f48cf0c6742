"""Copying a database out and back in, per vendor, given its settings (a `DATABASES` entry).

SQLite: the online backup API (`sqlite3.Connection.backup`) copies the database in one step while the server
keeps writing (WAL: readers never block writers), and copies a restored file back into the live database the
same way. PostgreSQL: `pg_dump --format=custom` inside an exported REPEATABLE READ snapshot (so the row counts
recorded match the dump exactly) and `pg_restore --clean --if-exists --no-owner --single-transaction` (all or
nothing); the client tools come from PATH and the connection parameters from the environment of the child,
never from its command line (PGPASSWORD).
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.db.backends.sqlite3._functions import register as register_django_functions
from django.utils.translation import gettext as _

from integrhabitat.backups.archive import CHUNK, BackupRefused, Damaged

ENGINES = {
    "django.db.backends.sqlite3": "sqlite",
    "django.db.backends.postgresql": "postgresql",
    "django.contrib.gis.db.backends.postgis": "postgresql",
}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Tables `migrate` fills in an empty database: rows there do not make a database "hold data".
FILLED_BY_MIGRATE = {"django_migrations", "django_content_type", "auth_permission"}
# libpq parameters that may come in OPTIONS, with the environment variable each has.
LIBPQ_ENVIRONMENT = {
    "dbname": "PGDATABASE", "user": "PGUSER", "password": "PGPASSWORD", "host": "PGHOST", "port": "PGPORT",
    "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL", "connect_timeout": "PGCONNECT_TIMEOUT", "application_name": "PGAPPNAME",
    "options": "PGOPTIONS", "target_session_attrs": "PGTARGETSESSIONATTRS", "service": "PGSERVICE",
    "passfile": "PGPASSFILE", "gssencmode": "PGGSSENCMODE", "channel_binding": "PGCHANNELBINDING",
}


def vendor_of(database: dict) -> str:
    try:
        return ENGINES[database["ENGINE"]]
    except KeyError:
        raise BackupRefused(_("Backups support SQLite and PostgreSQL databases; this one uses %(engine)s.")
                            % {"engine": database.get("ENGINE")}) from None


@dataclass
class Snapshot:
    """A consistent view of a database: its row counts and migrations, and its dump, all of the same moment."""

    tables: dict[str, int]
    migrations: dict[str, str]
    server_version: str
    chunks: Iterator[bytes] = field(repr=False)


@contextmanager
def snapshot(database: dict, workdir: Path) -> Iterator[Snapshot]:
    """Take a snapshot of `database`; `workdir` is a private folder for a temporary copy (SQLite)."""
    if vendor_of(database) == "sqlite":
        with _sqlite_snapshot(database, workdir) as taken:
            yield taken
    else:
        with _postgresql_snapshot(database) as taken:
            yield taken


def tables_with_data(database: dict) -> list[str]:
    """The tables that hold rows, besides those `migrate` fills: what a restore would overwrite. (`EXISTS`, not
    `count`: fast on big tables.)"""
    if vendor_of(database) == "sqlite":
        if not _sqlite_exists(database):
            return []
        with closing(_sqlite_connect(database)) as db:
            return _with_rows(db, _sqlite_tables(db))
    with closing(_postgresql_connect(database)) as db:
        return _with_rows(db, _postgresql_tables(db))


def _with_rows(db, tables: list[str]) -> list[str]:
    return [table for table in tables if table not in FILLED_BY_MIGRATE
            and db.execute(f"SELECT EXISTS (SELECT 1 FROM {_quoted(table)})").fetchone()[0]]  # noqa: S608


def row_counts(database: dict) -> dict[str, int]:
    if vendor_of(database) == "sqlite":
        with closing(_sqlite_connect(database)) as db:
            return _counts(db, _sqlite_tables(db))
    with closing(_postgresql_connect(database)) as db:
        return _counts(db, _postgresql_tables(db))


def restore_database(database: dict, dump: BinaryIO, workdir: Path, *, expected: dict[str, int]) -> dict[str, int]:
    """Replace the contents of `database` with `dump`; the row counts after, checked against `expected`."""
    if vendor_of(database) == "sqlite":
        return _sqlite_restore(database, dump, workdir, expected=expected)
    _postgresql_restore(database, dump, workdir)
    counts = row_counts(database)
    _check_counts(counts, expected)  # after the fact: pg_restore committed (it would have failed otherwise)
    return counts


def _check_counts(found: dict[str, int], expected: dict[str, int]) -> None:
    for table, rows in sorted(expected.items()):
        if found.get(table) != rows:
            raise Damaged(_("The restored database does not hold what the backup recorded: table %(table)s has "
                            "%(found)s rows instead of %(expected)s.")
                          % {"table": table, "found": found.get(table, 0), "expected": rows})


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _counts(db, tables: list[str]) -> dict[str, int]:
    return {table: db.execute(f"SELECT count(*) FROM {_quoted(table)}").fetchone()[0]  # noqa: S608
            for table in tables}


def _latest_migrations(db, tables: list[str]) -> dict[str, str]:
    """The migration applied last in each app (the highest id: the order `migrate` recorded them in)."""
    if "django_migrations" not in tables:
        return {}
    rows = db.execute("SELECT app, name FROM django_migrations WHERE id IN "
                      "(SELECT max(id) FROM django_migrations GROUP BY app) ORDER BY app").fetchall()
    return dict(rows)


# --- SQLite ------------------------------------------------------------------------------------------------

def _sqlite_name(database: dict) -> str:
    name = str(database["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupRefused(_("An in-memory SQLite database cannot be backed up or restored."))
    return name


def _sqlite_exists(database: dict) -> bool:
    name = _sqlite_name(database)
    return name.startswith("file:") or Path(name).exists()


def _sqlite_connect(database: dict) -> sqlite3.Connection:
    # As Django connects (`uri=True`), waiting as long as the server may hold a write lock.
    return _sqlite_open(_sqlite_name(database), uri=True)


def _sqlite_open(name: str | Path, *, uri: bool = False) -> sqlite3.Connection:
    db = sqlite3.connect(name, uri=uri, timeout=30)
    register_django_functions(db)  # REGEXP and the like, which CHECK constraints call
    return db


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    return [name for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


@contextmanager
def _sqlite_snapshot(database: dict, workdir: Path) -> Iterator[Snapshot]:
    if not _sqlite_exists(database):
        raise BackupRefused(_("The SQLite database %(path)s does not exist.") % {"path": database["NAME"]})
    copy = workdir / "database.sqlite3"
    with closing(_sqlite_connect(database)) as source, closing(_sqlite_open(copy)) as target:
        source.backup(target)  # one step (pages=-1): a consistent copy, writers carry on meanwhile
        tables = _sqlite_tables(target)
        counts, migrations = _counts(target, tables), _latest_migrations(target, tables)
    yield Snapshot(tables=counts, migrations=migrations, server_version=sqlite3.sqlite_version,
                   chunks=_file_chunks(copy))


def _file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            yield chunk


def _sqlite_restore(database: dict, dump: BinaryIO, workdir: Path, *, expected: dict[str, int]) -> dict[str, int]:
    copy = workdir / "restored.sqlite3"
    with copy.open("wb") as file:
        shutil.copyfileobj(dump, file, CHUNK)
    with closing(_sqlite_open(copy)) as source:
        if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise Damaged(_("The database in the backup is damaged (SQLite's check fails). Use another backup."))
        counts = _counts(source, _sqlite_tables(source))
        _check_counts(counts, expected)  # before the live database is touched
        with closing(_sqlite_connect(database)) as target:
            source.backup(target)  # one step, under the target's write lock: all or nothing
    return counts


# --- PostgreSQL --------------------------------------------------------------------------------------------

def _libpq_parameters(database: dict) -> dict[str, str]:
    parameters = {"dbname": database.get("NAME"), "user": database.get("USER"),
                  "password": database.get("PASSWORD"), "host": database.get("HOST"), "port": database.get("PORT")}
    parameters |= {key: value for key, value in (database.get("OPTIONS") or {}).items() if key in LIBPQ_ENVIRONMENT}
    return {key: str(value) for key, value in parameters.items() if value not in (None, "")}


def _postgresql_connect(database: dict):
    import psycopg

    try:
        return psycopg.connect(**_libpq_parameters(database), autocommit=True)
    except psycopg.OperationalError as error:
        raise BackupRefused(_("Could not connect to the PostgreSQL database: %(error)s") % {"error": error}) from None


def _postgresql_tables(db) -> list[str]:
    return [name for (name,) in db.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupRefused(_("%(tool)s was not found on PATH: install the PostgreSQL client tools (on Debian "
                              "and Ubuntu, the postgresql-client package), of the server's version or newer.")
                            % {"tool": name})
    return path


def _child_environment(database: dict) -> dict[str, str]:
    """The environment of pg_dump/pg_restore: the connection parameters, the password among them, are passed
    here rather than on the command line, where any user of the machine could read them."""
    environment = dict(os.environ)
    for key, value in _libpq_parameters(database).items():
        environment[LIBPQ_ENVIRONMENT[key]] = value
    return environment


def _failure(tool: str, errors: BinaryIO) -> BackupRefused:
    errors.seek(0)
    lines = errors.read().decode(errors="replace").strip().splitlines()
    return BackupRefused(_("%(tool)s failed: %(error)s") % {"tool": tool, "error": "\n".join(lines[-20:])})


@contextmanager
def _postgresql_snapshot(database: dict) -> Iterator[Snapshot]:
    import psycopg

    pg_dump = _tool("pg_dump")
    with closing(_postgresql_connect(database)) as db:
        # The dump and the counts see the same moment: this transaction exports its snapshot to pg_dump.
        db.autocommit = False
        db.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        db.read_only = True
        snapshot_id = db.execute("SELECT pg_export_snapshot()").fetchone()[0]
        tables = _postgresql_tables(db)
        counts, migrations = _counts(db, tables), _latest_migrations(db, tables)
        server_version = db.execute("SHOW server_version").fetchone()[0]

        def chunks() -> Iterator[bytes]:
            with tempfile.TemporaryFile() as errors:
                process = subprocess.Popen(  # noqa: S603 - our own arguments, no shell
                    [pg_dump, "--format=custom", "--no-password", f"--snapshot={snapshot_id}"],
                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors,
                    env=_child_environment(database))
                complete = False
                try:
                    while chunk := process.stdout.read(CHUNK):
                        yield chunk
                    complete = True
                finally:
                    if not complete:
                        process.kill()  # the backup stopped: so does pg_dump
                    process.stdout.close()
                    status = process.wait()
                if status != 0:
                    raise _failure("pg_dump", errors)

        dump = chunks()
        try:
            yield Snapshot(tables=counts, migrations=migrations, server_version=server_version, chunks=dump)
        finally:
            dump.close()


def _conninfo_value(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _postgresql_restore(database: dict, dump: BinaryIO, workdir: Path) -> None:
    pg_restore = _tool("pg_restore")
    # --dbname is needed to restore into a database (without it pg_restore prints SQL); given as a conninfo
    # string, a name with `=` in it stays a name. Host, user and password come from the environment.
    target = "dbname=" + _conninfo_value(_libpq_parameters(database).get("dbname", ""))
    with tempfile.TemporaryFile(dir=workdir) as errors:
        process = subprocess.Popen(  # noqa: S603 - our own arguments, no shell
            [pg_restore, "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
             "--no-password", f"--dbname={target}"],
            stdin=subprocess.PIPE, stdout=errors, stderr=errors, env=_child_environment(database))
        try:
            while chunk := dump.read(CHUNK):
                process.stdin.write(chunk)
            process.stdin.close()
        except BrokenPipeError:
            pass  # pg_restore stopped early: its exit status and messages say why
        except BaseException:
            process.kill()  # before its input ends, so that its single transaction is rolled back
            process.wait()
            raise
        if process.wait() != 0:
            raise _failure("pg_restore", errors)
