"""The `load_demo` command: idempotent, refuses to take over existing accounts, and draws the same
network every time. What the loaded network contains is checked in `test_demo_network.py`."""

import dataclasses
import random
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from integrhabitat.accounts.models import Notification
from integrhabitat.audit.models import AuditEntry
from integrhabitat.cases.models import Assessment, Case, FollowUp, Goal, Note, Referral
from integrhabitat.cocreation.models import Comment, Meeting, Process, Proposal, Support
from integrhabitat.communities.models import Attendance, Group, Member, Session
from integrhabitat.demo import catalogue
from integrhabitat.demo.alliances import provider_name
from integrhabitat.demo.catalogue import ALLIANCES, COMMUNITY_GROUPS
from integrhabitat.demo.communities import plan_groups
from integrhabitat.demo.generator import build_plan
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import COMMUNITIES_MANAGE, Role, role_has_perm
from integrhabitat.partners.models import (
    EXPIRY_WARNING_DAYS,
    Agreement,
    Organization,
    Pathway,
    PathwayStep,
    StatusChange,
)
from integrhabitat.people import duplicates
from integrhabitat.people.groups import GROUPS
from integrhabitat.people.models import Consent, Household, Participant
from integrhabitat.services.models import Service, ServiceDelivery
from integrhabitat.services.taxonomy import SERVICE_TYPES

User = get_user_model()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Argon2 takes a good part of a second per demo account; these tests are about the data.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [
        User, Center, Membership, Participant, Household, Consent, Service, ServiceDelivery, AuditEntry,
        Organization, StatusChange, Agreement, Pathway, PathwayStep, Case, Assessment, Goal, FollowUp, Note,
        Referral, Notification, Group, Member, Session, Attendance, Process, Meeting, Proposal, Support, Comment,
    ]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_a_second_run_creates_nothing_new():
    assert "Demo network loaded" in load()
    before = counts()

    output = load()

    assert output.strip() == "Demo network already loaded."
    assert counts() == before
    # The duplicate queues have something to show: look-alikes within each center, and one person
    # registered again in Lima after leaving Bogotá, for the network's queue.
    assert duplicates.open_pairs(Center.objects.get(slug="bogota-kennedy")).exists()
    moved = duplicates.network_pairs().get()
    assert {moved.first.center.slug, moved.second.center.slug} == {"bogota-kennedy", "lima-sjl"}


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["ana", "pablo"])
def test_it_refuses_to_load_when_a_demo_username_belongs_to_someone_else(username):
    User.objects.create_user(username, password="another-password-123")

    with pytest.raises(CommandError, match=username):
        load()

    assert not Center.objects.exists()


def test_the_plan_is_the_same_every_time_for_the_same_day():
    first, second = build_plan(date(2026, 3, 10)), build_plan(date(2026, 3, 10))

    assert [[p.data for p in c.people] for c in first] == [[p.data for p in c.people] for c in second]
    assert [c.batches for c in first] == [c.batches for c in second]
    assert [c.cases for c in first] == [c.cases for c in second]
    assert [c.groups for c in first] == [c.groups for c in second]
    assert [c.cocreation for c in first] == [c.cocreation for c in second]


@pytest.mark.parametrize("today", [date(2026, 1, 5), date(2026, 4, 18), date(2026, 8, 30), date(2027, 2, 27)])
def test_whatever_the_day_each_center_plans_what_the_demo_must_show(today):
    for center in build_plan(today):
        alliance = ALLIANCES[center.spec.data["slug"]]
        referrals = [r for case in center.cases for r in case.referrals]
        assert {case.status for case in center.cases} == set(Case.Status.values)
        assert {r.fate for r in referrals} == set(Referral.Status.values)
        assert len([r for r in referrals if r.override]) == 1
        first_worker = next(s.username for s in center.spec.staff if s.role == "case_worker")
        pending = [f.due_on for case in center.cases if case.assigned == first_worker
                   for f in case.follow_ups if f.done_on is None]
        assert len([d for d in pending if d < today]) >= 2
        assert len([d for d in pending if today <= d <= today + timedelta(days=6)]) >= 2
        if alliance.partner_user is not None:
            partner = [r for r in referrals if r.organization == alliance.partner_organization]
            assert len([r for r in partner if r.fate == Referral.Status.SENT]) >= 3
            mine = [r for case in center.cases if case.assigned == first_worker for r in case.referrals
                    if r.organization == alliance.partner_organization and r.answered]
            assert len(mine) >= 3
        groups = center.groups
        assert {g.spec.kind for g in groups} == set(Group.Kind.values)
        assert [g.spec.status for g in groups].count(Group.Status.INDEPENDENT) == 1
        assert [g.spec.status for g in groups].count(Group.Status.PLANNED) == 1
        waiting = [g for g in groups if any(m.waiting for m in g.members)]
        assert len(waiting) == 1
        assert len([m for m in waiting[0].members if not m.waiting and m.left_on is None]) == waiting[0].spec.capacity
        for group in groups:
            assert all(s.on < today for s in group.held)
            assert len({m.person for m in group.members}) == len(group.members)
            assert group.held or group.spec.status == Group.Status.PLANNED


