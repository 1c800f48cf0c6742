from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from integrhabitat.backups import services
from integrhabitat.backups.archive import BackupRefused


class Command(BaseCommand):
    help = ("Back up the database (SQLite or PostgreSQL) and the uploaded files into one file encrypted with "
            "INTEGRHABITAT_BACKUP_KEY, readable by its owner only: by default var/backups/integrhabitat-<UTC "
            "time>.ihbk. Safe while the server runs. --keep N then deletes the older backups of that folder "
            "beyond the newest N. Restore with `integrhabitat restore`.")

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="The file to write (it must not exist yet).")
        parser.add_argument("--keep", type=int, help="Keep only the newest N backups (*.ihbk) of that folder.")

    def handle(self, *args, output, keep, **options):
        try:
            summary, deleted = services.create_backup(output, actor=None, keep=keep)
        except BackupRefused as refusal:
            raise CommandError(refusal.message) from None
        self.stdout.write(_(
            "Backup written to %(path)s (%(size)s). %(vendor)s database, tables: %(tables)s, rows: %(rows)s; "
            "uploaded files: %(files)s.") % {
            "path": summary.path, "size": filesizeformat(summary.size), "vendor": summary.vendor_name,
            "tables": len(summary.tables), "rows": summary.rows, "files": summary.media_files})
        for path in deleted:
            self.stdout.write(_("Deleted the older backup %(path)s.") % {"path": path})
