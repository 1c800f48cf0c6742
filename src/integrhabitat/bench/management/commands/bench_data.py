from django.core.management.base import BaseCommand, CommandError

from integrhabitat.bench.generate import SCALES, BenchError, generate


class Command(BaseCommand):
    help = (
        "Generate the synthetic bench network (issue 7) in centers whose slug starts with 'bench-': "
        "participants, service deliveries, cases with referrals, groups with attendance. Refuses while "
        "bench data exists, unless --replace deletes it (and only it) first. PostgreSQL takes every scale "
        "(bulk COPY); SQLite only 'tiny'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", default="full",
            help=f"One of {', '.join(SCALES)} (default: full), or a number multiplying the full sizes, like 0.05.",
        )
        parser.add_argument("--seed", type=int, default=7, help="Random seed: the same seed gives the same data.")
        parser.add_argument("--replace", action="store_true",
                            help="Delete the existing bench centers and everything in them first.")

    def handle(self, *args, scale, seed, replace, **options):
        try:
            result = generate(scale, seed=seed, stdout=self.stdout, replace=replace)
        except BenchError as error:
            raise CommandError(str(error)) from error
        width = max(len(label) for label in result["counts"])
        for label, count in result["counts"].items():
            self.stdout.write(f"  {label:<{width}}  {count:>12,}  {result['seconds'].get(label, 0):8.1f} s")
        for step, seconds in result["seconds"].items():
            if step not in result["counts"]:
                self.stdout.write(f"  {step:<{width}}  {'':>12}  {seconds:8.1f} s")
        self.stdout.write(self.style.SUCCESS(
            f"Bench network ready in {result['total_seconds']:.1f} s; staff log in as bench-<code>-coordinator1 "
            f"(password {result['password']})."
        ))
