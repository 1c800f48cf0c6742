"""integrhabitat import_hsds CENTER_SLUG FILE: import another directory's HSDS 3.0 data into a center's
alliances (see directory/importer.py). Idempotent: running it again creates nothing new."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from integrhabitat.directory.forms import MAX_IMPORT_BYTES
from integrhabitat.directory.importer import DEFAULT_SERVICE_TYPE, DatasetRefused, import_dataset, read_dataset
from integrhabitat.network.models import Center
from integrhabitat.partners.models import Scale, Sector
from integrhabitat.services.taxonomy import SERVICE_TYPES


class Command(BaseCommand):
    help = ("Import the organizations and services of an Open Referral HSDS 3.0 JSON file (services or "
            "organizations with their services: a list, an API page or an export bundle) as partner "
            "organizations and partner services of a center. A summary never replaces fuller data.")

    def add_arguments(self, parser):
        parser.add_argument("center", help="the center's short name (slug)")
        parser.add_argument("file", type=Path, help="the HSDS JSON file")
        parser.add_argument("--sector", choices=Sector.values, default=Sector.COOPERATION,
                            help="sector of the new organizations")
        parser.add_argument("--scale", choices=Scale.values, default=Scale.MUNICIPAL,
                            help="scale of the new organizations")
        parser.add_argument("--service-type", choices=list(SERVICE_TYPES), default=DEFAULT_SERVICE_TYPE,
                            help="service type of new services when the file does not use ours")

    def handle(self, *args, center, file, sector, scale, service_type, **options):
        try:
            center_obj = Center.objects.get(slug=center)
        except Center.DoesNotExist:
            raise CommandError(f"No center with the short name {center!r}.") from None
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        if file.stat().st_size > MAX_IMPORT_BYTES:
            raise CommandError(f"{file} is larger than {MAX_IMPORT_BYTES} bytes.")
        try:
            services = read_dataset(json.loads(file.read_text(encoding="utf-8-sig")))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"{file} is not valid UTF-8 JSON: {exc}") from None
        except DatasetRefused as exc:
            raise CommandError(str(exc.message)) from None
        plan = import_dataset(center_obj, services, actor=None, sector=sector, scale=scale,
                              default_service_type=service_type)
        for kind, counts in plan.summary.items():
            self.stdout.write(f"{kind}: {counts['create']} created, {counts['update']} updated, "
                              f"{counts['unchanged']} unchanged, {counts['skip']} skipped")
        for item in plan.organizations + plan.services:
            if item.action == "skip":
                self.stdout.write(f"skipped {item.name}: {item.reason}")
