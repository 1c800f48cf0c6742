"""The independent labeled set of bench/data/duplicates/ (its README says how it was made): read it, store it
as people of a center, and hold `people.duplicates.scan` to its labels.

The set was written without reading the scorer, so its precision and recall say how the scan does on records
typed the way people type them, not on variations made to fit its reasons. Records of one `person_id` are
one person: every pair of them is a true pair. `hard_negatives.csv` names pairs of different people who look
alike (siblings, twins, a father and son of one name…), to count the scan's false alarms by kind.
"""

import csv
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path

from django.db import connection

from integrhabitat.people import duplicates
from integrhabitat.people.models import DuplicatePair, Participant, Sex

DATA = Path(__file__).resolve().parent / "data" / "duplicates"

Pair = tuple[str, str]  # two record ids, the lower first


@dataclass(frozen=True)
class Record:
    record_id: str
    person_id: str
    fields: dict  # Participant fields, as typed
    variations: tuple[str, ...]  # what differs from the person's first record; () on the first record


@dataclass
class LabeledSet:
    records: list[Record]
    hard_negatives: list[tuple[str, str, str]]  # (record id, record id, kind): different people alike

    def true_pairs(self) -> set[Pair]:
        by_person: dict[str, list[str]] = defaultdict(list)
        for record in self.records:
            by_person[record.person_id].append(record.record_id)
        return {pair(a, b) for ids in by_person.values() for a, b in combinations(ids, 2)}

    def sample(self, records: int, *, seed: int = 17) -> "LabeledSet":
        """About `records` records, deterministic: whole people (every record of a person is in or out), and
        whole groups of people that hard negatives join (a household's siblings and twins come together), so
        that the sample holds true pairs and hard negatives in the set's proportions."""
        person_of = {r.record_id: r.person_id for r in self.records}
        group = {r.person_id: r.person_id for r in self.records}

        def root(person: str) -> str:
            while group[person] != person:
                group[person] = group[group[person]]
                person = group[person]
            return person

        for a, b, _kind in self.hard_negatives:
            group[root(person_of[a])] = root(person_of[b])
        members: dict[str, list[Record]] = defaultdict(list)
        for record in self.records:
            members[root(record.person_id)].append(record)
        groups = sorted(members)
        random.Random(seed).shuffle(groups)
        chosen: list[Record] = []
        for key in groups:
            if len(chosen) >= records:
                break
            chosen += members[key]
        ids = {r.record_id for r in chosen}
        order = {r.record_id: i for i, r in enumerate(self.records)}
        return LabeledSet(sorted(chosen, key=lambda r: order[r.record_id]),
                          [row for row in self.hard_negatives if row[0] in ids and row[1] in ids])


def pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def load(directory: Path = DATA) -> LabeledSet:
    with open(directory / "records.csv", encoding="utf-8", newline="") as f:
        records = [Record(row["record_id"], row["person_id"], {
            "given_names": row["given_names"], "family_names": row["family_names"],
            "birth_date": date.fromisoformat(row["birth_date"]) if row["birth_date"] else None,
            "birth_date_estimated": row["birth_date_estimated"] == "1", "sex": row["sex"] or Sex.UNKNOWN,
            "phone": row["phone"], "document_number": row["document_number"], "email": row["email"],
        }, tuple(v for v in row["variation"].split("+") if v != "original")) for row in csv.DictReader(f)]
    with open(directory / "hard_negatives.csv", encoding="utf-8", newline="") as f:
        negatives = [(row["record_id_a"], row["record_id_b"], row["kind"]) for row in csv.DictReader(f)]
    return LabeledSet(records, negatives)


def store(labeled: LabeledSet, center) -> dict[int, str]:
    """The records as people of `center` (codes `<center code>-R0001`…), in one bulk insert; statistics
    refreshed on PostgreSQL so that the scan is planned as on real data. Returns pk → record id."""
    people = []
    for record in labeled.records:
        person = Participant(center=center, code=f"{center.code}-{record.record_id}", **record.fields)
        person.refresh_derived()
        people.append(person)
    Participant.objects.bulk_create(people, batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Participant._meta.db_table}")
    prefix = len(center.code) + 1
    return {pk: code[prefix:] for pk, code in Participant.objects.filter(center=center).values_list("pk", "code")}


def found_pairs(center, record_of: dict[int, str]) -> set[Pair]:
    """The pairs the scan stored for `center`, as pairs of record ids."""
    return {pair(record_of[a], record_of[b]) for a, b in DuplicatePair.objects.filter(
        first_center=center, second_center=center).values_list("first_id", "second_id")}


@dataclass
class Quality:
    true_pairs: int
    found: int
    hits: int
    recall_by_variation: dict[str, tuple[int, int]] = field(default_factory=dict)  # variation → (found, of)
    flagged_by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)  # hard negative kind → (flagged, of)
    misses: list[Pair] = field(default_factory=list)
    false_alarms: list[Pair] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.true_pairs if self.true_pairs else 1.0

    def summary(self) -> dict:
        return {"true_pairs": self.true_pairs, "pairs_found": self.found, "false_alarms": len(self.false_alarms),
                "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "recall_by_variation": {name: f"{hit}/{of}" for name, (hit, of) in self.recall_by_variation.items()},
                "hard_negatives_flagged": {kind: f"{hit}/{of}" for kind, (hit, of) in self.flagged_by_kind.items()}}


def evaluate(labeled: LabeledSet, found: set[Pair]) -> Quality:
    """Precision and recall of `found` against the labels; recall by variation (a pair carries the variations
    of both its records) and, by kind of hard negative, how many pairs of those people were flagged (any record
    of one with any record of the other)."""
    truth = labeled.true_pairs()
    hits = found & truth
    by_id = {r.record_id: r for r in labeled.records}
    totals: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    for a, b in truth:
        for name in set(by_id[a].variations) | set(by_id[b].variations):
            totals[name] += 1
            caught[name] += (a, b) in hits
    flagged_people = {frozenset((by_id[a].person_id, by_id[b].person_id)) for a, b in found - truth}
    kinds: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    for a, b, kind in labeled.hard_negatives:
        kinds[kind] += 1
        flagged[kind] += frozenset((by_id[a].person_id, by_id[b].person_id)) in flagged_people
    return Quality(
        true_pairs=len(truth), found=len(found), hits=len(hits),
        recall_by_variation={name: (caught[name], of) for name, of in totals.most_common()},
        flagged_by_kind={kind: (flagged[kind], of) for kind, of in kinds.most_common()},
        misses=sorted(truth - found), false_alarms=sorted(found - truth),
    )


def measure(labeled: LabeledSet, center) -> tuple[Quality, duplicates.ScanResult]:
    """Store `labeled` in `center` (an empty one), scan it at the production threshold, and evaluate."""
    record_of = store(labeled, center)
    result = duplicates.scan(center)
    return evaluate(labeled, found_pairs(center, record_of)), result
