"""The cases of a demo center, drawn at random but deterministically: whose they are, who works on
them, their assessments, plan, follow-ups, confidential notes and referrals, and how each referral
fared (answered in hours or weeks, accepted or rejected, attended, closed, or still waiting).

Nothing here touches the database; `alliances.py` writes what this draws. Dates are relative to
the demo's `today`, and nothing happens after nine in the morning of that day (center time).
"""

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from integrhabitat.cases.models import Case, FollowUp, Goal, Referral
from integrhabitat.demo import catalogue as cat
from integrhabitat.demo.case_stories import (
    ACCEPTED_NOTES,
    ACTIONS,
    FEEDBACK,
    HEALTH_AGAIN,
    HEALTH_NOTES,
    HEALTH_REASONS,
    NEED_CATEGORY,
    NEED_FIELDS,
    NO_CONTACT,
    NOT_REACHED_NOTES,
    OUTCOME_NOTES,
    PURPOSES,
    REASONS,
    REASSESSMENT_NOTES,
    REJECTED_NOTES,
    STORIES,
    Story,
)
from integrhabitat.demo.catalogue import AllianceSpec
from integrhabitat.demo.population import PersonPlan, open_day
from integrhabitat.network.roles import Role
from integrhabitat.people.models import Channel, MobilityStatus, Sex
from integrhabitat.services.taxonomy import Category

CASE_SHARE = 0.08  # of each center's participants have a case
S = Referral.Status
ANSWERED = (S.ACCEPTED, S.REJECTED, S.ATTENDED, S.CLOSED)
# What the first case worker of each center (beto, in Kennedy) finds in the agenda: days from
# today of the pending follow-up of each of their cases not closed: two overdue, three this week.
AGENDA = (-9, -3, 0, 2, 5, 13, 20)


@dataclass
class ReferralPlan:
    need: str
    organization: str  # name, "" for a service of the center
    service: str  # name, "" for none
    pathway: str  # the need of its pathway, "" for none
    reason: str
    urgency: str
    shared: list[str]
    fate: str  # the status it ends in
    author: str
    created: datetime
    sent: datetime | None = None
    answered: datetime | None = None
    attended: datetime | None = None
    closed: datetime | None = None
    answer_note: str = ""
    feedback: str = ""
    override: str = ""  # a coordinator's reason to send without consent


@dataclass
class FollowUpPlan:
    due_on: date
    channel: str
    purpose: str
    done_on: date | None = None
    outcome: str = ""
    note: str = ""


@dataclass
class GoalPlan:
    title: str
    category: str
    due_on: date
    status: str
    actions: list[tuple[str, date, tuple[int, date] | None]]  # (description, done on, (service, delivered on))


@dataclass
class CasePlan:
    person: int  # index in the center's people
    story: str
    assigned: str
    team: list[str]
    priority: int
    summary: str
    opened_on: date
    status: str
    closed_on: date | None = None
    closure: tuple[str, str] = ("", "")
    assessments: list[tuple[date, dict, str]] = field(default_factory=list)  # (on, values, notes)
    goals: list[GoalPlan] = field(default_factory=list)
    follow_ups: list[FollowUpPlan] = field(default_factory=list)
    notes: list[tuple[datetime, str, str]] = field(default_factory=list)  # (when, author, body)
    referrals: list[ReferralPlan] = field(default_factory=list)


def plan_cases(rng: random.Random, spec: cat.CenterSpec, alliance: AllianceSpec, people: list[PersonPlan],
               households: list, batches: list, today: date,
               takeovers: Sequence[tuple[int, date, date]] = ()) -> list[CasePlan]:
    """Draw the cases of one center, without touching the database. `takeovers` are the windows in
    which a group gives a service as its sessions (`communities.takeovers`): a case open then is
    not referred to that service, whose attendance only the group records."""
    return _CasePlanner(rng, spec, alliance, people, households, batches, today, takeovers).plan()


