from django.core.management.base import BaseCommand

from integrhabitat.privacy.keys import rotate_keys


class Command(BaseCommand):
    help = ("Encrypt everything encrypted again with the first key of INTEGRHABITAT_FIELD_KEYS and recompute the "
            "blind indexes with the first of INTEGRHABITAT_INDEX_KEYS. Afterwards the other keys can be removed.")

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000, help="rows rewritten per transaction")

    def handle(self, *args, batch_size=1000, **options):
        total = 0
        for rotated in rotate_keys(batch_size=batch_size):
            self.stdout.write(f"{rotated.label}: {rotated.rows} rows")
            total += rotated.rows
        self.stdout.write(self.style.SUCCESS(
            f"{total} rows now use the first keys; the older keys can be removed from the environment."))
