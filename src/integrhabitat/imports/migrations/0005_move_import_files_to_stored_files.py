"""Data: the file of each import that still keeps one moves to a `network.StoredFile` row (it stays where it
is on disk: its random name is kept); the job keeps its name, size and hash. Reversible: going back puts the
file's name back on the job and deletes the rows."""

from django.db import migrations

PURPOSE = "import"
CONTENT_TYPES = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def to_stored_files(apps, schema_editor):
    ImportJob = apps.get_model("imports", "ImportJob")
    StoredFile = apps.get_model("network", "StoredFile")
    jobs = ImportJob.objects.filter(stored__isnull=True).exclude(file="").only(
        "center_id", "original_name", "file", "file_format", "size", "sha256", "created_by_id", "created_at")
    for job in jobs.order_by("pk").iterator(chunk_size=500):
        job.stored = StoredFile.objects.create(
            center_id=job.center_id, purpose=PURPOSE, file=job.file.name, name=job.original_name,
            content_type=CONTENT_TYPES.get(job.file_format, "application/octet-stream"), size=job.size,
            sha256=job.sha256, uploaded_by_id=job.created_by_id, uploaded_at=job.created_at,
        )
        job.save(update_fields=["stored"])


def from_stored_files(apps, schema_editor):
    ImportJob = apps.get_model("imports", "ImportJob")
    StoredFile = apps.get_model("network", "StoredFile")
    jobs = ImportJob.objects.filter(stored__isnull=False).select_related("stored").only("stored", "file")
    for job in jobs.order_by("pk").iterator(chunk_size=500):
        stored = job.stored
        job.file, job.stored = stored.file.name, None
        job.save(update_fields=["file", "stored"])
        stored.delete()
    StoredFile.objects.filter(purpose=PURPOSE).delete()  # none should be left: a file no import held


class Migration(migrations.Migration):

    dependencies = [
        ('imports', '0004_add_importjob_stored'),
    ]

    operations = [
        migrations.RunPython(to_stored_files, from_stored_files),
    ]
