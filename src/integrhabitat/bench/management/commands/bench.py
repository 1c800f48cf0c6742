import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from integrhabitat.bench import measure, report
from integrhabitat.network.models import Center
from integrhabitat.people.models import Participant

SCALES = ("tiny", "small", "medium", "full")
MISSED = 3  # the exit status when a target is missed (after the results are written): `make bench` tells it
# from a failure to run (1), and still runs the scale tests


def scale_name(value: str) -> str:
    """A scale name, or a number multiplying the full sizes (`0.05`: 50,000 participants), as the generator."""
    value = value.strip().lower()
    if value in SCALES:
        return value
    try:
        factor = float(value)
    except ValueError:
        factor = 0
    if 0 < factor <= 10:
        return value
    raise CommandError(f"Unknown scale {value!r}: use tiny, small, medium, full or a factor of the full size "
                       "(0.05 is 50,000 participants).")


def participants_of(scale: str) -> int | None:
    """How many participants the generator writes at `scale`, when it is there to say."""
    try:
        from integrhabitat.bench.generate import resolve_scale
    except ImportError:
        return None
    return resolve_scale(scale)[1].participants


def bench_data_present(scale: str) -> bool:
    expected = participants_of(scale)
    have = Participant.objects.filter(center__slug__startswith=measure.BENCH_PREFIX).count()
    return expected is not None and have == expected


class Command(BaseCommand):
    help = ("Generate the bench data (unless present) and measure the platform on it: search, profile, "
            "dashboards, aggregates against hand-written SQL, import, duplicate scan, load, page weight. "
            "Writes bench/results.json and bench/results.md, and prints the table. Exits with status "
            f"{MISSED} when any target is missed (a figure not measured, or a measure that failed, is a miss).")

    def add_arguments(self, parser):
        parser.add_argument("--scale", default=os.environ.get("SCALE") or "full",
                            help="tiny, small, medium, full (default, or $SCALE) or a factor of full (0.05).")
        parser.add_argument("--skip-generate", action="store_true", help="Measure the data already there.")
        parser.add_argument("--runs", type=int, default=5, help="Timed runs after the warm-up (default 5).")
        parser.add_argument("--only", default="",
                            help=f"Some measures only, comma-separated: {', '.join(measure.MEASURES)}.")
        parser.add_argument("--output", default="", help="Directory of results.json and results.md (default bench/).")

    def handle(self, *args, scale: str, skip_generate: bool, runs: int, only: str, output: str, **options):
        scale = scale_name(scale)
        if connection.vendor != "postgresql" and scale != "tiny":
            raise CommandError(f"The {scale} scale needs PostgreSQL: set DATABASE_URL=postgres://… "
                               "(SQLite is for a single small center; only SCALE=tiny runs on it).")
        chosen = [name.strip() for name in only.split(",") if name.strip()]
        unknown = set(chosen) - set(measure.MEASURES)
        if unknown:
            raise CommandError(f"Unknown measures: {', '.join(sorted(unknown))}. Known: {', '.join(measure.MEASURES)}.")
        if runs < 1:
            raise CommandError("--runs must be 1 or more.")
        generated = None
        if not skip_generate and not bench_data_present(scale):
            generated = self._generate(scale)
        elif not skip_generate:
            self.stdout.write(f"Bench data of the {scale} scale already there: not generated again.")
        if not Center.objects.exists():
            raise CommandError("There is nothing to measure: no center in the database.")
        results = measure.run(scale, runs=runs, only=chosen or None, stdout=self.stdout, generated=generated)
        json_path, md_path = report.write(results, Path(output) if output else None)
        self.stdout.write("")
        self.stdout.write(report.table(results))
        self.stdout.write(f"Written: {json_path} and {md_path}")
        if results["missed"]:
            raise CommandError(report.summary(results), returncode=MISSED)

    def _generate(self, scale: str):
        try:
            from integrhabitat.bench.generate import generate
        except ImportError:
            self.stdout.write("The generator (bench/generate.py) is not there yet: measuring the data already there.")
            return None
        from integrhabitat.bench.generate import BenchError

        try:
            return generate(scale, stdout=self.stdout, replace=True)  # another scale's data is replaced
        except BenchError as error:
            raise CommandError(str(error)) from error
