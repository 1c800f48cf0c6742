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
