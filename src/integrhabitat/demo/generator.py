"""The deterministic demo network: three centers, their staff, people, households, services, a
year of service deliveries, their community groups (`communities.py`), their alliances and
personal assistance (partners, agreements, referral pathways, cases and referrals: `alliances.py`),
and their co-creation (participatory processes, meetings, proposals and answers: `cocreation.py`).

Loading happens in two steps. `build_plan` draws everything from seeded `random.Random`s and
touches no database, so the same seed and day always give the same plan. `load_demo_network`
then writes the plan through the apps' own services (`register_participant`, `save_service`,
`record_deliveries`, `join_group`, `take_attendance`, `open_case`, `create_referral`,
`submit_proposal`...), so person codes, search text, consents and audit entries are exactly those
the platform would have written.
"""

import functools
import random
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from integrhabitat.accounts.models import User
from integrhabitat.demo import alliances, communities
from integrhabitat.demo import catalogue as cat
from integrhabitat.demo.case_planner import CasePlan, plan_cases
from integrhabitat.demo.catalogue import ALLIANCES, COCREATION, COMMUNITY_GROUPS
from integrhabitat.demo.cocreation import CocreationPlan, load_cocreation, plan_cocreation
from integrhabitat.demo.improvement import load_improvement
from integrhabitat.demo.population import DAYS_BACK, PersonPlan, PopulationPlanner, open_day
from integrhabitat.lib.text import fold
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import Role
from integrhabitat.people import services as people_services
from integrhabitat.people.models import Consent, Participant
from integrhabitat.services import services as service_services
from integrhabitat.services.models import Service


class DemoConflict(Exception):
    """Accounts with the demo's usernames exist although the demo network does not."""


# --- The plan ----------------------------------------------------------------------------------


@dataclass
class BatchPlan:
    """One `record_deliveries` call: a service given to some people on one date."""

    service: int  # index in the center's service specs
    delivered_on: date
    people: list[int]  # indices in CenterPlan.people
    actor: str
    quantity: int = 1
    note: str = ""


@dataclass
class CenterPlan:
    spec: cat.CenterSpec
    people: list[PersonPlan]  # in registration order
    households: list[tuple[list[tuple[int, str]], str]]  # ([(person index, relationship)], address)
    batches: list[BatchPlan]
    cases: list[CasePlan] = field(default_factory=list)
    groups: list[communities.GroupPlan] = field(default_factory=list)
    cocreation: CocreationPlan = field(default_factory=CocreationPlan)


def build_plan(today: date, seed: int = cat.SEED) -> list[CenterPlan]:
    """Draw the whole demo network for `today`, without touching the database."""
    rng = random.Random(seed)
    plans = [_CenterPlanner(rng, spec, today).plan() for spec in cat.CENTERS]
    for plan in plans:
        # Each center's groups and cases from generators of their own: the people and deliveries
        # drawn above stay the same whatever these draw. Groups come first: a group that delivers
        # a service takes over its regular sessions, and cases link the deliveries that remain.
        slug = plan.spec.data["slug"]
        plan.groups, plan.batches = communities.plan_groups(
            random.Random(f"{seed}:{slug}:communities"), plan.spec, COMMUNITY_GROUPS[slug], plan.people, plan.batches,
            today)
        plan.cases = plan_cases(random.Random(f"{seed}:{slug}:cases"), plan.spec, ALLIANCES[slug],
                                plan.people, plan.households, plan.batches, today,
                                communities.takeovers(plan.spec, plan.groups))
        plan.cocreation = plan_cocreation(random.Random(f"{seed}:{slug}:cocreation"), plan.spec, COCREATION[slug],
                                          plan.people, today)
    return plans


def _weighted_sample(rng: random.Random, items: Sequence[int], weights: Sequence[float], k: int) -> list[int]:
    """k distinct items, heavier ones more likely (Efraimidis–Spirakis keys)."""
    keyed = sorted(((rng.random() ** (1 / w), item) for item, w in zip(items, weights, strict=True)),
                   reverse=True)
    return [item for _key, item in keyed[:k]]


