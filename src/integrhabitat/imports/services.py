"""The steps of an import: take the file in, remember its columns, check its rows, import them.

The import itself runs in one transaction: a failure, or a worker killed halfway, leaves nothing of
it, and the job can be started again. Rows taken in are remembered by fingerprint (`ImportedRow`), so
importing the same file again creates nothing new. Large files run as a background task
(`imports.tasks.run_import`); progress goes to a small file next to the upload, because the rows
done so far sit in a transaction nobody else can see yet.

The request that takes a file in reads only its first rows (what choosing the columns needs); the whole
file is read when its rows are checked, in the worker for a long one. The uploaded file is deleted once
the import is done (the rows it left out are kept with the job for their download) or the file turns out
unreadable; `purge_import_files` deletes what is left after `IMPORT_FILE_DAYS` days.
"""

import hashlib
import os
import uuid
from collections.abc import Iterator
from contextlib import closing, suppress
from datetime import timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import services as audit
from integrhabitat.communities import services as community_actions
from integrhabitat.communities.models import Session
from integrhabitat.imports.models import ColumnMapping, ImportedRow, ImportJob, Kind
from integrhabitat.imports.reading import UnreadableFile, as_text, read_rows, read_table
from integrhabitat.imports.rows import (
    ERROR,
    NOT_A_RECORD,
    PERSON_FIELDS,
    SENSITIVE_TARGETS,
    Checker,
    RowCheck,
    header_signature,
    suggest_mapping,
)
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.text import fold
from integrhabitat.network import files
from integrhabitat.network.models import StoredFile
from integrhabitat.people import services as people_actions
from integrhabitat.people.models import Consent, Participant
from integrhabitat.services import services as service_actions

INLINE_MAX_ROWS = 300  # larger files are checked and imported by the background worker
STALE_AFTER = timedelta(minutes=5)  # a running job silent this long lost its worker: it may be restarted
PROGRESS_EVERY = 100
BATCH_SIZE = 1000  # rows taken in per batch of inserts while importing
# What confirming the import states for every person on the list (`consent_on_paper`).
IMPORT_CONSENT = {"purpose": Consent.Purpose.DATA_PROCESSING, "given_by": Consent.GivenBy.SELF,
                  "method": Consent.Method.SIGNED}
MAX_STORED_PROBLEMS = 20_000
CONTENT_TYPES = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def max_bytes() -> int:
    return settings.IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.IMPORT_MAX_ROWS


def file_days() -> int:
    return settings.IMPORT_FILE_DAYS


# --- Upload and mapping -------------------------------------------------------------------------------

