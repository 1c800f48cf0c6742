"""Backing up an installation (its database and uploaded files) into one encrypted file, and restoring it.

`create_backup` and `restore_backup` act on this installation (the `default` database and MEDIA_ROOT) and are
audited; `write_backup` and `restore_into` do the work for any database settings and folder (the tests give
them scratch databases). The file format is in `archive.py`, each database's part in `databases.py`.
"""

import os
import shutil
import stat
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from integrhabitat.audit.services import record
from integrhabitat.backups import databases
from integrhabitat.backups.archive import (
    DATABASE,
    FORMAT_VERSION,
    MEDIA,
    ArchiveReader,
    ArchiveWriter,
    BackupRefused,
    SectionReader,
    backup_keys,
)

SUFFIX = ".ihbk"
# Folders of our own inside MEDIA_ROOT and beside the database while a backup or restore runs: never backed up.
WORK_PREFIX = ".integrhabitat-"


@dataclass
class Summary:
    """What a backup holds (or what a restore put back)."""

    path: Path
    size: int
    vendor: str
    created_at: datetime
    tables: dict[str, int]
    media_files: int
    migrations_behind: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    @property
    def vendor_name(self) -> str:
        return databases.VENDOR_NAMES.get(self.vendor, self.vendor)


@dataclass(frozen=True)
class BackupFile:
    """A backup file as the audit trail names it: a record type and id (a file is no database record)."""

    name: str

    class _meta:  # read by audit.services as a model's options
        label_lower = "backups.backupfile"

    @property
    def pk(self) -> str:
        return self.name[-64:]


def configured_database() -> dict:
    """The settings of this installation's database (`default`)."""
    return connections["default"].settings_dict


def default_folder() -> Path:
    return Path(settings.VAR_DIR) / "backups"


def default_path(folder: Path, now: datetime | None = None) -> Path:
    """`integrhabitat-<UTC timestamp>.ihbk` in `folder`, with `-2`, `-3`... if that name is taken."""
    stem = f"integrhabitat-{(now or timezone.now()).astimezone(UTC):%Y%m%dT%H%M%SZ}"
    path, number = folder / f"{stem}{SUFFIX}", 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}{SUFFIX}"
    return path


# --- backing up --------------------------------------------------------------------------------------------

def create_backup(output: Path | None = None, *, actor, keep: int | None = None) -> tuple[Summary, list[Path]]:
    """Back up this installation's database and uploaded files into `output` (by default a new file in
    var/backups/), readable by its owner only; with `keep`, then delete the older backups of that folder beyond
    the newest `keep`. Returns what the backup holds and the files deleted. Refused without a valid
    INTEGRHABITAT_BACKUP_KEY, before anything is written."""
    key = backup_keys()[0]
    if keep is not None and keep < 1:
        raise BackupRefused(_("--keep must be at least 1."))
    summary = write_backup(output or default_path(default_folder()), database=configured_database(),
                           media_root=Path(settings.MEDIA_ROOT), key=key)
    record("backups.backup.created", BackupFile(summary.path.name), actor=actor)
    deleted = prune_backups(summary.path.parent, keep=keep, newest=summary.path, actor=actor) if keep else []
    return summary, deleted


def write_backup(output: Path, *, database: dict, media_root: Path, key: bytes) -> Summary:
    """Write a backup of `database` and the files under `media_root` to `output` (mode 0600). It is written to a
    temporary name and renamed when complete, so a failed backup leaves no file that looks whole."""
    vendor = databases.vendor_of(database)
    output = Path(output)
    if output.exists():
        raise BackupRefused(_("%(path)s already exists: choose another name, or delete it first.")
                            % {"path": output})
    output.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    created_at = timezone.now()
    descriptor, partial = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".partial")
    try:
        with os.fdopen(descriptor, "wb") as out, _workdir(output.parent) as workdir, \
                databases.snapshot(database, workdir) as snapshot:
            os.fchmod(out.fileno(), 0o600)
            archive = ArchiveWriter(out, key)
            archive.header({
                "format": FORMAT_VERSION,
                "application": "IntegrHabitat",
                "version": _version(),
                "vendor": vendor,
                "server_version": snapshot.server_version,
                "created_at": created_at.isoformat(),
                "migrations": snapshot.migrations,
                "tables": snapshot.tables,
            })
            # The database's snapshot is already taken: a file uploaded from now on is at most an extra file.
            with archive.section(MEDIA) as section:
                media_files = _write_media(section, media_root)
            with archive.section(DATABASE) as section:
                for chunk in snapshot.chunks:
                    section.write(chunk)
            archive.finish({"media_files": media_files})
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, output)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return Summary(path=output, size=output.stat().st_size, vendor=vendor, created_at=created_at,
                   tables=snapshot.tables, media_files=media_files)


