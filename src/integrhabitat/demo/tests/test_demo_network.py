"""What the demo network holds once loaded: centers, people, a year of deliveries, community groups,
the alliances and personal assistance that use them, and co-creation. Loading takes seconds, so
these tests, which only read the network, share one load (rolled back after the module)."""

from datetime import timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef
from django.test import Client, RequestFactory
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from integrhabitat.audit.models import AuditEntry
from integrhabitat.cases.figures import partner_figures
from integrhabitat.cases.models import Assessment, Case, FollowUp, Goal, Note, Referral
from integrhabitat.cases.services import agenda
from integrhabitat.cocreation.models import Comment, Process, Proposal, Support
from integrhabitat.communities.models import Attendance, Group, Member, Session
from integrhabitat.communities.views import with_figures
from integrhabitat.demo import catalogue
from integrhabitat.demo.catalogue import ALLIANCES
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import REFERRAL_OVERRIDE, Role
from integrhabitat.partners.models import EXPIRY_WARNING_DAYS, Agreement, Organization, RelationshipStatus, Sector
from integrhabitat.people.models import Consent, Household, Participant
from integrhabitat.services.models import ServiceDelivery
from integrhabitat.services.taxonomy import Category

User = get_user_model()
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> str:
    """The demo network, loaded once for this module; returns what `load_demo` printed."""
    # Argon2 takes a good part of a second per demo account; these tests are about the data.
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def today():
    return timezone.localdate()


def centers() -> list[Center]:
    return list(Center.objects.order_by("pk"))


# --- Centers, people and deliveries ----------------------------------------------------------------


def test_it_loads_three_centers_with_their_staff_people_services_and_a_year_of_deliveries(demo, today):
    assert "Demo network loaded" in demo
    assert set(Center.objects.values_list("slug", flat=True)) == {"bogota-kennedy", "lima-sjl", "quito-norte"}
    bogota = Center.objects.get(slug="bogota-kennedy")
    assert (bogota.code, bogota.country.code, bogota.modality) == ("BOG", "CO", Center.Modality.PUBLIC)
    assert Participant.objects.filter(center=bogota, given_names="José", family_names="Pérez Rodríguez").exists()
    for center in Center.objects.all():
        assert Participant.objects.filter(center=center).count() >= 150
        assert 12 <= center.services.count() <= 18
        assert {s.category for s in center.services.all()} == set(Category)
    assert Participant.objects.count() >= 300
    assert Household.objects.filter(members__isnull=False).distinct().count() >= 30
    # Every person was registered with consent to data processing; children's came from a guardian.
    assert Consent.objects.filter(purpose=Consent.Purpose.DATA_PROCESSING).count() == Participant.objects.count()
    assert Consent.objects.filter(given_by=Consent.GivenBy.GUARDIAN).exists()

    deliveries = ServiceDelivery.objects.all()
    assert deliveries.count() >= 2000
    assert set(deliveries.values_list("service__category", flat=True).distinct()) == set(Category)
    assert deliveries.filter(delivered_on__gt=today).count() == 0
    assert deliveries.filter(delivered_on__lt=today - timedelta(days=366)).count() == 0
    assert not deliveries.exclude(service__center=F("center")).exists()
    assert not deliveries.exclude(participant__center=F("center")).exists()
    recorded_by_staff = Membership.objects.filter(user=OuterRef("recorded_by"), center=OuterRef("center"))
    assert not deliveries.exclude(Exists(recorded_by_staff)).exists()
    assert AuditEntry.objects.filter(action="services.delivery.recorded").count() == deliveries.count()


