"""Finding a person again among a thousand, from one search box (`people.search` and the people list)."""

import itertools
import random

import pytest

from integrhabitat.conftest import make_person
from integrhabitat.people import search
from integrhabitat.people.models import DocumentType, Participant

GIVEN = [
    "María", "Ana", "Luis", "Carlos", "Rosa", "Josefina", "Josué", "Jesús", "Juan", "Pedro", "Lucía", "Camila",
    "Andrés", "Valentina", "Yohana", "Wilmer", "Daniela", "Jorge", "Marta", "Esperanza", "Fabián", "Gloria",
    "Héctor", "Isabel", "Karen", "Leidy", "Mauricio", "Nelson", "Olga", "Sandra", "Tatiana", "José",
]
FAMILY = [
    "Pérez", "González", "Rodríguez", "Martínez", "Gómez", "López", "Díaz", "Hernández", "Moreno", "Rojas",
    "Ramírez", "Torres", "Vargas", "Castro", "Ortiz", "Suárez", "Peña", "Navarro", "Quintero", "Mendoza",
    "Álvarez", "Cárdenas", "Jiménez", "Salazar", "Bermúdez", "Caicedo", "Mosquera", "Arango", "Zapata",
    "Londoño", "Ospina", "Valencia", "Restrepo",
]

JOSE_PHONE = "+57 310 555 0199"
JOSE_DOCUMENT = "1020304050"
# The last two carry one typo in a short word: a swap of neighbouring letters, then a substitution.
NAME_QUERIES = ["jose perez", "Perez Jose", "josé peres", "JOSE PÉREZ", "jsoe perez", "jise perez"]


@pytest.fixture
def crowd(world):
    """A thousand people in center B, José Pérez among them; center A holds José Pérez Rodríguez."""
    center = world.center_b
    rng = random.Random(20260115)
    pairs = [(g, f) for g, f in itertools.product(GIVEN, FAMILY) if (g, f) != ("José", "Pérez")]
    rng.shuffle(pairs)
    people = []
    for number, (given, family) in enumerate(pairs[:1000], start=10000):
        person = Participant(center=center, given_names=given, family_names=family,
                             phone=f"+57 320 {rng.randrange(1_000_000, 9_999_999)}" if number % 3 else "")
        person.code = f"{center.code}-{number:05d}"
        person.refresh_derived()
        people.append(person)
    Participant.objects.bulk_create(people)
    jose = make_person(center, "José", "Pérez", phone=JOSE_PHONE, document_type=DocumentType.NATIONAL_ID,
                       document_number=JOSE_DOCUMENT)
    assert Participant.objects.filter(center=center).count() >= 1000
    return jose


def found(world, query):
    return search.search(Participant.objects.in_center(world.center_b), query, country=world.center_b.country.code)


def listed(world, query):
    response = world.client_for(world.other_coordinator).get(
        f"/c/{world.center_b.slug}/people/", {"q": query}
    )
    assert response.status_code == 200
    return response, [row.pk for row in response.context["rows"]]


@pytest.mark.parametrize("query", NAME_QUERIES)
def test_it_ranks_jose_perez_first_for_his_name_however_it_is_typed(world, crowd, query):
    ranked = found(world, query)

    assert ranked[:1] == [crowd.pk]


@pytest.mark.parametrize("query", NAME_QUERIES)
def test_it_lists_jose_perez_first_on_the_people_page_however_his_name_is_typed(world, crowd, query):
    response, rows = listed(world, query)

    assert rows[:1] == [crowd.pk]
    html = response.content.decode()
    assert html.index(str(crowd.uuid)) < min(
        (html.index(str(p.uuid)) for p in Participant.objects.filter(pk__in=rows[1:])), default=len(html)
    )


@pytest.mark.parametrize("query", [
    pytest.param(lambda jose: jose.code, id="code"),
    pytest.param(lambda jose: jose.code.lower(), id="code-lower-case"),
    pytest.param(lambda jose: "310 555 0199", id="phone-as-written"),
    pytest.param(lambda jose: "+573105550199", id="phone-in-e164"),
    pytest.param(lambda jose: JOSE_DOCUMENT, id="document"),
    pytest.param(lambda jose: "1.020.304.050", id="document-with-dots"),
])
def test_it_finds_jose_perez_by_code_phone_or_document(world, crowd, query):
    text = query(crowd)

    assert crowd.pk in found(world, text)
    assert crowd.pk in listed(world, text)[1]


@pytest.mark.parametrize("query", ["5550199", "1020304", "310 555"])
def test_a_part_of_a_phone_or_document_finds_nobody_they_are_encrypted(world, crowd, query):
    assert crowd.pk not in found(world, query)
    assert crowd.pk not in listed(world, query)[1]


@pytest.mark.parametrize("query", ["jose perez", "perez rodriguez", "3001234567", "AAA-00001"])
def test_it_never_returns_a_person_of_another_center(world, crowd, query):
    # José Pérez Rodríguez (AAA-00001, phone 300 123 4567) is registered in center A only.
    assert world.person_a.pk not in found(world, query)
    response, rows = listed(world, query)
    assert world.person_a.pk not in rows
    assert str(world.person_a.uuid) not in response.content.decode()


def test_it_does_not_return_jose_for_maria(world, crowd):
    ranked = found(world, "maria")

    assert ranked, "the crowd holds dozens of Marías"
    assert crowd.pk not in ranked
    assert crowd.pk not in listed(world, "maria")[1]


def test_it_finds_nobody_for_an_empty_query(world, crowd):
    assert found(world, "   ") == []


def test_it_finds_a_document_typed_without_the_dots_it_was_registered_with(world, crowd):
    # Colombian identity numbers are printed and often typed as 1.020.304.051.
    dotted = make_person(world.center_b, "Wendy", "Arrieta", document_type=DocumentType.NATIONAL_ID,
                         document_number="1.020.304.051")

    assert dotted.pk in found(world, "1020304051")


def test_it_finds_a_person_in_a_center_of_several_thousand(world, crowd):
    # A large center: 2,000 more people whose family names sort before the one looked for.
    people = []
    for number in range(20000, 22000):
        person = Participant(center=world.center_b, given_names="Ana", family_names="Acosta")
        person.code = f"BBB-{number:05d}"
        person.refresh_derived()
        people.append(person)
    Participant.objects.bulk_create(people)
    zoila = make_person(world.center_b, "Zoila", "Zúñiga")

    assert found(world, "zoila zuniga")[:1] == [zoila.pk]
