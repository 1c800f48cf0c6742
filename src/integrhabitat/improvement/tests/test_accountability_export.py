"""Downloading the accountability events, the commitments (as the list filters them) and the reports."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from integrhabitat.improvement.events.services import add_commitment, add_question, save_event
from integrhabitat.improvement.models import AccountabilityReport
from integrhabitat.lib.testing import csv_table, shown, xlsx_table
from integrhabitat.network.exports import HXL_TAG

EVENTS = "/c/centro-a/accountability/events/"
COMMITMENTS = "/c/centro-a/accountability/events/commitments/"
REPORTS = "/c/centro-a/accountability/"


def _event(world, place="Salón comunal", center=None, held_on=date(2026, 3, 1)):
    return save_event(center or world.center_a, {"held_on": held_on, "place": place, "attendees": 40},
                      actor=world.coordinator)


def test_it_downloads_the_events_with_their_figures_and_an_hxl_row(world):
    event = _event(world)
    add_question(event, "¿Y el horario?", actor=world.coordinator)
    _event(world, "Ajeno", center=world.center_b)
    table = csv_table(world.client_for(world.viewer).get(EVENTS, {"as": "csv", "hxl": "1"}))
    header, tags, rows = table[0], table[1], table[2:]
    assert len(rows) == 1 and rows[0][1] == "Salón comunal"
    assert rows[0][header.index(shown("Questions"))] == "1"
    assert len(tags) == len(header) and tags[0] == "#date" and all(HXL_TAG.match(t) for t in tags if t)


def test_its_event_queries_do_not_grow(world):
    client = world.client_for(world.coordinator)
    _event(world)
    with CaptureQueriesContext(connection) as few:
        client.get(EVENTS, {"as": "xlsx"})
    for n in range(6):
        _event(world, f"Lugar {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(EVENTS, {"as": "xlsx"})
    assert len(many) == len(few)


def test_it_downloads_the_commitments_as_the_filter_selects_them(world):
    event = _event(world)
    today = timezone.localdate()
    add_commitment(event, {"text": "Abrir los sábados", "responsible": world.coordinator,
                           "due_on": today + timedelta(days=30)}, actor=world.coordinator)
    add_commitment(event, {"text": "=1+1 arreglar la rampa", "responsible": None, "due_on": date(2026, 3, 2)},
                   actor=world.coordinator)
    pending = xlsx_table(world.client_for(world.viewer).get(COMMITMENTS, {"as": "xlsx"}))
    assert sorted(row[0] for row in pending[1:]) == ["'=1+1 arreglar la rampa", "Abrir los sábados"]
    overdue = csv_table(world.client_for(world.viewer).get(COMMITMENTS, {"as": "csv", "status": "overdue"}))
    assert [row[0] for row in overdue[1:]] == ["'=1+1 arreglar la rampa"]
    mine = csv_table(world.client_for(world.coordinator).get(COMMITMENTS, {"as": "csv", "mine": "1"}))
    assert [row[0] for row in mine[1:]] == ["Abrir los sábados"]
    assert mine[1][mine[0].index(shown("Responsible"))] == world.coordinator.display_name()


def test_it_downloads_the_center_reports_only(world):
    AccountabilityReport.objects.create(center=world.center_a, title="Primer semestre", period_start=date(2026, 1, 1),
                                        period_end=date(2026, 6, 30))
    AccountabilityReport.objects.create(center=None, title="De la red", period_start=date(2026, 1, 1),
                                        period_end=date(2026, 6, 30))
    table = xlsx_table(world.client_for(world.viewer).get(REPORTS, {"as": "xlsx"}))
    assert [row[0] for row in table[1:]] == ["Primer semestre"]
    assert table[1][1] == date(2026, 1, 1) or table[1][1].date() == date(2026, 1, 1)
    network = csv_table(world.client_for(world.network_coordinator).get("/network/accountability/", {"as": "csv"}))
    assert [row[0] for row in network[1:]] == ["De la red"]
    assert world.client_for(world.viewer).get("/network/accountability/", {"as": "csv"}).status_code == 403
