"""Large files run in the background through the real database task backend; a failure or a dead worker
leaves nothing half saved, and the import can be started again."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from integrhabitat.imports import services as import_actions
from integrhabitat.imports import tasks
from integrhabitat.imports.models import ImportedRow, ImportJob
from integrhabitat.imports.tests.helpers import confirm, map_columns, uploaded_job
from integrhabitat.people import services as people_actions
from integrhabitat.people.models import Participant

CONTENT = ("Nombres;Apellidos;Fecha de nacimiento\n" + "".join(
    f"Persona{i};Apellido{i};0{i % 9 + 1}/0{i % 9 + 1}/19{70 + i}\n" for i in range(6))).encode()


@pytest.fixture
def background(monkeypatch):
    monkeypatch.setattr(tasks, "INLINE_MAX_ROWS", 2)
    # The worker recycles its database connection between tasks; here that connection holds the test's
    # transaction (PostgreSQL would lose it), so the worker keeps it. Everything else is the real worker.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker():
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


def page(client, job):
    return client.get(reverse("imports:job_detail", kwargs={"center": job.center.slug, "job_id": job.uuid}))


def restart_button_shown(client, job) -> bool:
    return reverse("imports:job_restart", kwargs={"center": job.center.slug, "job_id": job.uuid}) in page(
        client, job).content.decode()


def test_a_large_file_is_checked_and_imported_by_the_worker_with_progress_shown(world, background):
    client = world.client_for(world.coordinator)
    before = Participant.objects.count()
    job = uploaded_job(client, world.center_a, "people", CONTENT)
    map_columns(client, job)
    job.refresh_from_db()

    assert job.status == ImportJob.Status.VALIDATING and job.task_id
    body = page(client, job).content.decode()
    assert 'hx-trigger="every 3s"' in body and "<progress" in body

    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY and job.valid_rows == 6

    confirm(client, job, consent_on_paper=True)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED
    assert Participant.objects.count() == before

    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.created_count == 6
    assert Participant.objects.count() == before + 6
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2


def test_a_failure_in_the_middle_leaves_nothing_and_the_import_can_be_restarted(world, background, monkeypatch):
    client = world.client_for(world.coordinator)
    before = Participant.objects.count()
    job = uploaded_job(client, world.center_a, "people", CONTENT)
    map_columns(client, job)
    run_worker()
    job.refresh_from_db()
    confirm(client, job, consent_on_paper=True)
    monkeypatch.setattr(import_actions, "BATCH_SIZE", 3)
    real = people_actions.register_participants
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return real(*args, **kwargs)

    monkeypatch.setattr(people_actions, "register_participants", failing)
    run_worker()

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.error
    assert len(calls) == 2
    assert Participant.objects.count() == before  # the three registered before the failure are gone too
    assert not ImportedRow.objects.exists()
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    assert restart_button_shown(client, job)

    monkeypatch.setattr(people_actions, "register_participants", real)
    client.post(reverse("imports:job_restart", kwargs={"center": job.center.slug, "job_id": job.uuid}))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED
    run_worker()

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.created_count == 6
    assert Participant.objects.count() == before + 6


def test_a_small_file_that_fails_inline_shows_the_failure_instead_of_an_error_page(world, monkeypatch):
    client = world.client_for(world.coordinator)
    job = uploaded_job(client, world.center_a, "people", CONTENT)
    map_columns(client, job)
    job.refresh_from_db()
    monkeypatch.setattr(people_actions, "register_participants", lambda *a, **k: 1 / 0)
    before = Participant.objects.count()

    response = confirm(client, job, consent_on_paper=True)

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert Participant.objects.count() == before


def test_a_job_whose_worker_died_can_be_restarted_once_it_is_silent(world, background):
    client = world.client_for(world.coordinator)
    job = uploaded_job(client, world.center_a, "people", CONTENT)
    map_columns(client, job)
    run_worker()
    job.refresh_from_db()
    confirm(client, job, consent_on_paper=True)
    # The worker claimed it and was killed: the job says running, and nothing was committed.
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, started_at=timezone.now(),
                                               heartbeat_at=timezone.now())
    DBTaskResult.objects.update(status="RUNNING")
    restart = reverse("imports:job_restart", kwargs={"center": job.center.slug, "job_id": job.uuid})

    client.post(restart)  # too early: it may still be working
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING

    silent = timezone.now() - import_actions.STALE_AFTER - timedelta(minutes=1)
    ImportJob.objects.filter(pk=job.pk).update(started_at=silent, heartbeat_at=silent)
    assert restart_button_shown(client, job)
    client.post(restart)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED
    run_worker()

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.created_count == 6
