from datetime import timedelta

from django.utils import timezone

from integrhabitat.cases.figures import partner_figures
from integrhabitat.cases.models import Referral
from integrhabitat.cases.services import answer_referral, close_referral, create_referral, mark_attended
from integrhabitat.cases.tests.conftest import membership
from integrhabitat.conftest import make_organization
from integrhabitat.people.services import record_consent


def sent(world, case, organization, *, days_ago: float, answered_after: float | None, accept=True, attended=False):
    record_consent(world.person_a, purpose="referral", organization=organization, given_by="self", method="verbal",
                   actor=world.case_worker)
    referral = create_referral(case, {"organization": organization, "reason": "x"},
                               membership=membership(world, world.case_worker))
    if answered_after is not None:
        referral = answer_referral(referral, accept=accept, note="" if accept else "sin cupo",
                                   version=referral.version, actor=world.partner)
        if attended:
            referral = mark_attended(referral, version=referral.version, actor=world.partner)
    sent_at = timezone.now() - timedelta(days=days_ago)
    Referral.objects.filter(pk=referral.pk).update(
        sent_at=sent_at, answered_at=None if answered_after is None else sent_at + timedelta(days=answered_after))
    return referral


def test_it_gives_each_partner_its_answer_times_and_outcomes(world, case):
    slow = make_organization(world.center_a, "Lenta")
    sent(world, case, world.partner_org, days_ago=10, answered_after=1, attended=True)
    sent(world, case, world.partner_org, days_ago=10, answered_after=2, attended=True)
    sent(world, case, world.partner_org, days_ago=10, answered_after=6, accept=False)
    sent(world, case, slow, days_ago=20, answered_after=9)
    sent(world, case, slow, days_ago=5, answered_after=None)

    figures = {f.name: f for f in partner_figures(world.center_a, now=timezone.now())}

    fast = figures["Fundación Aliada"]
    assert (fast.sent, fast.waiting, fast.accepted, fast.rejected, fast.attended) == (3, 0, 2, 1, 2)
    assert fast.median_answer == timedelta(days=2)
    assert round(fast.attended_share, 2) == 0.67
    lenta = figures["Lenta"]
    assert (lenta.sent, lenta.waiting, lenta.accepted) == (2, 1, 1)
    assert lenta.median_answer == timedelta(days=9)
    assert timedelta(days=4, hours=23) < lenta.oldest_waiting < timedelta(days=5, hours=1)


def test_cancelled_referrals_do_not_count_as_waiting(world, case):
    referral = sent(world, case, world.partner_org, days_ago=3, answered_after=None)
    close_referral(referral, version=referral.version, actor=world.case_worker, cancel=True)

    [figures] = partner_figures(world.center_a, now=timezone.now())

    assert figures.waiting == 0
    assert figures.oldest_waiting is None


def test_the_referrals_page_shows_the_figures_without_names(world, case):
    sent(world, case, world.partner_org, days_ago=4, answered_after=2)

    response = world.client_for(world.coordinator).get("/c/centro-a/cases/referrals/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Fundación Aliada" in body
    assert "2,0" in body or "2.0" in body
