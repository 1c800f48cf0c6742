"""Co-creation in the demo network: each center's participatory processes (one closed some months ago,
one open now) with their meetings and who came, and the proposals of its community
(`data/cocreation.toml`) with their supports, comments and the center's public answers.

`plan_cocreation` draws who took part and when without touching the database, with dates relative to
the demo's today; `load_cocreation` writes it through the co-creation services (`save_process`,
`save_meeting`, `submit_proposal`, `support_proposal`, `add_comment`, `moderate_comment`,
`answer_proposal`), in the order the platform allows: proposals while their process is open, supports
before the decision, the past process closed before its answers. The services stamp "now"; afterwards
the times are set back to when the plan says it happened.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from integrhabitat.accounts.models import User
from integrhabitat.cocreation import services as cocreation_services
from integrhabitat.cocreation.models import Comment, Process, Proposal, Support
from integrhabitat.demo import catalogue as cat
from integrhabitat.demo.catalogue import (
    PORTAL,
    WORKSHOP,
    CocreationSpec,
    CommentSpec,
    ProcessSpec,
    ProposalSpec,
)
from integrhabitat.demo.population import PersonPlan
from integrhabitat.network.models import Center
from integrhabitat.network.roles import Role
from integrhabitat.people.models import Participant

S = Proposal.Status
DECIDED = (S.ACCEPTED, S.IN_PROGRESS, S.IMPLEMENTED, S.NOT_ACCEPTED)
# The two sides the minutes count (as `communities.py` does for groups).
HOST = frozenset({"host_community"})
MOBILITY = frozenset({"refugees_migrants", "returned", "displaced"})
MIN_AGE, AUTHOR_AGE = 14, 18  # who may take part in a process, and who makes a proposal of their own


@dataclass
class MeetingPlan:
    on: date
    place: str
    agenda: str
    minutes: str  # empty for a meeting still to come
    attendees: list[int]  # indices in the center's people
    recorded_by: str  # username


@dataclass
class ProcessPlan:
    spec: ProcessSpec
    title: str
    starts_on: date
    ends_on: date
    meetings: list[MeetingPlan]


@dataclass
class CommentPlan:
    at: datetime
    body: str
    person: int | None  # a participant's comment; None: staff's
    staff: str | None
    hidden_by: str | None = None


@dataclass
class ProposalPlan:
    spec: ProposalSpec
    created: datetime
    author: int | None  # None: a workshop's collective proposal
    recorded_by: str | None  # None: the author sent it from the portal
    supports: list[tuple[int, datetime, str | None]]  # person, when, staff who recorded it (None: the portal)
    answered: datetime | None
    comments: list[CommentPlan] = field(default_factory=list)


@dataclass
class CocreationPlan:
    processes: list[ProcessPlan] = field(default_factory=list)
    proposals: list[ProposalPlan] = field(default_factory=list)  # in the order they were made
    manager: str = ""  # the coordinator: creates the processes and answers the proposals


def plan_cocreation(rng: random.Random, spec: cat.CenterSpec, cocreation: CocreationSpec, people: list[PersonPlan],
                    today: date) -> CocreationPlan:
    """Draw the center's processes, meetings and proposals, without touching the database."""
    return _Planner(rng, spec, people, today).plan(cocreation)


def _weighted_sample(rng: random.Random, items: list[int], weights: list[float], k: int) -> list[int]:
    """k distinct items, heavier ones more likely (Efraimidis–Spirakis keys)."""
    keyed = sorted(((rng.random() ** (1 / w), item) for item, w in zip(items, weights, strict=True)), reverse=True)
    return [item for _key, item in keyed[:k]]


def _weekday(day: date) -> date:
    """Centers hold no meetings on Sundays: the Saturday before."""
    return day - timedelta(days=1) if day.weekday() == 6 else day