def start_import(center, kind: str, upload, *, actor, sensitive: bool = False) -> ImportJob:
    """Read the uploaded file (refusing what is not a readable spreadsheet, or too big) and keep it for
    the next steps, with the columns suggested or remembered from a file with the same header (the
    confidential ones only when `sensitive`: the role may write them)."""
    if upload.size > max_bytes():
        raise UnreadableFile(_("The file is larger than %(size)s MB. Split it into smaller files.")
                             % {"size": max_bytes() // (1024 * 1024) or 1})
    content = upload.read()
    # A long file is counted (and refused when too long) when its rows are checked, in the worker.
    table = read_table(upload.name, content, max_rows=max_rows(), head=INLINE_MAX_ROWS)
    if not table.rows:
        raise UnreadableFile(_("The file has a header but no rows."))
    signature = header_signature(table.header)
    remembered = ColumnMapping.objects.filter(center=center, kind=kind, signature=signature).first()
    mapping = remembered.mapping if remembered else suggest_mapping(table.header, kind, sensitive=sensitive)
    mapping = {index: target for index, target in mapping.items() if sensitive or target not in SENSITIVE_TARGETS}
    with transaction.atomic():
        job = ImportJob(
            center=center, kind=kind, original_name=files.safe_name(upload.name, default="file")[:255],
            sha256=hashlib.sha256(content).hexdigest(), size=len(content), file_format=table.format,
            encoding=table.encoding, delimiter=table.delimiter, header_row=table.header_row, header=table.header,
            mapping=mapping, total_rows=len(table.rows), created_by=actor,
            options={"remembered": remembered is not None, "columns": table.columns,
                     "rows_counted": table.complete},
        )
        # The content was recognised by reading it (`read_table`), stricter than sniffing a CSV could be.
        job.stored = files.store(ContentFile(content, name=upload.name), center=center,
                                 purpose=StoredFile.Purpose.IMPORT, folder="imports", actor=actor,
                                 content_type=CONTENT_TYPES[table.format], name=job.original_name)
        job.save()
        audit.record("imports.job.uploaded", job, actor=actor, fields=[kind])
    return job


@transaction.atomic
def save_mapping(job: ImportJob, mapping: dict[str, str], *, actor, choices: dict | None = None,
                 sensitive: bool = False) -> ImportJob:
    """Keep the chosen columns for this job and for the next file of the center with the same header, and
    the `choices` made for the whole file (`rows.Checker`). Confidential columns only when `sensitive`."""
    job.mapping = {index: target for index, target in mapping.items()
                   if target and (sensitive or target not in SENSITIVE_TARGETS)}
    job.options = {**job.options, "choices": choices or {}}
    job.status = ImportJob.Status.VALIDATING
    job.progress = 0
    job.error = ""
    job.save(update_fields=["mapping", "options", "status", "progress", "error"])
    ColumnMapping.objects.update_or_create(
        center=job.center, kind=job.kind, signature=header_signature(job.header),
        defaults={"header": job.header, "mapping": job.mapping},
    )
    audit.record("imports.job.mapped", job, actor=actor, fields=sorted(job.mapping.values()))
    return job


def rows_of(job: ImportJob) -> Iterator[tuple[int, list[Any]]]:
    """The data rows of the job's file, cut to its header's columns, read one at a time."""
    if job.stored_id is None:
        raise UnreadableFile(_("The file of this import is no longer kept. Upload it again."))
    with job.file.open("rb") as stored:
        content = stored.read()
    name = job.original_name if job.file_format == "csv" else "file.xlsx"
    limit = max(max_rows(), job.total_rows)
    if "columns" not in job.options:  # uploaded before the columns were kept with the job
        return (row for row in read_table(name, content, max_rows=limit).rows)
    return read_rows(name, content, header_row=job.header_row, columns=job.options["columns"], max_rows=limit)


def sample_rows(job: ImportJob, count: int) -> list[list[Any]]:
    """The cells of the first `count` rows (for choosing the columns), without reading the rest."""
    with closing(rows_of(job)) as rows:
        return [cells for _number, cells in islice(rows, count)]


def _forget_file(job: ImportJob, *, actor, reason: str) -> None:
    """Let go of the job's uploaded file: its row now, the file itself once the transaction commits."""
    if job.stored_id is None:
        return
    stored = job.stored
    job.stored = None
    ImportJob.objects.filter(pk=job.pk).update(stored=None)
    files.delete(stored)
    audit.record("imports.job.file_deleted", job, actor=actor, fields=[reason])


# --- Progress (outside the import's transaction) ------------------------------------------------------

def _progress_path(job: ImportJob) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / f"{job.uuid.hex}.progress"


def write_progress(job: ImportJob, done: int) -> None:
    path = _progress_path(job)
    path.parent.mkdir(mode=0o750, parents=True, exist_ok=True)
    # Not readable by other users of the machine, like the uploads (FILE_UPLOAD_PERMISSIONS).
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
    with os.fdopen(descriptor, "w") as progress:
        progress.write(str(done))


def read_progress(job: ImportJob) -> tuple[int, float | None]:
    """Rows done and the time of the last progress (as a timestamp), from the progress file."""
    path = _progress_path(job)
    try:
        return int(path.read_text() or 0), path.stat().st_mtime
    except (OSError, ValueError):
        return job.progress, None


def is_stale(job: ImportJob) -> bool:
    """Busy but silent for too long: its worker died (killed, machine restarted)."""
    if not job.is_busy:
        return False
    _done, mtime = read_progress(job)
    moments = [m for m in (job.heartbeat_at, job.started_at) if m is not None]
    if mtime is not None:
        moments.append(timezone.datetime.fromtimestamp(mtime, tz=timezone.UTC))
    last = max(moments) if moments else job.created_at
    return timezone.now() - last > STALE_AFTER


# --- Checking -----------------------------------------------------------------------------------------

def check_rows(job: ImportJob, rows: list[tuple[int, list[Any]]], *, on_row=None,
               check_duplicates: bool = True) -> list[RowCheck]:
    checker = Checker(job.center, job.kind, job.header, job.mapping, check_duplicates=check_duplicates,
                      choices=job.options.get("choices"), sensitive=True)  # confidential columns: see save_mapping
    checks = []
    for done, (number, cells) in enumerate(rows, start=1):
        checks.append(checker.check(number, cells))
        if on_row is not None:
            on_row(done)
    return checks


def validate_job(job: ImportJob) -> ImportJob:
    """Check every row and keep the problems found (the preview)."""
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.VALIDATING, started_at=now, heartbeat_at=now,
                                               progress=0)

    def on_row(done):
        if done % PROGRESS_EVERY == 0:
            ImportJob.objects.filter(pk=job.pk).update(progress=done, heartbeat_at=timezone.now())

    try:
        rows = list(rows_of(job))
    except UnreadableFile as error:  # too long, or damaged further down than the upload read
        with transaction.atomic():
            job.status, job.error, job.finished_at = ImportJob.Status.FAILED, str(error.message), timezone.now()
            _forget_file(job, actor=None, reason="unreadable")
            job.save(update_fields=["status", "error", "finished_at", "stored"])
        return job
    if not job.rows_counted:
        job.total_rows, job.options = len(rows), {**job.options, "rows_counted": True}
        ImportJob.objects.filter(pk=job.pk).update(total_rows=job.total_rows, options=job.options)
    checks = check_rows(job, rows, on_row=on_row)
    problems = [p for check in checks for p in check.problems]
    job.problems = problems[:MAX_STORED_PROBLEMS]
    not_records = sum(1 for c in checks if c.outcome == NOT_A_RECORD)
    job.valid_rows = sum(1 for c in checks if c.is_valid) - not_records
    job.invalid_rows = len(checks) - job.valid_rows - not_records
    # An attendance list may name people not registered yet: importing it registers them.
    new_people = sum(1 for c in checks if c.is_valid and c.outcome == "create" and c.person is None
                     and job.kind == Kind.ATTENDANCE)
    job.options = {**job.options, "not_records": not_records, "new_people": new_people}
    job.total_rows = len(checks)
    job.progress = len(checks)
    job.status = ImportJob.Status.READY
    job.finished_at = None
    job.save(update_fields=["problems", "valid_rows", "invalid_rows", "options", "total_rows", "progress", "status",
                            "finished_at"])
    return job


# --- Importing ----------------------------------------------------------------------------------------

def confirm_import(job: ImportJob, *, actor, skip_invalid: bool, skip_duplicates: bool,
                   consent_on_paper: bool, sensitive: bool = False) -> ImportJob:
    """Record the choices and queue the import (the caller runs it inline or in the background).
    `sensitive`: the confirming role may write confidential fields (required when columns fill them)."""
    if not sensitive and SENSITIVE_TARGETS & set(job.mapping.values()):
        raise Refused(_("This import fills confidential fields, which your role may not write."))
    if (job.kind == Kind.PEOPLE or job.options.get("new_people")) and not consent_on_paper:
        raise Refused(_("Confirm that the people on the list gave their consent to the processing of their data."))
    if job.invalid_rows and not skip_invalid:
        raise Refused(_("Some rows have problems. Correct the file and upload it again, or choose to import only "
                        "the valid rows."))
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.READY).update(
        status=ImportJob.Status.QUEUED, options={**job.options, "skip_invalid": skip_invalid,
                                                 "skip_duplicates": skip_duplicates,
                                                 "consent_on_paper": consent_on_paper,
                                                 "confirmed_by": actor.pk if actor else None},
        heartbeat_at=timezone.now(), error="",
    )
    if not updated:
        raise Refused(_("This import is already running or finished."))
    job.refresh_from_db()
    return job


