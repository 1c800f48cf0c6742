"""The improvement pages run as many queries for 12 rows as for 4, so that N+1 cannot come back."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from integrhabitat.conftest import make_center, make_person
from integrhabitat.improvement.events.services import add_commitment, add_question, save_event
from integrhabitat.improvement.feedback.services import submit_feedback
from integrhabitat.improvement.models import AccountabilityReport, Feedback, Practice
from integrhabitat.improvement.practices.services import search_text
from integrhabitat.lib.testing import queries_as_rows_grow
from integrhabitat.network.models import Center
from integrhabitat.services.services import record_deliveries, save_service


def add_feedback(world, how_many: int) -> None:
    for number in range(how_many):
        feedback = submit_feedback(world.center_a, {"kind": ["suggestion", "complaint"][number % 2],
                                                    "body": f"Mensaje {number}", "service": world.service_a})
        Feedback.objects.filter(pk=feedback.pk).update(assigned_to=world.coordinator)


def add_practices(world, how_many: int, status: str = "published") -> None:
    for center in (world.center_a, world.center_b):
        for number in range(how_many // 2):
            practice = Practice(center=center, title=f"Práctica {number}", category="III", context="Barrio",
                                what_was_done="Hicimos", results="Resultados", lessons="Lecciones", status=status,
                                author=world.coordinator,
                                published_at=timezone.now() if status == "published" else None)
            practice.search_text = search_text(practice)
            practice.save()


def add_events(world, how_many: int) -> None:
    """`how_many` more events, each with a question and a commitment (one in two overdue)."""
    today = timezone.localdate()
    for number in range(how_many):
        event = save_event(world.center_a, {"held_on": date(2026, 3, 1) - timedelta(days=number),
                                            "place": f"Salón {number}", "attendees": 40}, actor=world.coordinator)
        add_question(event, "¿Y el horario?", actor=world.coordinator)
        add_commitment(event, {"text": f"Compromiso {number}", "responsible": world.coordinator,
                               "due_on": today + timedelta(days=30 if number % 2 else -3)}, actor=world.coordinator)


def add_reports(world, how_many: int, center="a") -> None:
    AccountabilityReport.objects.bulk_create(
        AccountabilityReport(center=world.center_a if center == "a" else None, title=f"Informe {n}",
                             period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
                             created_by=world.coordinator)
        for n in range(how_many)
    )


def add_centers(world, how_many: int) -> None:
    """`how_many` more centers, each with a person who received a service."""
    start = Center.objects.count()
    for number in range(start, start + how_many):
        code = "CX" + chr(65 + number // 26) + chr(65 + number % 26)  # capital letters only
        center = make_center(f"centro-{number}", code, f"Centro {number}")
        person = make_person(center, "Lucía", f"Rangel{number}", birth_date=date(1990, 1, 1), sex="female")
        service = save_service(center, {"name": "Kits", "service_type": "I.food"}, actor=None)
        record_deliveries(center, service, [person], delivered_on=date(2026, 1, 10), actor=None)


PAGES = {
    "feedback": ("coordinator", "/c/centro-a/feedback/", add_feedback),
    "practices": ("viewer", "/c/centro-a/practices/", add_practices),
    "own practices": ("coordinator", "/c/centro-a/practices/", lambda w, n: add_practices(w, n, "draft")),
    "curation queue": ("network_coordinator", "/network/practices/",
                       lambda w, n: add_practices(w, n, "submitted")),
    "events": ("coordinator", "/c/centro-a/accountability/events/", add_events),
    "commitments": ("coordinator", "/c/centro-a/accountability/events/commitments/", add_events),
    "reports": ("coordinator", "/c/centro-a/accountability/", add_reports),
    "network reports": ("network_coordinator", "/network/accountability/",
                        lambda w, n: add_reports(w, n, center=None)),
    "network overview": ("network_coordinator", "/network/", add_centers),
}


@pytest.mark.parametrize("page", PAGES)
def test_its_list_pages_take_as_many_queries_for_many_rows_as_for_few(world, page):
    who, url, add = PAGES[page]
    client = world.client_for(getattr(world, who))
    few, many = queries_as_rows_grow(lambda n: add(world, n), client, url)

    assert few == many
