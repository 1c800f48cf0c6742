"""Data: each agreement document's file, name, type, size and uploader move to a `network.StoredFile` row
(the file stays where it is on disk: its random name is kept). Reversible: going back copies them home and
deletes the rows."""

import hashlib

from django.db import migrations

PURPOSE = "agreement_document"


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
    AgreementDocument = apps.get_model("partners", "AgreementDocument")
    StoredFile = apps.get_model("network", "StoredFile")
    documents = AgreementDocument.objects.filter(stored__isnull=True).select_related("agreement")
    for document in documents.order_by("pk").iterator(chunk_size=500):
        document.stored = StoredFile.objects.create(
            center_id=document.agreement.center_id, purpose=PURPOSE, file=document.file.name, name=document.name,
            content_type=document.content_type, size=document.size, sha256=sha256(document.file),
            uploaded_by_id=document.uploaded_by_id, uploaded_at=document.uploaded_at,
        )
        document.save(update_fields=["stored"])


def from_stored_files(apps, schema_editor):
    AgreementDocument = apps.get_model("partners", "AgreementDocument")
    StoredFile = apps.get_model("network", "StoredFile")
    documents = AgreementDocument.objects.filter(stored__isnull=False).select_related("stored")
    for document in documents.order_by("pk").iterator(chunk_size=500):
        stored = document.stored
        document.file, document.name, document.content_type = stored.file.name, stored.name[:200], stored.content_type
        document.size, document.uploaded_by_id, document.uploaded_at = stored.size, stored.uploaded_by_id, stored.uploaded_at
        document.stored = None
        document.save()
        stored.delete()
    StoredFile.objects.filter(purpose=PURPOSE).delete()  # none should be left: a file no document held


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0003_add_agreementdocument_stored'),
    ]

    operations = [
        migrations.RunPython(to_stored_files, from_stored_files),
    ]
