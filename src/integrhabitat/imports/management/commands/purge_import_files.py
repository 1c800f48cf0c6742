from django.core.management.base import BaseCommand

from integrhabitat.imports import services


class Command(BaseCommand):
    help = ("Delete the spreadsheets uploaded for import, and the rows an import left out, more than "
            "INTEGRHABITAT_IMPORT_FILE_DAYS days ago (30 by default); an import not finished by then ends. Also "
            "deletes files of the imports folder that no import names. Idempotent, audited: run it daily.")

    def handle(self, *args, **options):
        purged = services.purge_import_files(actor=None)
        self.stdout.write(f"{purged} imports older than {services.file_days()} days purged.")
