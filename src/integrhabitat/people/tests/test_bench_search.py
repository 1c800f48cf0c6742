"""`make bench`: finding a person in a center of 20,000 people, by name misspelled or not and by phone: the
person comes first, and the search answers within the bench's target (p95 < 100 ms, bench/measure_search.py)."""

import random
import time

import pytest
from django.db import connection

from integrhabitat.bench.measure import percentile
from integrhabitat.conftest import make_center, make_person
from integrhabitat.network.models import Center
from integrhabitat.people import search
from integrhabitat.people.models import Participant

GIVEN = ["María", "José", "Luis", "Ana", "Carmen", "Jorge", "Yolanda", "Wilmer", "Daniela", "Andrés", "Rosa"]
FAMILY = ["García", "Rodríguez", "Martínez", "Gómez", "López", "Díaz", "Torres", "Quiñónez", "Mendoza", "Rojas"]
QUERIES = ["jose perez", "Perez Jose", "josé peres", "JOSE PÉREZ", "maria gomez", "3001234567"]
TARGET_MS = 100  # p95, as the bench's search figure


@pytest.mark.bench
@pytest.mark.django_db
def test_search_in_a_center_of_20000_people():
    center = make_center("bench", "BEN", "Centro de prueba")
    rng = random.Random(7)
    people = []
    for number in range(20_000):
        person = Participant(
            center=center, code=f"BEN-{number:05d}", given_names=rng.choice(GIVEN),
            family_names=f"{rng.choice(FAMILY)} {rng.choice(FAMILY)}", phone=f"300{rng.randrange(10**7):07d}",
        )
        person.refresh_derived()
        people.append(person)
    Participant.objects.bulk_create(people, batch_size=2000)
    Center.objects.filter(pk=center.pk).update(participant_seq=len(people))
    jose = make_person(center, "José", "Pérez Rodríguez", phone="3001234567")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE people_participant")
    queryset = Participant.objects.in_center(center)
    timings = {}
    for query in QUERIES:
        found = search.search(queryset, query, limit=50, country=center.country.code)  # also the warm-up
        if query != "maria gomez":
            assert jose.pk in found[:3], query
        timings[query] = []
        for _ in range(5):
            began = time.perf_counter()
            search.search(queryset, query, limit=50, country=center.country.code)
            timings[query].append((time.perf_counter() - began) * 1000)

    p95 = percentile([ms for each in timings.values() for ms in each], 0.95)
    slowest = ", ".join(f"{q!r} {max(ms):.0f} ms" for q, ms in sorted(timings.items(), key=lambda t: -max(t[1])))
    assert p95 < TARGET_MS, f"{connection.vendor}: search p95 {p95:.1f} ms over {TARGET_MS} ms ({slowest})"
