from datetime import timedelta

from django.utils import timezone

from integrhabitat.cases.models import Referral
from integrhabitat.cases.services import create_referral, open_case, schedule_follow_up
from integrhabitat.network.models import Membership
from integrhabitat.partners.models import Agreement
from integrhabitat.people.services import record_consent


def test_the_home_points_the_case_worker_to_overdue_follow_ups_and_referrals_waiting_long(world):
    case = open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker)
    schedule_follow_up(case, due_on=timezone.localdate() - timedelta(days=1), channel="phone", purpose="",
                       assigned_to=world.case_worker, actor=world.case_worker)
    record_consent(world.person_a, purpose="referral", organization=world.partner_org, given_by="self",
                   method="verbal", actor=world.case_worker)
    referral = create_referral(case, {"organization": world.partner_org, "reason": "x"},
                               membership=Membership.objects.get(user=world.case_worker))
    Referral.objects.filter(pk=referral.pk).update(sent_at=timezone.now() - timedelta(days=9))

    body = world.client_for(world.case_worker).get("/c/centro-a/").content.decode()

    assert 'id="attention-h"' in body
    assert "/c/centro-a/cases/agenda/" in body
    assert "/c/centro-a/cases/referrals/?status=sent" in body


def test_the_home_warns_the_coordinator_of_an_agreement_ending_soon_but_not_the_viewer(world):
    today = timezone.localdate()
    Agreement.objects.create(center=world.center_a, organization=world.partner_org, title="Convenio salud 2026",
                             starts_on=today - timedelta(days=300), ends_on=today + timedelta(days=20))
    Agreement.objects.create(center=world.center_a, organization=world.partner_org, title="Convenio largo",
                             starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=400))

    coordinator = world.client_for(world.coordinator).get("/c/centro-a/").content.decode()
    viewer = world.client_for(world.viewer).get("/c/centro-a/").content.decode()

    assert "Convenio salud 2026" in coordinator
    assert "Convenio largo" not in coordinator
    assert "Convenio salud 2026" not in viewer


def test_the_home_points_to_overdue_commitments_and_services_to_review(world):
    from integrhabitat.improvement.events.services import add_commitment, save_event
    from integrhabitat.improvement.reviews.services import record_review

    today = timezone.localdate()
    event = save_event(world.center_a, {"held_on": today - timedelta(days=60), "place": "Salón", "attendees": 30},
                       actor=world.coordinator)
    add_commitment(event, {"text": "Abrir los sábados", "responsible": world.case_worker,
                           "due_on": today - timedelta(days=2)}, actor=world.coordinator)
    record_review(world.service_a, {
        "period_start": today - timedelta(days=400), "period_end": today - timedelta(days=370),
        "decision": "continue", "outcomes": "", "rationale": "Sigue siendo necesario", "changes": "",
        "goal_reached": False, "next_review_on": today - timedelta(days=1)}, actor=world.coordinator)

    coordinator = world.client_for(world.coordinator).get("/c/centro-a/").context["attention"]
    case_worker = world.client_for(world.case_worker).get("/c/centro-a/").context["attention"]
    viewer = world.client_for(world.viewer).get("/c/centro-a/").context["attention"]

    assert (coordinator["commitments_overdue"], coordinator["services_to_review"]) == (1, 1)
    assert case_worker["commitments_overdue"] == 1  # theirs to follow up
    assert "services_to_review" not in case_worker
    assert viewer["commitments_overdue"] == 0
