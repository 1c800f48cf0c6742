"""Look-alike people, pairs and merges for the duplicate tests (and the URL × role matrix)."""

from datetime import date

from integrhabitat.conftest import make_person
from integrhabitat.people import duplicates
from integrhabitat.people.merge import merge_participants
from integrhabitat.people.models import DuplicatePair, Merge, Participant


def pair_of(first: Participant, second: Participant) -> DuplicatePair:
    """The stored pair of two records (scored like the scan does), made if missing."""
    low, high = sorted((first, second), key=lambda p: p.pk)
    match = duplicates.compare(low, high)
    pair, _created = DuplicatePair.objects.get_or_create(
        first=low, second=high,
        defaults={"first_center": low.center, "second_center": high.center, "score": match.score,
                  "reasons": match.reasons},
    )
    return pair


def look_alikes(center, **extra) -> tuple[Participant, Participant]:
    first = make_person(center, "Marta Lucía", "Quintero Ospina", birth_date=date(1988, 3, 4), phone="3105550101",
                        **extra)
    second = make_person(center, "Marta", "Quintero", birth_date=date(1988, 3, 4), phone="3205550199")
    return first, second


def look_alike_pair(center) -> DuplicatePair:
    return pair_of(*look_alikes(center))


def merged_pair(center) -> Merge:
    first, second = look_alikes(center)
    pair = pair_of(first, second)
    return merge_participants(first, second, kept_version=first.version, merged_version=second.version,
                              actor=None, pair=pair)


def cross_center_pair(world) -> DuplicatePair:
    first = make_person(world.center_a, "Wilmer", "Colmenares", birth_date=date(1979, 11, 2))
    second = make_person(world.center_b, "Wilmer", "Colmenares Urdaneta", birth_date=date(1979, 11, 2))
    return pair_of(first, second)