def prune_backups(folder: Path, *, keep: int, newest: Path | None = None, actor) -> list[Path]:
    """Delete the backups (`*.ihbk`) of `folder` beyond the `keep` most recent ones (by modification time;
    `newest` counts as the most recent whatever its time). The deleted files."""
    def age(path: Path) -> tuple[bool, float]:
        return (path != newest, -path.stat().st_mtime)

    backups = sorted((path for path in Path(folder).glob(f"*{SUFFIX}") if path.is_file()), key=age)
    deleted = backups[keep:]
    for path in deleted:
        path.unlink(missing_ok=True)
        record("backups.backup.deleted", BackupFile(path.name), actor=actor)
    return deleted


def _version() -> str:
    try:
        return metadata.version("integrhabitat")
    except metadata.PackageNotFoundError:
        return "unknown"


@contextmanager
def _workdir(near: Path) -> Iterator[Path]:
    """A private folder (0700) beside `near`, for the plaintext copy of a database; removed afterwards."""
    path = Path(tempfile.mkdtemp(dir=near, prefix=WORK_PREFIX))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _write_media(stream, media_root: Path) -> int:
    """Write the regular files under `media_root` as a tar stream; how many."""
    files = 0
    with tarfile.open(fileobj=stream, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        for path in _media_files(media_root):
            try:
                tar.add(path, arcname=path.relative_to(media_root).as_posix(), recursive=False)
            except FileNotFoundError:
                continue  # deleted since it was listed
            files += 1
    return files


def _media_files(media_root: Path) -> Iterator[Path]:
    """The regular files under `media_root` (no symbolic links, nothing of our own work folders), in order."""
    for folder, directories, names in os.walk(media_root):
        here = Path(folder)
        if here == media_root:
            directories[:] = [name for name in directories if not name.startswith(WORK_PREFIX)]
        directories.sort()
        for name in sorted(names):
            path = here / name
            try:
                if stat.S_ISREG(path.lstat().st_mode):
                    yield path
            except FileNotFoundError:
                continue


# --- restoring ---------------------------------------------------------------------------------------------

def check_backup(path: Path) -> Summary:
    """Read the whole backup at `path` with the configured key and check every part of it; what it holds."""
    header, end = _verify(Path(path), backup_keys())
    return _summary(Path(path), header, header["tables"], end["media_files"])


def restore_backup(path: Path, *, actor, force: bool = False) -> Summary:
    """Replace this installation's database and uploaded files with the backup at `path`, then apply the
    migrations of this version if the backup is older. Refused for a backup of another database vendor, of a
    newer version, one that the key does not open or that is incomplete or altered, and (unless `force`) when
    the database or the uploads folder already holds data."""
    summary = restore_into(path, database=configured_database(), media_root=Path(settings.MEDIA_ROOT),
                           keys=backup_keys(), force=force)
    if summary.migrations_behind:
        call_command("migrate", interactive=False, verbosity=0)
    # After `migrate`: an older backup's audit table may lack columns of this version.
    record("backups.backup.restored", BackupFile(summary.path.name), actor=actor)
    return summary


def restore_into(path: Path, *, database: dict, media_root: Path, keys: list[bytes], force: bool = False) -> Summary:
    """Restore the backup at `path` into `database` and `media_root`. Every check is made, and the whole file
    read and authenticated, before either is touched; the database is replaced all at once (SQLite's backup
    API, PostgreSQL's single transaction) and the uploads folder only once the database is restored."""
    path = Path(path)
    vendor = databases.vendor_of(database)
    with path.open("rb") as file:
        header = ArchiveReader(file, keys).header
    if header["vendor"] != vendor:
        raise BackupRefused(_(
            "This backup is of a %(backup)s database and this installation uses %(here)s. Restore it into an "
            "installation that uses %(backup)s.")
            % {"backup": databases.VENDOR_NAMES.get(header["vendor"], header["vendor"]),
               "here": databases.VENDOR_NAMES[vendor]})
    behind, unknown = compare_migrations(header["migrations"])
    if unknown:
        raise BackupRefused(_(
            "This backup was made by a newer version of IntegrHabitat (migration %(migration)s is unknown to this "
            "one). Install that version or a newer one, then restore.") % {"migration": unknown[0]})
    if not force:
        _refuse_to_overwrite(database, media_root)
    _verify(path, keys)

    media_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=media_root, prefix=f"{WORK_PREFIX}restore-"))
    try:
        with path.open("rb") as file, _workdir(_database_folder(database)) as workdir:
            archive = ArchiveReader(file, keys)
            media_files = _extract_media(archive.section(MEDIA), staging)
            tables = databases.restore_database(database, archive.section(DATABASE), workdir,
                                                expected=header["tables"])
            archive.finish()
        _replace_media(staging, media_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return _summary(path, header, tables, media_files, migrations_behind=behind)


def compare_migrations(applied: dict[str, str]) -> tuple[list[str], list[str]]:
    """Given the last migration applied per app in a backup: the migrations of this code it lacks
    (`app.name`, the backup is older) and those of its own this code does not know (it is newer)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations) | set(loader.graph.nodes)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    unknown = [f"{app}.{name}" for app, name in sorted(applied.items())
               if app in loader.migrated_apps and (app, name) not in known]
    behind = [f"{app}.{name}" for app, name in sorted(loader.graph.leaf_nodes()) if applied.get(app) != name]
    return behind, unknown


def _verify(path: Path, keys: list[bytes]) -> tuple[dict, dict]:
    with path.open("rb") as file:
        archive = ArchiveReader(file, keys)
        end = archive.finish()
    return archive.header, end


def _summary(path: Path, header: dict, tables: dict[str, int], media_files: int, **extra) -> Summary:
    return Summary(path=path, size=path.stat().st_size, vendor=header["vendor"],
                   created_at=datetime.fromisoformat(header["created_at"]), tables=tables,
                   media_files=media_files, **extra)


def _database_folder(database: dict) -> Path:
    """Where the plaintext copy of a database being restored goes: beside the SQLite file (the same disk)."""
    if databases.vendor_of(database) == "sqlite":
        return Path(database["NAME"]).resolve().parent
    return Path(tempfile.gettempdir())


def _refuse_to_overwrite(database: dict, media_root: Path) -> None:
    tables = databases.tables_with_data(database)
    if tables:
        raise BackupRefused(_(
            "The database already holds data (rows in %(count)s tables, such as %(examples)s). Restoring "
            "replaces all of it: add --force to restore anyway.")
            % {"count": len(tables), "examples": ", ".join(tables[:3])})
    if next(_media_files(media_root), None) is not None:
        raise BackupRefused(_(
            "The folder of uploaded files (%(path)s) already holds files. Restoring replaces them: add --force to "
            "restore anyway.") % {"path": media_root})


def _extract_media(stream: SectionReader, staging: Path) -> int:
    files = 0
    with tarfile.open(fileobj=stream, mode="r|") as tar:
        for member in tar:
            # The "data" filter refuses absolute paths, `..`, links out of the folder and special files.
            tar.extract(member, staging, filter="data")
            files += member.isfile()
    stream.drain()
    return files


def _replace_media(staging: Path, media_root: Path) -> None:
    """Swap the contents of `media_root` for those of `staging` (both on the same disk: renames only)."""
    replaced = Path(tempfile.mkdtemp(dir=media_root, prefix=f"{WORK_PREFIX}replaced-"))
    for entry in media_root.iterdir():
        if not entry.name.startswith(WORK_PREFIX):
            entry.rename(replaced / entry.name)
    for entry in staging.iterdir():
        entry.rename(media_root / entry.name)
    shutil.rmtree(replaced, ignore_errors=True)