def test_the_named_demo_logins_authenticate_with_the_demo_password(demo):
    request = RequestFactory().post("/")

    for username in ["coordinacion", "ana", "beto", "dora", "carla", "pablo"]:
        user = authenticate(request, username=username, password=catalogue.DEMO_PASSWORD)
        assert user is not None, username
        assert user.first_name and user.last_name and user.email.endswith("@example.org")

    coordinator = User.objects.get(username="coordinacion")
    assert coordinator.is_network_coordinator and not coordinator.memberships.exists()
    roles = {(m.user.username, m.center.slug): m.role for m in Membership.objects.select_related("user", "center")}
    assert roles[("ana", "bogota-kennedy")] == Role.COORDINATOR
    assert roles[("beto", "bogota-kennedy")] == Role.CASE_WORKER
    assert roles[("dora", "bogota-kennedy")] == Role.FRONT_DESK
    assert roles[("carla", "lima-sjl")] == Role.COORDINATOR
    assert roles[("pablo", "bogota-kennedy")] == Role.PARTNER


def test_the_demo_participant_of_the_portal_is_reachable_at_the_documented_phone(demo):
    from integrhabitat.portal.services import destination_of, people_at

    kennedy = Center.objects.get(slug="bogota-kennedy")

    people = people_at(kennedy, destination_of("+57 300 555 0101"))

    assert [p.full_name for p in people] == ["José Pérez Rodríguez"]


# --- Alliances ---------------------------------------------------------------------------------------


def test_pablo_is_partner_staff_of_an_organization_of_the_first_center_with_referrals_waiting(demo):
    membership = Membership.objects.select_related("organization", "center").get(user__username="pablo")

    assert membership.role == Role.PARTNER
    assert membership.center.slug == catalogue.FIRST_CENTER_SLUG
    assert membership.organization.center_id == membership.center_id
    assert membership.organization.receives_referrals
    waiting = Referral.objects.filter(organization=membership.organization, status=Referral.Status.SENT)
    assert waiting.count() >= 3
    # He was told about them: the newest are still unread.
    assert membership.user.notifications.filter(read_at__isnull=True).exists()

    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "pablo", "password": catalogue.DEMO_PASSWORD})
    assert response.status_code == 302
    slug = membership.center.slug
    assert client.get(reverse(membership.start_page, kwargs={"center": slug})).status_code == 200
    assert client.get(reverse("improvement:center_home", kwargs={"center": slug})).status_code == 403


def test_beto_has_referrals_that_pablos_organization_answered(demo):
    pablo = Membership.objects.get(user__username="pablo")
    answered = Referral.objects.filter(
        case__assigned_to__username="beto", organization=pablo.organization, answered_by=pablo.user,
        answered_at__isnull=False,
    )

    assert answered.count() >= 3


def test_each_center_has_an_organization_of_every_sector_some_allied_and_some_only_mapped(demo):
    for center in centers():
        organizations = Organization.objects.filter(center=center)
        assert set(organizations.values_list("sector", flat=True)) == set(Sector.values), center.slug
        statuses = set(organizations.values_list("status", flat=True))
        assert {RelationshipStatus.ACTIVE, RelationshipStatus.AGREEMENT} <= statuses
        assert statuses & {RelationshipStatus.IDENTIFIED, RelationshipStatus.CONTACTED}
        # Each relationship has its history, ending in the current status.
        for organization in organizations:
            assert organization.status_changes.first().status == organization.status


def test_exactly_one_agreement_per_center_is_about_to_expire(demo, today):
    for center in centers():
        states = {agreement.title: agreement.state(today) for agreement in Agreement.objects.filter(center=center)}
        expiring = [title for title, state in states.items() if state == "expiring"]
        expected = [a.title for a in ALLIANCES[center.slug].agreements
                    if a.ends is not None and 0 <= a.ends <= EXPIRY_WARNING_DAYS]
        assert expiring == expected, center.slug
        assert "active" in states.values() and "expired" in states.values()


def test_services_given_by_partners_point_at_their_organization(demo):
    for center in centers():
        spec = next(s for s in catalogue.CENTERS if s.data["slug"] == center.slug)
        providers = {s.name: s.provider for s in spec.services}
        for service in center.services.select_related("provider"):
            if providers[service.name]:
                assert service.provider.center_id == center.pk
                assert providers[service.name].startswith(service.provider.name)
            else:
                assert service.provider is None


def test_each_center_has_referral_pathways_with_their_steps(demo):
    for center in centers():
        pathways = center.pathways.prefetch_related("steps")
        assert pathways.count() >= 3
        for pathway in pathways:
            assert pathway.steps.exists(), pathway.need
            assert any(step.documents or step.requirements for step in pathway.steps.all()), pathway.need