def restart_job(job: ImportJob, *, actor) -> ImportJob:
    """Start again a job that failed, or whose worker died: nothing of it was saved."""
    if not (job.status == ImportJob.Status.FAILED or is_stale(job)) or job.stored_id is None:
        raise Refused(_("This import cannot be restarted now."))
    step = "validate" if job.status == ImportJob.Status.VALIDATING or not job.options.get("confirmed_by") else "commit"
    status = ImportJob.Status.VALIDATING if step == "validate" else ImportJob.Status.QUEUED
    ImportJob.objects.filter(pk=job.pk).update(status=status, error="", progress=0, heartbeat_at=timezone.now(),
                                               started_at=None, finished_at=None)
    _progress_path(job).unlink(missing_ok=True)
    audit.record("imports.job.restarted", job, actor=actor)
    job.refresh_from_db()
    return job


def commit_job(job: ImportJob) -> ImportJob:
    """Import the checked rows, all in one transaction. All or nothing by default; with `skip_invalid`
    the rows with problems (and, with `skip_duplicates`, the look-alikes) are left out and listed."""
    from integrhabitat.accounts.models import User

    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now(), progress=0)
    if not claimed:
        return ImportJob.objects.get(pk=job.pk)
    job.refresh_from_db()
    actor = User.objects.filter(pk=job.options.get("confirmed_by")).first()
    write_progress(job, 0)
    try:
        with transaction.atomic():
            result = _commit_rows(job, actor)
    except Exception as error:
        expected = isinstance(error, (Refused, UnreadableFile))
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, finished_at=timezone.now(),
            error=str(error.message if expected else _("Unexpected error: nothing was imported.")),
        )
        job.refresh_from_db()
        if expected:
            return job
        raise
    finally:
        _progress_path(job).unlink(missing_ok=True)
    job.refresh_from_db()
    return result