class _CenterPlanner:
    """Plans one center: its people (through `PopulationPlanner`), who registered them, and a year
    of service deliveries."""

    def __init__(self, rng: random.Random, spec: cat.CenterSpec, today: date) -> None:
        self.rng = rng
        self.spec = spec
        self.today = today
        self.start = today - timedelta(days=DAYS_BACK)
        self.staff_by_role: dict[str, list[str]] = defaultdict(list)
        for member in spec.staff:
            self.staff_by_role[member.role].append(member.username)

    def plan(self) -> CenterPlan:
        units = PopulationPlanner(self.rng, self.spec, self.today).units()
        people: list[PersonPlan] = []
        households = []
        for unit in units:
            registrar = self._staff(Role.FRONT_DESK, Role.FRONT_DESK, Role.CASE_WORKER)
            indices = []
            for person, relationship in unit.members:
                person.registrar = registrar
                indices.append((len(people), relationship))
                people.append(person)
            if unit.household:
                households.append((indices, unit.address))
        batches = self._deliveries(people)
        return CenterPlan(self.spec, people, households, batches)

    def _staff(self, *roles: str) -> str:
        for role in self.rng.sample(roles, len(roles)):
            if self.staff_by_role.get(role):
                return self.rng.choice(self.staff_by_role[role])
        return self.staff_by_role[Role.COORDINATOR][0]

    def _service_actor(self, spec: cat.ServiceSpec) -> Callable[[], str]:
        if spec.relationship == Service.Relationship.PERSONAL:
            return lambda: self._staff(Role.CASE_WORKER, Role.CASE_WORKER, Role.FRONT_DESK, Role.COORDINATOR)
        facilitator = self._staff(Role.FACILITATOR)
        return lambda: (
            facilitator if self.rng.random() < 0.85 else self._staff(Role.COORDINATOR, Role.FRONT_DESK)
        )

    def _deliveries(self, people: list[PersonPlan]) -> list[BatchPlan]:
        rng = self.rng
        batches: list[BatchPlan] = []
        for index, spec in enumerate(self.spec.services):
            if not spec.plan:
                continue
            end = self.today - timedelta(days=30 * spec.active_until) if spec.active_until else self.today
            actor = self._service_actor(spec)
            pool = [i for i, p in enumerate(people) if self._may_receive(spec, p)]
            targeted = {i for i in pool if people[i].groups & set(spec.target_groups)}
            if spec.strict_targets:
                pool = [i for i in pool if i in targeted]

            def pick(candidates: list[int], *, targeted=targeted, spec=spec) -> int | None:
                if not candidates:
                    return None
                if spec.target_groups and not spec.strict_targets and rng.random() < 0.8:
                    preferred = [i for i in candidates if i in targeted]
                    candidates = preferred or candidates
                return rng.choices(candidates, weights=[people[i].weight for i in candidates])[0]

            kind = spec.plan[0]
            if kind == "welcome":
                by_day: dict[date, list[int]] = defaultdict(list)
                for i, p in enumerate(people):
                    if p.first_seen >= self.start:
                        by_day[p.first_seen].append(i)
                for day, group in sorted(by_day.items()):
                    batches.append(BatchPlan(index, day, group, people[group[0]].registrar))
            elif kind == "individual":
                by_day = defaultdict(list)
                eligible = [i for i in pool if people[i].first_seen <= end]
                for _ in range(spec.plan[1]):
                    i = pick(eligible)
                    if i is None:
                        break
                    first = max(people[i].first_seen, self.start)
                    day = open_day(first + timedelta(days=rng.randint(0, max(0, (end - first).days))), end)
                    if i not in by_day[day]:
                        by_day[day].append(i)
                for day, group in sorted(by_day.items()):
                    quantity = rng.choice([1, 1, 2, 3]) if spec.service_type == "I.hygiene" else 1
                    batches.append(BatchPlan(index, day, group, actor(), quantity))
            elif kind == "sessions":
                batches += self._sessions(index, spec, people, pool, end, actor)
            if kind == "outreach" or spec.outreach_also:
                days, low, high = spec.plan[1:] if kind == "outreach" else spec.outreach_also
                batches += self._outreach(index, people, pool, targeted, end, days, low, high)
        batches.sort(key=lambda b: (b.delivered_on, b.service))
        return batches

    @staticmethod
    def _may_receive(spec: cat.ServiceSpec, person: PersonPlan) -> bool:
        low, high = spec.ages
        return low <= person.age <= high and (
            not spec.languages or person.data.get("preferred_language") in spec.languages
        )

    def _sessions(
        self, index: int, spec: cat.ServiceSpec, people: list[PersonPlan], pool: list[int], end: date,
        actor: Callable[[], str],
    ) -> list[BatchPlan]:
        """A group that meets every few days on the same weekday: regulars come, some drop out,
        newcomers take their place."""
        rng = self.rng
        every, roster_size, attendance = spec.plan[1:]
        day = self.start + timedelta(days=rng.randint(0, every - 1))
        if day.weekday() == 6:
            day += timedelta(days=1)
        roster: list[int] = []
        batches = []
        while day <= end:
            on = open_day(day, end)
            roster = [i for i in roster if rng.random() > 0.04]  # some stop coming
            candidates = [i for i in pool if people[i].first_seen <= on and i not in roster]
            while len(roster) < roster_size and candidates:
                chosen = rng.choices(candidates, weights=[people[i].weight for i in candidates])[0]
                roster.append(chosen)
                candidates.remove(chosen)
            present = [i for i in roster if rng.random() < attendance]
            if present:
                batches.append(BatchPlan(index, on, sorted(present), actor()))
            day += timedelta(days=every)
        return batches

    def _outreach(
        self, index: int, people: list[PersonPlan], pool: list[int], targeted: set[int], end: date,
        days: int, low: int, high: int,
    ) -> list[BatchPlan]:
        """Outreach days spread over the year, each reaching `low` to `high` registered people."""
        rng = self.rng
        span = (end - self.start).days
        batches = []
        barrios = cat.BARRIOS[self.spec.address_style]
        for k in range(days):
            offset = int(span * (k + 0.5) / days) + rng.randint(-10, 10)
            day = open_day(self.start + timedelta(days=max(0, min(span, offset))), end)
            candidates = [i for i in pool if people[i].first_seen <= day]
            size = min(len(candidates), rng.randint(low, high))
            weights = [people[i].weight * (3 if i in targeted else 1) for i in candidates]
            chosen = _weighted_sample(rng, candidates, weights, size)
            actor = self._staff(Role.FRONT_DESK, Role.FACILITATOR)
            note = f"Jornada extramural en {rng.choice(barrios)}"
            batches.append(BatchPlan(index, day, sorted(chosen), actor, note=note))
        return batches


