from django.core.management.base import BaseCommand, CommandError

from integrhabitat.network.models import Center
from integrhabitat.people import duplicates


class Command(BaseCommand):
    help = ("Look for possible duplicate people in one center (CENTER_SLUG) or in the whole network, across "
            "centers too (--network), and store them for review. Idempotent: pairs already found are refreshed, "
            "pairs marked as different people are never reopened.")

    def add_arguments(self, parser):
        parser.add_argument("center", nargs="?", help="the center's slug")
        parser.add_argument("--network", action="store_true", help="scan every center, also across centers")

    def handle(self, *args, **options):
        if bool(options["center"]) == bool(options["network"]):
            raise CommandError("Give a center's slug or --network (one of them).")
        center = None
        if options["center"]:
            center = Center.objects.filter(slug=options["center"]).first()
            if center is None:
                raise CommandError(f"No center with the slug {options['center']!r}.")
        result = duplicates.scan(center)
        self.stdout.write(
            f"{result.people} people compared in {result.seconds:.1f} s: {result.found} possible duplicates "
            f"({result.created} new, {result.updated} updated, {result.removed} no longer found)."
        )