def _commit_rows(job: ImportJob, actor) -> ImportJob:
    options = job.options
    # The look-alike search is slow and only matters here when the user chose to leave look-alikes out.
    rows = list(rows_of(job))
    checks = check_rows(job, rows, check_duplicates=bool(options.get("skip_duplicates")))
    skipped: list[RowCheck] = []
    todo: list[RowCheck] = []
    for check in checks:
        if not check.is_valid or (options.get("skip_duplicates") and check.has_duplicate_warning):
            skipped.append(check)
        else:
            todo.append(check)
    if any(not c.is_valid for c in checks) and not options.get("skip_invalid"):
        raise Refused(_("Some rows have problems: nothing was imported."))
    counts = {"created": 0, "linked": 0, "unchanged": 0, "registered": 0, "absent": 0}
    importer = _Importer(job, actor, counts)
    for done, check in enumerate(todo, start=1):
        importer.take(check)
        if done % BATCH_SIZE == 0:
            importer.flush()
            write_progress(job, done)
    importer.finish()
    rejected = [{"row": c.number, "problems": [p for p in c.problems if p["level"] == ERROR]
                 or [p for p in c.problems if p["code"] == "possible_duplicate"]} for c in skipped]
    found = [p for c in checks for p in c.problems]
    if not options.get("skip_duplicates"):  # not searched again: keep the preview's look-alike warnings
        found += [p for p in job.problems if p["code"] == "possible_duplicate"]
    job.problems = sorted(found, key=lambda p: p["row"])[:MAX_STORED_PROBLEMS]
    job.options = {**options, "rejected_rows": [r["row"] for r in rejected], "registered": counts["registered"],
                   "absent": counts["absent"]}
    left_out = {r["row"] for r in rejected}
    job.rejected_cells = [[number, *(_json_cell(cell) for cell in cells)] for number, cells in rows
                          if number in left_out]
    job.created_count, job.linked_count, job.unchanged_count = counts["created"], counts["linked"], counts["unchanged"]
    job.rejected_count = len(skipped)
    job.progress = len(todo)
    job.status = ImportJob.Status.DONE
    job.finished_at = timezone.now()
    audit.record("imports.job.imported", job, actor=actor, fields=[
        job.kind, f"created:{job.created_count}", f"linked:{job.linked_count}",
        f"unchanged:{job.unchanged_count}", f"rejected:{job.rejected_count}", f"registered:{counts['registered']}",
        f"absent:{counts['absent']}",
    ])
    _forget_file(job, actor=actor, reason="imported")
    job.save()
    return job