# --- Loading -----------------------------------------------------------------------------------


@dataclass
class DemoSummary:
    centers: int
    users: int
    participants: int
    households: int
    services: int
    deliveries: int
    seconds: float
    organizations: int = 0
    agreements: int = 0
    cases: int = 0
    referrals: int = 0
    groups: int = 0
    group_sessions: int = 0
    attendances: int = 0
    processes: int = 0
    meetings: int = 0
    proposals: int = 0
    supports: int = 0
    comments: int = 0
    ratings: int = 0
    reports: int = 0


def demo_usernames() -> list[str]:
    partners = [a.partner_user.username for a in ALLIANCES.values() if a.partner_user]
    return [cat.NETWORK_COORDINATOR.username] + [s.username for spec in cat.CENTERS for s in spec.staff] + partners


def demo_is_loaded() -> bool:
    return Center.objects.filter(slug=cat.FIRST_CENTER_SLUG).exists()


def load_demo_network(*, today: date | None = None) -> DemoSummary | None:
    """Load the demo network, or do nothing and return None if its first center exists already.

    Raises `DemoConflict` if some demo username is taken by an account outside the demo.
    """
    if demo_is_loaded():
        return None
    taken = User.objects.filter(username__in=demo_usernames()).values_list("username", flat=True)
    if taken:
        raise DemoConflict(", ".join(sorted(taken)))
    began = time.monotonic()
    today = today or timezone.localdate()
    plans = build_plan(today)
    summary = DemoSummary(0, 0, 0, 0, 0, 0, 0.0)
    # Referrals notify partner staff and case workers, by e-mail too. The demo's accounts are
    # fictional: nothing is sent (in development the console would print a hundred messages).
    no_mail = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
    with override_settings(MAILERS=no_mail), transaction.atomic():
        _create_user(cat.NETWORK_COORDINATOR, is_network_coordinator=True)
        summary.users += 1
        for plan in plans:
            _load_center(plan, summary, today)
    summary.seconds = time.monotonic() - began
    return summary


@functools.cache
def _demo_password_hash() -> str:
    # One Argon2 hash shared by the demo accounts: hashing is most of the load time otherwise.
    return make_password(cat.DEMO_PASSWORD)


def _create_user(spec: cat.StaffSpec, *, is_network_coordinator: bool = False) -> User:
    username = spec.username
    first_name, last_name = fold(spec.first_name).split(" ")[0], fold(spec.last_name).split(" ")[0]
    email = spec.email or f"{first_name}.{last_name}@example.org"
    user = User(
        username=username, first_name=spec.first_name, last_name=spec.last_name,
        email=email, language="es", is_network_coordinator=is_network_coordinator,
    )
    user.password = _demo_password_hash()
    user.save()
    return user