class _CasePlanner:
    """Plans one center's cases at random, then makes sure the demo shows what it must: cases of
    every status, referrals of every status, one referral a coordinator sent without consent (with
    a reason), the first case worker's agenda and, in the partner user's center, referrals waiting
    for the partner's answer and some the partner answered for the first case worker."""

    def __init__(self, rng: random.Random, spec: cat.CenterSpec, alliance: AllianceSpec, people: list[PersonPlan],
                 households: list, batches: list, today: date,
                 takeovers: Sequence[tuple[int, date, date]] = ()) -> None:
        self.rng = rng
        self.spec = spec
        self.alliance = alliance
        self.people = people
        self.today = today
        self.tz = ZoneInfo(spec.timezone)
        # Nothing in the plan happens after this morning; the loader also keeps everything in the past.
        self.horizon = datetime.combine(today, time(9, 0), tzinfo=self.tz)
        self.coordinator = next(m.username for m in spec.staff if m.role == Role.COORDINATOR)
        self.workers = [m.username for m in spec.staff if m.role == Role.CASE_WORKER]
        self.in_household = {i for members, _address in households if len(members) > 1 for i, _rel in members}
        self.deliveries: dict[int, list[tuple[date, int]]] = defaultdict(list)
        for batch in batches:
            for i in batch.people:
                self.deliveries[i].append((batch.delivered_on, batch.service))
        self.organizations = {o.name: o for o in alliance.organizations}
        self.pathways = {p.key for p in alliance.pathways}
        self.conditions: dict[int, str] = {}  # a person's health situation, drawn once
        self.takeovers = [(spec.services[service].name, start, end) for service, start, end in takeovers]

    # -- cases --

    def plan(self) -> list[CasePlan]:
        rng = self.rng
        total = round(len(self.people) * CASE_SHARE)
        closed = max(3, round(total * 0.25))
        counts = {Case.Status.ACTIVE: total - closed - 4, Case.Status.ON_HOLD: 2, Case.Status.OPEN: 2,
                  Case.Status.CLOSED: closed}
        first = self.workers[0]
        others = [*self.workers[1:], *self.workers[1:], self.coordinator, first]
        agenda = iter(AGENDA)
        cases: list[CasePlan] = []
        taken: set[int] = set()
        for status, count in counts.items():
            for k in range(count):
                # The first case worker (the demo's beto) has cases of every status, and the pending
                # follow-ups of theirs make an agenda with overdue ones and ones due this week.
                mine = k < (3 if status == Case.Status.ACTIVE else 1)
                worker = first if mine else rng.choice(others)
                pending = None
                if status != Case.Status.CLOSED:
                    pending = next(agenda, 20) if worker == first else rng.randint(-6, 21)
                story = "gbv" if self.alliance.override[0] == "gbv" and status == Case.Status.ACTIVE and k == 0 else ""
                cases.append(self._case(status, worker, taken, story, pending))
        for case in cases:
            self._referrals(case)
        override_case = self._override(cases)
        if self.alliance.partner_organization:
            self._partner_inbox(cases, first)
        self._every_referral_status([c for c in cases if c is not override_case])
        for case in cases:
            case.referrals.sort(key=lambda r: r.created)
            self._goals(case)
        cases.sort(key=lambda c: c.opened_on)  # case numbers follow the order cases were opened
        return cases

    def _person(self, status: str, taken: set[int], story: str) -> tuple[int, date]:
        rng = self.rng
        lowest, highest = {Case.Status.OPEN: (1, 12), Case.Status.ACTIVE: (20, 300),
                           Case.Status.ON_HOLD: (50, 280), Case.Status.CLOSED: (90, 340)}[status]
        candidates = [i for i, p in enumerate(self.people) if p.age >= 18 and i not in taken
                      and p.first_seen <= self.today - timedelta(days=lowest)
                      and (story != "gbv" or self._fits_gbv(p))]
        weights = [self._vulnerability(self.people[i]) for i in candidates]
        index = rng.choices(candidates, weights=weights)[0]
        earliest = max(self.people[index].first_seen, self.today - timedelta(days=highest))
        opened = earliest + timedelta(days=rng.randint(0, (self.today - timedelta(days=lowest) - earliest).days))
        taken.add(index)
        return index, open_day(opened, self.today)

    @staticmethod
    def _vulnerability(person: PersonPlan) -> float:
        groups = person.groups
        weight = 1.0
        for group, factor in (("victims", 3), ("street", 3), ("displaced", 2), ("refugees_migrants", 2),
                              ("disability", 2), ("older_adults", 1.5), ("women", 1.3)):
            if group in groups:
                weight *= factor
        return weight

    @staticmethod
    def _fits_gbv(person: PersonPlan) -> bool:
        return person.data.get("sex") == Sex.FEMALE and 18 <= person.age <= 60

    def _story(self, person: PersonPlan) -> str:
        mobility = person.data.get("mobility_status")
        foreign = mobility in (MobilityStatus.MIGRANT, MobilityStatus.REFUGEE, MobilityStatus.ASYLUM_SEEKER)
        weights = {
            "transit": 8 if mobility == MobilityStatus.IN_TRANSIT else 0,
            "gbv": (4 if "victims" in person.groups else 1) if self._fits_gbv(person) else 0,
            "older": 8 if person.age >= 60 else 0,
            "regularization": 4 if foreign and person.data.get("document_type") != "permit" else 0,
            "health": 4 if foreign or mobility == MobilityStatus.IN_TRANSIT else 1.5,
            "housing": 1.5,
            "income": 2,
        }
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def _text(self, text: str, index: int, **extra: str) -> str:
        """`text` for the person of index `index`, with the center's words."""
        female = self.people[index].data.get("sex") == Sex.FEMALE
        with_family = " con su familia" if index in self.in_household else ""
        return text.format_map({**self.alliance.words, "o": "a" if female else "o", "with_family": with_family,
                                **extra})

    def _case(self, status: str, worker: str, taken: set[int], story_code: str, pending: int | None) -> CasePlan:
        rng = self.rng
        index, opened = self._person(status, taken, story_code)
        person = self.people[index]
        story = STORIES[story_code or self._story(person)]
        team = []
        if story.code == "gbv" or rng.random() < 0.3:
            colleagues = [u for u in [self.coordinator, *self.workers] if u != worker]
            team = [rng.choice(colleagues)]
        case = CasePlan(
            person=index, story=story.code, assigned=worker, team=team, priority=rng.choice(story.priorities),
            summary=self._text(rng.choice(story.summaries), index), opened_on=opened, status=status,
        )
        if status == Case.Status.CLOSED:
            case.closed_on = min(opened + timedelta(days=rng.randint(45, 200)), self.today - timedelta(days=3))
            reason, note = rng.choice([*story.closures, *story.closures, NO_CONTACT])
            case.closure = (reason, self._text(note, index))
        self._assessments(case, story)
        self._follow_ups(case, story, person, pending)
        self._notes(case, story)
        return case

    def _end(self, case: CasePlan) -> date:
        return case.closed_on or self.today

    def _assessments(self, case: CasePlan, story: Story) -> None:
        """None for an open case (its assessment is what makes it active); then every two to four
        months, needs going down and the three dimensions up, a little, when things go well."""
        if case.status == Case.Status.OPEN:
            return
        rng = self.rng
        needs = [max(0, min(3, level + rng.choice([-1, 0, 0, 0]))) for level in story.needs]
        ratings = [max(1, min(5, r + rng.choice([-1, 0, 0, 1]))) for r in story.ratings]
        day = case.opened_on + timedelta(days=rng.randint(0, 3))
        improving = 0.2 if case.status == Case.Status.ON_HOLD else 0.55
        notes = "Valoración inicial en el centro, con la persona."
        while len(case.assessments) < 3:
            values = dict(zip(NEED_FIELDS, needs, strict=True))
            values.update(integration=ratings[0], inclusion=ratings[1], cohesion=ratings[2])
            case.assessments.append((day, values, notes))
            needs = [max(0, n - 1) if rng.random() < improving else n for n in needs]
            ratings = [min(5, r + 1) if rng.random() < improving else r for r in ratings]
            notes = rng.choice(REASSESSMENT_NOTES)
            day += timedelta(days=rng.randint(60, 120))
            if day > self._end(case) - timedelta(days=3):
                break

    def _channel(self, story: Story, person: PersonPlan) -> str:
        if story.in_person_only:
            return FollowUp.Channel.AT_CENTER
        if story.code == "older" and self.rng.random() < 0.5:
            return FollowUp.Channel.HOME_VISIT
        preferred = person.data.get("preferred_channel")
        if preferred == Channel.PHONE:
            return FollowUp.Channel.PHONE
        if preferred in (Channel.WHATSAPP, Channel.SMS, Channel.EMAIL):
            return FollowUp.Channel.MESSAGE
        return FollowUp.Channel.AT_CENTER

    def _follow_ups(self, case: CasePlan, story: Story, person: PersonPlan, pending: int | None) -> None:
        """Follow-ups every few weeks, done; unless the case is closed, the next one is pending,
        due `pending` days from today (negative: overdue)."""
        rng = self.rng
        channel = self._channel(story, person)
        due = None if pending is None else max(self.today + timedelta(days=pending), case.opened_on + timedelta(days=1))
        if case.status == Case.Status.OPEN:
            case.follow_ups.append(FollowUpPlan(due, channel, "Primera valoración de necesidades"))
            return
        day = case.opened_on + timedelta(days=rng.randint(7, 14))
        last = case.closed_on if due is None else min(self.today - timedelta(days=2), due - timedelta(days=7))
        done: list[FollowUpPlan] = []
        while day <= last and len(done) < 6:
            outcome = rng.choices(list(OUTCOME_NOTES), weights=[75, 17, 8])[0]
            done_on = min(day + timedelta(days=rng.choice([0, 0, 0, 1, 2])), last)
            done.append(FollowUpPlan(day, channel, rng.choice(PURPOSES), done_on, outcome))
            day += timedelta(days=rng.randint(21, 45))
        if case.status == Case.Status.ON_HOLD:
            for follow_up in done[-2:]:
                follow_up.outcome = FollowUp.Outcome.NOT_REACHED
        for follow_up in done:
            notes = OUTCOME_NOTES[follow_up.outcome]
            if follow_up.outcome == FollowUp.Outcome.NOT_REACHED:
                notes = NOT_REACHED_NOTES.get(channel, notes)
            follow_up.note = rng.choice(notes)
        case.follow_ups = done
        if due is not None:
            purpose = "Intentar de nuevo el contacto" if case.status == Case.Status.ON_HOLD else rng.choice(PURPOSES)
            case.follow_ups.append(FollowUpPlan(due, channel, purpose))

    def _notes(self, case: CasePlan, story: Story) -> None:
        rng = self.rng
        texts = list(story.notes)
        if story.code == "health" or not texts:
            texts = [HEALTH_NOTES[self._condition(case.person)]]
        count = 1 if case.status == Case.Status.OPEN else rng.randint(1, min(3, len(texts)))
        span = max(1, (self._end(case) - case.opened_on).days)
        authors = [case.assigned, case.assigned, *case.team, self.coordinator]
        for k, text in enumerate(rng.sample(texts, min(count, len(texts)))):
            day = case.opened_on + timedelta(days=0 if k == 0 else rng.randint(1, span))
            when = self._at(min(day, self._end(case)), rng.uniform(9, 17))
            body = self._text(text, case.person, weeks=str(rng.randint(14, 28)))
            case.notes.append((when, case.assigned if k == 0 else rng.choice(authors), body))

    def _condition(self, index: int) -> str:
        """The person's health situation, the same in their notes and their referrals' reasons."""
        if index not in self.conditions:
            person = self.people[index]
            if person.data.get("sex") == Sex.FEMALE and 18 <= person.age <= 40 and self.rng.random() < 0.5:
                self.conditions[index] = "pregnant"
            else:
                self.conditions[index] = "chronic" if person.age >= 45 else "general"
        return self.conditions[index]

    # -- referrals --

    def _destinations(self, need: str, case: CasePlan | None = None) -> list[tuple[str, str]]:
        """Where a person is referred for `need`; during `case`, not to a service a group gives meanwhile."""
        destinations = self.alliance.destinations.get(need, [])
        if case is None:
            return destinations
        opened, end = case.opened_on, self._end(case)
        busy = {name for name, start, last in self.takeovers if start <= end and opened <= last}
        return [(organization, service) for organization, service in destinations if service not in busy]

    def _referrals(self, case: CasePlan) -> None:
        rng = self.rng
        needs = [n for n in STORIES[case.story].referrals if self._destinations(n, case)]
        if case.status == Case.Status.OPEN:
            needs = needs[:1]
        elif rng.random() < 0.3:
            needs = needs[:-1] or needs
        for need in needs:
            fate = self._draw_fate(case.status)
            referral = self._referral(case, need, fate)
            if referral is not None:
                case.referrals.append(referral)

    def _draw_fate(self, status: str) -> str:
        weights = {
            Case.Status.OPEN: {S.DRAFT: 40, S.SENT: 60},
            Case.Status.ACTIVE: {S.DRAFT: 5, S.SENT: 18, S.ACCEPTED: 12, S.REJECTED: 10, S.ATTENDED: 32,
                                 S.CLOSED: 18, S.CANCELLED: 5},
            Case.Status.ON_HOLD: {S.SENT: 10, S.ACCEPTED: 10, S.REJECTED: 15, S.ATTENDED: 35, S.CLOSED: 15,
                                  S.CANCELLED: 15},
            Case.Status.CLOSED: {S.REJECTED: 15, S.ATTENDED: 20, S.CLOSED: 50, S.CANCELLED: 15},
        }[status]
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def _referral(self, case: CasePlan, need: str, fate: str, *, organization: str | None = None,
                  author: str = "", override: str = "") -> ReferralPlan | None:
        """A referral of `case` for `need` that ends as `fate`, or as the nearest fate that fits
        in the case's life; None if none fits."""
        rng = self.rng
        person = self.people[case.person]
        if organization is None:
            destinations = self._destinations(need, case)
            if not destinations:
                return None
            organization, service = rng.choice(destinations)
        else:
            service = ""
        median = self.organizations[organization].answer_days if organization else 0.5
        urgency = Referral.Urgency.ROUTINE
        if need in ("gbv", "health_urgent"):
            urgency = Referral.Urgency.URGENT
        elif need in ("transit", "psychosocial") or (need == "health" and rng.random() < 0.4):
            urgency = Referral.Urgency.PRIORITY
        start = self._at(case.opened_on, 11)
        end = self._at(case.closed_on, 16) if case.closed_on else self.horizon
        fallbacks = {S.CLOSED: [S.ATTENDED, S.ACCEPTED, S.SENT], S.ATTENDED: [S.ACCEPTED, S.SENT],
                     S.ACCEPTED: [S.SENT], S.REJECTED: [S.SENT], S.CANCELLED: [S.DRAFT], S.SENT: [S.DRAFT]}
        for candidate in [fate, *fallbacks.get(fate, [])]:
            if case.closed_on and candidate in (S.SENT, S.ACCEPTED, S.DRAFT):
                candidate = S.CANCELLED  # a closed case leaves nothing pending
            times = self._timeline(candidate, start, end, median, urgency)
            if times is not None:
                break
        else:
            return None
        if need == "health":
            again = any(r.need == "health" for r in case.referrals)
            reason = (HEALTH_AGAIN if again else HEALTH_REASONS)[self._condition(case.person)]
        else:
            reason = self._text(rng.choice(REASONS[need]), case.person)
        # The health pathways are those of people without papers or in transit; nationals are not on them.
        foreign = person.data.get("nationality") != self.spec.data["country"]
        pathway = need if need in self.pathways and (need not in ("health", "legal") or foreign) else ""
        referral = ReferralPlan(
            need=need, organization=organization, service=service, pathway=pathway, reason=reason,
            urgency=urgency, shared=self._shared(need, person, case) if organization else [],
            fate=times.pop("fate"), author=author or case.assigned, override=override, **times,
        )
        if referral.answered and referral.fate != S.REJECTED:
            kind = "urgent" if urgency == Referral.Urgency.URGENT else "transit" if need == "transit" else ""
            appointment = (referral.attended or referral.answered + timedelta(days=rng.randint(2, 9))).astimezone(
                self.tz)
            referral.answer_note = rng.choice(ACCEPTED_NOTES[kind]).format(
                day=appointment.strftime("%d/%m"), hour=f"{appointment.hour}:{appointment.minute // 15 * 15:02d}")
        elif referral.fate == S.REJECTED:
            referral.answer_note = rng.choice(REJECTED_NOTES)
        if referral.attended:
            referral.feedback = rng.choice(FEEDBACK.get(need, FEEDBACK[""]))
        return referral

    def _timeline(self, fate: str, start: datetime, end: datetime, median_days: float,
                  urgency: str) -> dict | None:
        """When a referral ending as `fate` was created, sent, answered, attended and closed, all
        between `start` and `end`; None if it cannot fit. Answers take about `median_days`, never
        more than two weeks; the person is seen days later, or within hours when it is urgent."""
        rng = self.rng
        delay = timedelta(days=min(rng.uniform(11, 14), max(3 / 24, median_days * rng.lognormvariate(0, 0.6))))
        appointment = timedelta(days=rng.uniform(0.05, 0.4) if urgency == Referral.Urgency.URGENT else
                                rng.uniform(1, 5) if urgency == Referral.Urgency.PRIORITY else rng.uniform(2, 10))
        closing = timedelta(days=rng.uniform(2, 20))
        needed = {
            S.DRAFT: timedelta(0), S.SENT: timedelta(0), S.REJECTED: delay, S.ACCEPTED: delay,
            S.ATTENDED: delay + appointment, S.CLOSED: delay + appointment + closing, S.CANCELLED: timedelta(days=3),
        }[fate]
        latest = end - needed
        earliest = start
        if fate == S.DRAFT:
            earliest = max(start, end - timedelta(days=5))
        elif fate == S.SENT:  # still waiting: sent within the last days
            earliest = max(start, end - timedelta(days=min(13.0, max(3.0, 3 * median_days))))
        elif fate == S.ACCEPTED and end == self.horizon:  # the appointment is still to come
            earliest = max(start, latest - appointment)
        if latest <= earliest:
            return None
        sent = self._office(earliest + (latest - earliest) * rng.random(), end)
        times: dict = {"fate": fate, "created": sent - timedelta(minutes=rng.randint(5, 120))}
        if fate == S.DRAFT:
            return times | {"created": sent}
        times["sent"] = sent
        if fate == S.CANCELLED:
            cancelled = sent + timedelta(days=rng.uniform(2, 3))
            if rng.random() < 0.5 and cancelled + delay + appointment < end:  # accepted; the person never came
                times["answered"] = self._office(sent + delay, end)
                cancelled += delay + appointment
            times["closed"] = self._office(cancelled, end)
            return times
        if fate in ANSWERED:
            times["answered"] = self._office(sent + delay, end)
        if fate in (S.ATTENDED, S.CLOSED):
            times["attended"] = self._office(times["answered"] + appointment, end)
        if fate == S.CLOSED:
            times["closed"] = self._office(times["attended"] + closing, end)
        return times

    def _shared(self, need: str, person: PersonPlan, case: CasePlan) -> list[str]:
        """Only what the receiving organization needs: never the phone of someone for whom a call is a risk."""
        shared = []
        if person.data.get("phone") and not STORIES[case.story].in_person_only:
            shared.append(Referral.Shared.PHONE)
        if need in ("health", "health_urgent", "legal", "transit"):
            shared.append(Referral.Shared.NATIONALITY)
        if need in ("health", "health_urgent") and person.data.get("birth_date"):
            shared.append(Referral.Shared.BIRTH_DATE)
        if need == "legal" and person.data.get("document_number"):
            shared.append(Referral.Shared.DOCUMENT)
        if person.data.get("preferred_language") not in ("es", None):
            shared.append(Referral.Shared.LANGUAGE)
        return shared

    def _override(self, cases: list[CasePlan]) -> CasePlan:
        """One external referral per center sent by the coordinator without consent, with a written
        reason. It is that case's only referral to the organization, so that no earlier consent
        to share with it exists."""
        need, reason = self.alliance.override
        active = [c for c in cases if c.status == Case.Status.ACTIVE]
        case = next((c for c in active if need in STORIES[c.story].referrals), active[0])
        organization = self._destinations(need)[0][0]
        referral = self._referral(case, need, S.ATTENDED, organization=organization, author=self.coordinator,
                                  override=reason)
        if referral is None:
            raise ValueError("no active case to show a referral without consent")
        referral.urgency = Referral.Urgency.URGENT
        case.referrals = [r for r in case.referrals if r.organization != organization] + [referral]
        return case

    def _partner_inbox(self, cases: list[CasePlan], first: str) -> None:
        """The demo partner's organization has referrals waiting for its answer, and has answered
        several of the first case worker's."""
        organization = self.alliance.partner_organization

        def to_partner(fates) -> list[ReferralPlan]:
            return [r for c in cases for r in c.referrals if r.organization == organization and r.fate in fates]

        mine = [c for c in cases if c.assigned == first and c.status != Case.Status.OPEN]
        fates = [S.ATTENDED, S.ACCEPTED, S.REJECTED, S.CLOSED, S.ATTENDED]
        for k in range(20):
            answered = [r for r in to_partner(ANSWERED) if any(r in c.referrals for c in mine)]
            if len(answered) >= 4:
                break
            case = mine[k % len(mine)]
            referral = self._referral(case, "health", fates[k % len(fates)], organization=organization)
            if referral is not None and referral.fate in ANSWERED:
                case.referrals.append(referral)
        waiting_cases = [c for c in cases if c.status != Case.Status.CLOSED]
        for k in range(20):
            if len(to_partner([S.SENT])) >= 5:
                break
            case = waiting_cases[k % len(waiting_cases)]
            referral = self._referral(case, "health", S.SENT, organization=organization)
            if referral is not None and referral.fate == S.SENT:
                case.referrals.append(referral)

    def _every_referral_status(self, cases: list[CasePlan]) -> None:
        """Each center shows referrals in every status: add the missing ones to the oldest active cases."""
        present = {r.fate for c in cases for r in c.referrals}
        active = sorted((c for c in cases if c.status == Case.Status.ACTIVE), key=lambda c: c.opened_on)
        for fate in S:
            for case in active:
                if fate in present:
                    break
                need = next((n for n in [*STORIES[case.story].referrals, "food", "health"]
                             if self._destinations(n, case)), None)
                if need is None:
                    continue
                referral = self._referral(case, need, fate)
                if referral is not None and referral.fate == fate:
                    case.referrals.append(referral)
                    present.add(fate)

    # -- goals --

    def _goals(self, case: CasePlan) -> None:
        """The case plan, once the first assessment is done: its goals, what was done for each (the
        referrals sent and the services received), and how far each got."""
        if case.status == Case.Status.OPEN:
            return
        rng = self.rng
        end = self._end(case)
        start = case.assessments[0][0]
        for k, (title, category, days) in enumerate(STORIES[case.story].goals):
            due = case.opened_on + timedelta(days=days)
            actions: list[tuple[str, date, tuple[int, date] | None]] = []
            for referral in case.referrals:
                if referral.sent and NEED_CATEGORY.get(referral.need, Category.HUMANITARIAN) == category and (
                        k == 0 or category != Category.HUMANITARIAN):
                    destination = referral.organization or referral.service
                    actions.append((f"Remisión: {destination}"[:300], referral.sent.astimezone(self.tz).date(), None))
            story = STORIES[case.story]
            received = [(d, s) for d, s in self.deliveries[case.person] if start <= d <= end and (
                self.spec.services[s].service_type in story.services if category == Category.HUMANITARIAN
                else self.spec.services[s].service_type.split(".")[0] == category)]
            if received:
                delivered_on, service = rng.choice(received)
                actions.append((f"Recibió: {self.spec.services[service].name}"[:300], delivered_on,
                                (service, delivered_on)))
            if rng.random() < 0.7 or not actions:
                actions.append((rng.choice(ACTIONS[category]), start + timedelta(
                    days=rng.randint(0, max(0, (end - start).days))), None))
            status = self._goal_status(case, k, due)
            if status == Goal.Status.PENDING:
                actions = []
            actions.sort(key=lambda action: action[1])
            case.goals.append(GoalPlan(self._text(title, case.person), category, due, status, actions))

    def _goal_status(self, case: CasePlan, k: int, due: date) -> str:
        rng = self.rng
        if case.status == Case.Status.CLOSED:
            if case.closure[0] == Case.ClosureReason.GOALS_MET:
                return Goal.Status.ACHIEVED
            return Goal.Status.ACHIEVED if rng.random() < (0.6 if k == 0 else 0.3) else Goal.Status.DROPPED
        if due < self.today - timedelta(days=30):  # a goal long due was reached, or is still being worked on
            return rng.choices([Goal.Status.ACHIEVED, Goal.Status.IN_PROGRESS, Goal.Status.DROPPED], [6, 3, 1])[0]
        return Goal.Status.IN_PROGRESS if k == 0 or rng.random() < 0.6 else Goal.Status.PENDING

    # -- times --

    def _at(self, day: date, hour: float) -> datetime:
        moment = datetime.combine(day, time(8, 0), tzinfo=self.tz) + timedelta(hours=hour - 8)
        return min(moment, self.horizon)

    def _office(self, moment: datetime, end: datetime) -> datetime:
        """`moment` moved into office hours (8:00 to 18:00, Monday to Saturday), but not after `end`."""
        local = moment.astimezone(self.tz)
        if local.hour >= 18:
            local = datetime.combine(local.date() + timedelta(days=1), time(8, 0), tzinfo=self.tz)
        elif local.hour < 8:
            local = datetime.combine(local.date(), time(8, 0), tzinfo=self.tz)
        if local.weekday() == 6:
            local += timedelta(days=1)
        local += timedelta(minutes=self.rng.randint(0, 50)) if local.time() == time(8, 0) else timedelta(0)
        return min(local, end)
