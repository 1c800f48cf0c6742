"""Population groups, derived from a participant's attributes — never typed twice (differential approach).

Each group answers two questions the same way: as a database filter (`q`, for lists and figures)
and for one loaded person (`includes`, for a profile). `tests/test_groups.py` holds them to agreement.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The groups' names are the network's vocabulary (network/population.py); who belongs to each is read here.
from integrhabitat.network.population import POPULATION_GROUPS as NAMES
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

CHILD_MAX_AGE = 17
OLDER_MIN_AGE = 60


def years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February in a year that has none
        return today.replace(year=today.year - years, day=28)


def age_q(min_age: int | None, max_age: int | None, today: date, prefix: str = "") -> Q:
    """People whose age in whole years lies in [min_age, max_age], from the birth date."""
    q = Q(**{f"{prefix}birth_date__isnull": False})
    if min_age is not None:
        q &= Q(**{f"{prefix}birth_date__lte": years_before(today, min_age)})
    if max_age is not None:
        q &= Q(**{f"{prefix}birth_date__gt": years_before(today, max_age + 1)})
    return q


@dataclass(frozen=True)
class PopulationGroup:
    code: str
    label: Promise
    sensitive: bool
    _q: Callable[[date, str], Q]
    _includes: Callable[[Participant, date], bool]

    def q(self, today: date, prefix: str = "") -> Q:
        return self._q(today, prefix)

    def includes(self, person: Participant, today: date) -> bool:
        return self._includes(person, today)


def _age_group(min_age, max_age, band):
    def q(today, p):
        return age_q(min_age, max_age, today, p) | Q(**{f"{p}birth_date__isnull": True, f"{p}age_band": band})

    def includes(person, today):
        age = person.age(today)
        if age is None:
            return person.age_band == band
        return (min_age is None or age >= min_age) and (max_age is None or age <= max_age)

    return q, includes


def _in(field, values):
    return (
        lambda today, p: Q(**{f"{p}{field}__in": values}),
        lambda person, today: getattr(person, field) in values,
    )


def _any_true(*fields):
    def q(today, p):
        result = Q(pk__in=[])
        for field in fields:
            result |= Q(**{f"{p}{field}": True})
        return result

    return q, lambda person, today: any(getattr(person, field) for field in fields)


def _disability():
    # Washington Group cut-off: "a lot of difficulty" or "cannot do at all" in at least one domain.
    def q(today, p):
        result = Q(pk__in=[])
        for field in WG_QUESTIONS:
            result |= Q(**{f"{p}{field}__gte": Difficulty.A_LOT})
        return result

    def includes(person, today):
        return any((getattr(person, f) or 0) >= Difficulty.A_LOT for f in WG_QUESTIONS)

    return q, includes


def _women():
    def q(today, p):
        return Q(**{f"{p}gender__in": [Gender.WOMAN, Gender.TRANS_WOMAN]}) | Q(
            **{f"{p}gender__in": ["", Gender.UNKNOWN], f"{p}sex": Sex.FEMALE}
        )

    def includes(person, today):
        return person.gender in (Gender.WOMAN, Gender.TRANS_WOMAN) or (
            person.gender in ("", Gender.UNKNOWN) and person.sex == Sex.FEMALE
        )

    return q, includes


GROUPS: dict[str, PopulationGroup] = {
    g.code: g
    for g in [
        PopulationGroup(
            "children", NAMES["children"], False, *_age_group(None, CHILD_MAX_AGE, AgeBand.CHILD)
        ),
        PopulationGroup("older_adults", NAMES["older_adults"], False, *_age_group(OLDER_MIN_AGE, None, AgeBand.OLDER)),
        PopulationGroup("women", NAMES["women"], False, *_women()),
        PopulationGroup(
            "host_community", NAMES["host_community"], True, *_in("mobility_status", [MobilityStatus.HOST])
        ),
        PopulationGroup(
            "refugees_migrants", NAMES["refugees_migrants"], True,
            *_in("mobility_status", [MobilityStatus.REFUGEE, MobilityStatus.ASYLUM_SEEKER,
                                     MobilityStatus.MIGRANT, MobilityStatus.IN_TRANSIT]),
        ),
        PopulationGroup("returned", NAMES["returned"], True, *_in("mobility_status", [MobilityStatus.RETURNED])),
        PopulationGroup(
            "displaced", NAMES["displaced"], True, *_in("mobility_status", [MobilityStatus.DISPLACED])
        ),
        PopulationGroup("disability", NAMES["disability"], True, *_disability()),
        PopulationGroup(
            "victims", NAMES["victims"], True,
            *_any_true("victim_of_violence", "victim_of_disaster"),
        ),
        PopulationGroup("street", NAMES["street"], True, *_any_true("living_on_street")),
        PopulationGroup(
            "ethnic", NAMES["ethnic"], True,
            *_in("ethnicity", [Ethnicity.INDIGENOUS, Ethnicity.AFRO, Ethnicity.ROMA]),
        ),
        PopulationGroup("lgbtqi", NAMES["lgbtqi"], True, *_in("lgbtqi", [YesNoUnknown.YES])),
    ]
}

GROUP_CHOICES = [(g.code, g.label) for g in GROUPS.values()]
PUBLIC_GROUP_CHOICES = [(g.code, g.label) for g in GROUPS.values() if not g.sensitive]


def groups_of(person: Participant, today: date, *, include_sensitive: bool) -> list[PopulationGroup]:
    return [
        g for g in GROUPS.values() if (include_sensitive or not g.sensitive) and g.includes(person, today)
    ]


AGE_GROUPS = {
    "0_5": (_("0–5 years"), 0, 5),
    "6_17": (_("6–17 years"), 6, 17),
    "18_28": (_("18–28 years"), 18, 28),
    "29_59": (_("29–59 years"), 29, 59),
    "60_plus": (_("60 years or more"), 60, None),
}
AGE_GROUP_CHOICES = [(code, label) for code, (label, _lo, _hi) in AGE_GROUPS.items()]


def age_group_q(code: str, today: date, prefix: str = "") -> Q:
    _label, low, high = AGE_GROUPS[code]
    return age_q(low, high, today, prefix)