def _load_center(plan: CenterPlan, summary: DemoSummary, today: date) -> None:
    spec = plan.spec
    alliance = ALLIANCES[spec.data["slug"]]
    tz = ZoneInfo(spec.timezone)
    center = Center.objects.create(**spec.data)
    staff = {}
    for member in spec.staff:
        staff[member.username] = _create_user(member)
        Membership.objects.create(center=center, user=staff[member.username], role=member.role)
    coordinator = next(staff[m.username] for m in spec.staff if m.role == Role.COORDINATOR)

    people: list[Participant] = []
    for person in plan.people:
        participant, _created = people_services.register_participant(
            center, person.data,
            consent={"purpose": Consent.Purpose.DATA_PROCESSING, "given_at": person.given_at, **person.consent},
            actor=staff[person.registrar],
        )
        people.append(participant)
    for members, address in plan.households:
        (head_index, _head), *others = members
        household = people_services.create_household(
            people[head_index], actor=staff[plan.people[head_index].registrar], address=address
        )
        for index, relationship in others:
            people_services.add_household_member(
                household, people[index], relationship, actor=staff[plan.people[index].registrar]
            )
    for person, participant in zip(plan.people, people, strict=True):
        for consent in person.extra_consents:
            people_services.record_consent(participant, **consent, actor=staff[person.registrar])

    organizations = alliances.create_organizations(center, alliance, actor=coordinator, today=today, tz=tz)
    services = []
    for service_spec in spec.services:
        # Services end the year as planned, under review or retired; those given meanwhile start active.
        planned = service_spec.final_status == Service.Status.PLANNED
        initial = Service.Status.PLANNED if planned else Service.Status.ACTIVE
        services.append(service_services.save_service(center, {
            "name": service_spec.name, "description": service_spec.description,
            "service_type": service_spec.service_type, "origin": service_spec.origin,
            "modality": service_spec.modality, "relationship": service_spec.relationship,
            "provider": alliances.provider(center, service_spec.provider, organizations, actor=coordinator),
            "target_groups": list(service_spec.target_groups),
            "cost_model": service_spec.cost_model, "status": initial,
        }, actor=coordinator))
    for batch in plan.batches:
        created = service_services.record_deliveries(
            center, services[batch.service], [people[i] for i in batch.people],
            delivered_on=batch.delivered_on, actor=staff[batch.actor], quantity=batch.quantity, note=batch.note,
        )
        summary.deliveries += len(created)
    # Groups take attendance while every service is still active, as the batches above were
    # recorded; the services' final statuses come after.
    groups = communities.load_groups(center, plan.groups, people=people, services=services, staff=staff, tz=tz)
    for service, service_spec in zip(services, spec.services, strict=True):
        if service.status != service_spec.final_status:
            service_services.save_service(center, {"status": service_spec.final_status}, actor=coordinator,
                                          service=service)

    agreements, pathways = alliances.create_agreements_and_pathways(
        center, alliance, organizations=organizations, services={s.name: s for s in services}, actor=coordinator,
        today=today, tz=tz,
    )
    if alliance.partner_user is not None:
        partner = _create_user(alliance.partner_user)
        Membership.objects.create(center=center, user=partner, role=Role.PARTNER,
                                  organization=organizations[alliance.partner_organization])
        staff[partner.username] = partner
    loader = alliances.CaseLoader(center, alliance, people=people, person_plans=plan.people, services=services,
                                  organizations=organizations, pathways=pathways, tz=tz)
    loader.load(plan.cases)
    participation = load_cocreation(center, plan.cocreation, people=people, staff=staff, tz=tz)
    improvement = load_improvement(center, coordinator=coordinator, staff=staff, today=today, tz=tz, seed=cat.SEED)

    summary.centers += 1
    summary.users += len(staff)
    summary.participants += len(people)
    summary.households += len(plan.households)
    summary.services += len(services)
    summary.deliveries += loader.deliveries
    summary.organizations += len(organizations)
    summary.agreements += agreements
    summary.cases += len(plan.cases)
    summary.referrals += loader.referrals
    summary.deliveries += groups.deliveries
    summary.groups += groups.groups
    summary.group_sessions += groups.sessions
    summary.attendances += groups.attendances
    summary.processes += participation.processes
    summary.meetings += participation.meetings
    summary.proposals += participation.proposals
    summary.supports += participation.supports
    summary.comments += participation.comments
    summary.ratings += improvement.ratings
    summary.reports += improvement.reports