# --- Cases ---------------------------------------------------------------------------------------------


def test_a_share_of_each_centers_participants_has_a_case_with_its_case_staff(demo):
    for center in centers():
        cases = Case.objects.filter(center=center)
        share = cases.count() / Participant.objects.filter(center=center).count()
        assert 0.05 <= share <= 0.10, center.slug
        case_staff = Membership.objects.filter(center=center, role__in=[Role.CASE_WORKER, Role.COORDINATOR])
        assert set(cases.values_list("assigned_to", flat=True)) <= set(case_staff.values_list("user", flat=True))


def test_every_case_status_appears_and_closed_cases_have_a_reason(demo):
    for center in centers():
        cases = Case.objects.filter(center=center)
        assert set(cases.values_list("status", flat=True)) == set(Case.Status.values), center.slug
        assert not cases.filter(status=Case.Status.CLOSED, closure_reason="").exists()
        # An open case has not been assessed yet; the others have, some more than once to show change.
        assert not Assessment.objects.filter(case__center=center, case__status=Case.Status.OPEN).exists()
        assert not cases.exclude(status=Case.Status.OPEN).filter(assessments__isnull=True).exists()
    repeated = Case.objects.filter(assessments__assessed_on__gt=F("opened_on") + timedelta(days=30)).distinct()
    assert repeated.count() >= 10
    assert set(Goal.objects.values_list("status", flat=True)) == set(Goal.Status.values)
    assert Note.objects.count() >= Case.objects.count()


def test_betos_agenda_has_overdue_follow_ups_and_some_due_this_week(demo, today):
    beto = User.objects.get(username="beto")
    kennedy = Center.objects.get(slug=catalogue.FIRST_CENTER_SLUG)

    due = [follow_up.due_on for follow_up in agenda(beto, kennedy)]

    assert len([d for d in due if d < today]) >= 2
    assert len([d for d in due if today <= d <= today + timedelta(days=6)]) >= 2


def test_confidential_notes_stay_out_of_what_others_read(demo):
    bodies = set(Note.objects.values_list("body", flat=True))
    elsewhere = [
        *Case.objects.values_list("summary", flat=True), *Case.objects.values_list("closure_note", flat=True),
        *Goal.objects.values_list("title", flat=True), *FollowUp.objects.values_list("purpose", flat=True),
        *FollowUp.objects.values_list("outcome_note", flat=True), *Referral.objects.values_list("reason", flat=True),
        *Referral.objects.values_list("answer_note", flat=True), *Referral.objects.values_list("feedback", flat=True),
        *Organization.objects.values_list("description", flat=True),
    ]
    assert not bodies & set(elsewhere)
    # Who asked to be contacted only at the center is never called, and their phone is never shared.
    at_center_only = [case.pk for case in Case.objects.only("summary") if "solo en el centro" in case.summary]
    assert at_center_only
    assert not FollowUp.objects.filter(case__in=at_center_only).exclude(channel=FollowUp.Channel.AT_CENTER).exists()
    assert not [r for r in Referral.objects.filter(case__in=at_center_only) if Referral.Shared.PHONE in r.shared_fields]


# --- Referrals ---------------------------------------------------------------------------------------


def test_every_referral_status_appears_in_every_center(demo):
    for center in centers():
        statuses = set(Referral.objects.filter(center=center).values_list("status", flat=True))
        assert statuses == set(Referral.Status.values), center.slug


def test_only_organizations_with_an_agreement_or_an_active_alliance_receive_referrals(demo):
    external = Referral.objects.filter(organization__isnull=False)

    assert external.exists()
    assert not external.exclude(organization__status__in=[RelationshipStatus.AGREEMENT,
                                                           RelationshipStatus.ACTIVE]).exists()
    assert not external.exclude(organization__center=F("center")).exists()


