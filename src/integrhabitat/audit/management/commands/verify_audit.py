import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from integrhabitat.audit import chain
from integrhabitat.audit.models import AuditSeal

PROGRESS_EVERY = 100_000  # entries between two progress lines (a multiple of the chunk size)


class Command(BaseCommand):
    help = ("Check that no audit entry was changed, deleted or inserted out of place since it was written: walk "
            "the chain of entries (after sealing those still waiting) and stop at the first problem, with exit "
            "code 1. Needs the key the entries were sealed with (INTEGRHABITAT_AUDIT_KEY, or SECRET_KEY). "
            "Idempotent: run it daily, and keep its last line elsewhere to see entries deleted from the end.")

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="the database to check")

    def handle(self, *args, **options):
        using, started = options["database"], time.monotonic()
        sealed = chain.seal(using)
        if sealed:
            self.stdout.write(f"{sealed} entries waiting to be sealed were sealed.")
        total = AuditSeal.objects.using(using).count()

        def progress(done: int) -> None:
            if done % PROGRESS_EVERY == 0 and options["verbosity"] > 0:
                self.stdout.write(f"  {done:,} of {total:,} entries verified ({done / total:.0%}, "
                                  f"{time.monotonic() - started:.0f} s)")

        verdict = chain.verify(using, progress=progress)
        if not verdict.ok:
            raise CommandError(f"{verdict.problem} ({verdict.verified} entries verified before it.)", returncode=1)
        self.stdout.write(f"{verdict.verified} entries verified in {time.monotonic() - started:.1f} s. "
                          f"Last entry #{verdict.last_seq}, hash {verdict.last_hash or '-'}.")