@pytest.mark.parametrize("today", [date(2026, 1, 5), date(2026, 4, 18), date(2026, 8, 30), date(2027, 2, 27)])
def test_whatever_the_day_each_center_plans_co_creation_that_happened_in_order(today):
    decided = {Proposal.Status.ACCEPTED, Proposal.Status.IN_PROGRESS, Proposal.Status.IMPLEMENTED,
               Proposal.Status.NOT_ACCEPTED}
    for center in build_plan(today):
        plan, people = center.cocreation, center.people
        past, current = plan.processes
        assert past.ends_on < current.starts_on < today < current.ends_on
        assert {p.spec.status for p in plan.proposals} == set(Proposal.Status.values)
        assert 8 <= len(plan.proposals) <= 14
        authors = [p.author for p in plan.proposals if p.author is not None]
        assert len(authors) == len(set(authors))
        for meeting in past.meetings + current.meetings:
            if meeting.on >= today:
                assert not meeting.attendees
                continue
            assert 8 <= len(meeting.attendees) <= 30 and len(set(meeting.attendees)) == len(meeting.attendees)
            assert all(people[i].first_seen <= meeting.on for i in meeting.attendees)
            groups = set().union(*(people[i].groups for i in meeting.attendees))
            assert "host_community" in groups and groups & {"refugees_migrants", "returned", "displaced"}
        for proposal in plan.proposals:
            made = proposal.created.date()
            if proposal.spec.process is None:
                assert past.ends_on < made < current.starts_on
            else:
                process = plan.processes[proposal.spec.process]
                assert process.starts_on <= made <= process.ends_on and made < today
            assert proposal.author is None or people[proposal.author].first_seen <= made
            assert (proposal.answered is None) == (proposal.spec.status == Proposal.Status.SUBMITTED)
            if proposal.answered is not None:
                assert proposal.created < proposal.answered and proposal.answered.date() < today
            supporters = [person for person, _at, _desk in proposal.supports]
            assert len(set(supporters)) == len(supporters) and proposal.author not in supporters
            for person, moment, _desk in proposal.supports:
                assert proposal.created < moment and moment.date() < today
                assert people[person].first_seen <= moment.date()
                if proposal.spec.status in decided:
                    assert moment < proposal.answered
            for comment in proposal.comments:
                assert proposal.created < comment.at and comment.at.date() < today
                if proposal.spec.status in decided:
                    assert proposal.answered < comment.at


def test_the_plan_puts_nothing_after_the_morning_of_its_day():
    today = date(2026, 3, 10)
    for center in build_plan(today):
        for case in center.cases:
            assert case.opened_on < today
            assert case.closed_on is None or case.opened_on < case.closed_on < today
            for referral in case.referrals:
                moments = [referral.created, referral.sent, referral.answered, referral.attended, referral.closed]
                moments = [m for m in moments if m is not None]
                assert moments == sorted(moments)
                assert moments[-1].date() <= today


def test_the_catalogue_uses_existing_groups_and_service_types():
    for spec in catalogue.CENTERS:
        assert set(spec.data["priority_groups"]) <= set(GROUPS)
        for service in spec.services:
            assert set(service.target_groups) <= set(GROUPS), service.name
            assert service.service_type in SERVICE_TYPES, service.name
            assert service.final_status in Service.Status.values


def test_the_alliances_name_organizations_and_services_of_their_own_center():
    assert set(ALLIANCES) == {spec.data["slug"] for spec in catalogue.CENTERS}
    for spec in catalogue.CENTERS:
        alliance = ALLIANCES[spec.data["slug"]]
        organizations = {o.name: o for o in alliance.organizations}
        services = {s.name: s for s in spec.services}
        assert len(organizations) == len(alliance.organizations), "organization names repeat"
        for organization in alliance.organizations:
            assert set(organization.priority_groups) <= set(GROUPS), organization.name
        # Every provider of the service portfolio is one of the center's organizations.
        for service in spec.services:
            assert not service.provider or provider_name(service.provider) in organizations, service.name
        for agreement in alliance.agreements:
            assert agreement.organization in organizations
            assert set(agreement.services) <= set(services), agreement.title
        for pathway in alliance.pathways:
            for step in pathway.steps:
                assert step.organization or step.service, pathway.need
                assert not step.organization or step.organization in organizations, step.organization
                assert not step.service or step.service in services, step.service
        # Referrals go only to organizations that may receive them, and to services still offered.
        for need, destinations in alliance.destinations.items():
            for organization, service in destinations:
                assert not organization or organization in organizations and organizations[organization].status in (
                    "agreement", "active"), (need, organization)
                assert not service or services[service].final_status in ("active", "under_review"), (need, service)
        assert alliance.override[0] in alliance.destinations
        if alliance.partner_user is not None:
            assert organizations[alliance.partner_organization].status == "active"
        expiring = [a for a in alliance.agreements if a.ends is not None and 0 <= a.ends <= EXPIRY_WARNING_DAYS]
        assert len(expiring) == 1, spec.data["slug"]



def test_a_group_delivering_a_service_replaces_the_regular_sessions_planned_for_it():
    taken_over = 0
    for center in build_plan(date(2026, 3, 10)):
        for group in center.groups:
            if group.service is None or center.spec.services[group.service].plan[:1] != ("sessions",):
                continue
            last = group.held[-1].on
            assert not [b for b in center.batches
                        if b.service == group.service and group.starts_on <= b.delivered_on <= last]
            assert [b for b in center.batches if b.service == group.service and b.delivered_on < group.starts_on]
            taken_over += 1
    assert taken_over >= 3


def test_groups_of_a_center_without_a_facilitator_are_led_by_the_staff_it_has():
    today = date(2026, 3, 10)
    lima = build_plan(today)[1]
    spec = dataclasses.replace(lima.spec, staff=[s for s in lima.spec.staff if s.role != Role.FACILITATOR])
    roles = {s.username: s.role for s in spec.staff}

    groups, _batches = plan_groups(random.Random(1), spec, COMMUNITY_GROUPS["lima-sjl"], lima.people, lima.batches,
                                   today)

    for group in groups:
        assert group.facilitators and set(group.facilitators) <= set(roles)
        assert role_has_perm(roles[group.manager], COMMUNITIES_MANAGE)
        assert {s.facilitator for s in group.sessions} <= set(group.facilitators)
