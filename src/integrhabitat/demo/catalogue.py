"""The fixed, fictional content of the demo network, and the types it is read into.

The content lives in TOML files in `data/`, one per catalogue: the centers with their staff and service
portfolios (centers.toml), the names people are given (names.toml), each center's alliances
(alliances.toml), referral pathways (pathways.toml), community groups (community_groups.toml) and
co-creation (cocreation.toml). `case_stories.py`, `practices.py`, `reviews.py` and `events.py` read the
files of their names through `read` and `build`. `build` turns a file's tables into the dataclasses
below, refusing unknown keys and values outside the models' choices, so that a typo in a data file
fails at import rather than halfway through a load.

Everything is invented. Names of people are common Latin American names combined at random by
`population.py`; organizations and addresses do not exist. Phone numbers carry a 555 block and e-mails
the reserved example.org domain, so that demo contacts are easy to tell apart.
"""

import dataclasses
import enum
import tomllib
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from integrhabitat.cocreation.models import Process, Proposal
from integrhabitat.communities.models import Group
from integrhabitat.network.roles import Role
from integrhabitat.partners.models import Agreement, PartnerRole, RelationshipStatus, Scale, Sector
from integrhabitat.services.models import Service
from integrhabitat.services.taxonomy import Category

DEMO_PASSWORD = "integrhabitat-demo"  # noqa: S105 - a published demo password, on fictional accounts
SEED = 20261125
FIRST_CENTER_SLUG = "bogota-kennedy"

DATA = Path(__file__).with_name("data")


def read(name: str) -> dict[str, Any]:
    """The tables of the data file `name` (in `data/`)."""
    with (DATA / name).open("rb") as file:
        return tomllib.load(file)


def build[T](kind: type[T], value: Any) -> T:
    """`value`, as read from TOML, turned into `kind`: a dataclass from a table (unknown keys refused), a
    tuple or list from an array, a choice from its stored value. Numbers keep the type they were written
    with (an integer stays one where a float is allowed)."""
    origin, args = get_origin(kind), get_args(kind)
    if dataclasses.is_dataclass(kind):
        if not isinstance(value, dict):
            raise TypeError(f"{kind.__name__}: expected a table, got {value!r}")
        hints = get_type_hints(kind)
        unknown = value.keys() - hints.keys()
        if unknown:
            raise ValueError(f"{kind.__name__}: unknown keys {sorted(unknown)}")
        return kind(**{name: build(hints[name], item) for name, item in value.items()})
    if origin in (Union, types.UnionType):  # `X | None`: TOML has no null, None is an omitted key
        return build(next(arg for arg in args if arg is not types.NoneType), value)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(build(args[0], item) for item in value)
        if len(args) != len(value):
            raise ValueError(f"expected {len(args)} items, got {value!r}")
        return tuple(build(arg, item) for arg, item in zip(args, value, strict=True))
    if origin is list:
        return [build(args[0], item) for item in value]
    if origin is dict:
        return {build(args[0], key): build(args[1], item) for key, item in value.items()}
    if kind is tuple:
        return tuple(value)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    allowed = {float: (int, float), int: (int,), str: (str,), bool: (bool,), dict: (dict,)}.get(kind)
    if allowed and (not isinstance(value, allowed) or (kind is not bool and isinstance(value, bool))):
        raise TypeError(f"expected {kind.__name__}, got {value!r}")
    return value


# --- Centers (centers.toml) ---------------------------------------------------------------------


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    role: Role | None = None  # None: the network coordinator, who belongs to no center
    email: str = ""


@dataclass(frozen=True)
class ServiceSpec:
    """A service of a center's portfolio and how often it is delivered in the demo year.

    `plan` is one of: ("welcome",) every newcomer's first visit; ("individual", n) n one-to-one
    deliveries; ("sessions", every_days, roster, attendance) a group meeting on a fixed weekday;
    ("outreach", days, low, high) outreach days reaching low..high people each.
    `final_status` other than active is set at the end of the load; `active_until` (months ago)
    stops deliveries early, for a service that was retired during the year.
    """

    name: str
    service_type: str
    description: str
    plan: tuple
    origin: Service.Origin = Service.Origin.TAILORED
    modality: Service.Modality = Service.Modality.ON_SITE
    relationship: Service.Relationship = Service.Relationship.PERSONAL
    provider: str = ""
    target_groups: tuple[str, ...] = ()
    cost_model: Service.CostModel = Service.CostModel.FREE
    final_status: Service.Status = Service.Status.ACTIVE
    active_until: int = 0
    strict_targets: bool = False  # only people of the target groups (care for older adults, say)
    ages: tuple[int, int] = (0, 120)  # only people of these ages (a childcare space: 2 to 5)
    languages: tuple[str, ...] = ()  # only people who prefer one of these languages
    outreach_also: tuple = ()  # a few outreach days on top of the regular plan: (days, low, high)


