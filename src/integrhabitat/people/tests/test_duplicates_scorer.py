"""The duplicate scorer: a score from 0 to 1 and the reasons, for Latin-American name variation."""

from datetime import date

import pytest

from integrhabitat.people.duplicates import THRESHOLD, Profile, score_pair


def person(given, family="", **data) -> Profile:
    return Profile.of(given_names=given, family_names=family, **data)


BIRTH = date(1990, 5, 7)


@pytest.mark.parametrize(("a", "b", "reason"), [
    (person("José", "Pérez Gómez", birth_date=BIRTH), person("JOSE", "PEREZ GOMEZ", birth_date=BIRTH),
     "names_equal_ignoring_accents"),
    (person("José", "Pérez Gómez", birth_date=BIRTH), person("Jose", "Peres Gomez", birth_date=BIRTH), "name_typo"),
    (person("María José", "Rodríguez Pérez", birth_date=BIRTH), person("María José", "Pérez Rodríguez",
                                                                      birth_date=BIRTH), "swapped_surnames"),
    (person("María José", "Rodríguez Pérez", birth_date=BIRTH), person("María José", "Rodríguez",
                                                                      birth_date=BIRTH), "missing_second_surname"),
    (person("María José", "Rodríguez Pérez", birth_date=BIRTH), person("María", "Rodríguez Pérez",
                                                                      birth_date=BIRTH), "given_names_partial"),
    (person("Juan Carlos", "Mejía Ruiz", birth_date=BIRTH), person("J. Carlos", "Mejía Ruiz", birth_date=BIRTH),
     "given_names_abbreviated"),
    (person("Luz Dary", "de la Cruz Mejía", birth_date=BIRTH), person("Luz Dary", "Cruz Mejía", birth_date=BIRTH),
     "same_birth_date"),
    (person("Yorgelis", "Rangel Briceño", birth_date=date(1990, 5, 7)),
     person("Yorgelys", "Rangel Briceño", birth_date=date(1990, 7, 5)), "birth_day_month_swapped"),
    (person("Ana", "Ríos", document_number="1.023.456.789"), person("Ana Lucía", "Ríos", document_number="1023456789"),
     "same_document"),
    (person("Wilmer", "Colmenares", phone="+58 414 555 1234", birth_date=BIRTH),
     person("Wilmer", "Colmenares", phone="0414-555-1234", birth_date=BIRTH), "same_phone"),
])
def test_it_finds_the_same_person_written_differently_with_the_reason(a, b, reason):
    match = score_pair(a, b)

    assert match.score >= THRESHOLD, match
    assert reason in match.reasons
    assert score_pair(b, a).score == pytest.approx(match.score, abs=0.05)


@pytest.mark.parametrize(("a", "b", "reason"), [
    # Namesakes: same common name, different birth dates.
    (person("María", "González López", birth_date=date(1990, 5, 7)),
     person("María", "González López", birth_date=date(1975, 11, 23)), "different_birth_date"),
    # Siblings: same surnames and phone, different given names.
    (person("Ana", "Rodríguez Pérez", phone="3001234567", birth_date=BIRTH),
     person("Luisa", "Rodríguez Pérez", phone="3001234567", birth_date=date(1993, 1, 2)), "different_given_names"),
    # Twins: same birth date and phone, different given names.
    (person("Ana", "Rodríguez Pérez", phone="3001234567", birth_date=BIRTH),
     person("Luisa", "Rodríguez Pérez", phone="3001234567", birth_date=BIRTH), "different_given_names"),
    # Cousins: one surname in common, the other different.
    (person("José", "Pérez Gómez", birth_date=BIRTH), person("José", "Pérez Rodríguez", birth_date=BIRTH),
     "different_surname"),
    # Two documents that differ.
    (person("Carlos", "Torres", document_number="80123456"), person("Carlos", "Torres", document_number="79555111"),
     "different_document"),
])
def test_it_keeps_different_people_apart_and_says_why(a, b, reason):
    match = score_pair(a, b)

    assert match.score < THRESHOLD, match
    assert reason in match.reasons


def test_it_answers_none_early_when_a_pair_cannot_reach_the_minimum():
    a = person("María", "González", birth_date=date(1990, 5, 7))
    b = person("María", "González", birth_date=date(1960, 1, 1))

    assert score_pair(a, b, min_score=THRESHOLD) is None
    assert score_pair(a, b).score < THRESHOLD


def test_without_a_minimum_it_always_answers_a_score_even_for_people_with_nothing_in_common():
    """Found importing a list: a woman with another document and birth date than a man with a similar
    surname made the registration check fail (None instead of a low score)."""
    match = score_pair(person("Rocío", "Peña Aguilar", sex="female", birth_date=date(1979, 1, 24),
                              document_number="AB123456"),
                       person("Álvaro", "Aguilar Herrera", sex="male", birth_date=date(1985, 11, 11),
                              document_number="2991117"))

    assert match is not None and match.score < THRESHOLD
    assert {"different_document", "different_sex"} <= set(match.reasons)
