"""`make bench`: the duplicate scan of 100,000 people (bench/synthetic_people.py, for volume) in under a minute,
and its precision and recall at the scan's threshold on the whole independent labeled set
(bench/data/duplicates/, written without reading the scorer)."""

import time

import pytest
from django.db import connection

from integrhabitat.bench import labeled_duplicates, synthetic_people
from integrhabitat.conftest import make_center
from integrhabitat.network.models import Center
from integrhabitat.people import duplicates

PEOPLE = 100_000


@pytest.mark.bench
@pytest.mark.django_db
def test_a_scan_of_100000_people_takes_under_a_minute_and_a_rescan_adds_nothing():
    center = make_center("bench", "BEN", "Centro de prueba")
    stored = synthetic_people.store(synthetic_people.generate(PEOPLE), center)
    Center.objects.filter(pk=center.pk).update(participant_seq=len(stored))

    started = time.monotonic()
    result = duplicates.scan(center)
    center_seconds = time.monotonic() - started
    started = time.monotonic()
    again = duplicates.scan(None)
    network_seconds = time.monotonic() - started

    print(f"\n{connection.vendor}: {result.people} people, {result.found} pairs found; center scan "
          f"{center_seconds:.1f} s, network rescan {network_seconds:.1f} s")
    assert result.people == len(stored)
    assert (again.created, again.found) == (0, result.found)
    assert center_seconds < 60
    assert network_seconds < 60


@pytest.mark.bench
@pytest.mark.django_db
def test_the_scan_finds_the_duplicates_of_the_whole_labeled_set_precisely():
    labeled = labeled_duplicates.load()
    center = make_center("labeled", "LAB", "Centro etiquetado")

    quality, result = labeled_duplicates.measure(labeled, center)

    print(f"\n{result.people} records, {quality.true_pairs} true pairs, {quality.found} pairs found at threshold "
          f"{duplicates.THRESHOLD}: precision {quality.precision:.3f}, recall {quality.recall:.3f}\n"
          f"{quality.summary()}")
    assert result.people == len(labeled.records)
    assert quality.precision >= 0.95
    assert quality.recall >= 0.90