@dataclass(frozen=True)
class CenterSpec:
    data: dict  # the center's fields, as stored
    timezone: str
    participants: int
    # mobility status → weight
    mobility: dict[str, float]
    # nationality of migrants, refugees and people in transit → weight
    foreign: dict[str, float]
    staff: list[StaffSpec]
    services: list[ServiceSpec]
    near_duplicates: list[tuple[dict, dict]] = field(default_factory=list)
    fixed_people: list[dict] = field(default_factory=list)
    address_style: str = "bogota"


_centers = read("centers.toml")
NETWORK_COORDINATOR = build(StaffSpec, _centers["network_coordinator"])
CENTERS = build(list[CenterSpec], _centers["centers"])
# address style → the neighbourhoods of the made-up addresses
BARRIOS = build(dict[str, list[str]], _centers["barrios"])

# --- Names (names.toml) --------------------------------------------------------------------------

_names = read("names.toml")
FEMALE: list[str] = _names["female"]
MALE: list[str] = _names["male"]
VE_FEMALE: list[str] = _names["ve_female"]
VE_MALE: list[str] = _names["ve_male"]
ANDEAN_FEMALE: list[str] = _names["andean_female"]
ANDEAN_MALE: list[str] = _names["andean_male"]
CUBAN_FEMALE: list[str] = _names["cuban_female"]
CUBAN_MALE: list[str] = _names["cuban_male"]
CHILD_FEMALE: list[str] = _names["child_female"]
CHILD_MALE: list[str] = _names["child_male"]
OLDER_FEMALE: list[str] = _names["older_female"]
OLDER_MALE: list[str] = _names["older_male"]
COMMON_SURNAMES: list[str] = _names["common_surnames"]
SURNAMES: dict[str, list[str]] = _names["surnames"]
# Nationalities whose people carry one family name and names of their own: (women, men, surnames).
SINGLE_SURNAME: dict[str, tuple[list[str], list[str], list[str]]] = {
    nationality: (pools["women"], pools["men"], pools["surnames"])
    for nationality, pools in _names["single_surname"].items()
}
NICKNAMES: dict[str, str] = _names["nicknames"]
TRANS_WOMEN_NAMES: list[str] = _names["trans_women_names"]
TRANS_MEN_NAMES: list[str] = _names["trans_men_names"]

# --- Alliances (alliances.toml, pathways.toml) ----------------------------------------------------


@dataclass(frozen=True)
class StepSpec:
    """One place to go on a pathway: an organization (by name), a service of the center (by name), or both."""

    instructions: str
    organization: str = ""
    service: str = ""
    requirements: str = ""
    documents: str = ""


@dataclass(frozen=True)
class PathwaySpec:
    need: str
    category: Category
    description: str
    steps: tuple[StepSpec, ...]
    key: str  # the referral need it serves (see `AllianceSpec.destinations`)


@dataclass(frozen=True)
class OrganizationSpec:
    """An organization of the center's territory. `since` is how many months ago the center first
    noted it; its relationship then moved step by step to `status`. `answer_days` is how long it
    typically takes to answer a referral (the median the partner figures show)."""

    name: str
    sector: Sector
    scale: Scale
    roles: tuple[PartnerRole, ...]
    description: str
    status: RelationshipStatus = RelationshipStatus.ACTIVE
    since: int = 12
    priority_groups: tuple[str, ...] = ()
    contact: tuple[str, str, str] = ("", "", "")  # person, e-mail, phone
    address: str = ""
    website: str = ""
    location: tuple[float, float] | None = None
    answer_days: float = 3.0
    inactive_note: str = ""


@dataclass(frozen=True)
class AgreementSpec:
    """An agreement, with its dates in days from the demo's today (negative: in the past; no end:
    open-ended)."""

    organization: str
    title: str
    kind: Agreement.Kind
    starts: int
    center_commitments: str
    partner_commitments: str
    ends: int | None = None
    services: tuple[str, ...] = ()


@dataclass(frozen=True)
class AllianceSpec:
    """The alliances of one center.

    `destinations` says where a person is referred for each need: (organization, service) pairs,
    "" when the referral goes to only one of the two. Only organizations that receive referrals
    (agreement or active) and services still offered may appear. `words` fill the case texts:
    the country's residence permit, its word for rent, where people in transit go next.
    """

    organizations: list[OrganizationSpec]
    agreements: list[AgreementSpec]
    pathways: list[PathwaySpec]
    destinations: dict[str, list[tuple[str, str]]]
    words: dict[str, str]
    # A coordinator refers one person without consent, with a written reason: (need, reason).
    override: tuple[str, str]
    partner_user: StaffSpec | None = None
    partner_organization: str = ""


_pathways = read("pathways.toml")
ALLIANCES = {
    slug: build(AllianceSpec, {**alliance, "pathways": _pathways[slug]})
    for slug, alliance in read("alliances.toml").items()
}

