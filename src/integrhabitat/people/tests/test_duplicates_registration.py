"""At registration, people who look like the one being registered are shown before saving."""

from datetime import date

import pytest

from integrhabitat.conftest import make_person
from integrhabitat.lib.testing import browser_data
from integrhabitat.people.models import Participant
from integrhabitat.people.search import possible_duplicates


@pytest.fixture
def register(world):
    desk = world.client_for(world.front_desk)
    url = f"/c/{world.center_a.slug}/people/new/"
    blank = browser_data(desk.get(url).context["form"])

    def post(**fields):
        return desk.post(url, {**blank, "consent_data_processing": "on", **fields})

    return post


@pytest.mark.parametrize(("fields", "reason"), [
    ({"given_names": "José", "family_names": "Rodríguez Pérez", "birth_date": "1990-05-17"},
     "Apellidos en el orden inverso"),
    ({"given_names": "Jose", "family_names": "Perez", "birth_date": "1990-05-17"},
     "A un registro le falta un apellido"),
    ({"given_names": "Pepe", "family_names": "Pérez", "phone": "300 123 4567"}, "Mismo teléfono"),
    ({"given_names": "José", "family_names": "Pérez Rodríguez", "birth_date": "1990-05-17", "phone": ""},
     "Misma fecha de nacimiento"),
])
def test_it_shows_the_look_alike_with_why_and_saves_nothing(world, register, fields, reason):
    response = register(**fields)

    assert response.status_code == 200
    assert [p.pk for p in response.context["duplicates"]] == [world.person_a.pk]
    assert reason in response.content.decode()
    assert Participant.objects.filter(center=world.center_a).count() == 1


def test_it_does_not_stop_a_namesake_born_on_another_date(world, register):
    response = register(given_names="José", family_names="Pérez Rodríguez", birth_date="1961-02-03")

    assert response.status_code == 302
    assert Participant.objects.filter(center=world.center_a).count() == 2


def test_it_never_proposes_a_person_of_another_center(world):
    make_person(world.center_b, "José", "Pérez Rodríguez", birth_date=date(1990, 5, 17))

    found = possible_duplicates(world.center_b, {"given_names": "Jose", "family_names": "Perez Rodriguez",
                                                 "birth_date": date(1990, 5, 17)})

    assert [p.center for p in found] == [world.center_b]


def test_it_ranks_the_closest_first_and_keeps_the_limit(world):
    make_person(world.center_a, "José", "Pérez", birth_date=date(1990, 5, 17))
    make_person(world.center_a, "José Luis", "Pérez Rodríguez", birth_date=date(1990, 5, 17))

    found = possible_duplicates(world.center_a, {"given_names": "José", "family_names": "Pérez Rodríguez",
                                                 "birth_date": date(1990, 5, 17)}, limit=2)

    assert found[0] == world.person_a and len(found) == 2
    assert "Misma fecha de nacimiento" in found[0].duplicate_reasons
