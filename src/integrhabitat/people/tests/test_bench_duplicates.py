"""`make bench`: duplicate detection on a labeled synthetic population of 100,000 people
(people/dedup_synthetic.py): precision and recall at the scan's threshold, and the scan's time."""

import time

import pytest
from django.db import connection

from integrhabitat.conftest import make_center
from integrhabitat.network.models import Center
from integrhabitat.people import dedup_synthetic, duplicates

PEOPLE = 100_000


@pytest.mark.bench
@pytest.mark.django_db
def test_a_scan_of_100000_people_finds_the_duplicates_precisely_in_under_a_minute():
    labeled = dedup_synthetic.generate(PEOPLE)
    center = make_center("bench", "BEN", "Centro de prueba")
    index_of = dedup_synthetic.store(labeled, center)
    Center.objects.filter(pk=center.pk).update(participant_seq=len(index_of))

    started = time.monotonic()
    result = duplicates.scan(center)
    center_seconds = time.monotonic() - started
    started = time.monotonic()
    again = duplicates.scan(None)
    network_seconds = time.monotonic() - started

    precision, recall = dedup_synthetic.precision_recall(dedup_synthetic.found_pairs(center, index_of),
                                                         labeled.true_pairs)
    print(f"\n{connection.vendor}: {result.people} people, {len(labeled.true_pairs)} true duplicate pairs, "
          f"{result.found} pairs found at threshold {duplicates.THRESHOLD}: precision {precision:.3f}, "
          f"recall {recall:.3f}; center scan {center_seconds:.1f} s, network rescan {network_seconds:.1f} s")
    assert (again.created, again.found) == (0, result.found)
    assert precision >= 0.95
    assert recall >= 0.90
    assert center_seconds < 60
    assert network_seconds < 60