# --- Community groups (community_groups.toml) -----------------------------------------------------

# Who takes part, on the two sides of the group page's "mixes host community and human mobility".
MIXED = "mixed"
HOST_ONLY = "host"
MOBILITY_ONLY = "mobility"


@dataclass(frozen=True)
class GroupSpec:
    """A group and how it lives in the demo.

    Days are counted back from the demo's today: the group meets from `starts` days ago (in the
    future when negative: a planned group) on `weekday` (0 is Monday) every `every` days. A
    finished group met until `ends` days ago; one that goes on outside the center met there until
    `ends` days ago. `size` members are active in the end, `left` others left on the way, and a
    full group (`capacity` equal to `size`) has `waiting` people on its waiting list.
    """

    name: str
    kind: Group.Kind
    description: str
    schedule: str
    place: str
    weekday: int
    hours: tuple[int, int]  # from, to (center time)
    starts: int
    size: int
    topics: tuple[str, ...]
    status: Group.Status = Group.Status.RUNNING
    every: int = 7
    ends: int | None = None
    service: str = ""  # the name of the center's service each attendance is a delivery of
    target_groups: tuple[str, ...] = ()
    capacity: int | None = None
    waiting: int = 0
    left: int = 0
    leaders: int = 0
    mix: str = MIXED
    women: bool = False
    ages: tuple[int, int] = (18, 90)
    languages: tuple[str, ...] = ()  # only people who prefer one of these languages
    prefer: tuple[str, ...] = ()  # population groups three times as likely to join
    open_enrolment: bool = False  # people join as they arrive at the center, not only at the start
    facilitated_by: tuple[str, ...] = (Role.FACILITATOR,)  # staff roles or usernames, in this order
    attendance: float = 0.75  # the share of members present at a session, on average
    closing: str = ""  # the topic of the last session at the center of a finished or independent group


_groups = read("community_groups.toml")
# The topic of a session once a group has gone through the topics of its spec.
ONGOING_TOPICS = build(dict[Group.Kind, str], _groups.pop("ongoing_topics"))
COMMUNITY_GROUPS = build(dict[str, list[GroupSpec]], _groups)

# --- Co-creation (cocreation.toml) ----------------------------------------------------------------

PAST, OPEN = 0, 1  # the index of a center's two processes

# How a proposal reached the center.
PORTAL = "portal"  # the person sent it from the participant portal
DESK = "desk"  # the person told the front desk, which wrote it down for them
WORKSHOP = "workshop"  # a workshop's collective proposal: a facilitator typed it in from the paper sheets


@dataclass(frozen=True)
class MeetingSpec:
    """A meeting `days` from the demo's today (negative: held; positive: still to come). The minutes
    of a held meeting begin with who came, counted from the attendees drawn."""

    days: int
    place: str
    agenda: str
    minutes: str = ""
    attendees: tuple[int, int] = (12, 20)  # how many came, from .. to


@dataclass(frozen=True)
class ProcessSpec:
    """A process running from `starts` days ago to `ends` days ago (negative: it ends in the future).
    Workshop proposals were written on paper at the meeting `sheets` (an index in `meetings`)."""

    title: str  # "{next_year}" is the year after the demo's today
    kind: Process.Kind
    scope: Process.Scope
    description: str
    starts: int
    ends: int
    status: Process.Status
    meetings: tuple[MeetingSpec, ...]
    sheets: int


@dataclass(frozen=True)
class CommentSpec:
    body: str
    by_staff: bool = False  # a facilitator's comment; otherwise a participant's
    hidden: bool = False  # hidden by moderation for being offensive


@dataclass(frozen=True)
class ProposalSpec:
    """A proposal to the process `process` (PAST or OPEN; None: sent while no process was open),
    which reached the center `via` PORTAL, DESK or WORKSHOP, and `supports` people besides its
    author supported. `answer` is the center's public answer; `progress` that of one in progress."""

    title: str
    description: str
    category: Category
    area: str
    status: Proposal.Status
    via: str
    supports: int
    process: int | None = None
    answer: str = ""
    progress: int = 0
    comments: tuple[CommentSpec, ...] = ()


@dataclass(frozen=True)
class CocreationSpec:
    processes: tuple[ProcessSpec, ProcessSpec]  # PAST, OPEN
    proposals: tuple[ProposalSpec, ...]


def _cocreation(tables: dict[str, Any]) -> CocreationSpec:
    """A center's co-creation; its data file names a proposal's process "past" or "open"."""
    index = {"past": PAST, "open": OPEN}
    proposals = [{**p, "process": index[p["process"]]} if "process" in p else p for p in tables["proposals"]]
    return build(CocreationSpec, {**tables, "proposals": proposals})


COCREATION = {slug: _cocreation(tables) for slug, tables in read("cocreation.toml").items()}
