"""A small hand-built center whose indicators are known: each figure below is worked out by hand in
`test_indicators.py`. The period measured is the first half of 2026."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from integrhabitat.cases.models import Referral
from integrhabitat.cases.services import open_case
from integrhabitat.cocreation.models import Proposal
from integrhabitat.communities.models import Member
from integrhabitat.communities.services import save_group
from integrhabitat.conftest import make_center, make_person, make_user
from integrhabitat.improvement.models import Feedback, Satisfaction
from integrhabitat.improvement.results.indicators import Scope
from integrhabitat.network.models import Center
from integrhabitat.network.roles import Role
from integrhabitat.services.services import record_deliveries, save_service

START, END = date(2026, 1, 1), date(2026, 6, 30)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@dataclass
class Known:
    center: Center
    scope: Scope
    people: dict


@pytest.fixture
def known(db) -> Known:
    center = make_center("medida", "MED", "Centro Medido")
    actor = make_user("medidor", center, Role.COORDINATOR)
    food = save_service(center, {"name": "Mercados", "service_type": "I.food"}, actor=actor)
    course = save_service(center, {"name": "Curso de cocina", "service_type": "V.vocational_training"}, actor=actor)
    people = {
        # Refugee woman of 36, already served in 2025; two services in February: continuing, returning.
        "p1": make_person(center, "Ana", "Uno", actor=actor, sex="female", birth_date=date(1990, 1, 1),
                          mobility_status="refugee"),
        # Host-community boy of 11: three visits within 75 days: continuing, new.
        "p2": make_person(center, "Beto", "Dos", actor=actor, sex="male", birth_date=date(2015, 3, 1),
                          mobility_status="host"),
        # Migrant woman of 66 (her birthday is the last day): three visits spread over 166 days: not continuing.
        "p3": make_person(center, "Carmen", "Tres", actor=actor, sex="female", birth_date=date(1960, 6, 30),
                          mobility_status="migrant"),
        # Nothing recorded but the name: one visit.
        "p4": make_person(center, "Dani", "Cuatro", actor=actor),
        # Served only after the period.
        "p5": make_person(center, "Eva", "Cinco", actor=actor, sex="female"),
    }
    deliveries = [
        ("p1", food, date(2025, 12, 15)), ("p1", food, date(2026, 2, 1)), ("p1", course, date(2026, 2, 1)),
        ("p2", food, date(2026, 3, 1)), ("p2", food, date(2026, 3, 20)), ("p2", food, date(2026, 5, 15)),
        ("p3", food, date(2026, 1, 5)), ("p3", food, date(2026, 3, 1)), ("p3", food, date(2026, 6, 20)),
        ("p4", food, date(2026, 4, 1)),
        ("p5", food, date(2026, 7, 5)),
    ]
    for key, service, day in deliveries:
        record_deliveries(center, service, [people[key]], delivered_on=day, actor=actor)

    case = open_case(people["p1"], assigned_to=actor, actor=actor)
    for sent, answered, attended in [
        (date(2026, 2, 1), date(2026, 2, 3), date(2026, 2, 10)),
        (date(2026, 3, 1), date(2026, 3, 11), None),
        (date(2026, 4, 1), None, None),
        (date(2026, 5, 1), date(2026, 5, 5), None),
        (date(2025, 12, 1), date(2025, 12, 2), date(2025, 12, 3)),  # before the period
    ]:
        Referral.objects.create(
            center=center, case=case, participant=people["p1"], service=course, reason="Formación",
            status=Referral.Status.ATTENDED if attended else (Referral.Status.ACCEPTED if answered else "sent"),
            sent_at=at(sent), answered_at=answered and at(answered), attended_at=attended and at(attended))

    mixed = save_group(center, {"name": "Huerta", "kind": "club"}, actor=actor)
    alone = save_group(center, {"name": "Tejido", "kind": "workshop"}, actor=actor)
    later = save_group(center, {"name": "Fútbol", "kind": "club"}, actor=actor)
    for group, key, joined in [(mixed, "p1", date(2026, 1, 10)), (mixed, "p2", date(2026, 2, 1)),
                               (alone, "p3", date(2026, 3, 1)), (later, "p2", date(2026, 8, 1)),
                               (later, "p1", date(2026, 8, 1))]:
        Member.objects.create(group=group, participant=people[key], joined_on=joined)

    for created, status, answer in [(date(2026, 2, 10), "accepted", "Sí, en marzo"),
                                    (date(2026, 3, 10), "implemented", "Hecho"),
                                    (date(2026, 4, 10), "submitted", ""),
                                    (date(2025, 11, 1), "implemented", "Hecho")]:
        proposal = Proposal.objects.create(center=center, title="Propuesta", description="…", category="IV",
                                           status=status, answer=answer)
        Proposal.objects.filter(pk=proposal.pk).update(created_at=at(created))

    for score, day in [(5, date(2026, 1, 20)), (4, date(2026, 2, 20)), (2, date(2026, 5, 20)),
                       (1, date(2025, 12, 20))]:
        rating = Satisfaction.objects.create(center=center, service=food, score=score, channel="kiosk")
        Satisfaction.objects.filter(pk=rating.pk).update(created_at=at(day))

    for kind, received, due, responded in [
        ("complaint", date(2026, 2, 1), date(2026, 2, 11), date(2026, 2, 10)),  # on time
        ("complaint", date(2026, 3, 1), date(2026, 3, 11), date(2026, 3, 15)),  # late
        ("complaint", date(2026, 6, 25), date(2026, 7, 5), None),  # past its deadline, unanswered
        ("suggestion", date(2026, 3, 1), date(2026, 3, 31), None),  # not a complaint
    ]:
        feedback = Feedback.objects.create(
            center=center, kind=kind, body="…", due_on=due,
            status="answered" if responded else "received", response="Gracias" if responded else "",
            responded_at=responded and at(responded))
        Feedback.objects.filter(pk=feedback.pk).update(received_at=at(received))
    return Known(center=center, scope=Scope.of(center, START, END), people=people)
