"""The background side of imports: Django's tasks framework, run by `integrhabitat db_worker`."""

import logging

from django.tasks import task

from integrhabitat.imports.models import ImportJob
from integrhabitat.imports.services import INLINE_MAX_ROWS, run_step

logger = logging.getLogger(__name__)


@task()
def run_import(job_id: str, step: str) -> dict:
    """Check (`validate`) or import (`commit`) the rows of one job."""
    job = ImportJob.objects.select_related("center").get(uuid=job_id)
    job = run_step(job, step)
    return {"status": job.status, "created": job.created_count, "linked": job.linked_count}


def schedule(job: ImportJob, step: str) -> ImportJob:
    """Run a small file's step now; queue a large one's for the worker (the page then shows its progress)."""
    if job.total_rows <= INLINE_MAX_ROWS and job.rows_counted:
        try:
            return run_step(job, step)
        except Exception:
            # The step marked the job failed and saved nothing of it; the page says so and offers a restart.
            logger.exception("Import %s failed in step %s", job.uuid, step)
            job.refresh_from_db()
            return job
    result = run_import.enqueue(str(job.uuid), step)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job
