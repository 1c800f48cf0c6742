"""Helpers of the backup tests: databases to back up and restore into, and uploaded files."""

import sqlite3
from pathlib import Path

from django.db import connection
from django.db.backends.sqlite3._functions import register as register_django_functions
from django.db.migrations.loader import MigrationLoader

SQLITE = "django.db.backends.sqlite3"
UPLOADS = {
    "partners/agreements/2026/convenio-alcaldia.pdf": b"%PDF-1.7 convenio firmado\n",
    "partners/agreements/2026/anexo tecnico.docx": b"PK\x03\x04 anexo",
    "imports/2026/12/personas.csv": "Nombres;Apellidos\nJosé;Pérez\n".encode(),
}


def files_under(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def sqlite_settings(path: Path) -> dict:
    return {"ENGINE": SQLITE, "NAME": str(path)}


def copy_of_the_test_database(path: Path) -> dict:
    """The suite's SQLite database (in memory, its rows not committed) copied into a file: the schema of every
    app and the rows of the test so far, in WAL mode as the embedded default runs."""
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        register_django_functions(copy)  # CHECK constraints call REGEXP
        copy.executescript("\n".join(connection.connection.iterdump()))
        copy.execute("PRAGMA journal_mode=WAL")
    copy.close()
    return sqlite_settings(path)


def small_database(path: Path, *, people: tuple[str, ...] = ("Ana", "Berta"), migrations=None) -> dict:
    """A small SQLite database up to date with the code (one row per app in django_migrations, the code's
    last migration) and a table of people: what the commands need, on any vendor's test run."""
    if migrations is None:
        migrations = dict(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE django_migrations "
                   "(id integer PRIMARY KEY AUTOINCREMENT, app text, name text, applied text)")
        db.executemany("INSERT INTO django_migrations (app, name, applied) VALUES (?, ?, '2026-12-01')",
                       sorted(migrations.items()))
        db.execute("CREATE TABLE people_participant (id integer PRIMARY KEY, given_names text)")
        db.executemany("INSERT INTO people_participant (given_names) VALUES (?)", [(name,) for name in people])
    db.close()
    return sqlite_settings(path)


def rows(database: dict, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(database["NAME"]) as db:
        found = db.execute(sql, params).fetchall()
    db.close()
    return found


def a_few_more(world):
    """The fixture world and a few more rows: two more people, and José's consent to share his data with the
    partner organization (the sample the tests look for after a restore)."""
    from integrhabitat.conftest import make_person
    from integrhabitat.people.services import record_consent

    make_person(world.center_a, "María Fernanda", "Gómez", actor=world.case_worker)
    make_person(world.center_b, "Wilmer", "Rondón Díaz", actor=world.other_coordinator)
    return record_consent(world.person_a, purpose="referral", organization=world.partner_org, given_by="self",
                          method="written", actor=world.case_worker)
