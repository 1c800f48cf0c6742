"""Population groups derived from a person's attributes (`people.groups`), never typed twice."""

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.extra.django import TestCase

from integrhabitat.conftest import make_center, make_person
from integrhabitat.people.groups import GROUPS, groups_of, years_before
from integrhabitat.people.models import (
    WG_QUESTIONS,
    AgeBand,
    Difficulty,
    Ethnicity,
    Gender,
    MobilityStatus,
    Participant,
    Sex,
    YesNoUnknown,
)

TODAY = date(2026, 3, 15)

# Hypothesis keeps its caches out of the working tree.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "integrhabitat-hypothesis")


def members(code: str, today: date = TODAY) -> set[int]:
    """The people the database puts in a group."""
    return set(Participant.objects.filter(GROUPS[code].q(today)).values_list("pk", flat=True))


def in_group(person: Participant, code: str, today: date = TODAY) -> bool:
    """Whether the group holds the person, asked both ways; the two must agree."""
    loaded = Participant.objects.get(pk=person.pk)
    by_profile = GROUPS[code].includes(loaded, today)
    assert by_profile == (person.pk in members(code, today)), f"q and includes disagree on {code}"
    return by_profile


@pytest.fixture
def center(world):
    return world.center_a


def test_it_counts_a_ten_year_old_as_a_child(center):
    child = make_person(center, "Niño", birth_date=date(2015, 9, 1))

    assert in_group(child, "children")
    assert not in_group(child, "older_adults")


def test_it_counts_a_sixty_five_year_old_as_an_older_adult(center):
    elder = make_person(center, "Abuela", birth_date=date(1961, 1, 20))

    assert in_group(elder, "older_adults")
    assert not in_group(elder, "children")


def test_it_stops_counting_someone_as_a_child_on_their_eighteenth_birthday(center):
    adult_today = make_person(center, "Cumple", birth_date=years_before(TODAY, 18))
    adult_tomorrow = make_person(center, "Víspera", birth_date=date(2008, 3, 16))

    assert not in_group(adult_today, "children")
    assert in_group(adult_tomorrow, "children")


def test_it_counts_someone_born_on_29_february_by_the_calendar(center):
    leapling = make_person(center, "Bisiesto", birth_date=date(2008, 2, 29))

    assert in_group(leapling, "children", today=date(2026, 2, 28))
    assert not in_group(leapling, "children", today=date(2026, 3, 1))


@pytest.mark.parametrize(("band", "group"), [
    (AgeBand.CHILD, "children"), (AgeBand.OLDER, "older_adults"),
])
def test_it_uses_the_declared_age_band_when_the_birth_date_is_unknown(center, band, group):
    person = make_person(center, "Sin fecha", age_band=band)

    assert in_group(person, group)


def test_it_counts_an_adult_age_band_in_no_age_group(center):
    person = make_person(center, "Adulto", age_band=AgeBand.ADULT)

    assert not in_group(person, "children")
    assert not in_group(person, "older_adults")


def test_it_prefers_the_birth_date_over_a_stale_age_band(center):
    person = make_person(center, "Creció", birth_date=date(1990, 1, 1), age_band=AgeBand.CHILD)

    assert not in_group(person, "children")


@pytest.mark.parametrize(("answers", "expected"), [
    ({"wg_walking": Difficulty.A_LOT}, True),
    ({"wg_seeing": Difficulty.CANNOT}, True),
    ({"wg_communication": Difficulty.A_LOT, "wg_hearing": Difficulty.NONE}, True),
    ({name: Difficulty.SOME for name in WG_QUESTIONS}, False),
    ({"wg_cognition": Difficulty.NONE}, False),
    ({}, False),
])
def test_it_derives_disability_from_the_washington_group_cut_off(center, answers, expected):
    person = make_person(center, "Persona", **answers)

    assert in_group(person, "disability") is expected


@pytest.mark.parametrize(("status", "group"), [
    (MobilityStatus.REFUGEE, "refugees_migrants"),
    (MobilityStatus.ASYLUM_SEEKER, "refugees_migrants"),
    (MobilityStatus.MIGRANT, "refugees_migrants"),
    (MobilityStatus.IN_TRANSIT, "refugees_migrants"),
    (MobilityStatus.HOST, "host_community"),
    (MobilityStatus.RETURNED, "returned"),
    (MobilityStatus.DISPLACED, "displaced"),
])
def test_it_derives_the_mobility_groups_from_the_mobility_status(center, status, group):
    person = make_person(center, "Persona", mobility_status=status)

    assert in_group(person, group)
    others = {"refugees_migrants", "host_community", "returned", "displaced"} - {group}
    assert not any(in_group(person, other) for other in others)


