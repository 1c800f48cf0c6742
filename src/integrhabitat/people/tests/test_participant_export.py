"""Downloading the people list: the people the list selects, the columns the role may read, audited,
and safe to open in a spreadsheet."""

import csv
import io

from openpyxl import load_workbook

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_person
from integrhabitat.lib.testing import shown
from integrhabitat.network.roles import ROLE_PERMISSIONS, SENSITIVE_VIEW, Role

URL = "/c/centro-a/people/download/"


def rows_of(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_it_gives_the_case_worker_the_sensitive_columns_and_records_the_read(world):
    world.person_a.mobility_status = "refugee"
    world.person_a.save()
    response = world.client_for(world.case_worker).get(URL, {"as": "csv"})
    assert response["Content-Disposition"].startswith('attachment; filename="personas-centro-a-')
    rows = rows_of(response)
    assert [r[shown("Code").capitalize()] for r in rows] == [world.person_a.code]
    assert rows[0][shown("human mobility status").capitalize()] == shown("Refugee")
    entry = AuditEntry.objects.get(action="people.participant.sensitive_exported", actor=world.case_worker)
    assert {"code", "document_number", "mobility_status", "last_seen"} <= set(entry.fields)


def test_the_front_desk_and_facilitators_cannot_take_the_register_away_in_a_file(world):
    world.person_a.document_type, world.person_a.document_number = "permit", "PPT-889911"
    world.person_a.save()
    for user in (world.front_desk, world.facilitator, world.viewer):
        for fmt in ("csv", "xlsx"):
            response = world.client_for(user).get(URL, {"as": fmt})
            assert response.status_code == 403, (user.username, fmt)
            assert b"PPT-889911" not in response.content and b"123 4567" not in response.content
    assert not AuditEntry.objects.filter(action__startswith="people.participant.").exclude(
        action="people.participant.registered").exists()
    page = world.client_for(world.front_desk).get("/c/centro-a/people/")
    assert URL not in page.content.decode()  # no link to a download the role cannot have
    assert URL in world.client_for(world.case_worker).get("/c/centro-a/people/").content.decode()


def test_it_downloads_the_people_the_search_finds_and_no_one_of_another_center(world):
    make_person(world.center_a, "María", "Gómez Díaz", actor=world.coordinator)
    rows = rows_of(world.client_for(world.coordinator).get(URL, {"as": "csv", "q": "maria gomes"}))
    assert [r[shown("given names").capitalize()] for r in rows] == ["María"]
    everyone = rows_of(world.client_for(world.coordinator).get(URL, {"as": "csv"}))
    assert len(everyone) == 2
    assert world.person_b.code not in {r[shown("Code").capitalize()] for r in everyone}


def test_it_writes_a_name_that_looks_like_a_formula_as_text(world):
    make_person(world.center_a, "=HYPERLINK(\"http://x\")", "@SUM(1)", actor=world.coordinator)
    response = world.client_for(world.coordinator).get(URL)  # Excel by default
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert "'=HYPERLINK(\"http://x\")" in values and "'@SUM(1)" in values
    assert not any(isinstance(v, str) and v.startswith(("=", "@")) for v in values)


def test_it_refuses_an_unknown_format(world):
    assert world.client_for(world.coordinator).get(URL, {"as": "pdf"}).status_code == 404


def test_a_role_that_may_download_but_not_read_sensitive_data_gets_the_file_without_those_columns(world, monkeypatch):
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.CASE_WORKER, ROLE_PERMISSIONS[Role.CASE_WORKER] - {SENSITIVE_VIEW})
    world.person_a.mobility_status = "refugee"
    world.person_a.save()
    rows = rows_of(world.client_for(world.case_worker).get(URL, {"as": "csv"}))
    assert [r[shown("Code").capitalize()] for r in rows] == [world.person_a.code]
    assert shown("human mobility status").capitalize() not in rows[0]
    assert shown("Refugee") not in rows[0].values()
    entry = AuditEntry.objects.get(action__startswith="people.participant.", actor=world.case_worker)
    assert entry.action == "people.participant.exported" and "mobility_status" not in entry.fields
