"""The people of a demo center, drawn at random but deterministically: who they are, who arrives
with whom (families that become households), when they first came and how often they come back.

Nothing here touches the database; `generator.py` writes what this draws.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from integrhabitat.demo import catalogue as cat
from integrhabitat.lib.text import fold
from integrhabitat.people import documents
from integrhabitat.people.groups import groups_of
from integrhabitat.people.models import (
    WG_QUESTIONS,
    AgeBand,
    Channel,
    Consent,
    Difficulty,
    DocumentType,
    Ethnicity,
    Gender,
    Language,
    MobilityStatus,
    Participant,
    Relationship,
    Sex,
    YesNoUnknown,
)

DAYS_BACK = 364  # the demo year runs from today - 364 days to today: twelve months


def weighted[T](rng: random.Random, table: dict[T, float]) -> T:
    return rng.choices(list(table), weights=list(table.values()))[0]


def open_day(day: date, today: date) -> date:
    """Centers close on Sundays: move a Sunday to the Saturday before (the Monday after, on the
    demo year's first day), and nothing goes past `today`."""
    if day.weekday() == 6:
        day += timedelta(days=1 if day == today - timedelta(days=DAYS_BACK) else -1)
    return min(day, today)


@dataclass
class PersonPlan:
    data: dict[str, Any]
    first_seen: date
    given_at: datetime
    consent: dict[str, str]
    weight: float  # how often the person comes back, relative to others
    age: int = 30
    registrar: str = ""
    groups: frozenset[str] = frozenset()
    extra_consents: list[dict[str, str]] = field(default_factory=list)


@dataclass
class UnitPlan:
    """People who arrive together: one person, or a family that may form a household."""

    members: list[tuple[PersonPlan, str]]  # (person, relationship to the first member)
    household: bool
    address: str = ""

    @property
    def first_seen(self) -> date:
        return self.members[0][0].first_seen


class PopulationPlanner:
    """Draws the people of one center, in units of people who arrive together."""

    def __init__(self, rng: random.Random, spec: cat.CenterSpec, today: date) -> None:
        self.rng = rng
        self.spec = spec
        self.today = today
        self.start = today - timedelta(days=DAYS_BACK)
        self.country = spec.data["country"]
        self.tz = ZoneInfo(spec.timezone)
        self.names: set[tuple[str, str]] = set()

    def units(self) -> list[UnitPlan]:
        """Everyone, grouped by arrival and sorted by the day they first came."""
        units = self._units()
        units.sort(key=lambda unit: unit.first_seen)
        for unit in units:
            for person, _relationship in unit.members:
                person.groups = frozenset(
                    g.code for g in groups_of(Participant(**person.data), self.today, include_sensitive=True)
                )
        return units

    def _units(self) -> list[UnitPlan]:
        rng = self.rng
        units: list[UnitPlan] = []
        for overrides in self.spec.fixed_people:
            units.append(self._single(overrides))
        for original, duplicate in self.spec.near_duplicates:
            first = self._single(original)
            units.append(first)
            units.append(self._near_duplicate(first.members[0][0], duplicate))
        count = sum(len(unit.members) for unit in units)
        while count < self.spec.participants:
            kind = weighted(rng, {
                "single": 43, "older": 8, "single_parent": 16, "couple_children": 17, "couple": 5,
                "three_generations": 4, "grandparent": 3, "shared": 5,
            })
            unit = self._single(older=kind == "older") if kind in ("single", "older") else self._family(kind)
            units.append(unit)
            count += len(unit.members)
        # A few people arrive today, so the day's figures are not empty.
        drawn = units[len(self.spec.fixed_people) + 2 * len(self.spec.near_duplicates):]
        for unit in rng.sample(drawn, 2):
            for person, _rel in unit.members:
                self._seen_on(person, self.today)
        return units

    def _first_seen(self) -> date:
        rng = self.rng
        if rng.random() < 0.3:  # registered before the demo year
            day = self.start - timedelta(days=rng.randint(1, 540))
        else:
            day = self.start + timedelta(days=int(DAYS_BACK * rng.random() ** 1.3))
        return open_day(day, self.today)

    def _seen_on(self, person: PersonPlan, day: date) -> None:
        person.first_seen = day
        person.given_at = datetime.combine(day, person.given_at.timetz())
        if person.given_at > timezone.now():
            person.given_at = timezone.now() - timedelta(minutes=self.rng.randint(5, 90))

    def _mobility_and_nationality(self) -> tuple[str, str]:
        rng = self.rng
        mobility = weighted(rng, self.spec.mobility)
        if mobility in (MobilityStatus.HOST, MobilityStatus.RETURNED, MobilityStatus.DISPLACED):
            return mobility, self.country
        foreign = dict(self.spec.foreign)
        if mobility in (MobilityStatus.REFUGEE, MobilityStatus.ASYLUM_SEEKER) and self.country == "EC":
            foreign["CO"] = foreign.get("CO", 0) * 3  # Colombians are most refugees in Ecuador
        return mobility, weighted(rng, foreign)

    def _single(self, overrides: dict | None = None, *, older: bool = False) -> UnitPlan:
        rng = self.rng
        overrides = dict(overrides or {})
        mobility, nationality = self._mobility_and_nationality()
        if "nationality" in overrides:
            nationality = overrides["nationality"]
            national = mobility in (MobilityStatus.HOST, MobilityStatus.RETURNED, MobilityStatus.DISPLACED)
            if nationality != self.country and national:
                mobility = MobilityStatus.MIGRANT
            elif nationality == self.country and not national:
                mobility = MobilityStatus.HOST
        mobility = overrides.pop("mobility_status", mobility)
        age = rng.randint(60, 88) if older else int(rng.triangular(18, 75, 29))
        if overrides:
            age = rng.randint(24, 52)
        sex = overrides.pop("sex", None) or self._sex()
        person = self._person(age=age, sex=sex, mobility=mobility, nationality=nationality,
                              first_seen=self._first_seen(), alone=True)
        if overrides:
            self.names.discard((person.data["given_names"], person.data["family_names"]))
            person.data.update(overrides)
            person.data["preferred_name"] = overrides.get("preferred_name", "")
            self.names.add((person.data["given_names"], person.data["family_names"]))
        return UnitPlan([(person, Relationship.HEAD)], household=False)

    def _near_duplicate(self, original: PersonPlan, names: dict) -> UnitPlan:
        """The same person registered again later, with the name typed differently."""
        rng = self.rng
        data = dict(original.data)
        data.update(names)
        data.update(email="", document_type="", document_name="", document_country="", document_number="",
                    preferred_name=names.get("preferred_name", ""))
        if rng.random() < 0.5:
            data["birth_date_estimated"] = bool(data.get("birth_date"))
        later = open_day(original.first_seen + timedelta(days=rng.randint(40, 150)), self.today)
        person = PersonPlan(
            data=data, first_seen=later, given_at=original.given_at, consent=dict(original.consent),
            weight=original.weight / 2, age=original.age,
        )
        self._seen_on(person, later)
        self.names.add((data["given_names"], data["family_names"]))
        return UnitPlan([(person, Relationship.HEAD)], household=False)

    def _family(self, kind: str) -> UnitPlan:
        rng = self.rng
        mobility, nationality = self._mobility_and_nationality()
        first_seen = self._first_seen()
        absent = rng.choice(cat.COMMON_SURNAMES)  # the surname of a parent who did not come

        def make(age: int, sex: str, family_names: str | None = None) -> PersonPlan:
            return self._person(age=age, sex=sex, mobility=mobility, nationality=nationality,
                                first_seen=first_seen, family_names=family_names)

        members: list[tuple[PersonPlan, str]] = []
        if kind == "grandparent":
            head = make(rng.randint(56, 78), Sex.FEMALE if rng.random() < 0.8 else Sex.MALE)
            members.append((head, Relationship.HEAD))
            for _ in range(rng.randint(1, 3)):
                child = make(rng.randint(1, 16), self._sex(), self._child_surnames(head, None, absent))
                members.append((child, Relationship.GRANDCHILD))
        elif kind == "shared":
            # Young adults sharing a rented room: siblings or not related.
            head = make(int(rng.triangular(18, 40, 24)), self._sex())
            members.append((head, Relationship.HEAD))
            for _ in range(rng.randint(1, 2)):
                if rng.random() < 0.5:
                    other = make(int(rng.triangular(18, 40, 24)), self._sex(), head.data["family_names"])
                    members.append((other, Relationship.SIBLING))
                else:
                    members.append((make(int(rng.triangular(18, 45, 26)), self._sex()),
                                    Relationship.NON_RELATIVE))
        else:
            head_sex = Sex.FEMALE if kind == "single_parent" and rng.random() < 0.85 else self._sex()
            head_age = int(rng.triangular(19, 58, 31))
            head = make(head_age, head_sex)
            members.append((head, Relationship.HEAD))
            partner = None
            if kind in ("couple", "couple_children") or (kind == "three_generations" and rng.random() < 0.6):
                same_sex = rng.random() < 0.04
                partner_sex = head_sex if same_sex else (Sex.MALE if head_sex == Sex.FEMALE else Sex.FEMALE)
                partner = make(max(18, head_age + rng.randint(-6, 6)), partner_sex)
                if same_sex:
                    for p in (head, partner):
                        p.data["lgbtqi"] = YesNoUnknown.YES
                if head.data.get("phone") and rng.random() < 0.25:
                    partner.data["phone"] = head.data["phone"]  # one phone for the family
                members.append((partner, Relationship.PARTNER))
            if kind != "couple":
                for _ in range(rng.choice([1, 1, 2, 2, 2, 3, 4])):
                    age = rng.randint(0, min(17, max(0, head_age - 18)))
                    child = make(age, self._sex(), self._child_surnames(head, partner, absent))
                    members.append((child, Relationship.CHILD))
            if kind == "three_generations":
                elder_sex = Sex.FEMALE if rng.random() < 0.7 else Sex.MALE
                elder_names = None
                surnames = head.data["family_names"].split(" ")
                if len(surnames) == 2:  # the head's father gave the first surname, the mother the second
                    own = surnames[elder_sex == Sex.FEMALE]
                    elder_names = f"{own} {self._two_surnames(nationality).split(' ')[0]}"
                elder = make(head_age + rng.randint(20, 30), elder_sex, elder_names)
                members.append((elder, Relationship.PARENT))
        guardian = next((p for p, _r in members if p.age >= 18), members[0][0])
        for person, _rel in members:
            if person.age < 18:
                person.consent = {
                    "given_by": Consent.GivenBy.GUARDIAN,
                    "given_by_name": " ".join([guardian.data["given_names"], guardian.data["family_names"]]),
                    "method": Consent.Method.SIGNED if rng.random() < 0.8 else Consent.Method.VERBAL,
                }
                person.extra_consents = [
                    dict(c, given_by=Consent.GivenBy.GUARDIAN, given_by_name=person.consent["given_by_name"])
                    for c in person.extra_consents if c["purpose"] != Consent.Purpose.CONTACT
                ]
        return UnitPlan(members, household=rng.random() < 0.9, address=self._address())

    def _child_surnames(self, parent: PersonPlan, other: PersonPlan | None, absent: str) -> str:
        """Father's first surname, then mother's; `absent` stands in for a parent not in the unit."""
        surnames = parent.data["family_names"].split(" ")
        if len(surnames) == 1 and parent.data["nationality"] in cat.SINGLE_SURNAME:
            return surnames[0]
        mine = surnames[0]
        theirs = other.data["family_names"].split(" ")[0] if other is not None else absent
        return f"{mine} {theirs}" if parent.data["sex"] == Sex.MALE else f"{theirs} {mine}"

    def _sex(self) -> str:
        r = self.rng.random()
        return Sex.FEMALE if r < 0.55 else Sex.MALE if r < 0.99 else Sex.UNKNOWN

    def _person(
        self, *, age: int, sex: str, mobility: str, nationality: str, first_seen: date,
        family_names: str | None = None, alone: bool = False,
    ) -> PersonPlan:
        rng = self.rng
        today = self.today
        adult = age >= 18
        # Nobody is registered before being born: a baby of a family seen last year is at least one.
        age = max(age, -(-(today - first_seen).days // 365))
        given, family = self._name(nationality, sex, age, family_names)
        data: dict[str, Any] = {
            "given_names": given, "family_names": family, "sex": sex, "nationality": nationality,
            "mobility_status": mobility,
        }
        # Birth date: exact, estimated, or only an age band.
        if rng.random() < (0.15 if mobility == MobilityStatus.IN_TRANSIT else 0.03):
            data["age_band"] = AgeBand.CHILD if age < 18 else AgeBand.OLDER if age >= 60 else AgeBand.ADULT
        elif rng.random() < (0.3 if age >= 60 or mobility == MobilityStatus.IN_TRANSIT else 0.08):
            data["birth_date"] = date(today.year - age - 1, rng.choice([1, 7]), 1)
            data["birth_date_estimated"] = True
        else:
            data["birth_date"] = today - timedelta(days=365 * age + rng.randint(1, 360) + age // 4)
        data.update(self._gender(sex, age))
        data.update(self._contact(nationality, mobility, age, given, family))
        data.update(self._named(self._document(nationality, mobility, age), nationality))
        data.update(self._differential(nationality, mobility, age, alone))
        data["preferred_language"] = self._language(nationality, data.get("ethnicity", ""), age)
        if not data.get("preferred_name") and rng.random() < 0.3 and given in cat.NICKNAMES:
            data["preferred_name"] = cat.NICKNAMES[given]
        given_at = datetime.combine(first_seen, datetime.min.time(), tzinfo=self.tz).replace(
            hour=rng.randint(8, 16), minute=rng.choice([0, 10, 15, 20, 30, 40, 45, 50])
        )
        person = PersonPlan(
            data=data, first_seen=first_seen, given_at=given_at,
            consent={
                "given_by": Consent.GivenBy.SELF,
                "method": weighted(rng, {Consent.Method.SIGNED: 50, Consent.Method.VERBAL: 35,
                                          Consent.Method.DIGITAL: 15}),
            },
            weight=min(rng.paretovariate(1.6), 8.0), age=age,
        )
        if adult and any((data.get(q) or 0) >= Difficulty.A_LOT for q in ("wg_cognition", "wg_communication")):
            person.consent = {"given_by": Consent.GivenBy.REPRESENTATIVE, "method": Consent.Method.SIGNED,
                              "given_by_name": f"{rng.choice(cat.FEMALE)} {family.split(' ')[0]} (familiar)"}
        if data.get("phone") and data["preferred_channel"] != Channel.IN_PERSON and rng.random() < 0.8:
            person.extra_consents.append({"purpose": Consent.Purpose.CONTACT, "given_by": Consent.GivenBy.SELF,
                                          "method": Consent.Method.VERBAL})
        if rng.random() < 0.3:
            person.extra_consents.append({"purpose": Consent.Purpose.REFERRAL, "given_by": Consent.GivenBy.SELF,
                                          "method": Consent.Method.SIGNED})
        if rng.random() < 0.1:
            person.extra_consents.append({"purpose": Consent.Purpose.IMAGE, "given_by": Consent.GivenBy.SELF,
                                          "method": Consent.Method.SIGNED})
        return person

    def _name(self, nationality: str, sex: str, age: int, family_names: str | None) -> tuple[str, str]:
        rng = self.rng
        female = sex == Sex.FEMALE or (sex not in (Sex.MALE, Sex.FEMALE) and rng.random() < 0.5)
        for _attempt in range(30):
            if nationality in cat.SINGLE_SURNAME:
                women, men, surnames = cat.SINGLE_SURNAME[nationality]
                given = rng.choice(women if female else men)
                family = family_names or rng.choice(surnames)
            else:
                pools = [cat.FEMALE if female else cat.MALE]
                if age < 18:
                    pools += [cat.CHILD_FEMALE if female else cat.CHILD_MALE] * 2
                elif age >= 60:
                    pools += [cat.OLDER_FEMALE if female else cat.OLDER_MALE] * 2
                if nationality == "VE" and age >= 12:
                    pools.append(cat.VE_FEMALE if female else cat.VE_MALE)
                elif nationality in ("PE", "EC") and age >= 18:
                    pools.append(cat.ANDEAN_FEMALE if female else cat.ANDEAN_MALE)
                elif nationality == "CU" and age >= 18:
                    pools.append(cat.CUBAN_FEMALE if female else cat.CUBAN_MALE)
                given = rng.choice(rng.choice(pools))
                family = family_names or self._two_surnames(nationality)
            if (given, family) not in self.names and (given, family) != ("José", "Pérez Rodríguez"):
                self.names.add((given, family))
                return given, family
        raise RuntimeError("ran out of demo names")  # pragma: no cover

    def _two_surnames(self, nationality: str) -> str:
        rng = self.rng
        local = cat.SURNAMES.get(nationality, [])

        def one() -> str:
            return rng.choice(local) if local and rng.random() < 0.55 else rng.choice(cat.COMMON_SURNAMES)

        first = one()
        second = one()
        while second == first:
            second = one()
        return f"{first} {second}"

    def _gender(self, sex: str, age: int) -> dict[str, Any]:
        r = self.rng.random()
        result: dict[str, Any] = {}
        if age >= 16 and r < 0.015 and sex in (Sex.MALE, Sex.FEMALE):
            trans_woman = sex == Sex.MALE
            result["gender"] = Gender.TRANS_WOMAN if trans_woman else Gender.TRANS_MAN
            # The social name the person uses, not the one on their papers.
            names = cat.TRANS_WOMEN_NAMES if trans_woman else cat.TRANS_MEN_NAMES
            result["preferred_name"] = self.rng.choice(names)
            result["lgbtqi"] = YesNoUnknown.YES
            return result
        if age >= 16 and r < 0.022:
            result["gender"] = Gender.NON_BINARY
            result["lgbtqi"] = YesNoUnknown.YES
            return result
        if r > 0.93 or sex not in (Sex.MALE, Sex.FEMALE):
            result["gender"] = ""
        else:
            result["gender"] = Gender.WOMAN if sex == Sex.FEMALE else Gender.MAN
        if age >= 18 and self.rng.random() < 0.4:  # asked, and answered
            result["lgbtqi"] = weighted(self.rng, {YesNoUnknown.NO: 86, YesNoUnknown.YES: 5, YesNoUnknown.UNKNOWN: 9})
        return result

    def _phone(self, nationality: str, mobility: str) -> str:
        """A mobile number of the center's country (or Venezuela, for some people in transit) whose
        middle block is 555, so that demo numbers are easy to recognize and never messaged."""
        rng = self.rng

        def digits(n: int) -> str:
            return "".join(str(rng.randint(0, 9)) for _ in range(n))

        if nationality == "VE" and mobility == MobilityStatus.IN_TRANSIT and rng.random() < 0.6:
            return f"+58 41{rng.choice('246')} 555 {digits(4)}"
        local = rng.random() < 0.3  # written without the country code
        if self.country == "CO":
            number = f"3{rng.choice('0125')}{digits(1)} 555 {digits(4)}"
            return number if local else f"+57 {number}"
        if self.country == "PE":
            number = f"9{digits(2)} 555 {digits(3)}"
            return number if local else f"+51 {number}"
        number = f"9{digits(1)} 555 {digits(4)}"
        return f"0{number}" if local else f"+593 {number}"

    def _contact(self, nationality: str, mobility: str, age: int, given: str, family: str) -> dict[str, Any]:
        rng = self.rng
        result: dict[str, Any] = {}
        has_phone = rng.random() < (0.85 if age >= 18 else 0.4 if age >= 14 else 0)
        if has_phone:
            result["phone"] = self._phone(nationality, mobility)
        if age >= 18 and has_phone and rng.random() < 0.1:
            user = f"{fold(given).split(' ')[0]}.{fold(family).split(' ')[0]}{rng.randint(1, 99)}"
            result["email"] = f"{user}@example.org"
        if has_phone:
            channels = {Channel.WHATSAPP: 55, Channel.PHONE: 15, Channel.SMS: 8, Channel.IN_PERSON: 17}
            if "email" in result:
                channels[Channel.EMAIL] = 25
            result["preferred_channel"] = weighted(rng, channels)
        else:
            result["preferred_channel"] = Channel.IN_PERSON
        return result

    # How the front desk writes each kind of document, by host country (`people.documents` reads it).
    WRITTEN = {
        DocumentType.BIRTH_CERTIFICATE: {"CO": "RC", "": "partida de nacimiento"},
        DocumentType.NATIONAL_ID: {"CO": "CC", "PE": "DNI", "EC": "cédula", "VE": "cédula venezolana"},
        DocumentType.PERMIT: {"CO": "PPT", "PE": "CPP", "EC": "VIRTE"},
        DocumentType.FOREIGNER_ID: {"CO": "CE", "PE": "CE"},
        DocumentType.PASSPORT: {"": "pasaporte"},
    }

    def _named(self, document: dict[str, Any], nationality: str) -> dict[str, Any]:
        """The document with its own name and issuing country, as the catalogue reads what is written."""
        written = self.WRITTEN.get(document.get("document_type"), {})
        own = document.get("document_type") in (DocumentType.NATIONAL_ID, DocumentType.BIRTH_CERTIFICATE)
        text = written.get(nationality if own else self.country) or written.get("")
        found = documents.resolve(text or "", nationality=nationality, host=self.country)
        if found is None or found.type != document.get("document_type"):
            return document
        return {**document, "document_name": found.name, "document_country": found.country}

    def _document(self, nationality: str, mobility: str, age: int) -> dict[str, Any]:
        rng = self.rng

        def number(n: int) -> str:
            return str(rng.randint(10 ** (n - 1), 10**n - 1))

        chance = {
            MobilityStatus.HOST: 0.8, MobilityStatus.RETURNED: 0.8, MobilityStatus.DISPLACED: 0.65,
            MobilityStatus.MIGRANT: 0.6, MobilityStatus.REFUGEE: 0.7, MobilityStatus.ASYLUM_SEEKER: 0.6,
            MobilityStatus.IN_TRANSIT: 0.25,
        }[mobility]
        if rng.random() >= chance:
            return {}
        if age < 7 or (age < 18 and rng.random() < 0.5):
            return {"document_type": DocumentType.BIRTH_CERTIFICATE, "document_number": number(10)}
        if nationality == self.country:
            digits = {"CO": rng.choice([8, 10]), "PE": 8, "EC": 10}[self.country]
            return {"document_type": DocumentType.NATIONAL_ID, "document_number": number(digits)}
        if mobility == MobilityStatus.ASYLUM_SEEKER:
            return {"document_type": DocumentType.OTHER,
                    "document_number": f"SC-{self.today.year - rng.randint(0, 1)}-{number(5)}"}
        kind = weighted(rng, {DocumentType.PERMIT: 50, DocumentType.PASSPORT: 25, DocumentType.FOREIGNER_ID: 15,
                               DocumentType.NATIONAL_ID: 10})
        if kind == DocumentType.NATIONAL_ID and nationality == "VE":
            return {"document_type": kind, "document_number": f"V-{int(number(8)):,}".replace(",", ".")}
        if kind == DocumentType.PASSPORT and nationality not in ("VE", "CO", "PE", "EC", "CU"):
            letters = rng.choice("ABGHKP") + rng.choice("ABCRX")
            return {"document_type": kind, "document_number": f"{letters}{number(7)}"}
        return {"document_type": kind, "document_number": number(rng.choice([7, 9]))}

    def _differential(self, nationality: str, mobility: str, age: int, alone: bool) -> dict[str, Any]:
        rng = self.rng
        result: dict[str, Any] = {}
        # Washington Group Short Set, asked from age 5.
        if age >= 5 and rng.random() < (0.7 if age >= 60 else 0.4):
            for question in WG_QUESTIONS:
                weights = {Difficulty.NONE: 88, Difficulty.SOME: 10, Difficulty.A_LOT: 1.6, Difficulty.CANNOT: 0.4}
                if age >= 60 and question in ("wg_seeing", "wg_walking", "wg_hearing"):
                    weights = {Difficulty.NONE: 55, Difficulty.SOME: 33, Difficulty.A_LOT: 9, Difficulty.CANNOT: 3}
                result[question] = int(weighted(rng, weights))
        violence = {
            MobilityStatus.DISPLACED: 0.7 if self.country == "CO" else 0.1, MobilityStatus.REFUGEE: 0.5,
            MobilityStatus.ASYLUM_SEEKER: 0.4, MobilityStatus.IN_TRANSIT: 0.25, MobilityStatus.MIGRANT: 0.1,
            MobilityStatus.RETURNED: 0.08, MobilityStatus.HOST: 0.04,
        }[mobility]
        if age >= 12 and rng.random() < violence:
            result["victim_of_violence"] = True
        disaster = 0.6 if mobility == MobilityStatus.DISPLACED and self.country != "CO" else 0.02
        if rng.random() < disaster:
            result["victim_of_disaster"] = True
        street = {MobilityStatus.IN_TRANSIT: 0.35, MobilityStatus.HOST: 0.03}.get(mobility, 0.05)
        if alone and age >= 18 and rng.random() < street:
            result["living_on_street"] = True
        asked = 0.5 if nationality in ("PE", "EC") else 0.25
        if rng.random() < asked or nationality == "HT":
            table = {
                "CO": {Ethnicity.NONE: 72, Ethnicity.AFRO: 15, Ethnicity.INDIGENOUS: 6, Ethnicity.ROMA: 1,
                       Ethnicity.UNKNOWN: 6},
                "VE": {Ethnicity.NONE: 84, Ethnicity.AFRO: 6, Ethnicity.INDIGENOUS: 4, Ethnicity.UNKNOWN: 6},
                "PE": {Ethnicity.NONE: 62, Ethnicity.INDIGENOUS: 28, Ethnicity.AFRO: 4, Ethnicity.UNKNOWN: 6},
                "EC": {Ethnicity.NONE: 64, Ethnicity.INDIGENOUS: 20, Ethnicity.AFRO: 10, Ethnicity.UNKNOWN: 6},
                "HT": {Ethnicity.AFRO: 85, Ethnicity.NONE: 10, Ethnicity.UNKNOWN: 5},
            }.get(nationality, {Ethnicity.NONE: 70, Ethnicity.AFRO: 20, Ethnicity.OTHER: 10})
            result["ethnicity"] = weighted(rng, table)
        return result

    def _language(self, nationality: str, ethnicity: str, age: int) -> str:
        rng = self.rng
        if nationality == "HT":
            return weighted(rng, {Language.HAITIAN_CREOLE: 80, Language.FRENCH: 10, Language.SPANISH: 10})
        if nationality in ("GH", "NG"):
            return Language.ENGLISH
        if nationality == "CM":
            return Language.FRENCH if rng.random() < 0.6 else Language.ENGLISH
        if ethnicity == Ethnicity.INDIGENOUS:
            if nationality in ("PE", "EC") and rng.random() < (0.7 if age >= 50 else 0.4):
                return Language.QUECHUA
            if nationality in ("VE", "CO") and self.country == "CO" and rng.random() < 0.5:
                return Language.WAYUU
        if nationality in ("PE", "EC") and age >= 50 and rng.random() < 0.25:
            return Language.QUECHUA
        return Language.SPANISH

    def _address(self) -> str:
        rng = self.rng
        barrio = rng.choice(cat.BARRIOS[self.spec.address_style])
        if rng.random() < 0.2:
            return ""
        if self.spec.address_style == "bogota":
            street = rng.choice(["Calle", "Carrera", "Diagonal", "Transversal"])
            return (f"{street} {rng.randint(1, 80)} Sur # {rng.randint(70, 99)}{rng.choice(['', 'A', 'B', 'C'])}-"
                    f"{rng.randint(2, 80)}, {barrio}")
        if self.spec.address_style == "lima":
            if rng.random() < 0.3:
                return f"Pasaje Los Jazmines {rng.randint(100, 899)}, {barrio}"
            return f"Mz. {rng.choice('ABCDEFGHJK')} Lt. {rng.randint(1, 30)}, AA.HH. {barrio}"
        return f"Pasaje {rng.choice('ABCDEF')} N{rng.randint(60, 80)}-{rng.randint(10, 250)}, {barrio}"

    # -- deliveries ------------------------------------------------------------------------
