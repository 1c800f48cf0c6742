"""Nicknames in duplicate detection (`Pepe` for José, `Chayo` for Rosario, `Chema` for José María): the
table, the scorer, the scan and registration; and a typo in a given name's first letter, which used to
keep a pair from ever being compared."""

from datetime import date

import pytest

from integrhabitat.conftest import make_person
from integrhabitat.lib.text import fold
from integrhabitat.people import duplicates
from integrhabitat.people.duplicates import (
    REGISTRATION_THRESHOLD,
    THRESHOLD,
    Profile,
    blocking_keys,
    registration_candidates,
    score_pair,
)
from integrhabitat.people.hypocorisms import HYPOCORISMS, formal_names
from integrhabitat.people.models import DuplicatePair

BIRTH = date(1990, 5, 7)

# (nickname, formal name), Spanish then Brazilian Portuguese, as people type them.
NICKNAMES = [
    ("Pepe", "José"), ("Chucho", "Jesús"), ("Chuy", "Jesús"), ("Manolo", "Manuel"), ("Paco", "Francisco"),
    ("Pancho", "Francisco"), ("Lupe", "Guadalupe"), ("Nacho", "Ignacio"), ("Chayo", "Rosario"),
    ("Charo", "Rosario"), ("Conchita", "Concepción"), ("Lola", "Dolores"), ("Pili", "Pilar"),
    ("Memo", "Guillermo"), ("Beto", "Alberto"), ("Beto", "Roberto"), ("Beto", "Humberto"), ("Toño", "Antonio"),
    ("Tony", "Antonio"), ("Quique", "Enrique"), ("Lalo", "Eduardo"), ("Pancha", "Francisca"),
    ("Maruja", "María"), ("Chelo", "Consuelo"), ("Meche", "Mercedes"), ("Nando", "Fernando"),
    ("Alex", "Alejandro"), ("Tere", "Teresa"), ("Chema", "José María"), ("Juanca", "Juan Carlos"),
    ("Mafe", "María Fernanda"), ("Zé", "José"), ("Chico", "Francisco"), ("Tonho", "Antônio"),
    ("Bia", "Beatriz"), ("Duda", "Eduarda"), ("Nanda", "Fernanda"), ("Tião", "Sebastião"),
    ("Paco", "Pancho"),  # two nicknames of one name
]

# Different people with the same surnames, birth date and phone (twins): the table must not pair them.
NOT_NICKNAMES = [
    ("Pepe", "Pedro"), ("Paco", "Pablo"), ("Pepe", "Paco"), ("Lola", "Lorena"), ("Memo", "Mario"),
    ("Lupe", "Luisa"), ("Toño", "Tomás"), ("Beto", "Benito"),
    ("Alberto", "Roberto"),  # both are "Beto", yet not each other
    ("Chema", "Josefa"),
]

FIRST_LETTER_TYPOS = [("Yesica", "Jesica"), ("Kevin", "Cevin"), ("Bictor", "Víctor"), ("Wilmer", "Vilmer"),
                      ("Yeison", "Jeison")]


def person(given, family="Pérez Gómez", **data) -> Profile:
    return Profile.of(given_names=given, family_names=family, **data)


def test_the_table_is_written_as_the_scorer_folds_names():
    for nickname, names in HYPOCORISMS.items():
        assert fold(nickname) == nickname and names
        assert nickname not in names
        for name in names:
            assert fold(name) == name and 1 <= len(name.split()) <= 2, (nickname, name)


def test_formal_names_holds_the_word_and_what_it_may_stand_for():
    assert formal_names("pepe") == {"pepe", "jose"}
    assert formal_names("beto") == {"beto", "alberto", "roberto", "humberto"}
    assert formal_names("chema") == {"chema", "jose maria"}
    assert formal_names("paty") == {"paty", "patricia"}  # "y" written for "i"
    assert formal_names("jose") == {"jose"}


@pytest.mark.parametrize(("nickname", "formal"), NICKNAMES)
def test_a_nickname_and_its_formal_name_born_the_same_day_are_a_duplicate(nickname, formal):
    a, b = person(nickname, birth_date=BIRTH), person(formal, birth_date=BIRTH)

    match = score_pair(a, b)

    assert match.score >= THRESHOLD, match
    assert "nickname" in match.reasons
    assert score_pair(b, a).score == match.score


@pytest.mark.parametrize(("nickname", "formal"), NICKNAMES)
def test_a_nickname_with_the_same_document_and_birth_date_is_a_duplicate_even_without_the_surnames(nickname,
                                                                                                 formal):
    a = person(nickname, "", document_number="12.345.678", birth_date=BIRTH)
    b = person(formal, "Pérez Gómez", document_number="12345678", birth_date=BIRTH)

    match = score_pair(a, b)

    assert match.score >= THRESHOLD, match
    assert {"nickname", "same_document", "same_birth_date"} <= set(match.reasons)


