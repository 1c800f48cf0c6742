from integrhabitat.conftest import make_person
from integrhabitat.lib.testing import browser_data
from integrhabitat.people.models import Participant, Relationship
from integrhabitat.people.services import create_household


def register_url(world, household):
    return f"/c/{world.center_a.slug}/people/new/?household={household.uuid}"


def test_it_registers_a_new_member_straight_into_the_household(world):
    household = create_household(world.person_a, actor=world.coordinator)
    desk = world.client_for(world.front_desk)
    form = desk.get(register_url(world, household)).context["form"]
    assert form.initial["family_names"] == household.name
    data = {**browser_data(form), "given_names": "Lucía", "household_relationship": Relationship.CHILD,
            "approximate_age": "7", "consent_data_processing": "on", "consent_given_by": "guardian",
            "consent_given_by_name": "José Pérez Rodríguez"}

    response = desk.post(register_url(world, household), data)

    assert response.status_code == 302
    assert response["Location"] == f"/c/{world.center_a.slug}/people/households/{household.uuid}/"
    lucia = Participant.objects.get(given_names="Lucía")
    assert (lucia.household, lucia.household_relationship) == (household, Relationship.CHILD)
    assert lucia.family_names == "Pérez Rodríguez"


def test_it_requires_the_relationship_of_a_new_member(world):
    household = create_household(world.person_a, actor=world.coordinator)
    desk = world.client_for(world.front_desk)
    data = {**browser_data(desk.get(register_url(world, household)).context["form"]),
            "given_names": "Lucía", "consent_data_processing": "on"}

    response = desk.post(register_url(world, household), data)

    assert response.status_code == 400
    assert "household_relationship" in response.context["form"].errors
    assert not Participant.objects.filter(given_names="Lucía").exists()


def test_it_answers_404_for_another_centers_household_or_a_malformed_one(world):
    other = create_household(world.person_b, actor=world.other_coordinator)
    desk = world.client_for(world.front_desk)

    assert desk.get(register_url(world, other)).status_code == 404
    assert desk.get(f"/c/{world.center_a.slug}/people/new/?household=not-a-uuid").status_code == 404


def test_it_lists_the_head_first_then_members_by_age(world):
    household = create_household(world.person_a, actor=world.coordinator)
    make_person(world.center_a, "Ana", "Pérez", birth_date="2015-01-01", household=household,
                household_relationship=Relationship.CHILD)
    make_person(world.center_a, "Eva", "Pérez", birth_date="1950-01-01", household=household,
                household_relationship=Relationship.PARENT)

    response = world.client_for(world.case_worker).get(
        f"/c/{world.center_a.slug}/people/households/{household.uuid}/")

    assert [m.given_names for m in response.context["members"]] == ["José", "Eva", "Ana"]


def test_it_adds_a_registered_person_by_code_and_explains_an_unknown_code(world):
    household = create_household(world.person_a, actor=world.coordinator)
    ana = make_person(world.center_a, "Ana", "Pérez")
    url = f"/c/{world.center_a.slug}/people/households/{household.uuid}/"
    client = world.client_for(world.front_desk)

    refused = client.post(url, {"code": world.person_b.code, "relationship": Relationship.CHILD})
    added = client.post(url, {"code": ana.code.lower(), "relationship": Relationship.CHILD})

    assert refused.status_code == 400 and "code" in refused.context["form"].errors
    assert added.status_code == 302
    ana.refresh_from_db()
    assert (ana.household, ana.household_relationship) == (household, Relationship.CHILD)
