"""A seeded synthetic population of participants, for volume: the 100,000 people the duplicate scan is timed on
(bench/measure_duplicates.py, people/tests/test_bench_duplicates.py) and the spreadsheet the import is timed on
(bench/measure_import.py).

Not for measuring duplicate quality: its second registrations were written beside the scorer and vary in the
ways the scorer knows, so precision and recall on it would flatter the scorer. Quality is measured on the
independent labeled set of bench/data/duplicates/ (bench/labeled_duplicates.py).

Colombian, Venezuelan and Peruvian given names and surnames (two surnames, compound given names, common
surnames much more frequent than rare ones), families who share surnames and a phone, namesakes who share a
given name, a surname and a birth year; and, for some people, a second registration of the same person typed
differently.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from integrhabitat.lib.text import fold

FEMALE = (
    "María", "Ana", "Luisa", "Carmen", "Rosa", "Martha", "Gloria", "Sandra", "Claudia", "Diana", "Paola", "Andrea",
    "Carolina", "Natalia", "Daniela", "Valentina", "Camila", "Sofía", "Isabella", "Mariana", "Yorgelis", "Yusmary",
    "Yelitza", "Dayana", "Génesis", "Milagros", "Yesenia", "Nelly", "Flor", "Lucía", "Fernanda", "Alejandra",
    "Beatriz", "Esperanza", "Luz", "Marleny", "Yolanda", "Rocío", "Katherine", "Johana", "Leidy", "Yuliana",
    "Mayerly", "Xiomara", "Nayeli", "Quispe", "Teresa", "Juana", "Elena", "Patricia", "Verónica", "Adriana",
)
FEMALE = tuple(name for name in FEMALE if name != "Quispe")
MALE = (
    "José", "Juan", "Luis", "Carlos", "Jorge", "Andrés", "Miguel", "Pedro", "Diego", "Santiago", "Sebastián",
    "Alejandro", "David", "Daniel", "Jesús", "Manuel", "Antonio", "Francisco", "Javier", "Óscar", "Fernando",
    "Ricardo", "Eduardo", "Héctor", "Wilmer", "Yeison", "Jhon", "Brayan", "Deiby", "Yohandry", "Freddy",
    "Richard", "Edinson", "Nelson", "Wilson", "Alexander", "Julián", "Camilo", "Mateo", "Samuel", "Kevin",
    "Rubén", "Ángel", "Gustavo", "Hugo", "Raúl", "Víctor", "Álvaro", "Hernán", "Efraín", "Ronald", "Percy",
)
SURNAMES = (
    "Rodríguez", "González", "García", "Martínez", "López", "Hernández", "Pérez", "Sánchez", "Ramírez", "Torres",
    "Flores", "Gómez", "Díaz", "Vargas", "Rojas", "Castro", "Moreno", "Jiménez", "Romero", "Suárez", "Álvarez",
    "Ruiz", "Mendoza", "Castillo", "Ortiz", "Gutiérrez", "Chávez", "Morales", "Muñoz", "Rivera", "Quispe",
    "Mamani", "Huamán", "Condori", "Ccahuana", "Villca", "Rangel", "Briceño", "Contreras", "Guerrero", "Medina",
    "Herrera", "Aguilar", "Salazar", "Cárdenas", "Acosta", "Peña", "Vásquez", "Cruz", "Reyes", "Navarro",
    "Mejía", "Ospina", "Restrepo", "Zapata", "Valencia", "Cardona", "Giraldo", "Quintero", "Arango", "Osorio",
    "Londoño", "Betancur", "Marín", "Patiño", "Palacios", "Mosquera", "Rentería", "Córdoba", "Murillo", "Ibarra",
    "Bermúdez", "Zambrano", "Parra", "Silva", "Montoya", "Velásquez", "Pineda", "Cabrera", "Figueroa", "Núñez",
    "Camacho", "Delgado", "Espinoza", "Fuentes", "Sandoval", "Carrillo", "Valdez", "Ccori", "Apaza", "Yupanqui",
    "Chambi", "Tello", "Paredes", "Sulbarán", "Colmenares", "Urdaneta", "Chirinos", "Bracho", "Villalobos",
    "de la Cruz", "de la Hoz", "del Castillo", "de León", "Ocampo", "Arboleda", "Benavides", "Guzmán", "Tapia",
)


_SURNAME_WEIGHTS = list(accumulate(1 / (rank + 8) for rank in range(len(SURNAMES))))


@dataclass
class SyntheticSet:
    records: list[dict] = field(default_factory=list)
    true_pairs: set[tuple[int, int]] = field(default_factory=set)  # indices into `records`, lower first


def _surname(rng: random.Random) -> str:
    # Common surnames are far more frequent (a Zipf-like weight): many namesakes, as in real centers.
    return rng.choices(SURNAMES, cum_weights=_SURNAME_WEIGHTS)[0]


def _given(rng: random.Random, sex: str) -> str:
    names = FEMALE if sex == "female" else MALE
    first = rng.choice(names[:12]) if rng.random() < 0.5 else rng.choice(names)
    if rng.random() < 0.4:
        second = rng.choice(names)
        if second != first:
            return f"{first} {second}"
    return first


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"+57 3{rng.randint(0, 50):02d} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    return f"+58 41{rng.randint(2, 6)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def _birth(rng: random.Random) -> date:
    return date(1940, 1, 1) + timedelta(days=rng.randint(0, 365 * 84))


def _person(rng: random.Random, *, family_names: str | None = None, phone: str | None = None) -> dict:
    sex = rng.choice(("female", "male"))
    return {
        "given_names": _given(rng, sex),
        "family_names": family_names or (f"{_surname(rng)} {_surname(rng)}" if rng.random() < 0.9 else _surname(rng)),
        "sex": sex,
        "birth_date": _birth(rng) if rng.random() < 0.9 else None,
        "birth_date_estimated": False,
        "phone": phone if phone is not None else (_phone(rng) if rng.random() < 0.7 else ""),
        "document_number": str(rng.randint(1_000_000, 1_299_999_999)) if rng.random() < 0.4 else "",
    }


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    at = rng.randint(1, len(word) - 2)
    kind = rng.choice(("insert", "delete", "substitute", "swap"))
    letter = rng.choice("aeioulnrsmt")
    if kind == "insert":
        return word[:at] + letter + word[at:]
    if kind == "delete":
        return word[:at] + word[at + 1:]
    if kind == "substitute":
        return word[:at] + letter + word[at + 1:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2:]


def _respell(rng: random.Random, text: str) -> str:
    words = text.split()
    index = rng.randrange(len(words))
    words[index] = _typo(rng, words[index])
    return " ".join(words)


def _variant(rng: random.Random, original: dict) -> dict:
    """The same person registered again, typed differently in one to three ways."""
    data = dict(original)
    if rng.random() < 0.6:
        data["given_names"], data["family_names"] = fold(data["given_names"]).title(), fold(
            data["family_names"]).title()
    changes = rng.sample(range(11), k=rng.choice((1, 1, 2, 2, 3)))
    for change in changes:
        family = data["family_names"].split()
        given = data["given_names"].split()
        if change == 0:
            data["family_names"] = _respell(rng, data["family_names"])
        elif change == 1:
            data["given_names"] = _respell(rng, data["given_names"])
        elif change == 2 and len(family) == 2:
            data["family_names"] = f"{family[1]} {family[0]}"
        elif change == 3 and len(family) >= 2:
            data["family_names"] = family[0] if family[0].lower() not in ("de", "del") else " ".join(family[:3])
        elif change == 4 and len(given) >= 2:
            data["given_names"] = given[0]
        elif change == 5 and len(given) >= 2:
            data["given_names"] = f"{given[0][0]}. {given[1]}" if rng.random() < 0.5 else f"{given[0]} {given[1][0]}."
        elif change == 6:
            data["phone"] = _phone(rng) if rng.random() < 0.6 else ""
        elif change == 7 and data["birth_date"] and data["birth_date"].day <= 12:
            birth = data["birth_date"]
            data["birth_date"] = birth.replace(day=birth.month, month=birth.day)
        elif change == 8 and data["birth_date"]:
            birth = data["birth_date"]
            data["birth_date"] = birth.replace(year=birth.year + rng.choice((-1, 1)), day=min(birth.day, 28))
        elif change == 9:
            data["document_number"] = ""
        elif change == 10 and rng.random() < 0.5:
            data["birth_date"] = None
    return data


def generate(people: int, *, duplicate_rate: float = 0.08, seed: int = 2026) -> SyntheticSet:
    """About `people` records: distinct people (families, namesakes) plus second registrations of
    `duplicate_rate` of them, shuffled. `true_pairs` are the duplicates to find."""
    rng = random.Random(seed)
    out = SyntheticSet()
    originals: list[int] = []
    while len(out.records) < people * (1 - duplicate_rate):
        roll = rng.random()
        if roll < 0.15:  # a family: siblings share both surnames and the phone
            head = _person(rng)
            out.records.append(head)
            for _child in range(rng.randint(1, 4)):
                sibling = _person(rng, family_names=head["family_names"], phone=head["phone"])
                if rng.random() < 0.03 and head["birth_date"]:
                    sibling["birth_date"] = head["birth_date"]  # twins
                out.records.append(sibling)
        elif roll < 0.25 and out.records:  # a namesake: same given name and first surname, same birth year
            other = rng.choice(out.records)
            namesake = _person(rng)
            namesake["given_names"] = other["given_names"]
            namesake["sex"] = other["sex"]
            words = other["family_names"].split()
            first = " ".join(words[:3]) if words[0] in ("de", "del") else words[0]
            namesake["family_names"] = f"{first} {_surname(rng)}"
            if other["birth_date"]:
                namesake["birth_date"] = other["birth_date"].replace(month=rng.randint(1, 12), day=rng.randint(1, 28))
            out.records.append(namesake)
        else:
            out.records.append(_person(rng))
        originals.append(len(out.records) - 1)
    for index in rng.sample(originals, k=min(len(originals), int(people * duplicate_rate))):
        out.records.append(_variant(rng, out.records[index]))
        out.true_pairs.add((index, len(out.records) - 1))
    order = list(range(len(out.records)))
    rng.shuffle(order)
    position = {old: new for new, old in enumerate(order)}
    out.records = [out.records[old] for old in order]
    out.true_pairs = {tuple(sorted((position[a], position[b]))) for a, b in out.true_pairs}
    return out


def store(labeled: SyntheticSet, center) -> dict[int, int]:
    """The labeled records as people of `center` (codes `<center code>-000000`…, statistics refreshed on
    PostgreSQL so that the scan is planned as on real data): each person's pk → their record's index."""
    from django.db import connection

    from integrhabitat.people.models import Participant

    rows = []
    for index, record in enumerate(labeled.records):
        person = Participant(center=center, code=f"{center.code}-{index:06d}", **record)
        person.refresh_derived()
        rows.append(person)
    Participant.objects.bulk_create(rows, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Participant._meta.db_table}")
    return {pk: int(code.rsplit("-", 1)[1])
            for pk, code in Participant.objects.filter(center=center).values_list("pk", "code")}
