from django.core.management.base import BaseCommand, CommandError

from integrhabitat.demo.catalogue import DEMO_PASSWORD
from integrhabitat.demo.generator import DemoConflict, load_demo_network


class Command(BaseCommand):
    help = (
        "Load the fictional demo network: three centers (Bogotá, Lima, Quito), their staff, about "
        "500 participants with households and consents, service portfolios, a year of service "
        "deliveries, community groups with their members, waiting lists, sessions and attendance, "
        "the organizations of each territory with agreements and referral pathways, and personal "
        "assistance cases with follow-ups and referrals, and participatory processes with their meetings, "
        "proposals, supports, comments and the centers' public answers. Deterministic, and does nothing if the demo "
        "network is already loaded."
    )

    def handle(self, *args, **options) -> None:
        try:
            summary = load_demo_network()
        except DemoConflict as error:
            raise CommandError(
                f"Cannot load the demo network: these usernames already exist: {error}."
            ) from error
        if summary is None:
            self.stdout.write("Demo network already loaded.")
            return
        from django.utils import timezone

        from integrhabitat.demo import moved
        from integrhabitat.people.duplicates import scan  # the queue of possible duplicates is filled, too

        moved.load(timezone.localdate())  # someone registered in two centers, for the network's queue
        scanned = scan(None)
        self.stdout.write(f"Possible duplicates found: {scanned.found}.")
        self.stdout.write(self.style.SUCCESS(
            f"Demo network loaded in {summary.seconds:.1f} s: {summary.centers} centers, "
            f"{summary.users} users, {summary.participants} participants, "
            f"{summary.households} households, {summary.services} services, "
            f"{summary.deliveries} service deliveries, {summary.organizations} partner organizations, "
            f"{summary.agreements} agreements, {summary.cases} cases, {summary.referrals} referrals, "
            f"{summary.groups} community groups with {summary.group_sessions} sessions and "
            f"{summary.attendances} attendances, {summary.processes} participatory processes with "
            f"{summary.meetings} meetings, {summary.proposals} proposals with {summary.supports} supports "
            f"and {summary.comments} comments, {summary.ratings} satisfaction ratings and "
            f"{summary.reports} published accountability reports."
        ))
        self.stdout.write(
            "Sign in as coordinacion (network), ana, beto or dora (Kennedy), pablo (partner organization, "
            f"Kennedy) or carla (San Juan de Lurigancho) with the password {DEMO_PASSWORD}."
        )