def test_no_external_referral_is_sent_without_consent_or_a_coordinators_override(demo):
    sent = Referral.objects.filter(organization__isnull=False).exclude(status=Referral.Status.DRAFT)
    for referral in sent.select_related("consent", "override_by"):
        if referral.consent is not None:
            consent = referral.consent
            assert (consent.participant_id, consent.organization_id) == (referral.participant_id,
                                                                          referral.organization_id)
            assert consent.purpose == Consent.Purpose.REFERRAL
            assert consent.given_at <= referral.sent_at
        else:
            assert referral.override_reason
            override = Membership.objects.get(center=referral.center, user=referral.override_by)
            assert override.has_perm(REFERRAL_OVERRIDE)
    for center in centers():
        assert sent.filter(center=center, consent__isnull=False).exists()
        assert sent.filter(center=center).exclude(override_reason="").exists()


def test_partners_answer_at_their_own_pace_between_hours_and_two_weeks(demo):
    now = timezone.now()
    medians = set()
    for center in centers():
        figures = [f for f in partner_figures(center, now=now) if f.median_answer is not None]
        medians |= {round(f.median_answer_days, 1) for f in figures}
        assert len(figures) >= 5
    assert len(medians) >= 10
    answered = Referral.objects.filter(answered_at__isnull=False)
    assert not answered.filter(answered_at__lt=F("sent_at")).exists()
    assert not answered.filter(answered_at__gt=F("sent_at") + timedelta(days=14, hours=16)).exists()
    assert answered.filter(answered_at__lt=F("sent_at") + timedelta(hours=12)).exists()
    assert Referral.objects.filter(status=Referral.Status.REJECTED).exclude(answer_note="").count() == (
        Referral.objects.filter(status=Referral.Status.REJECTED).count())
    # Everything happened in the past, each step after the one before.
    for referral in Referral.objects.exclude(status=Referral.Status.DRAFT):
        steps = [referral.created_at, referral.sent_at, referral.answered_at, referral.attended_at]
        steps = [s for s in steps if s is not None]
        assert steps == sorted(steps) and steps[-1] < now, referral.pk


# --- Communities -------------------------------------------------------------------------------------


def test_each_center_has_a_group_of_every_kind_most_running_one_finished_one_on_its_own_and_one_planned(demo):
    for center in centers():
        groups = Group.objects.filter(center=center)
        assert 5 <= groups.count() <= 7, center.slug
        assert set(groups.values_list("kind", flat=True)) == set(Group.Kind.values), center.slug
        statuses = list(groups.values_list("status", flat=True))
        assert statuses.count(Group.Status.RUNNING) > len(statuses) / 2
        finished = groups.get(status=Group.Status.FINISHED)
        assert finished.kind == Group.Kind.COURSE and finished.starts_on < finished.ends_on
        assert groups.get(status=Group.Status.INDEPENDENT).kind == Group.Kind.ASSOCIATION
        planned = groups.get(status=Group.Status.PLANNED)
        # A planned group has people signed up and its opening session scheduled, nothing more.
        assert planned.members.exists() and planned.sessions.count() == 1
        assert not Attendance.objects.filter(session__group=planned).exists()
        staff = Membership.objects.filter(center=center).exclude(role=Role.PARTNER).values("user")
        assert not Group.facilitators.through.objects.filter(group__center=center).exclude(user__in=staff).exists()
        assert not groups.filter(facilitators__isnull=True).exists()


def test_one_group_per_center_is_full_and_has_people_waiting(demo, today):
    for center in centers():
        figures = with_figures(Group.objects.filter(center=center), today)
        waiting = [g for g in figures if g.waiting]
        assert len(waiting) == 1, center.slug
        (full,) = waiting
        assert full.active == full.capacity and 2 <= full.waiting <= 3
        # The waiting list formed after the last replacement joined.
        last_active = full.members.filter(status=Member.Status.ACTIVE).latest("joined_on").joined_on
        assert not full.members.filter(status=Member.Status.WAITING, joined_on__lt=last_active).exists()


