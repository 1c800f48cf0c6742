"""The demo is drawn relative to the day it is loaded: whatever that day, it must hold what the demo
promises. Loading it takes seconds, drawing its plan a quarter of one, so these tests draw the plan
(`build_plan`, everything the loader then writes) for a spread of days — month and year ends, a leap
day, the day a group's workshop once broke the demo (7 Dec 2026) and two a month over a year — and
check the invariants the loaded demo's tests (`test_demo_network.py`) check for one day."""

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import pytest

from integrhabitat.cases.models import Referral
from integrhabitat.communities.models import Group
from integrhabitat.demo import catalogue as cat
from integrhabitat.demo.generator import CenterPlan, build_plan

EDGES = [date(2026, 12, 7), date(2026, 12, 31), date(2027, 1, 1), date(2027, 2, 28), date(2027, 3, 1),
         date(2027, 12, 31), date(2028, 1, 1), date(2028, 2, 29), date(2028, 3, 1), date(2028, 6, 30)]
SPREAD = [date(2027, 1, 9) + timedelta(days=17 * k) for k in range(21)]  # every weekday, across 2027
DAYS = EDGES + SPREAD


@cache
def plan_for(today: date) -> list[CenterPlan]:
    return build_plan(today)


def test_the_sample_covers_every_weekday_and_month():
    assert {d.weekday() for d in DAYS} == set(range(7))
    assert {d.month for d in DAYS} == set(range(1, 13))
    assert len(DAYS) >= 30


def _sessions_planned(plan: CenterPlan, service: int) -> bool:
    return plan.spec.services[service].plan[:1] == ("sessions",)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_demo_drawn_for_any_day_keeps_its_promises(today):
    for plan in plan_for(today):
        slug = plan.spec.data["slug"]
        horizon = datetime.combine(today, time(9, 0), tzinfo=ZoneInfo(plan.spec.timezone))
        names = {spec.name: index for index, spec in enumerate(plan.spec.services)}

        # Nothing happened after today.
        assert all(person.first_seen <= today for person in plan.people), slug
        assert all(batch.delivered_on <= today for batch in plan.batches), slug
        for case in plan.cases:
            assert case.opened_on <= today and (case.closed_on is None or case.closed_on < today), slug
            for referral in case.referrals:
                moments = [referral.created, referral.sent, referral.answered, referral.attended, referral.closed]
                assert all(m is None or m <= horizon for m in moments), (slug, referral.need)

        # Groups: those running or finished met weekly or fortnightly for months, only before today.
        for group in plan.groups:
            if group.spec.status == Group.Status.PLANNED:
                assert not group.held, group.spec.name
                continue
            assert all(session.on < today for session in group.held), group.spec.name
            dates = [session.on for session in group.held if session.present]
            assert 56 <= (dates[-1] - dates[0]).days <= 190, (slug, group.spec.name)
            assert {(b - a).days for a, b in zip(dates, dates[1:], strict=False)} <= {7, 14, 21, 28}, group.spec.name
            assert all(member.joined_on < today for member in group.members), group.spec.name

        # A group that gives its service's regular sessions takes them over while it meets: no other
        # delivery of that service in the window, neither a session of the portfolio nor a referral.
        for group in plan.groups:
            if group.service is None or not group.held or not _sessions_planned(plan, group.service):
                continue
            start, last = group.starts_on, group.held[-1].on
            assert not [b for b in plan.batches
                        if b.service == group.service and start <= b.delivered_on <= last], group.spec.name
            for case in plan.cases:
                for referral in case.referrals:
                    if referral.attended and referral.service and names[referral.service] == group.service:
                        assert not start <= referral.attended.astimezone(horizon.tzinfo).date() <= last, (
                            group.spec.name, referral.attended)

        # Every center shows referrals in every status, and the coordinator's one sent without consent.
        fates = {referral.fate for case in plan.cases for referral in case.referrals}
        assert fates == set(Referral.Status), (slug, set(Referral.Status) - fates)
        assert sum(bool(r.override) for case in plan.cases for r in case.referrals) == 1, slug

        # Co-creation: a process that closed before the open one started, which runs past today.
        processes = {process.spec.status: process for process in plan.cocreation.processes}
        closed, current = processes["closed"], processes["open"]
        assert closed.ends_on < current.starts_on < today < current.ends_on, slug
        assert all(meeting.on < today for meeting in closed.meetings), slug
        assert any(meeting.on > today for meeting in current.meetings), slug
        for process in (closed, current):
            for meeting in process.meetings:
                assert bool(meeting.minutes) == (meeting.on < today) == bool(meeting.attendees), (slug, meeting.on)


def test_the_same_day_draws_the_same_demo():
    first, again = build_plan(EDGES[0]), plan_for(EDGES[0])
    assert [len(p.people) for p in first] == [len(p.people) for p in again]
    assert [[(b.service, b.delivered_on, b.people) for b in p.batches] for p in first] == [
        [(b.service, b.delivered_on, b.people) for b in p.batches] for p in again]
    assert len(first) == len(cat.CENTERS)
