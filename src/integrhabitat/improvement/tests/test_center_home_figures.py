"""The coordinator's home: the headline figures of the last quarter that has ended against the quarter before,
the direction said in words; the open cases and the referrals waiting for an answer, with links to them, for
the roles that see cases."""

import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from integrhabitat.cases.models import Case, Referral
from integrhabitat.cases.services import close_case, open_case
from integrhabitat.conftest import make_person
from integrhabitat.services.models import ServiceDelivery
from integrhabitat.services.services import record_deliveries


def quarters(today: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """(the last quarter that has ended, the one before it), worked out here."""
    end = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1) - timedelta(days=1)
    start = date(end.year, end.month - 2, 1)
    before_end = start - timedelta(days=1)
    return (start, end), (date(before_end.year, before_end.month - 2, 1), before_end)


def english(world, user):
    client = world.client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def headline_section(html: str) -> str:
    return re.search(r'<section aria-labelledby="headline-h">(.*?)</section>', html, re.S).group(1)


def figure(html: str, code: str) -> int:
    return int(re.search(rf'data-figure="{code}">(\d+)<', html).group(1))


@pytest.fixture
def quarters_served(world):
    """Seven people in the quarter before (one of them twice), nine in the last quarter ended, and people
    served today, which neither counts."""
    ServiceDelivery.objects.filter(center=world.center_a).delete()
    (start, end), (before_start, _before_end) = quarters(timezone.localdate())
    earlier = [make_person(world.center_a, f"Antes{i}", "Trimestre", actor=None) for i in range(7)]
    record_deliveries(world.center_a, world.service_a, earlier, delivered_on=before_start, actor=None)
    record_deliveries(world.center_a, world.service_a, earlier[:1], delivered_on=before_start + timedelta(days=3),
                      actor=None)
    later = [make_person(world.center_a, f"Ahora{i}", "Trimestre", actor=None) for i in range(9)]
    record_deliveries(world.center_a, world.service_a, later, delivered_on=end, actor=None)
    record_deliveries(world.center_a, world.service_a, later[:4], delivered_on=timezone.localdate(), actor=None)


def test_it_shows_the_quarters_people_and_services_against_the_quarter_before_in_words(world, quarters_served):
    section = headline_section(english(world, world.coordinator).get("/c/centro-a/").content.decode())

    assert (figure(section, "people_served"), figure(section, "deliveries")) == (9, 9)
    assert "Up: 2 more than the quarter before (7)." in section  # people: 9 against 7
    assert "Up: 1 more than the quarter before (8)." in section  # services: 9 against 8


def test_it_says_so_in_words_when_the_quarter_served_fewer(world, quarters_served):
    (start, _end), _before = quarters(timezone.localdate())
    ServiceDelivery.objects.filter(center=world.center_a, delivered_on__gte=start).delete()

    section = headline_section(english(world, world.coordinator).get("/c/centro-a/").content.decode())

    assert figure(section, "people_served") == 0
    assert "Down: 7 fewer than the quarter before (7)." in section
    assert "Down: 8 fewer than the quarter before (8)." in section


@pytest.fixture
def caseload(world):
    """Center A: three cases of the case worker (one closed), one of the coordinator's only; referrals
    sent and waiting (two on the case worker's cases, one on the coordinator's), one answered, one draft."""
    people = [make_person(world.center_a, f"Caso{i}", "Abierto", actor=None) for i in range(4)]
    mine = [open_case(person, assigned_to=world.case_worker, actor=world.coordinator) for person in people[:3]]
    theirs = open_case(people[3], assigned_to=world.coordinator, actor=world.coordinator)
    close_case(mine[2], reason=Case.ClosureReason.GOALS_MET, version=mine[2].version, actor=world.coordinator)
    now = timezone.now()
    for case, status in [(mine[0], Referral.Status.SENT), (mine[1], Referral.Status.SENT),
                         (theirs, Referral.Status.SENT), (mine[0], Referral.Status.ACCEPTED),
                         (mine[1], Referral.Status.DRAFT)]:
        Referral.objects.create(center=world.center_a, case=case, participant=case.participant, reason="Salud",
                                service=world.service_a,
                                status=status, sent_at=None if status == Referral.Status.DRAFT else now)


def cases_section(html: str) -> str | None:
    found = re.search(r'<section aria-labelledby="cases-h">(.*?)</section>', html, re.S)
    return found.group(1) if found else None


def test_it_counts_the_open_cases_and_the_referrals_waiting_with_links_to_them(world, caseload):
    coordinator = cases_section(english(world, world.coordinator).get("/c/centro-a/").content.decode())
    case_worker = cases_section(english(world, world.case_worker).get("/c/centro-a/").content.decode())

    assert (figure(coordinator, "open_cases"), figure(coordinator, "referrals_awaiting_answer")) == (3, 3)
    assert (figure(case_worker, "open_cases"), figure(case_worker, "referrals_awaiting_answer")) == (2, 2)
    assert 'href="/c/centro-a/cases/?status=not_closed"' in coordinator
    assert 'href="/c/centro-a/cases/referrals/?status=sent"' in coordinator
    # The links lead to lists of as many rows as the figures say.
    listed = english(world, world.coordinator).get("/c/centro-a/cases/?status=not_closed").context["cases"]
    assert len(listed) == 3


@pytest.mark.parametrize("role", ["viewer", "front_desk", "facilitator"])
def test_it_shows_no_case_figures_to_roles_that_cannot_see_cases(world, caseload, role):
    html = english(world, getattr(world, role)).get("/c/centro-a/").content.decode()

    assert cases_section(html) is None
    assert 'data-figure="open_cases"' not in html
