"""Figure 6: the duplicate scan (people/duplicates.py `scan`) — its time on a center of 100,000 people, and its
precision and recall at the production threshold on the independent labeled set of bench/data/duplicates/
(written without reading the scorer: bench/labeled_duplicates.py), with recall by kind of variation and false
alarms by kind of look-alike in the figures' detail.

The 100,000 people for the time come from bench/synthetic_people.py, for volume only. Each measurement lives
in a scratch center, inside a transaction rolled back at the end."""

import time

from django.db import transaction

from integrhabitat.bench import labeled_duplicates, synthetic_people
from integrhabitat.bench.measure import Context, Figure, below
from integrhabitat.network.models import Center
from integrhabitat.people import duplicates

TARGET_PEOPLE = 100_000
TARGET_SECONDS = 60
TARGET_PRECISION = 0.95
TARGET_RECALL = 0.90
SCRATCH_SLUG = "bench-scratch-duplicates"


class RolledBack(Exception):
    """Raised to leave nothing of a measurement behind."""


def scratch_center(slug: str, code: str, name: str) -> Center:
    return Center.objects.create(slug=slug, code=code, name=name, modality=Center.Modality.PUBLIC,
                                 scale=Center.Scale.NEIGHBOURHOOD, country="CO", city="Bogotá", is_active=False)


def scan_seconds(people: int) -> dict:
    """The scan of a scratch center of `people` synthetic people: its time and what it found."""
    result: dict = {}
    try:
        with transaction.atomic():
            center = scratch_center(SCRATCH_SLUG, "BDUP", "Bench: duplicate scan")
            synthetic_people.store(synthetic_people.generate(people), center)
            started = time.monotonic()
            scanned = duplicates.scan(center)
            result.update(seconds=time.monotonic() - started, people=scanned.people, pairs_found=scanned.found)
            raise RolledBack
    except RolledBack:
        pass
    return result


def quality(labeled: labeled_duplicates.LabeledSet) -> labeled_duplicates.Quality:
    """The scan held to the labels of `labeled`, in a scratch center."""
    try:
        with transaction.atomic():
            center = scratch_center(f"{SCRATCH_SLUG}-labeled", "BDLB", "Bench: labeled duplicates")
            measured, _scanned = labeled_duplicates.measure(labeled, center)
            raise RolledBack
    except RolledBack:
        pass
    return measured


def measure(ctx: Context) -> list[Figure]:
    size = ctx.sizes["duplicate_people"]
    timed = scan_seconds(size)
    seconds = timed["seconds"]
    note = "" if size >= TARGET_PEOPLE else f"Target set for {TARGET_PEOPLE:,} people; measured on {size:,}."
    labeled = labeled_duplicates.load()
    found = quality(labeled)
    summary = found.summary()
    source = (f"Independent labeled set (bench/data/duplicates/): {len(labeled.records):,} records, "
              f"{found.true_pairs:,} true pairs, {len(labeled.hard_negatives):,} look-alike pairs of different "
              f"people; threshold {duplicates.THRESHOLD}.")
    counts = {key: summary[key] for key in ("true_pairs", "pairs_found", "false_alarms")}
    return [
        Figure("duplicates", f"Duplicate scan of {size:,} people (people/duplicates.py scan)", round(seconds, 1),
               "s", f"< {TARGET_SECONDS} s for {TARGET_PEOPLE:,} people", below(seconds, TARGET_SECONDS),
               note=note, detail=timed),
        Figure("duplicates_precision", "Duplicate scan: precision on the independent labeled set",
               round(found.precision, 3), "", f"≥ {TARGET_PRECISION}", found.precision >= TARGET_PRECISION,
               note=source, detail={**counts, "hard_negatives_flagged": summary["hard_negatives_flagged"]}),
        Figure("duplicates_recall", "Duplicate scan: recall on the independent labeled set",
               round(found.recall, 3), "", f"≥ {TARGET_RECALL}", found.recall >= TARGET_RECALL,
               note=source, detail={**counts, "recall_by_variation": summary["recall_by_variation"]}),
    ]
