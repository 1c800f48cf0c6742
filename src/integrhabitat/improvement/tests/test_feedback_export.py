"""Downloading the suggestions, complaints and compliments: the messages the list shows to the role, as it
filters them; never the person's name or contact; audited; safe to open."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from integrhabitat.audit.models import AuditEntry
from integrhabitat.improvement.feedback.services import submit_feedback
from integrhabitat.lib.testing import csv_table, shown, xlsx_table

URL = "/c/centro-a/feedback/"


def _send(world, body, *, center=None, **data):
    return submit_feedback(center or world.center_a, {"kind": "suggestion", "body": body, **data})


def test_it_downloads_the_messages_the_role_sees_and_records_the_download(world):
    mine = _send(world, "Más horarios", contact_name="Rosa Díaz", contact="rosa@example.org")
    _send(world, "Maltrato en la fila", kind="complaint", category="misconduct")
    _send(world, "Otro centro", center=world.center_b)
    table = csv_table(world.client_for(world.case_worker).get(URL, {"as": "csv"}))
    assert [row[0] for row in table[1:]] == [mine.code]  # misconduct is for the coordinator only
    assert "Rosa Díaz" not in str(table) and "rosa@example.org" not in str(table)
    assert table[1][table[0].index(shown("message").capitalize())] == "Más horarios"
    coordinator = csv_table(world.client_for(world.coordinator).get(URL, {"as": "csv"}))
    assert len(coordinator) == 3
    assert AuditEntry.objects.filter(action="improvement.feedback.exported", actor=world.case_worker,
                                     center=world.center_a).exists()


def test_it_follows_the_status_filter(world):
    _send(world, "Abierto")
    assert len(csv_table(world.client_for(world.coordinator).get(URL, {"as": "csv", "status": "closed"}))) == 1
    assert len(csv_table(world.client_for(world.coordinator).get(URL, {"as": "csv", "status": "all"}))) == 2


def test_it_writes_a_message_that_looks_like_a_formula_as_text(world):
    _send(world, "\t=HYPERLINK(\"http://x.example\")")
    table = xlsx_table(world.client_for(world.coordinator).get(URL, {"as": "xlsx"}))
    assert table[1][table[0].index(shown("message").capitalize())] == "'\t=HYPERLINK(\"http://x.example\")"


def test_roles_that_do_not_handle_feedback_get_no_download(world):
    for user in (world.front_desk, world.viewer, world.facilitator):
        assert world.client_for(user).get(URL, {"as": "csv"}).status_code == 403


def test_its_queries_do_not_grow_with_the_messages(world):
    client = world.client_for(world.coordinator)
    _send(world, "Uno", service=world.service_a)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"as": "xlsx"})
    for n in range(8):
        _send(world, f"Mensaje {n}", service=world.service_a)
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"as": "xlsx"})
    assert len(many) == len(few)
