"""Figure 6: the duplicate scan (people/duplicates.py `scan`) of a center of 100,000 people, on the labeled
synthetic set of people/dedup_synthetic.py (the one people/tests/test_bench_duplicates.py checks), with its
precision and recall. The people live in a scratch center, inside a transaction rolled back at the end."""

import time

from django.db import transaction

from integrhabitat.bench.measure import Context, Figure, below
from integrhabitat.network.models import Center
from integrhabitat.people import dedup_synthetic, duplicates

TARGET_PEOPLE = 100_000
SCRATCH_SLUG = "bench-scratch-duplicates"


class RolledBack(Exception):
    """Raised to leave nothing of a measurement behind."""


def scratch_center(slug: str, code: str, name: str) -> Center:
    return Center.objects.create(slug=slug, code=code, name=name, modality=Center.Modality.PUBLIC,
                                 scale=Center.Scale.NEIGHBOURHOOD, country="CO", city="Bogotá", is_active=False)


def measure(ctx: Context) -> list[Figure]:
    size = ctx.sizes["duplicate_people"]
    labeled = dedup_synthetic.generate(size)
    result: dict = {}
    try:
        with transaction.atomic():
            center = scratch_center(SCRATCH_SLUG, "BDUP", "Bench: duplicate scan")
            index_of = dedup_synthetic.store(labeled, center)
            started = time.monotonic()
            scanned = duplicates.scan(center)
            result["seconds"] = time.monotonic() - started
            precision, recall = dedup_synthetic.precision_recall(dedup_synthetic.found_pairs(center, index_of),
                                                                 labeled.true_pairs)
            result.update(people=scanned.people, pairs_found=scanned.found, true_pairs=len(labeled.true_pairs),
                          precision=round(precision, 3), recall=round(recall, 3))
            raise RolledBack
    except RolledBack:
        pass
    seconds = result["seconds"]
    note = "" if size >= TARGET_PEOPLE else f"Target set for {TARGET_PEOPLE:,} people; measured on {size:,}."
    return [Figure("duplicates", f"Duplicate scan of {size:,} people (people/duplicates.py scan)",
                   round(seconds, 1), "s", f"< 60 s for {TARGET_PEOPLE:,} people", below(seconds, 60), note=note,
                   detail=result)]