class _Planner:
    def __init__(self, rng: random.Random, spec: cat.CenterSpec, people: list[PersonPlan], today: date) -> None:
        self.rng = rng
        self.people = people
        self.today = today
        self.tz = ZoneInfo(spec.timezone)
        roles: dict[str, list[str]] = defaultdict(list)
        for member in spec.staff:
            roles[member.role].append(member.username)
        self.coordinator = roles[Role.COORDINATOR][0]
        # Facilitators run the meetings and type in the workshops' sheets; the front desk writes down
        # what people propose at the counter. A center without them leaves it to the coordinator.
        self.facilitators = roles[Role.FACILITATOR] or [self.coordinator]
        self.front_desk = roles[Role.FRONT_DESK] or self.facilitators
        self.authors: set[int] = set()
        fixed = {(f["given_names"], f["family_names"]) for f in spec.fixed_people}
        # The people the demo's guides name (the portal's participant) write nothing moderation hides.
        self.named = {i for i, p in enumerate(people) if (p.data["given_names"], p.data["family_names"]) in fixed}

    def at(self, day: date, *, low: int = 9, high: int = 17) -> datetime:
        return datetime.combine(day, time(self.rng.randint(low, high - 1), self.rng.randrange(0, 60, 5)),
                                tzinfo=self.tz)

    def between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def eligible(self, on: date, age: int = MIN_AGE) -> list[int]:
        return [i for i, p in enumerate(self.people) if p.first_seen <= on and p.age >= age]

    def plan(self, spec: CocreationSpec) -> CocreationPlan:
        processes = [self._process(process) for process in spec.processes]
        proposals = [self._proposal(proposal, processes) for proposal in spec.proposals]
        proposals.sort(key=lambda p: p.created)
        return CocreationPlan(processes, proposals, self.coordinator)

    def _process(self, spec: ProcessSpec) -> ProcessPlan:
        today = self.today
        meetings = []
        came: set[int] = set()  # people who came to an earlier meeting come back more often
        for meeting in spec.meetings:
            on = _weekday(today + timedelta(days=meeting.days))
            attendees, minutes = [], ""
            if on < today:
                attendees = self._attendees(on, self.rng.randint(*meeting.attendees), came)
                came |= set(attendees)
                hosts = sum(bool(self.people[i].groups & HOST) for i in attendees)
                mobile = sum(bool(self.people[i].groups & MOBILITY) for i in attendees)
                minutes = (f"Asistieron {len(attendees)} personas: {hosts} de la comunidad de acogida y {mobile} "
                           f"en situación de movilidad humana.\n\n{meeting.minutes}")
            meetings.append(MeetingPlan(on, meeting.place, meeting.agenda, minutes, attendees,
                                        self.rng.choice(self.facilitators)))
        title = spec.title.format(next_year=today.year + 1)
        return ProcessPlan(spec, title, today - timedelta(days=spec.starts), today - timedelta(days=spec.ends),
                           meetings)

    def _attendees(self, on: date, size: int, came: set[int]) -> list[int]:
        """`size` people registered by `on`, from both sides: 35 to 60 in a hundred from the host community."""
        pool = self.eligible(on)
        hosts = round(size * self.rng.uniform(0.35, 0.6))
        chosen = []
        for side, k in ((HOST, hosts), (MOBILITY, size - hosts)):
            candidates = [i for i in pool if self.people[i].groups & side]
            weights = [self.people[i].weight * (4 if i in came else 1) for i in candidates]
            chosen += _weighted_sample(self.rng, candidates, weights, k)
        return sorted(chosen)

    def _window(self, spec: ProposalSpec, processes: list[ProcessPlan]) -> tuple[date, date]:
        """When the proposal could be made: while its process was open, or between the two processes."""
        yesterday = self.today - timedelta(days=1)
        if spec.process is None:
            past, current = processes
            return past.ends_on + timedelta(days=3), current.starts_on - timedelta(days=3)
        process = processes[spec.process]
        return process.starts_on + timedelta(days=2), min(process.ends_on, yesterday - timedelta(days=1))

    def _proposal(self, spec: ProposalSpec, processes: list[ProcessPlan]) -> ProposalPlan:
        rng, today = self.rng, self.today
        process = processes[spec.process] if spec.process is not None else None
        first, last = self._window(spec, processes)
        came = {i for m in process.meetings for i in m.attendees} if process else set()
        author = None
        if spec.via == WORKSHOP:
            # Typed in from the sheets in the days after the workshop.
            workshop = process.meetings[process.spec.sheets]
            created = self.at(min(workshop.on + timedelta(days=rng.randint(1, 3)), today - timedelta(days=1)))
            recorded_by = workshop.recorded_by
        else:
            created = self.at(self.between(first, last))
            candidates = [i for i in self.eligible(created.date(), AUTHOR_AGE) if i not in self.authors]
            weights = [self.people[i].weight * (3 if i in came else 1) for i in candidates]
            author = rng.choices(candidates, weights=weights)[0]
            self.authors.add(author)
            recorded_by = None if spec.via == PORTAL else rng.choice(self.front_desk)
        answered = self._answered(spec, process, created.date())
        decided = answered if spec.status in DECIDED else None
        # Supports come until the decision, or until last night while the proposal waits for one.
        until = decided or self.at(today - timedelta(days=1), low=20, high=21)
        supports = self._supports(spec.supports, created, until - timedelta(minutes=10), author, came)
        comments = [self._comment(comment, created.date(), decided, author, supports) for comment in spec.comments]
        comments.sort(key=lambda c: c.at)
        return ProposalPlan(spec, created, author, recorded_by, supports, answered, comments)

    def _comment(self, spec: CommentSpec, created: date, decided: datetime | None, author: int | None,
                 supports: list[tuple[int, datetime, str | None]]) -> CommentPlan:
        """A comment after the proposal was made (after the decision, on a decided one): by a facilitator,
        by someone who supported it, or, for one that moderation hides, by a neighbour who did not."""
        rng, yesterday = self.rng, self.today - timedelta(days=1)
        first = (decided.date() if decided else created) + timedelta(days=1)
        facilitator = rng.choice(self.facilitators)
        if spec.by_staff:
            return CommentPlan(self.at(self.between(first, yesterday)), spec.body, None, facilitator)
        if spec.hidden:
            taken = {author, *(i for i, *_ in supports)} | self.named
            on = self.between(first, yesterday)
            person = rng.choice([i for i in self.eligible(on, AUTHOR_AGE)
                                 if i not in taken and self.people[i].groups & HOST])
            return CommentPlan(self.at(on, low=18, high=22), spec.body, person, None, hidden_by=facilitator)
        voices = [(i, moment.date()) for i, moment, _recorder in supports]
        if author is not None:
            voices.append((author, created))
        if not voices:  # nobody stands behind a workshop's proposal yet: a neighbour comments
            voices = [(i, created) for i in self.eligible(created)]
        person, since = rng.choice(voices)
        on = self.between(max(first, since), yesterday)
        return CommentPlan(self.at(on, low=8, high=21), spec.body, person, None)

    def _answered(self, spec: ProposalSpec, process: ProcessPlan | None, created: date) -> datetime | None:
        """When the center last answered: decisions after the past process closed (later for what is
        under way or done); for open processes, a first look within days."""
        if spec.status == S.SUBMITTED:
            return None
        yesterday = self.today - timedelta(days=1)
        if process is not None and process.spec.status == Process.Status.CLOSED:
            closed = process.ends_on
            first, last = {
                S.IN_PROGRESS: (closed + timedelta(days=30), yesterday - timedelta(days=4)),
                S.IMPLEMENTED: (closed + timedelta(days=45), yesterday - timedelta(days=2)),
            }.get(spec.status, (closed + timedelta(days=3), closed + timedelta(days=21)))
        else:
            first, last = created + timedelta(days=3), created + timedelta(days=12)
        day = min(self.between(first, last), yesterday)
        return self.at(max(day, created + timedelta(days=1)), low=10, high=18)

    def _supports(self, k: int, after: datetime, before: datetime, author: int | None,
                  came: set[int]) -> list[tuple[int, datetime, str | None]]:
        """`k` distinct people besides the author, each registered by the day they gave their support,
        between `after` and `before`: from the portal at any hour, some at the front desk in its hours."""
        rng = self.rng
        span = max(60, int((before - after).total_seconds()))
        moments = sorted(after + timedelta(seconds=rng.randint(60, span)) for _ in range(k))
        supports = []
        taken = {author}
        for moment in moments:
            candidates = [i for i in self.eligible(moment.date()) if i not in taken]
            if not candidates:
                continue
            weights = [self.people[i].weight * (3 if i in came else 1) for i in candidates]
            person = rng.choices(candidates, weights=weights)[0]
            taken.add(person)
            at_desk = 9 <= moment.hour < 17 and moment.weekday() < 6 and rng.random() < 0.4
            supports.append((person, moment, rng.choice(self.front_desk) if at_desk else None))
        return supports


