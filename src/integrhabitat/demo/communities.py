"""Community groups in the demo network: each center's workshops, courses, clubs, associations,
cooperatives and support groups (`data/community_groups.toml`), who joined them and when, who left,
who waits for a place, and months of weekly or fortnightly sessions with their attendance.

`plan_groups` draws all of it without touching the database, with dates relative to the demo's
today; `load_groups` writes it through the communities services (`save_group`, `join_group`,
`leave_group`, `schedule_session`, `take_attendance`), so audit entries and the deliveries of the
groups' services are those the platform writes. The services stamp today on joining and leaving,
and now on attendance; afterwards the dates are set back to when the plan says it happened.

A group that delivers a service the portfolio already plans as regular sessions ("Taller de
costura y confección") takes those sessions over while it meets: the demo does not count the
same workshop twice.
"""

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Case, Value, When
from django.utils import timezone

from integrhabitat.accounts.models import User
from integrhabitat.communities import services as community_services
from integrhabitat.communities.models import Attendance, Group, Member
from integrhabitat.demo import catalogue as cat
from integrhabitat.demo.catalogue import HOST_ONLY, MIXED, MOBILITY_ONLY, ONGOING_TOPICS, GroupSpec
from integrhabitat.demo.population import PersonPlan
from integrhabitat.network.models import Center
from integrhabitat.network.roles import COMMUNITIES_MANAGE, Role, role_has_perm
from integrhabitat.people.models import Participant
from integrhabitat.services.models import Service

# The two sides of the group page's cohesion signal (`communities.views.HOST` and `MOBILITY`).
HOST = frozenset({"host_community"})
MOBILITY = frozenset({"refugees_migrants", "returned", "displaced"})
SKIPPED = 0.05  # sessions that did not take place (a holiday, a strike, heavy rain)


@dataclass
class MemberPlan:
    person: int  # index in the center's people
    joined_on: date
    role: str = Member.Role.MEMBER
    left_on: date | None = None
    waiting: bool = False  # joined when the group was full, and still waits for a place

    def active_on(self, day: date) -> bool:
        return not self.waiting and self.joined_on <= day and (self.left_on is None or day < self.left_on)


@dataclass
class SessionPlan:
    on: date
    topic: str
    facilitator: str  # username
    present: list[int] | None = None  # None: still to come, nobody has been marked present


@dataclass
class GroupPlan:
    spec: GroupSpec
    service: int | None  # index in the center's service specs
    manager: str  # who creates the group and signs people up (needs COMMUNITIES_MANAGE)
    facilitators: list[str]
    starts_on: date
    ends_on: date | None
    members: list[MemberPlan]  # in the order they joined
    sessions: list[SessionPlan]  # by date

    @property
    def held(self) -> list[SessionPlan]:
        return [s for s in self.sessions if s.present is not None]


def plan_groups(rng: random.Random, spec: cat.CenterSpec, groups: list[GroupSpec], people: list[PersonPlan],
                batches: list, today: date) -> tuple[list[GroupPlan], list]:
    """Draw the center's groups, without touching the database. Returns them, and `batches` less the
    regular sessions of a service that a group took over while it met."""
    planner = _GroupPlanner(rng, spec, groups, people, batches, today)
    plans = [planner.group(group) for group in groups]
    return plans, planner.remaining(plans)


