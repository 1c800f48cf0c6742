"""Figure 5: importing a spreadsheet of participants end to end through the imports app's steps (upload,
columns, check, confirm, import: imports/services.py, in-process as the background worker runs them), held
to a multiple of a raw `COPY` of the same rows into a temporary table (target: ≤ 75×), and met only if every
row was taken. Into a scratch center, inside a transaction rolled back at the end (the uploaded file is
deleted too).

SQLite has no COPY: there the rows go in by `executemany`, shown for what it is, and the figure is a miss
(the target is against PostgreSQL's COPY, which SQLite cannot give)."""

import csv
import io
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import override_settings

from integrhabitat.bench import synthetic_people as dedup_synthetic
from integrhabitat.bench.measure import Context, Figure
from integrhabitat.bench.measure_duplicates import RolledBack, scratch_center
from integrhabitat.imports import services as imports
from integrhabitat.imports.models import ImportJob, Kind

TARGET_ROWS = 100_000
GOAL = 75  # end to end, at most this many times a raw COPY
HEADER = ["Nombres", "Apellidos", "Fecha de nacimiento", "Sexo", "Teléfono"]
SEX = {"female": "F", "male": "M"}


def people_csv(rows: int, *, seed: int = 99) -> bytes:
    """A spreadsheet as centers keep them: `;`-separated, day/month/year dates, some cells empty."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(HEADER)
    for record in dedup_synthetic.generate(rows, duplicate_rate=0, seed=seed).records[:rows]:
        born = record.get("birth_date")
        writer.writerow([record["given_names"], record["family_names"], born.strftime("%d/%m/%Y") if born else "",
                         SEX.get(record.get("sex"), ""), record.get("phone", "")])
    return out.getvalue().encode()


def copy_seconds(content: bytes) -> float:
    """The same rows into a temporary table by the fastest way the database has: COPY on PostgreSQL."""
    text = content.decode()
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_copy (given text, family text, born date, sex text, phone text)")
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL datestyle = 'ISO, DMY'")
            with cursor.cursor.copy("COPY bench_copy FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true)") as copy:
                copy.write(text)
        else:
            rows = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
            cursor.executemany("INSERT INTO bench_copy VALUES (%s, %s, %s, %s, %s)", rows)
        seconds = time.monotonic() - started
        cursor.execute("DROP TABLE bench_copy")
    return seconds


def import_seconds(ctx: Context, content: bytes) -> tuple[float, ImportJob]:
    center = scratch_center("bench-scratch-import", "BIMP", "Bench: import")
    actor = ctx.coordinator
    started = time.monotonic()
    job = imports.start_import(center, Kind.PEOPLE, SimpleUploadedFile("personas.csv", content), actor=actor)
    try:
        job = imports.save_mapping(job, job.mapping, actor=actor)
        job = imports.validate_job(job)
        job = imports.confirm_import(job, actor=actor, skip_invalid=True, skip_duplicates=False,
                                     consent_on_paper=True)
        job = imports.commit_job(job)
        return time.monotonic() - started, job
    finally:
        job.file.delete(save=False)


def measure(ctx: Context) -> list[Figure]:
    rows = ctx.sizes["import_rows"]
    content = people_csv(rows)
    found: dict = {}
    with override_settings(IMPORT_MAX_ROWS=max(rows, TARGET_ROWS), IMPORT_MAX_BYTES=max(len(content) * 2, 1 << 20)):
        try:
            with transaction.atomic():
                seconds, job = import_seconds(ctx, content)
                found.update(seconds=seconds, status=job.status, created=job.created_count,
                             linked=job.linked_count, unchanged=job.unchanged_count, rejected=job.rejected_count,
                             mapping=sorted(job.mapping.values()))
                found["copy_seconds"] = copy_seconds(content)
                raise RolledBack
        except RolledBack:
            pass
    seconds, baseline = found["seconds"], found["copy_seconds"]
    ratio = seconds / baseline if baseline > 0 else None
    copy = connection.vendor == "postgresql"
    how = "COPY" if copy else "executemany"
    notes = [] if rows >= TARGET_ROWS else [f"Measured on {rows:,} rows; the target names {TARGET_ROWS:,}."]
    taken = found["created"] + found["linked"] + found["unchanged"]
    complete = found["status"] == ImportJob.Status.DONE and taken == rows
    if not complete:
        notes.append(f"The import ended {found['status']}: {taken} of {rows} rows taken.")
    if not copy:
        notes.append("SQLite has no COPY: compared with executemany instead, which the target is not about.")
    kept = ("status", "created", "linked", "unchanged", "rejected", "mapping")
    detail = {"rows": rows, "bytes": len(content), "import_seconds": round(seconds, 2),
              "raw_seconds": round(baseline, 3), "raw_method": how, **{k: found[k] for k in kept}}
    return [Figure(
        "import", f"Import of {rows:,} participants from CSV end to end (imports app) / raw {how} of the same rows",
        None if ratio is None else round(ratio, 1), "×", f"≤ {GOAL}× a raw COPY, every row taken",
        copy and complete and ratio is not None and ratio <= GOAL, note=" ".join(notes), detail=detail)]
