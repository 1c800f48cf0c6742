"""Imports of people, service deliveries and group attendance from spreadsheets."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from integrhabitat.lib.crypto import EncryptedJSONField
from integrhabitat.network.models import Center, StoredFile


class Kind(models.TextChoices):
    PEOPLE = "people", _("People")
    DELIVERIES = "deliveries", _("Service deliveries")
    ATTENDANCE = "attendance", _("Group attendance")


def _stored_name(instance, filename: str) -> str:
    # Kept for migration 0001; the file is stored through `network.files` now (`ImportJob.stored`).
    # A random name: the person's file name never reaches the disk, and nobody can guess another's.
    suffix = Path(filename).suffix.lower()
    return f"imports/{uuid.uuid4().hex}{suffix if suffix in ('.csv', '.xlsx', '.txt', '.tsv') else ''}"


class ImportJob(models.Model):
    """One file taken in: its reading, column mapping, problems found and the result of the import."""

    class Status(models.TextChoices):
        MAPPING = "mapping", _("Choosing columns")
        VALIDATING = "validating", _("Checking the rows")
        READY = "ready", _("Checked, waiting for confirmation")
        QUEUED = "queued", _("Waiting to be imported")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="import_jobs")
    kind = models.CharField(_("what the file holds"), max_length=12, choices=Kind)
    original_name = models.CharField(_("file name"), max_length=255)
    # The uploaded file while it is kept: deleted once imported, unreadable or too old (`purge_import_files`);
    # the name, size and hash below stay with the job.
    stored = models.OneToOneField(StoredFile, on_delete=models.PROTECT, null=True, blank=True, editable=False,
                                  related_name="import_job")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    file_format = models.CharField(max_length=8, default="csv")
    encoding = models.CharField(max_length=40, blank=True)
    delimiter = models.CharField(max_length=4, blank=True)
    header_row = models.PositiveIntegerField(default=1)
    header = models.JSONField(default=list)
    mapping = models.JSONField(default=dict, blank=True)  # column index (as text) → target field
    options = models.JSONField(default=dict, blank=True)  # skip_invalid, skip_duplicates, consent
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.MAPPING)
    total_rows = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    invalid_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    linked_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)  # rows imported before
    rejected_count = models.PositiveIntegerField(default=0)
    progress = models.PositiveIntegerField(default=0)  # rows done in the current step
    problems = EncryptedJSONField(default=list, blank=True)  # [{row, column, code, params, level}]
    # [[row number, *cells]] of the rows an import left out: their download once the file is deleted.
    rejected_cells = EncryptedJSONField(default=list, blank=True)
    error = models.TextField(blank=True)  # why the last attempt failed, for the user
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the retention period ended: the file and the rows left out were deleted (`purge_import_files`).
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.original_name

    @property
    def file(self) -> FieldFile:
        """The uploaded file; empty (false) once deleted."""
        if self.stored_id is None:
            return FieldFile(None, StoredFile._meta.get_field("file"), "")
        return self.stored.file

    @property
    def is_busy(self) -> bool:
        return self.status in (self.Status.VALIDATING, self.Status.QUEUED, self.Status.RUNNING)

    @property
    def not_record_rows(self) -> int:
        """Rows of totals, notes, separators or a repeated header: skipped, neither valid nor with problems."""
        return self.options.get("not_records", 0)

    @property
    def rows_counted(self) -> bool:
        """False while only the first rows of a long file were read (upload): `total_rows` is a minimum."""
        return self.options.get("rows_counted", True)

    @property
    def rejected_available(self) -> bool:
        """Whether the rows with problems can still be downloaded: from the file, or kept after the import."""
        return self.stored_id is not None or (self.status == self.Status.DONE and bool(self.rejected_cells))

    @property
    def progress_percent(self) -> int:
        return min(100, round(100 * self.progress / self.total_rows)) if self.total_rows else 0


class ColumnMapping(models.Model):
    """The columns chosen for a file with this header, remembered for the next file like it."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind)
    signature = models.CharField(max_length=64)  # sha256 of the folded header
    header = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["center", "kind", "signature"], name="column_mapping_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.signature[:8]}"


class ImportedRow(models.Model):
    """A row already taken in: importing the same row again (the same file, or a file that repeats it)
    creates nothing new."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind)
    fingerprint = models.CharField(max_length=64)
    job = models.ForeignKey(ImportJob, on_delete=models.SET_NULL, null=True, related_name="imported_rows")
    row_number = models.PositiveIntegerField()
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    created = models.BooleanField(default=True)  # False: linked to a person already registered
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["center", "kind", "fingerprint"], name="imported_row_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.fingerprint[:8]}"