def _weekday_from(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


class _GroupPlanner:
    def __init__(self, rng: random.Random, spec: cat.CenterSpec, groups: list[GroupSpec], people: list[PersonPlan],
                 batches: list, today: date) -> None:
        self.rng = rng
        self.spec = spec
        self.people = people
        self.batches = batches
        self.today = today
        self.services = {service.name: index for index, service in enumerate(spec.services)}
        self.roles = {member.username: member.role for member in spec.staff}
        self.coordinator = next(m.username for m in spec.staff if m.role == Role.COORDINATOR)
        self.memberships: Counter[int] = Counter()  # how many groups each person joined
        # Who received a service on a day, apart from the regular sessions that groups take over:
        # a group's session does not give it to them twice.
        self.taken_over = {
            self.services[g.service] for g in groups if g.service and self._sessions_planned(self.services[g.service])
        }
        self.delivered = {(b.service, b.delivered_on, i) for b in batches if b.service not in self.taken_over
                          for i in b.people}

    def _sessions_planned(self, service: int) -> bool:
        return self.spec.services[service].plan[:1] == ("sessions",)

    def group(self, spec: GroupSpec) -> GroupPlan:
        rng, today = self.rng, self.today
        facilitators = self._facilitators(spec)
        manager = next((u for u in facilitators if role_has_perm(self.roles[u], COMMUNITIES_MANAGE)),
                       self.coordinator)
        service = self.services[spec.service] if spec.service else None
        starts_on = _weekday_from(today - timedelta(days=spec.starts), spec.weekday)
        last = today - timedelta(days=1 if spec.ends is None else spec.ends)
        dates = []
        day = starts_on
        while day <= last:
            dates.append(day)
            day += timedelta(days=spec.every)
        dates = [d for k, d in enumerate(dates) if k in (0, len(dates) - 1) or rng.random() > SKIPPED]
        ends_on = dates[-1] if spec.status == Group.Status.FINISHED else None
        members = self._members(spec, starts_on, dates[-1] if dates else starts_on)
        sessions = self._sessions(spec, dates, members, service, facilitators)
        # A planned group has its opening session scheduled; nobody has been marked present yet.
        # Running groups schedule nothing ahead: the group list reads the latest session as the last.
        if spec.status == Group.Status.PLANNED:
            sessions.append(SessionPlan(starts_on, spec.topics[0], facilitators[0]))
        return GroupPlan(spec, service, manager, facilitators, starts_on, ends_on, members, sessions)

    def _facilitators(self, spec: GroupSpec) -> list[str]:
        """The staff named in the spec by username or role; the coordinator if the center has none of them."""
        chosen: list[str] = []
        for wanted in spec.facilitated_by:
            candidates = [wanted] if wanted in self.roles else [u for u, role in self.roles.items() if role == wanted]
            if candidates:
                username = self.rng.choice(candidates)
                if username not in chosen:
                    chosen.append(username)
        return chosen or [self.coordinator]

    def _members(self, spec: GroupSpec, starts_on: date, last: date) -> list[MemberPlan]:
        """Founders join before the first session (a few soon after, or as they arrive at the center
        when enrolment is open); those who leave midway are replaced, except in a course; a full
        group's waiting list forms in the last weeks."""
        rng, today = self.rng, self.today
        course = spec.kind == Group.Kind.COURSE
        span = max(14, (last - starts_on).days)
        members: list[MemberPlan] = []
        chosen: set[int] = set()

        def join(on: date, k: int, *, waiting: bool = False) -> MemberPlan | None:
            person = self._pick(spec, today - timedelta(days=7) if spec.open_enrolment else on, chosen, k)
            if person is None:
                return None
            if spec.open_enrolment:  # a few days after they first came, if that was after the start
                seen = self.people[person].first_seen
                on = min(max(on, seen + timedelta(days=rng.randint(1, 7))), today - timedelta(days=1))
            chosen.add(person)
            self.memberships[person] += 1
            member = MemberPlan(person, on, waiting=waiting)
            members.append(member)
            return member

        for k in range(spec.size + (spec.left if course else 0)):
            if spec.status == Group.Status.PLANNED:
                on = today - timedelta(days=rng.randint(1, 14))
            elif spec.waiting or course or rng.random() < 0.75:
                on = starts_on - timedelta(days=rng.randint(0, 14))
            else:
                on = starts_on + timedelta(days=rng.randint(7, max(7, span // 3)))
            join(on, k)
        founders = list(members)
        for member in founders[:spec.leaders]:
            member.role = Member.Role.LEADER
        # Leaders stay, and so do the first two, who make a mixed group mixed.
        may_leave = [m for m in founders[max(2, spec.leaders):] if m.joined_on <= starts_on + timedelta(days=span // 2)]
        for member in rng.sample(may_leave, min(spec.left, len(may_leave))):
            offset = rng.randint(span // 5, span * 7 // 10)
            member.left_on = min(max(starts_on + timedelta(days=offset), member.joined_on + timedelta(days=14)),
                                 last, today - timedelta(days=1))
            if not course:
                on = member.left_on + timedelta(days=rng.randint(3, 14))
                join(max(member.left_on + timedelta(days=1), min(on, today - timedelta(days=22))), len(members))
        for _ in range(spec.waiting):
            join(today - timedelta(days=rng.randint(2, 20)), len(members), waiting=True)
        members.sort(key=lambda m: m.joined_on)
        return members

    def _pick(self, spec: GroupSpec, on: date, chosen: set[int], k: int) -> int | None:
        """Someone registered by `on` who fits the group: the first two of a mixed group come from
        each side, the others from either; people already in other groups are less likely."""
        rng = self.rng
        if spec.mix == MIXED:
            side = (HOST, MOBILITY)[k] if k < 2 else (HOST if rng.random() < 0.45 else MOBILITY)
            sides = [side, MOBILITY if side is HOST else HOST, None]
        else:
            sides = [{HOST_ONLY: HOST, MOBILITY_ONLY: MOBILITY}[spec.mix]]
        low, high = spec.ages
        fits = [
            i for i, p in enumerate(self.people)
            if i not in chosen and p.first_seen <= on and low <= p.age <= high
            and (not spec.women or "women" in p.groups)
            and (not spec.languages or p.data.get("preferred_language") in spec.languages)
        ]
        prefer = set(spec.prefer)
        for wanted in sides:
            candidates = [i for i in fits if wanted is None or self.people[i].groups & wanted]
            if candidates:
                weights = [
                    self.people[i].weight * (3 if self.people[i].groups & prefer else 1)
                    / (1 + 2 * self.memberships[i])
                    for i in candidates
                ]
                return rng.choices(candidates, weights=weights)[0]
        return None

    def _sessions(self, spec: GroupSpec, dates: list[date], members: list[MemberPlan], service: int | None,
                  facilitators: list[str]) -> list[SessionPlan]:
        """The sessions held: each member comes at a rate of their own around the group's."""
        rng = self.rng
        rate = {
            m.person: min(0.97, max(0.4, spec.attendance + rng.uniform(-0.12, 0.12))) * (0.7 if m.left_on else 1)
            for m in members
        }
        sessions = []
        for k, day in enumerate(dates):
            active = [m.person for m in members if m.active_on(day) and (service, day, m.person) not in self.delivered]
            present = [i for i in active if rng.random() < rate[i]]
            if len(present) < min(2, len(active)):
                present = sorted(active, key=lambda i: -rate[i])[:2]
            topic = spec.topics[k] if k < len(spec.topics) else ONGOING_TOPICS[spec.kind]
            if spec.closing and k == len(dates) - 1:
                topic = spec.closing
            facilitator = facilitators[0] if rng.random() < 0.85 else rng.choice(facilitators)
            sessions.append(SessionPlan(day, topic, facilitator, sorted(present)))
        return sessions

    def remaining(self, plans: list[GroupPlan]) -> list:
        """The batches, less the regular sessions of each service from the day a group delivering it
        started to the day it stopped meeting at the center."""
        windows = takeovers(self.spec, plans)
        return [b for b in self.batches
                if not any(b.service == service and start <= b.delivered_on <= end for service, start, end in windows)]


def takeovers(spec: cat.CenterSpec, plans: list[GroupPlan]) -> list[tuple[int, date, date]]:
    """(service, first day, last day) of each group that takes over the regular sessions its service
    plans, from the day it started to the day it last met: in that window the service is given only
    as the group's attendance."""
    return [(plan.service, plan.starts_on, plan.held[-1].on) for plan in plans
            if plan.service is not None and spec.services[plan.service].plan[:1] == ("sessions",) and plan.held]


# --- Loading -------------------------------------------------------------------------------------


@dataclass
class GroupsLoaded:
    groups: int = 0
    sessions: int = 0
    attendances: int = 0
    deliveries: int = 0


def load_groups(center: Center, plans: list[GroupPlan], *, people: list[Participant], services: list[Service],
                staff: dict[str, User], tz: ZoneInfo) -> GroupsLoaded:
    """Write the center's planned groups through the communities services, then set their dates back."""
    loaded = GroupsLoaded()
    now = timezone.now()

    def stamp(day: date, hour: int) -> datetime:
        # Keep the plan's times in the past when the demo is loaded early in the morning.
        return min(datetime.combine(day, time(hour, 0), tzinfo=tz), now - timedelta(minutes=30))

    dated: list[Member] = []
    for plan in plans:
        spec = plan.spec
        manager = staff[plan.manager]
        facilitators = [staff[username] for username in plan.facilitators]
        # Finished and independent groups were running while they met at the center.
        initial = Group.Status.PLANNED if spec.status == Group.Status.PLANNED else Group.Status.RUNNING
        group = community_services.save_group(center, {
            "name": spec.name, "kind": spec.kind, "description": spec.description, "schedule": spec.schedule,
            "place": spec.place, "capacity": spec.capacity, "target_groups": list(spec.target_groups),
            "service": None if plan.service is None else services[plan.service], "status": initial,
            "starts_on": plan.starts_on, "ends_on": plan.ends_on,
        }, actor=manager, facilitators=facilitators)
        # Joining and leaving in the order they happened (leaving first on a day), so that the
        # capacity and the waiting list work as they did.
        events = sorted(
            [(m.joined_on, 1, k) for k, m in enumerate(plan.members)]
            + [(m.left_on, 0, k) for k, m in enumerate(plan.members) if m.left_on is not None]
        )
        rows: dict[int, Member] = {}
        for _day, joins, k in events:
            member = plan.members[k]
            if joins:
                rows[k] = community_services.join_group(group, people[member.person], actor=manager,
                                                        role=member.role)
            else:
                community_services.leave_group(rows[k], actor=manager)
        for k, row in rows.items():
            member = plan.members[k]
            row.joined_on, row.left_on, row.created_at = member.joined_on, member.left_on, stamp(member.joined_on, 10)
            dated.append(row)
        recorded: dict[int, datetime] = {}
        for session_plan in plan.sessions:
            facilitator = staff[session_plan.facilitator]
            session = community_services.schedule_session(group, date=session_plan.on, topic=session_plan.topic,
                                                          facilitator=facilitator, actor=manager)
            loaded.sessions += 1
            if session_plan.present is None:
                continue
            attendances = community_services.take_attendance(
                session, [people[i] for i in session_plan.present], actor=facilitator)
            recorded[session.pk] = stamp(session_plan.on, spec.hours[1])  # when the session ended
            loaded.attendances += len(attendances)
            loaded.deliveries += sum(a.delivery_id is not None for a in attendances)
        if recorded:
            Attendance.objects.filter(session__in=recorded).update(recorded_at=Case(
                *(When(session=pk, then=Value(moment)) for pk, moment in recorded.items())))
        if spec.status != initial:
            community_services.save_group(center, {"status": spec.status}, actor=manager, group=group,
                                          facilitators=facilitators)
        first = min(m.joined_on for m in plan.members)
        Group.objects.filter(pk=group.pk).update(created_at=stamp(first - timedelta(days=7), 9))
        loaded.groups += 1
    Member.objects.bulk_update(dated, ["joined_on", "left_on", "created_at"], batch_size=500)
    return loaded