def _json_cell(value: Any) -> Any:
    """A cell as the JSON of `rejected_cells` holds it: text, numbers and booleans as they are; dates as
    `dd/mm/yyyy` (which the import reads back)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        return value
    return as_text(value)


class _Importer:
    """Takes valid rows in through the apps' own services, remembering each row's fingerprint.

    New people and the rows' fingerprints wait in memory and are written a batch at a time (`flush`):
    a few inserts per thousand rows instead of several queries per row."""

    def __init__(self, job: ImportJob, actor, counts: dict):
        self.job, self.actor, self.counts = job, actor, counts
        self.center = job.center
        self.people_by_row: dict[int, Participant] = {}
        self.sessions: dict[tuple, list[tuple[RowCheck, Participant]]] = {}
        self.waiting: dict[int, dict] = {}  # row number → data of a person to register at the next flush
        self.remembered: list[tuple[RowCheck, Any, bool]] = []
        self.households: dict[str, Any] = {}  # the household column's text (folded) → the household

    def _remember(self, check: RowCheck, obj, *, created: bool) -> None:
        """Keep the row's fingerprint for the next flush; `obj` None: the person its row (or, linked,
        its earlier row) registers at that flush."""
        self.remembered.append((check, obj, created))

    def flush(self) -> None:
        """Write the people waiting (then their households), then the fingerprints of the rows taken since
        the last flush."""
        if self.waiting:
            rows = list(self.waiting.values())
            people = people_actions.register_participants(
                self.center, [{k: v for k, v in data.items() if k in PERSON_FIELDS} for data in rows],
                consent=IMPORT_CONSENT, actor=self.actor, guardians=[data.get("guardian", "") for data in rows])
            self.people_by_row.update(zip(self.waiting, people, strict=True))
            for data, person in zip(rows, people, strict=True):
                self._join_household(person, data)
            self.waiting = {}
        rows = []
        for check, obj, created in self.remembered:
            if obj is None:
                obj = self.people_by_row[check.number if created else check.same_as_row]
            rows.append(ImportedRow(center=self.center, kind=self.job.kind, fingerprint=check.fingerprint,
                                    job=self.job, row_number=check.number, object_type=obj._meta.label_lower,
                                    object_id=str(getattr(obj, "uuid", obj.pk)), created=created))
        ImportedRow.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.remembered = []

    def _join_household(self, person: Participant, data: dict) -> None:
        """People of the file with the same text in the household column live together: the first one
        starts the household (with the address), the others join it."""
        key = fold(data.get("household", ""))
        if not key:
            return
        household = self.households.get(key)
        if household is None:
            self.households[key] = people_actions.create_household(person, actor=self.actor,
                                                                   address=data.get("address", ""))
        else:
            people_actions.add_household_member(household, person, "", actor=self.actor)

    def take(self, check: RowCheck) -> None:
        if check.outcome == NOT_A_RECORD:
            return
        if check.outcome in ("unchanged", "repeated"):
            self.counts["unchanged"] += 1
            return
        getattr(self, f"_take_{self.job.kind}")(check)

    def _take_people(self, check: RowCheck) -> None:
        person = check.person or self.people_by_row.get(check.same_as_row)
        # The earlier row may have been left out, or be waiting to be registered at the next flush.
        if check.outcome == "link" and (person is not None or check.same_as_row in self.waiting):
            self.counts["linked"] += 1
            self._remember(check, person, created=False)
            return
        self.waiting[check.number] = {k: v for k, v in check.values.items() if not k.endswith("_obj")}
        self.counts["created"] += 1
        self._remember(check, None, created=True)

    def _take_deliveries(self, check: RowCheck) -> None:
        values = check.values
        # The row's fingerprint is the submission token: even without `ImportedRow` it is recorded once.
        submission = uuid.uuid5(uuid.NAMESPACE_URL, f"integrhabitat-import:{self.center.pk}:{check.fingerprint}")
        deliveries = service_actions.record_deliveries(
            self.center, values["service_obj"], [check.person], delivered_on=values["date"],
            quantity=values.get("quantity", 1), note=values.get("note", ""), actor=self.actor, submission=submission,
            channel=values.get("channel"),
        )
        self.counts["created"] += len(deliveries)
        if deliveries:
            self._remember(check, deliveries[0], created=True)

    def _take_attendance(self, check: RowCheck) -> None:
        values = check.values
        if check.person is None and check.outcome == "create":  # a new attendee: registered at the flush
            self.waiting[check.number] = {k: v for k, v in values.items() if k in PERSON_FIELDS}
            self.counts["registered"] += 1
        key = (values["group_obj"].pk, values["date"], values.get("session", ""))
        self.sessions.setdefault(key, []).append(check)

    def _person_of(self, check: RowCheck) -> Participant | None:
        return check.person or self.people_by_row.get(check.number) or self.people_by_row.get(check.same_as_row)

    def finish(self) -> None:
        self.flush()  # the new attendees first
        for (_group_pk, day, topic), checks in self.sessions.items():
            group = checks[0].values["group_obj"]
            sessions = Session.objects.filter(group=group, date=day)
            if topic:
                sessions = sessions.filter(topic__iexact=topic)
            session = sessions.first() or community_actions.schedule_session(group, date=day, topic=topic,
                                                                             actor=self.actor)
            present = list(Participant.objects.filter(attendances__session=session))
            already = {p.pk for p in present}
            came = {person.pk: person for check in checks if check.values.get("attended") is not False
                    and (person := self._person_of(check)) is not None and person.pk not in already}
            community_actions.take_attendance(session, [*present, *came.values()], actor=self.actor)
            self.counts["created"] += len(came)
            self.counts["absent"] += sum(1 for check in checks if check.values.get("attended") is False)
            for person in {p.pk: p for c in checks if (p := self._person_of(c)) is not None}.values():
                # An attendance list is also the group's list of members (a finished group takes none).
                with suppress(Refused):
                    community_actions.join_group(group, person, actor=self.actor)
            for check in checks:
                self._remember(check, session, created=True)
        self.flush()


def rejected_rows(job: ImportJob) -> tuple[list[str], list[list]]:
    """The header and the rows left out (or, before the import, the rows with problems), each with its
    row number and the reasons, for the user to correct and upload again."""
    from integrhabitat.imports.rows import problem_message

    wanted = set(job.options.get("rejected_rows") or [])
    by_row: dict[int, list[str]] = {}
    for problem in job.problems:
        if problem["level"] == ERROR or (problem["row"] in wanted and problem["code"] == "possible_duplicate"):
            text = problem_message(problem)
            by_row.setdefault(problem["row"], []).append(f"{problem['column']}: {text}" if problem["column"]
                                                         else text)
    header = [str(_("Row")), *job.header, str(_("Problems"))]
    if job.status == ImportJob.Status.DONE and job.stored_id is None:
        if not job.rejected_cells and job.rejected_count:
            raise UnreadableFile(_("The rows with problems are no longer kept."))
        found = ((number, cells) for number, *cells in job.rejected_cells)
    else:
        if job.status != ImportJob.Status.DONE:
            wanted = set(by_row)
        found = ((number, cells) for number, cells in rows_of(job) if number in wanted)
    return header, [[number, *cells, " | ".join(by_row.get(number, []))] for number, cells in found]


# --- Retention ----------------------------------------------------------------------------------------

def purge_import_files(*, actor=None, now=None, days: int | None = None) -> int:
    """Delete the uploaded files and the rows left out of the imports uploaded more than `days` (the
    network's retention rule; `IMPORT_FILE_DAYS` by default) days ago, and files of the imports folder that
    no import names (a failed upload, a killed worker's progress). An import not finished by then ends: it
    can no longer be imported. Idempotent: a job is purged once (`purged_at`). The number of imports purged."""
    now = now or timezone.now()
    days = file_days() if days is None else days
    cutoff = now - timedelta(days=days)
    purged = 0
    for job in ImportJob.objects.filter(created_at__lt=cutoff, purged_at__isnull=True).order_by("pk").iterator():
        if job.is_busy and not is_stale(job):
            continue  # a worker is reading it
        with transaction.atomic():
            fields = ["purged_at", "stored", "rejected_cells"]
            if job.rejected_cells:
                audit.record("imports.job.rejected_rows_deleted", job, actor=actor, fields=["expired"])
            _forget_file(job, actor=actor, reason="expired")
            job.rejected_cells, job.purged_at = [], now
            if job.status != ImportJob.Status.DONE:
                job.status, job.finished_at = ImportJob.Status.FAILED, job.finished_at or now
                job.error = str(_("The file was deleted after %(days)s days without being imported. Upload it "
                                  "again to import it.") % {"days": days})
                fields += ["status", "finished_at", "error"]
            job.save(update_fields=fields)
            _progress_path(job).unlink(missing_ok=True)
        purged += 1
    _purge_unnamed_files(cutoff)
    return purged


def _purge_unnamed_files(cutoff) -> None:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    if not folder.is_dir():
        return
    named = {Path(name).name for name in StoredFile.objects.filter(purpose=StoredFile.Purpose.IMPORT)
             .values_list("file", flat=True)}
    named |= {f"{job_uuid.hex}.progress" for job_uuid in ImportJob.objects.filter(
        status__in=(ImportJob.Status.VALIDATING, ImportJob.Status.QUEUED, ImportJob.Status.RUNNING),
    ).values_list("uuid", flat=True)}
    for path in folder.iterdir():
        if path.is_file() and path.name not in named and path.stat().st_mtime < cutoff.timestamp():
            path.unlink(missing_ok=True)


def run_step(job: ImportJob, step: str) -> ImportJob:
    """Run one step now (inline, or inside the worker's task)."""
    if step != "validate":
        return commit_job(job)
    try:
        return validate_job(job)
    except Exception:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, finished_at=timezone.now(),
                                                   error=str(_("Unexpected error while checking the rows.")))
        raise