def test_most_groups_mix_host_community_and_human_mobility_and_some_do_not(demo, today):
    for center in centers():
        figures = list(with_figures(Group.objects.filter(center=center).exclude(status=Group.Status.PLANNED), today))
        mixed = [g for g in figures if g.hosts and g.mobile]
        assert len(figures) - 2 <= len(mixed) < len(figures), center.slug


def test_some_members_left_on_the_way_and_none_came_before_they_were_registered(demo, today):
    left = Member.objects.filter(status=Member.Status.LEFT)
    assert left.count() >= 10
    assert not left.filter(left_on__isnull=True).exists()
    assert not left.filter(left_on__lte=F("joined_on")).exists()
    for center in centers():
        tz = ZoneInfo(next(c.timezone for c in catalogue.CENTERS if c.data["slug"] == center.slug))
        for member in Member.objects.filter(group__center=center).select_related("participant"):
            assert member.joined_on >= timezone.localtime(member.participant.created_at, tz).date()
    assert not Member.objects.filter(joined_on__gte=today).exists()
    assert Member.objects.filter(role=Member.Role.LEADER, group__kind=Group.Kind.ASSOCIATION).count() >= 3


def test_groups_met_weekly_or_fortnightly_for_months_with_most_members_present(demo, today):
    held = Session.objects.filter(attendances__isnull=False).distinct()
    assert not held.filter(date__gte=today).exists()
    assert not Attendance.objects.filter(recorded_at__gt=timezone.now()).exists()
    assert Session.objects.filter(date__gte=today).count() == len(centers())  # the planned groups' opening
    for group in Group.objects.exclude(status=Group.Status.PLANNED):
        dates = sorted(held.filter(group=group).values_list("date", flat=True))
        assert 56 <= (dates[-1] - dates[0]).days <= 190, group.name
        assert {(b - a).days for a, b in zip(dates, dates[1:], strict=False)} <= {7, 14, 21, 28}, group.name
        # Present: members at the time, usually two or three in four of them.
        shares = []
        for session in held.filter(group=group).annotate(present=Count("attendances")):
            members = group.members.filter(joined_on__lte=session.date).exclude(status=Member.Status.WAITING)
            active = members.exclude(left_on__lte=session.date)
            present = set(session.attendances.values_list("participant", flat=True))
            assert present <= set(members.values_list("participant", flat=True)), group.name
            shares.append(len(present) / active.count())
        assert 0.6 <= sum(shares) / len(shares) <= 0.9, group.name


def test_each_attendance_at_a_group_with_a_service_is_one_delivery_of_that_service(demo):
    with_service = Attendance.objects.filter(session__group__service__isnull=False)
    assert with_service.count() >= 300
    assert not with_service.filter(delivery__isnull=True).exists()
    assert not Attendance.objects.filter(session__group__service__isnull=True, delivery__isnull=False).exists()
    assert not with_service.exclude(delivery__service=F("session__group__service")).exists()
    assert not with_service.exclude(delivery__participant=F("participant")).exists()
    assert not with_service.exclude(delivery__delivered_on=F("session__date")).exists()
    # Nobody received the same service twice on a day of a session.
    keys = with_service.values_list("participant", "session__group__service", "session__date")
    twice = ServiceDelivery.objects.values("participant", "service", "delivered_on").annotate(n=Count("id")).filter(
        n__gt=1)
    assert not {(t["participant"], t["service"], t["delivered_on"]) for t in twice} & set(keys)
    for center in centers():
        assert Group.objects.filter(center=center, service__isnull=False).exists(), center.slug


def test_a_group_takes_over_the_regular_sessions_of_its_service_while_it_meets(demo):
    for group in Group.objects.filter(service__isnull=False).exclude(status=Group.Status.PLANNED):
        last = group.sessions.filter(attendances__isnull=False).latest("date").date
        meanwhile = ServiceDelivery.objects.filter(service=group.service, delivered_on__range=(group.starts_on, last))
        spec = next(s for c in catalogue.CENTERS for s in c.services
                    if c.data["slug"] == group.center.slug and s.name == group.service.name)
        if spec.plan[:1] == ("sessions",):
            assert not meanwhile.filter(attendance__isnull=True).exists(), group.name


# --- Co-creation ----------------------------------------------------------------------------------------