def test_a_nickname_scores_below_an_exact_name_like_an_abbreviation():
    exact = score_pair(person("José", birth_date=BIRTH), person("José", "Pérez", birth_date=BIRTH))
    nickname = score_pair(person("Pepe", birth_date=BIRTH), person("José", "Pérez", birth_date=BIRTH))
    abbreviated = score_pair(person("Juan Carlos", birth_date=BIRTH), person("J. Carlos", "Pérez", birth_date=BIRTH))

    assert exact.score > nickname.score
    assert nickname.score == pytest.approx(abbreviated.score, abs=0.03)


def test_a_nickname_alone_is_not_enough_for_namesakes_born_on_other_dates():
    match = score_pair(person("Pepe", birth_date=BIRTH), person("José", birth_date=date(1972, 11, 23)))

    assert match.score < THRESHOLD
    assert "different_birth_date" in match.reasons


@pytest.mark.parametrize(("first", "second"), NOT_NICKNAMES)
def test_twins_with_unrelated_given_names_stay_apart(first, second):
    a = person(first, phone="3001234567", birth_date=BIRTH)
    b = person(second, phone="3001234567", birth_date=BIRTH)

    match = score_pair(a, b)

    assert match.score < THRESHOLD, match
    assert "nickname" not in match.reasons and "different_given_names" in match.reasons


def test_surnames_are_never_read_as_nicknames():
    match = score_pair(person("Ana", "Paco Ríos", birth_date=BIRTH), person("Ana", "Francisco Ríos", birth_date=BIRTH))

    assert "nickname" not in match.reasons and "different_surname" in match.reasons


@pytest.mark.parametrize(("nickname", "formal"), NICKNAMES)
def test_a_nickname_and_its_formal_name_share_a_blocking_key_without_a_birth_date(nickname, formal):
    assert blocking_keys(person(nickname)) & blocking_keys(person(formal))


@pytest.mark.parametrize(("typed", "meant"), FIRST_LETTER_TYPOS)
def test_a_typo_in_the_first_letter_of_a_given_name_still_shares_a_blocking_key(typed, meant):
    a, b = person(typed, birth_date=BIRTH), person(meant, "Gómez Pérez", birth_date=BIRTH)

    assert blocking_keys(a) & blocking_keys(b)
    assert score_pair(a, b).score >= THRESHOLD


@pytest.mark.parametrize(("nickname", "formal"), [("Pepe", "José"), ("Chayo", "Rosario"), ("Chema", "José María"),
                                                  ("Toño", "Antonio"), ("Zé", "José"), ("Bia", "Beatriz")])
def test_the_scan_finds_a_nickname_and_its_formal_name(world, nickname, formal):
    first = make_person(world.center_a, formal, "Quintero Ospina", birth_date=date(1988, 3, 4))
    second = make_person(world.center_a, nickname, "Quintero", birth_date=date(1988, 3, 4), phone="3205550199")

    duplicates.scan(world.center_a)

    pair = DuplicatePair.objects.get()
    assert {pair.first, pair.second} == {first, second}
    assert "nickname" in pair.reasons and pair.score >= THRESHOLD


def test_the_scan_finds_a_typo_in_the_first_letter_of_a_given_name(world):
    first = make_person(world.center_a, "Yesica", "Quintero Ospina", birth_date=date(1988, 3, 4))
    second = make_person(world.center_a, "Jesica", "Quintero Ospina", birth_date=date(1988, 3, 4))

    duplicates.scan(world.center_a)

    pair = DuplicatePair.objects.get()
    assert {pair.first, pair.second} == {first, second} and "name_typo" in pair.reasons


def test_the_scan_keeps_twins_named_pepe_and_pedro_apart(world):
    make_person(world.center_a, "Pepe", "Quintero Ospina", birth_date=date(1988, 3, 4), phone="3205550199")
    make_person(world.center_a, "Pedro", "Quintero Ospina", birth_date=date(1988, 3, 4), phone="3205550199")

    assert duplicates.scan(world.center_a).found == 0


def test_registering_pepe_perez_finds_jose_perez_born_the_same_day(world):
    found = registration_candidates(world.center_a, {"given_names": "Pepe", "family_names": "Pérez",
                                                     "birth_date": date(1990, 5, 17)})

    assert [person for person, _match in found] == [world.person_a]
    assert "nickname" in found[0][1].reasons and found[0][1].score >= REGISTRATION_THRESHOLD


@pytest.mark.parametrize(("registered", "nickname"), [("José María", "Chema"), ("Rosario", "Chayo"),
                                                      ("Francisco", "Chico"), ("Jesús", "Chuy")])
def test_registering_a_nickname_finds_the_person_under_the_formal_name(world, registered, nickname):
    known = make_person(world.center_a, registered, "Quintero Ospina", birth_date=date(1988, 3, 4))

    found = registration_candidates(world.center_a, {"given_names": nickname, "family_names": "Quintero",
                                                     "birth_date": date(1988, 3, 4)})

    assert [person for person, _match in found] == [known]
    assert "nickname" in found[0][1].reasons
