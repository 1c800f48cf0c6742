"""Downloading the staff list and the audit trail: coordinators only, audited, safe to open."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_user
from integrhabitat.lib.testing import csv_table, shown, xlsx_table
from integrhabitat.network.roles import Role

STAFF = "/c/centro-a/staff/"
AUDIT = "/c/centro-a/audit/"


def test_the_coordinator_downloads_the_staff_of_the_center_and_the_download_is_recorded(world):
    table = csv_table(world.client_for(world.coordinator).get(STAFF, {"as": "csv"}))
    usernames = {row[1] for row in table[1:]}
    assert {"coord_a", "case_a", "desk_a", "partner_a"} <= usernames and "coord_b" not in usernames
    partner = next(row for row in table[1:] if row[1] == "partner_a")
    assert partner[table[0].index(shown("Organization"))] == "Fundación Aliada"
    assert partner[table[0].index(shown("Email"))] == "partner@aliada.example"
    assert AuditEntry.objects.filter(action="network.staff.exported", actor=world.coordinator,
                                     center=world.center_a).exists()


def test_other_roles_get_no_staff_download(world):
    for user in (world.case_worker, world.front_desk, world.viewer):
        assert world.client_for(user).get(STAFF, {"as": "csv"}).status_code == 403


def test_it_writes_a_staff_name_that_looks_like_a_formula_as_text(world):
    user = make_user("tramposo", world.center_a, Role.VIEWER)
    user.first_name = "=HYPERLINK(\"http://x.example\")"
    user.save()
    table = xlsx_table(world.client_for(world.coordinator).get(STAFF, {"as": "xlsx"}))
    assert any(isinstance(row[0], str) and row[0].startswith("'=HYPERLINK") for row in table[1:])
    assert not any(isinstance(v, str) and v.startswith("=") for row in table for v in row)


def test_its_staff_queries_do_not_grow(world):
    client = world.client_for(world.coordinator)
    with CaptureQueriesContext(connection) as few:
        client.get(STAFF, {"as": "xlsx"})
    for n in range(6):
        make_user(f"extra{n}", world.center_a, Role.FACILITATOR)
    with CaptureQueriesContext(connection) as many:
        client.get(STAFF, {"as": "xlsx"})
    assert len(many) == len(few)


def test_the_coordinator_downloads_the_audit_trail_as_filtered(world):
    table = csv_table(world.client_for(world.coordinator).get(AUDIT, {"as": "csv", "action": "people."}))
    actions = {row[-1] for row in table[1:]}  # the raw code, last (test_audit_download: the sentences)
    assert actions and all(action.startswith("people.") for action in actions)
    every = xlsx_table(world.client_for(world.coordinator).get(AUDIT, {"as": "xlsx"}))
    assert all(row[2] and row[-1] for row in every[1:])
    assert AuditEntry.objects.filter(action="audit.trail.exported", center=world.center_a).count() == 2
    assert not AuditEntry.objects.filter(center=world.center_b, action="audit.trail.exported").exists()
    assert world.client_for(world.case_worker).get(AUDIT, {"as": "csv"}).status_code == 403