DECIDED = [Proposal.Status.ACCEPTED, Proposal.Status.IN_PROGRESS, Proposal.Status.IMPLEMENTED,
           Proposal.Status.NOT_ACCEPTED]


def center_tz(center: Center) -> ZoneInfo:
    return ZoneInfo(next(c.timezone for c in catalogue.CENTERS if c.data["slug"] == center.slug))


def test_each_center_has_a_closed_process_and_an_open_one_whose_meetings_mix_hosts_and_migrants(demo, today):
    for center in centers():
        processes = Process.objects.filter(center=center)
        assert sorted(processes.values_list("status", flat=True)) == ["closed", "open"], center.slug
        closed, current = processes.get(status="closed"), processes.get(status="open")
        assert closed.ends_on < current.starts_on < today < current.ends_on
        assert closed.is_public and current.is_public
        tz = center_tz(center)
        for process in processes:
            meetings = process.meetings.prefetch_related("attendees")
            assert 2 <= len(meetings) <= 4, process.title
            for meeting in meetings:
                attendees = list(meeting.attendees.all())
                assert meeting.agenda
                if meeting.date >= today:  # still to come: nobody came yet, nothing to write down
                    assert not attendees and not meeting.minutes
                    continue
                assert 8 <= len(attendees) <= 30 and meeting.minutes.startswith(f"Asistieron {len(attendees)} ")
                statuses = {person.mobility_status for person in attendees}
                assert "host" in statuses and statuses - {"host"}, meeting
                for person in attendees:
                    assert person.center_id == center.pk
                    assert timezone.localtime(person.created_at, tz).date() <= meeting.date
        assert not closed.meetings.filter(date__gte=today).exists()
        assert current.meetings.filter(date__gt=today).exists()


def test_each_center_has_proposals_in_every_status_and_a_public_answer_to_each_decided_one(demo):
    for center in centers():
        proposals = Proposal.objects.filter(center=center)
        assert 8 <= proposals.count() <= 14, center.slug
        assert set(proposals.values_list("status", flat=True)) == set(Proposal.Status.values), center.slug
        assert not proposals.filter(status__in=DECIDED, answer="").exists()
        assert not proposals.filter(status__in=DECIDED, answered_at__isnull=True).exists()
        assert not proposals.filter(status=Proposal.Status.SUBMITTED).exclude(answer="").exists()
        assert set(proposals.filter(status=Proposal.Status.IMPLEMENTED).values_list("progress", flat=True)) == {100}
        in_progress = proposals.filter(status=Proposal.Status.IN_PROGRESS).values_list("progress", flat=True)
        assert in_progress and all(30 <= progress <= 70 for progress in in_progress)
        assert not proposals.exclude(status__in=[Proposal.Status.IN_PROGRESS, Proposal.Status.IMPLEMENTED]).exclude(
            progress=0).exists()
        # The coordinator answers for the center.
        coordinator = Membership.objects.get(center=center, role=Role.COORDINATOR).user
        answers = AuditEntry.objects.filter(center=center, action="cocreation.proposal.answered")
        assert answers.count() == proposals.filter(answered_at__isnull=False).count()
        assert set(answers.values_list("actor", flat=True)) == {coordinator.pk}


def test_proposals_were_made_while_their_process_was_open_and_answered_afterwards(demo):
    now = timezone.now()
    for center in centers():
        tz = center_tz(center)
        closed = Process.objects.get(center=center, status="closed")
        current = Process.objects.get(center=center, status="open")
        for proposal in Proposal.objects.filter(center=center).select_related("process"):
            made = timezone.localtime(proposal.created_at, tz).date()
            if proposal.process is None:  # sent while no process was open
                assert closed.ends_on < made < current.starts_on, proposal.title
            else:
                assert proposal.process.starts_on <= made <= proposal.process.ends_on, proposal.title
            assert proposal.created_at < now
            if proposal.answered_at is not None:
                assert proposal.created_at < proposal.answered_at < now, proposal.title
            if proposal.process == closed and proposal.status in DECIDED:
                assert timezone.localtime(proposal.answered_at, tz).date() > closed.ends_on, proposal.title


