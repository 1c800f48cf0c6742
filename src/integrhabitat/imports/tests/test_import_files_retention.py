"""An uploaded spreadsheet is deleted once its import is done; what is left of an import (its file, the rows
it left out) is deleted after INTEGRHABITAT_IMPORT_FILE_DAYS by `purge_import_files`, audited and idempotent.
The files the imports app writes are not readable by other users of the machine."""

import csv
import io
import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from integrhabitat.audit.models import AuditEntry
from integrhabitat.imports import services as import_actions
from integrhabitat.imports.models import ImportJob
from integrhabitat.imports.tests.helpers import checked_job, confirm, uploaded_job
from integrhabitat.lib.testing import shown

BAD = ("Nombres;Apellidos;Fecha de nacimiento\n"
       "Ana;Ruiz;31/02/1990\n"
       "Pedro;Páez;01/01/1980\n").encode()


def url(name: str, job: ImportJob) -> str:
    return reverse(name, kwargs={"center": job.center.slug, "job_id": job.uuid})


def downloaded_rows(client, job) -> list[list[str]]:
    response = client.get(url("imports:job_rejected", job))
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def aged(job: ImportJob, days: int) -> None:
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_the_uploaded_file_is_deleted_once_the_import_is_done_and_the_rows_left_out_still_download(
        world, django_capture_on_commit_callbacks):
    client = world.client_for(world.coordinator)
    job = checked_job(client, world.center_a, "people", BAD)
    path = Path(job.file.path)
    assert path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, job, consent_on_paper=True, skip_invalid=True)

    job.refresh_from_db()
    assert (job.status, job.created_count, job.rejected_count) == (ImportJob.Status.DONE, 1, 1)
    assert not job.file and not path.exists()
    assert job.rejected_cells == [[2, "Ana", "Ruiz", "31/02/1990"]]
    rows = downloaded_rows(client, job)
    assert rows[1][:4] == ["2", "Ana", "Ruiz", "31/02/1990"] and "Fecha de nacimiento" in rows[1][4]
    assert AuditEntry.objects.filter(action="imports.job.file_deleted", object_id=str(job.uuid),
                                     fields=["imported"]).count() == 1


def test_dates_of_the_rows_left_out_are_kept_as_the_import_reads_them():
    assert import_actions._json_cell(datetime(1990, 5, 17, 0, 0)) == "17/05/1990"
    assert [import_actions._json_cell(v) for v in ("Ana", 3.5, 7, True, None)] == ["Ana", 3.5, 7, True, None]


def test_the_purge_deletes_what_is_left_of_old_imports_ends_unfinished_ones_and_audits_it(
        world, settings, django_capture_on_commit_callbacks):
    settings.IMPORT_FILE_DAYS = 30
    client = world.client_for(world.coordinator)
    done = checked_job(client, world.center_a, "people", BAD, "hecha.csv")
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, done, consent_on_paper=True, skip_invalid=True)
    waiting = checked_job(client, world.center_a, "people", BAD, "pendiente.csv")
    recent = uploaded_job(client, world.center_a, "people", BAD, "reciente.csv")
    waiting_path = Path(waiting.file.path)
    aged(done, 31)
    aged(waiting, 31)
    aged(recent, 29)

    with django_capture_on_commit_callbacks(execute=True):
        assert import_actions.purge_import_files(actor=None) == 2

    done.refresh_from_db()
    waiting.refresh_from_db()
    recent.refresh_from_db()
    assert done.status == ImportJob.Status.DONE and done.rejected_cells == [] and done.purged_at
    assert waiting.status == ImportJob.Status.FAILED and not waiting.file and not waiting_path.exists()
    assert waiting.error == shown("The file was deleted after %(days)s days without being imported. Upload it "
                                  "again to import it.", days=30)
    assert recent.file and Path(recent.file.path).exists() and recent.purged_at is None
    assert AuditEntry.objects.filter(action="imports.job.rejected_rows_deleted", object_id=str(done.uuid)).exists()
    assert AuditEntry.objects.filter(action="imports.job.file_deleted", object_id=str(waiting.uuid),
                                     fields=["expired"]).exists()

    # What the pages offer now: no download, no columns, no restart; a word on what happened.
    assert client.get(url("imports:job_rejected", done)).status_code == 302
    body = client.get(url("imports:job_detail", done)).content.decode()
    assert url("imports:job_rejected", done) not in body
    with translation.override(django_settings.LANGUAGE_CODE):
        day = date_format(timezone.localtime(done.purged_at), "j M Y")
    assert shown("The file and its rows with problems were deleted on %(date)s, at the end of the time they are "
                 "kept.", date=day) in body
    assert client.get(url("imports:job_mapping", waiting)).status_code == 302
    assert url("imports:job_restart", waiting) not in client.get(url("imports:job_detail", waiting)).content.decode()
    client.post(url("imports:job_restart", waiting))
    waiting.refresh_from_db()
    assert waiting.status == ImportJob.Status.FAILED

    entries = AuditEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        assert import_actions.purge_import_files(actor=None) == 0  # idempotent
    assert AuditEntry.objects.count() == entries


def test_the_purge_leaves_the_file_of_an_import_a_worker_is_running(world):
    client = world.client_for(world.coordinator)
    job = checked_job(client, world.center_a, "people", BAD)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, heartbeat_at=timezone.now())
    aged(job, 40)

    assert import_actions.purge_import_files(actor=None) == 0

    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING and job.file and Path(job.file.path).exists()


def test_the_purge_deletes_old_files_no_import_names(world, settings):
    folder = Path(settings.MEDIA_ROOT) / "imports"
    job = uploaded_job(world.client_for(world.coordinator), world.center_a, "people", BAD)
    old = timezone.now().timestamp() - 31 * 86400
    orphan, progress = folder / "0123abcd.csv", folder / "4567ef.progress"
    for path in (orphan, progress):
        path.write_text("1")
        os.utime(path, (old, old))
    fresh = folder / "89ab.csv"
    fresh.write_text("1")

    import_actions.purge_import_files(actor=None)

    assert not orphan.exists() and not progress.exists()
    assert fresh.exists() and Path(job.file.path).exists()


def test_the_command_purges_and_says_how_many(world):
    job = uploaded_job(world.client_for(world.coordinator), world.center_a, "people", BAD)
    aged(job, 31)
    out = io.StringIO()

    call_command("purge_import_files", stdout=out)

    assert "1 imports older than 30 days purged." in out.getvalue()
    job.refresh_from_db()
    assert job.purged_at is not None and job.status == ImportJob.Status.FAILED


def test_the_files_the_imports_app_writes_are_not_readable_by_other_users(world):
    job = import_actions.start_import(world.center_a, "people", SimpleUploadedFile("lista.csv", BAD),
                                      actor=world.coordinator)
    import_actions.write_progress(job, 10)

    for path in (Path(job.file.path), import_actions._progress_path(job)):
        assert stat.S_IMODE(path.stat().st_mode) & 0o007 == 0, path
    assert import_actions.read_progress(job)[0] == 10
