from django.core.management.base import BaseCommand

from integrhabitat.privacy.retention import apply_retention


class Command(BaseCommand):
    help = ("Apply the network's retention schedule: anonymize people inactive for its period, delete old notes "
            "of closed cases, import files, audit entries, portal codes and expired sessions. Run it daily; "
            "--dry-run only says what it would do.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count what the rules reach, change nothing")

    def handle(self, *args, dry_run=False, **options):
        for step in apply_retention(dry_run=dry_run):
            if step.days is None:
                self.stdout.write(f"{step.category}: kept without limit")
            elif dry_run:
                self.stdout.write(f"{step.category} (> {step.days} days): {step.due} reached, {step.held} held")
            else:
                self.stdout.write(f"{step.category} (> {step.days} days): {step.done} removed, {step.held} held")