# --- Loading -------------------------------------------------------------------------------------


@dataclass
class CocreationLoaded:
    processes: int = 0
    meetings: int = 0
    proposals: int = 0
    supports: int = 0
    comments: int = 0


PHASES = ("Convocatoria y diagnóstico", "Recolección de propuestas", "Evaluación y respuesta del centro")


def _phases(starts_on: date, ends_on: date) -> list[tuple[str, date, date]]:
    """The process's span cut in three stages, in order and without gaps."""
    span = max((ends_on - starts_on).days, 2)
    cuts = [starts_on, starts_on + timedelta(days=span // 3), starts_on + timedelta(days=2 * span // 3), ends_on]
    return [(name, cuts[i] if i == 0 else cuts[i] + timedelta(days=1), cuts[i + 1])
            for i, name in enumerate(PHASES)]


def load_cocreation(center: Center, plan: CocreationPlan, *, people: list[Participant], staff: dict[str, User],
                    tz: ZoneInfo) -> CocreationLoaded:
    """Write the center's planned co-creation through the co-creation services, then set its times back."""
    loaded = CocreationLoaded()
    now = timezone.now()
    manager = staff[plan.manager]

    def past(moment: datetime, minutes: int = 0) -> datetime:
        # Keep the plan's times in the past when the demo is loaded early in the morning.
        return min(moment, now - timedelta(minutes=60 - minutes))

    processes = []
    for process_plan in plan.processes:
        # Every process starts open: proposals are only taken while it is.
        process = cocreation_services.save_process(center, {
            "title": process_plan.title, "kind": process_plan.spec.kind, "scope": process_plan.spec.scope,
            "description": process_plan.spec.description, "status": Process.Status.OPEN, "is_public": True,
            "starts_on": process_plan.starts_on, "ends_on": process_plan.ends_on,
        }, actor=manager)
        for name, start, end in _phases(process_plan.starts_on, process_plan.ends_on):
            cocreation_services.add_phase(process, name=name, starts_on=start, ends_on=end, actor=manager)
        for meeting in process_plan.meetings:
            cocreation_services.save_meeting(process, {
                "date": meeting.on, "place": meeting.place, "agenda": meeting.agenda, "minutes": meeting.minutes,
            }, actor=staff[meeting.recorded_by], attendees=[people[i] for i in meeting.attendees])
            loaded.meetings += 1
        created = datetime.combine(process_plan.starts_on - timedelta(days=10), time(9), tzinfo=tz)
        Process.objects.filter(pk=process.pk).update(created_at=past(created))
        processes.append(process)
        loaded.processes += 1

    proposals: list[Proposal] = []
    support_times: dict[tuple[int, int], datetime] = {}
    comments: list[Comment] = []
    for proposal_plan in plan.proposals:
        spec = proposal_plan.spec
        author = people[proposal_plan.author] if proposal_plan.author is not None else None
        recorder = staff[proposal_plan.recorded_by] if proposal_plan.recorded_by else None
        proposal = cocreation_services.submit_proposal(center, {
            "title": spec.title, "description": spec.description, "category": spec.category, "area": spec.area,
            "process": processes[spec.process] if spec.process is not None else None,
        }, author=author, actor=recorder)
        if author is not None:
            support_times[proposal.pk, author.pk] = past(proposal_plan.created)
        for person, moment, recorded_by in proposal_plan.supports:
            at_desk = staff[recorded_by] if recorded_by else None  # None: given from the portal
            cocreation_services.support_proposal(proposal, people[person], actor=at_desk)
            support_times[proposal.pk, people[person].pk] = past(moment, 1)
        for comment_plan in proposal_plan.comments:
            comment = cocreation_services.add_comment(
                proposal, comment_plan.body,
                participant=people[comment_plan.person] if comment_plan.person is not None else None,
                staff=staff[comment_plan.staff] if comment_plan.staff else None,
            )
            if comment_plan.hidden_by:
                comment = cocreation_services.moderate_comment(comment, hidden=True,
                                                               actor=staff[comment_plan.hidden_by])
            comment.created_at = past(comment_plan.at, 2)
            comments.append(comment)
        proposal.created_at = past(proposal_plan.created)
        proposals.append(proposal)
        loaded.supports += len(proposal_plan.supports) + (author is not None)
        loaded.comments += len(proposal_plan.comments)

    for process, process_plan in zip(processes, plan.processes, strict=True):
        if process_plan.spec.status != Process.Status.OPEN:
            cocreation_services.save_process(center, {"status": process_plan.spec.status}, actor=manager,
                                             process=process)

    answered: list[Proposal] = []
    for proposal, proposal_plan in zip(proposals, plan.proposals, strict=True):
        spec = proposal_plan.spec
        if proposal_plan.answered is None:
            continue
        answer = cocreation_services.answer_proposal(proposal, status=spec.status, answer=spec.answer,
                                                     progress=spec.progress, version=proposal.version, actor=manager)
        answer.created_at, answer.answered_at = proposal.created_at, past(proposal_plan.answered, 3)
        answered.append(answer)

    Proposal.objects.bulk_update([p for p, plan_ in zip(proposals, plan.proposals, strict=True)
                                  if plan_.answered is None], ["created_at"])
    Proposal.objects.bulk_update(answered, ["created_at", "answered_at"])
    Comment.objects.bulk_update(comments, ["created_at"])
    supports = list(Support.objects.filter(proposal__in=proposals).only("id", "proposal_id", "participant_id"))
    for support in supports:
        support.created_at = support_times[support.proposal_id, support.participant_id]
    Support.objects.bulk_update(supports, ["created_at"], batch_size=500)
    loaded.proposals = len(proposals)
    return loaded
