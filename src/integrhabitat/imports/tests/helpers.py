"""Helpers for the import tests: upload a file through the pages and walk the steps."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integrhabitat.imports.models import ImportJob


def upload(client, center, kind: str, content: bytes, name: str = "lista.csv"):
    return client.post(reverse("imports:start", kwargs={"center": center.slug}),
                       {"kind": kind, "file": SimpleUploadedFile(name, content)})


def uploaded_job(client, center, kind: str, content: bytes, name: str = "lista.csv") -> ImportJob:
    response = upload(client, center, kind, content, name)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportJob.objects.filter(center=center).latest("created_at")


def map_columns(client, job: ImportJob, mapping: dict[str, str] | None = None):
    """Post the mapping form: the suggested columns, or `mapping` ({column title: field})."""
    data = {"submitted": "1"}
    for index, title in enumerate(job.header):
        data[f"col_{index}"] = (mapping.get(title, "") if mapping is not None else job.mapping.get(str(index), ""))
    return client.post(reverse("imports:job_mapping", kwargs={"center": job.center.slug, "job_id": job.uuid}), data)


def confirm(client, job: ImportJob, **options):
    data = {name: "on" for name, value in options.items() if value}
    return client.post(reverse("imports:job_commit", kwargs={"center": job.center.slug, "job_id": job.uuid}), data)


def checked_job(client, center, kind: str, content: bytes, name: str = "lista.csv") -> ImportJob:
    job = uploaded_job(client, center, kind, content, name)
    response = map_columns(client, job)
    assert response.status_code == 302, response.content.decode()[:3000]
    job.refresh_from_db()
    return job


def imported_job(client, center, kind: str, content: bytes, name: str = "lista.csv", **options) -> ImportJob:
    job = checked_job(client, center, kind, content, name)
    if kind == "people":
        options.setdefault("consent_on_paper", True)
    confirm(client, job, **options)
    job.refresh_from_db()
    return job