def test_it_counts_a_host_community_member_apart_from_refugees_and_migrants(center):
    host = make_person(center, "Vecina", mobility_status=MobilityStatus.HOST)

    assert in_group(host, "host_community")
    assert not in_group(host, "refugees_migrants")


@pytest.mark.parametrize("attribute", ["victim_of_violence", "victim_of_disaster"])
def test_it_counts_victims_of_violence_or_disasters(center, attribute):
    person = make_person(center, "Persona", **{attribute: True})

    assert in_group(person, "victims")


def test_it_counts_nobody_as_a_victim_by_default(center):
    assert not in_group(make_person(center, "Persona"), "victims")


@pytest.mark.parametrize(("answer", "expected"), [
    (YesNoUnknown.YES, True), (YesNoUnknown.NO, False), (YesNoUnknown.UNKNOWN, False), ("", False),
])
def test_it_counts_lgbtqi_people_only_when_they_said_yes(center, answer, expected):
    person = make_person(center, "Persona", lgbtqi=answer)

    assert in_group(person, "lgbtqi") is expected


@pytest.mark.parametrize(("ethnicity", "expected"), [
    (Ethnicity.INDIGENOUS, True), (Ethnicity.AFRO, True), (Ethnicity.ROMA, True),
    (Ethnicity.NONE, False), (Ethnicity.UNKNOWN, False),
])
def test_it_counts_ethnic_groups_from_self_identification(center, ethnicity, expected):
    assert in_group(make_person(center, "Persona", ethnicity=ethnicity), "ethnic") is expected


@pytest.mark.parametrize(("sex", "gender", "expected"), [
    (Sex.FEMALE, Gender.WOMAN, True),
    (Sex.MALE, Gender.TRANS_WOMAN, True),
    (Sex.FEMALE, Gender.UNKNOWN, True),
    (Sex.FEMALE, Gender.TRANS_MAN, False),
    (Sex.UNKNOWN, Gender.UNKNOWN, False),
])
def test_it_counts_women_and_girls_by_gender_identity_then_sex(center, sex, gender, expected):
    assert in_group(make_person(center, "Persona", sex=sex, gender=gender), "women") is expected


def test_it_counts_people_living_on_the_street(center):
    assert in_group(make_person(center, "Persona", living_on_street=True), "street")


def test_it_hides_sensitive_groups_from_roles_that_may_not_see_them(center):
    person = make_person(center, "Niña", birth_date=date(2016, 1, 1), sex=Sex.FEMALE,
                         mobility_status=MobilityStatus.REFUGEE, wg_hearing=Difficulty.CANNOT)

    public = {g.code for g in groups_of(person, TODAY, include_sensitive=False)}
    everything = {g.code for g in groups_of(person, TODAY, include_sensitive=True)}

    assert public == {"children", "women"}
    assert everything == {"children", "women", "refugees_migrants", "disability"}


def _blank_or(choices):
    return st.sampled_from(["", *choices])


participants = st.fixed_dictionaries({
    "birth_date": st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2032, 12, 31))),
    "age_band": _blank_or(AgeBand.values),
    "sex": st.sampled_from(Sex.values),
    "gender": st.sampled_from(Gender.values),
    "mobility_status": _blank_or(MobilityStatus.values),
    "ethnicity": _blank_or(Ethnicity.values),
    **{name: st.one_of(st.none(), st.sampled_from(Difficulty.values)) for name in WG_QUESTIONS},
    "victim_of_violence": st.booleans(),
    "victim_of_disaster": st.booleans(),
    "living_on_street": st.booleans(),
    "lgbtqi": _blank_or(YesNoUnknown.values),
})


class TestGroupsAgree(TestCase):
    """For any people and any day, the database filter and the profile check name the same members."""

    @classmethod
    def setUpTestData(cls):
        cls.center = make_center("centro-h", "HHH", "Centro H")

    @settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(people=st.lists(participants, min_size=1, max_size=4),
           today=st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31)))
    def test_it_filters_the_same_people_as_it_includes(self, people, today):
        for number, data in enumerate(people):
            Participant.objects.create(center=self.center, code=f"HHH-{number:05d}", given_names="P", **data)
        loaded = list(Participant.objects.filter(center=self.center))

        for group in GROUPS.values():
            filtered = set(
                Participant.objects.filter(center=self.center).filter(group.q(today)).values_list("pk", flat=True)
            )
            included = {p.pk for p in loaded if group.includes(p, today)}
            assert filtered == included, group.code
