from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from integrhabitat.backups import services
from integrhabitat.backups.archive import BackupRefused


class Command(BaseCommand):
    help = ("Restore a backup made by `integrhabitat backup`: it replaces the database and the uploaded files, "
            "then applies the migrations of this version if the backup is older. The whole file is checked "
            "first (key, completeness, vendor); a database or uploads folder that already holds data is left "
            "alone unless --force. --check only checks the file and says what it holds.")

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup file (.ihbk).")
        parser.add_argument("--force", action="store_true",
                            help="Restore even if the database or the uploads folder already holds data.")
        parser.add_argument("--check", action="store_true", help="Check the file without restoring anything.")

    def handle(self, *args, path, force, check, **options):
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path})
        try:
            summary = services.check_backup(path) if check else services.restore_backup(path, actor=None,
                                                                                         force=force)
        except BackupRefused as refusal:
            raise CommandError(refusal.message) from None
        facts = {"path": path, "size": filesizeformat(summary.size), "vendor": summary.vendor_name,
                 "created_at": summary.created_at.strftime("%Y-%m-%d %H:%M UTC"), "tables": len(summary.tables),
                 "rows": summary.rows, "files": summary.media_files}
        if check:
            self.stdout.write(_("%(path)s (%(size)s) is complete and opens with the key. Made %(created_at)s; "
                                "%(vendor)s database, tables: %(tables)s, rows: %(rows)s; uploaded files: %(files)s.")
                              % facts)
            return
        self.stdout.write(_("Restored %(path)s (made %(created_at)s). %(vendor)s database, tables: %(tables)s, "
                            "rows: %(rows)s, as many as the backup recorded; uploaded files: %(files)s.") % facts)
        if summary.migrations_behind:
            self.stdout.write(_("The backup was older than this version: its migrations were applied (up to "
                                "%(migrations)s).") % {"migrations": ", ".join(summary.migrations_behind)})