def test_people_propose_from_the_portal_or_the_front_desk_and_staff_type_in_the_workshops_sheets(demo):
    for center in centers():
        proposals = Proposal.objects.filter(center=center)
        workshops = proposals.filter(author__isnull=True)
        assert workshops.count() >= 3, center.slug
        assert not workshops.filter(recorded_by__isnull=True).exists()
        assert proposals.filter(author__isnull=False, recorded_by__isnull=True).exists()  # from the portal
        assert proposals.filter(author__isnull=False, recorded_by__isnull=False).exists()  # at the front desk
        recorders = set(proposals.exclude(recorded_by=None).values_list("recorded_by", flat=True))
        roles = set(Membership.objects.filter(center=center, user__in=recorders).values_list("role", flat=True))
        assert roles <= {Role.FRONT_DESK, Role.FACILITATOR} and len(roles) == 2, center.slug
        authors = list(proposals.exclude(author=None).values_list("author", flat=True))
        assert len(authors) == len(set(authors))
        assert not proposals.exclude(author=None).exclude(author__center=center).exists()


def test_supports_are_once_per_person_of_the_center_and_come_before_the_decision(demo):
    supports = Support.objects.all()
    pairs = set(supports.values_list("proposal", "participant"))
    assert len(pairs) == supports.count()
    assert not supports.exclude(participant__center=F("proposal__center")).exists()
    counts = list(Proposal.objects.annotate(n=Count("supports")).values_list("n", flat=True))
    assert min(counts) == 0 and 30 <= max(counts) <= 40
    # Authors support their own proposal.
    own = Support.objects.filter(proposal=OuterRef("pk"), participant=OuterRef("author"))
    assert not Proposal.objects.exclude(author=None).exclude(Exists(own)).exists()
    assert not supports.filter(created_at__lt=F("proposal__created_at")).exists()
    assert not supports.filter(proposal__status__in=DECIDED, created_at__gt=F("proposal__answered_at")).exists()
    assert not supports.filter(created_at__gt=timezone.now()).exists()


def test_people_comment_on_proposals_and_moderation_hid_one_offensive_comment_per_center(demo):
    for center in centers():
        comments = Comment.objects.filter(proposal__center=center)
        assert comments.count() >= 3, center.slug
        assert comments.filter(staff__isnull=False, participant__isnull=True).exists()
        (hidden,) = comments.filter(is_hidden=True)
        assert hidden.participant is not None and hidden.participant.mobility_status == "host"
        assert AuditEntry.objects.filter(action="cocreation.comment.hidden", object_id=str(hidden.uuid)).exists()
        assert not comments.filter(created_at__lt=F("proposal__created_at")).exists()
        assert not comments.exclude(participant=None).exclude(participant__center=center).exists()


def test_the_public_page_shows_the_centers_answers_and_no_participant_names(demo):
    kennedy = Center.objects.get(slug=catalogue.FIRST_CENTER_SLUG)

    response = Client().get("/p/bogota-kennedy/")

    assert response.status_code == 200
    html = response.content.decode()
    for proposal in Proposal.objects.filter(center=kennedy, status__in=DECIDED):
        assert escape(proposal.title) in html and escape(proposal.answer) in html
    for process in Process.objects.filter(center=kennedy):
        assert escape(process.title) in html
    for person in Participant.objects.filter(center=kennedy):
        assert escape(person.full_name) not in html
        assert escape(f"{person.given_names} {person.family_names}") not in html
    # Comments stay inside the platform.
    for comment in Comment.objects.filter(proposal__center=kennedy):
        assert escape(comment.body) not in html


def test_every_demo_process_has_its_phases_in_order(demo):
    from integrhabitat.cocreation.models import Process

    for process in Process.objects.prefetch_related("phases"):
        phases = list(process.phases.all())
        assert len(phases) == 3, process.title
        assert all(a.ends_on < b.starts_on for a, b in zip(phases, phases[1:], strict=False))
        assert all(p.starts_on <= p.ends_on for p in phases)
