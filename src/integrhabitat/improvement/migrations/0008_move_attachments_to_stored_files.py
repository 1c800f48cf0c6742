"""Data: each practice attachment's file, name, type, size and uploader move to a `network.StoredFile` row
(the file stays where it is on disk: its random name is kept). Reversible: going back copies them home and
deletes the rows."""

import hashlib

from django.db import migrations

PURPOSE = "practice_attachment"


def sha256(field_file) -> str:
    """The hash of a file already stored; empty if it is gone from the disk."""
    digest = hashlib.sha256()
    try:
        with field_file.open("rb") as handle:
            for chunk in handle.chunks():
                digest.update(chunk)
    except (OSError, ValueError):
        return ""
    return digest.hexdigest()


def to_stored_files(apps, schema_editor):
    PracticeAttachment = apps.get_model("improvement", "PracticeAttachment")
    StoredFile = apps.get_model("network", "StoredFile")
    attachments = PracticeAttachment.objects.filter(stored__isnull=True).select_related("practice")
    for attachment in attachments.order_by("pk").iterator(chunk_size=500):
        attachment.stored = StoredFile.objects.create(
            center_id=attachment.practice.center_id, purpose=PURPOSE, file=attachment.file.name,
            name=attachment.name, content_type=attachment.content_type, size=attachment.size,
            sha256=sha256(attachment.file), uploaded_by_id=attachment.uploaded_by_id,
            uploaded_at=attachment.uploaded_at,
        )
        attachment.save(update_fields=["stored"])


def from_stored_files(apps, schema_editor):
    PracticeAttachment = apps.get_model("improvement", "PracticeAttachment")
    StoredFile = apps.get_model("network", "StoredFile")
    attachments = PracticeAttachment.objects.filter(stored__isnull=False).select_related("stored")
    for attachment in attachments.order_by("pk").iterator(chunk_size=500):
        stored = attachment.stored
        attachment.file, attachment.name = stored.file.name, stored.name[:200]
        attachment.content_type, attachment.size = stored.content_type, stored.size
        attachment.uploaded_by_id, attachment.uploaded_at = stored.uploaded_by_id, stored.uploaded_at
        attachment.stored = None
        attachment.save()
        stored.delete()
    StoredFile.objects.filter(purpose=PURPOSE).delete()  # none should be left: a file no attachment held


class Migration(migrations.Migration):

    dependencies = [
        ('improvement', '0007_add_practiceattachment_stored'),
    ]

    operations = [
        migrations.RunPython(to_stored_files, from_stored_files),
    ]
