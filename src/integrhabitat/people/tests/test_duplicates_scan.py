"""The full scan: blocking, stored pairs, idempotent rescans, the command, and its quality on the independent
labeled set (bench/data/duplicates/)."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from integrhabitat.bench import labeled_duplicates
from integrhabitat.conftest import make_person
from integrhabitat.people import duplicates
from integrhabitat.people.duplicates import THRESHOLD, Profile, candidate_pairs
from integrhabitat.people.merge import mark_distinct
from integrhabitat.people.models import DuplicatePair, Participant


def test_it_reaches_the_precision_and_recall_targets_on_the_independent_labeled_set():
    labeled = labeled_duplicates.load()  # bench/data/duplicates/: written without reading the scorer
    profiles = [Profile.of(pk=index, center_id=1, **record.fields) for index, record in enumerate(labeled.records)]

    found = {labeled_duplicates.pair(labeled.records[i].record_id, labeled.records[j].record_id)
             for i, j in candidate_pairs(profiles, THRESHOLD)}

    quality = labeled_duplicates.evaluate(labeled, found)
    assert quality.true_pairs >= 1000
    assert quality.precision >= 0.95, quality.summary()
    assert quality.recall >= 0.90, quality.summary()


def test_it_stores_each_pair_once_and_rescans_do_not_duplicate_it(world):
    again = make_person(world.center_a, "Jose", "Perez", birth_date=date(1990, 5, 17))

    first = duplicates.scan(world.center_a)
    second = duplicates.scan(world.center_a)

    pair = DuplicatePair.objects.get()
    assert (pair.first, pair.second) == (world.person_a, again)
    assert (pair.first_center, pair.second_center) == (world.center_a, world.center_a)
    assert "missing_second_surname" in pair.reasons and pair.score >= THRESHOLD
    assert (first.created, second.created, second.found) == (1, 0, 1)


def test_it_never_reopens_a_pair_marked_distinct(world):
    make_person(world.center_a, "Jose", "Perez", birth_date=date(1990, 5, 17))
    duplicates.scan(world.center_a)
    mark_distinct(DuplicatePair.objects.get(), actor=world.coordinator)

    duplicates.scan(world.center_a)
    duplicates.scan(None)

    assert list(DuplicatePair.objects.values_list("status", flat=True)) == [DuplicatePair.Status.DISTINCT]


def test_it_drops_an_open_pair_no_longer_found_after_a_correction(world):
    again = make_person(world.center_a, "Jose", "Perez", birth_date=date(1990, 5, 17))
    duplicates.scan(world.center_a)
    Participant.objects.filter(pk=again.pk).update(given_names="Ramiro", birth_date=date(2001, 1, 1))

    result = duplicates.scan(world.center_a)

    assert (result.removed, DuplicatePair.objects.count()) == (1, 0)


def test_a_center_scan_stays_in_the_center_and_the_network_scan_finds_pairs_across_centers(world):
    other = make_person(world.center_b, "José", "Pérez Rodríguez", birth_date=date(1990, 5, 17))

    duplicates.scan(world.center_a)
    assert DuplicatePair.objects.count() == 0

    duplicates.scan(None)
    pair = DuplicatePair.objects.get()
    assert {pair.first, pair.second} == {world.person_a, other} and pair.cross_center


def test_it_ignores_inactive_records(world):
    again = make_person(world.center_a, "Jose", "Perez", birth_date=date(1990, 5, 17))
    Participant.objects.filter(pk=again.pk).update(is_active=False)

    assert duplicates.scan(world.center_a).found == 0


def test_the_command_scans_a_center_or_the_network_and_refuses_neither_or_both(world, capsys):
    make_person(world.center_a, "Jose", "Perez", birth_date=date(1990, 5, 17))

    call_command("scan_duplicates", world.center_a.slug)
    call_command("scan_duplicates", "--network")

    assert "1 possible duplicates" in capsys.readouterr().out
    assert DuplicatePair.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("scan_duplicates")
    with pytest.raises(CommandError):
        call_command("scan_duplicates", "no-such-center")
