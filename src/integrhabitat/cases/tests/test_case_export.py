"""Downloading the case list and the referral list: the cases the user sees as the list filters them, what
the list shows (never the situation on arrival nor the reasons), audited, safe to open."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from integrhabitat.audit.models import AuditEntry
from integrhabitat.cases.services import close_case, create_referral, open_case, schedule_follow_up
from integrhabitat.cases.tests.conftest import membership
from integrhabitat.conftest import make_person
from integrhabitat.lib.testing import csv_table, shown, xlsx_table
from integrhabitat.people.services import withdraw_consent

URL = "/c/centro-a/cases/"
REFERRALS = "/c/centro-a/cases/referrals/"


def _open(world, given, *, assigned_to=None, summary=""):
    person = make_person(world.center_a, given, "Prueba", actor=world.coordinator)
    worker = assigned_to or world.case_worker
    return open_case(person, assigned_to=worker, actor=worker, summary=summary)


def test_it_downloads_the_cases_the_filter_selects_and_records_the_download(world, case):
    closed = _open(world, "Cerrado")
    close_case(closed, reason="goals_met", version=closed.version, actor=world.case_worker)
    table = csv_table(world.client_for(world.case_worker).get(URL, {"as": "csv"}))
    assert [row[0] for row in table[1:]] == [case.reference]  # not closed, as the list shows by default
    assert table[1][table[0].index(shown("Person"))] == world.person_a.full_name
    everything = csv_table(world.client_for(world.case_worker).get(URL, {"as": "csv", "status": "all"}))
    assert sorted(row[0] for row in everything[1:]) == sorted([case.reference, closed.reference])
    entry = AuditEntry.objects.filter(action="cases.case.exported", actor=world.case_worker).last()
    assert entry.center == world.center_a and "participant" in entry.fields


def test_it_leaves_the_situation_on_arrival_out(world, case):
    content = world.client_for(world.coordinator).get(URL, {"as": "csv"}).content.decode("utf-8-sig")
    assert "Llegó hace dos semanas" not in content
    assert shown("situation on arrival").capitalize() not in content


def test_a_case_worker_gets_only_the_cases_of_their_team(world, case):
    other = _open(world, "Ajeno", assigned_to=world.coordinator)
    mine = csv_table(world.client_for(world.case_worker).get(URL, {"as": "csv"}))
    assert [row[0] for row in mine[1:]] == [case.reference]
    every = csv_table(world.client_for(world.coordinator).get(URL, {"as": "csv"}))
    assert sorted(row[0] for row in every[1:]) == sorted([case.reference, other.reference])


def test_roles_without_the_case_list_get_no_download(world, case):
    for user in (world.front_desk, world.facilitator, world.viewer):
        assert world.client_for(user).get(URL, {"as": "csv"}).status_code == 403
    assert world.client_for(world.other_coordinator).get(URL, {"as": "csv"}).status_code == 404
    assert not AuditEntry.objects.filter(action="cases.case.exported").exists()


def test_it_writes_a_name_that_looks_like_a_formula_as_text(world):
    _open(world, "=HYPERLINK(\"http://x.example\")")
    table = xlsx_table(world.client_for(world.case_worker).get(URL, {"as": "xlsx"}))
    names = [row[1] for row in table[1:]]
    assert "'=HYPERLINK(\"http://x.example\") Prueba" in names


def test_its_queries_do_not_grow_with_the_cases(world, case):
    client = world.client_for(world.coordinator)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"as": "xlsx"})
    for n in range(8):
        _open(world, f"Persona{n}")
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"as": "xlsx"})
    assert len(many) == len(few)


def test_it_downloads_the_referrals_without_their_reasons_and_records_it(world, case):
    create_referral(case, {"service": world.service_a, "reason": "Necesita kit urgente"},
                    membership=membership(world, world.case_worker))
    table = csv_table(world.client_for(world.case_worker).get(REFERRALS, {"as": "csv"}))
    assert len(table) == 2 and table[1][0] == case.reference
    assert table[1][table[0].index(shown("Referred to"))] == "Kits alimentarios"
    assert "Necesita kit urgente" not in str(table)
    assert AuditEntry.objects.filter(action="cases.referral.exported", actor=world.case_worker).exists()
    sent = csv_table(world.client_for(world.case_worker).get(REFERRALS, {"as": "csv", "status": "closed"}))
    assert len(sent) == 1
    assert world.client_for(world.front_desk).get(REFERRALS, {"as": "csv"}).status_code == 403


def test_it_downloads_the_workers_own_agenda_and_records_it(world, case):
    schedule_follow_up(case, due_on=date(2026, 1, 5), channel="phone", purpose="Llamar por la cita",
                       assigned_to=world.case_worker, actor=world.case_worker)
    other = _open(world, "Otra", assigned_to=world.coordinator)
    schedule_follow_up(other, due_on=date(2026, 1, 6), channel="phone", purpose="Ajeno",
                       assigned_to=world.coordinator, actor=world.coordinator)
    table = xlsx_table(world.client_for(world.case_worker).get("/c/centro-a/cases/agenda/", {"as": "xlsx"}))
    assert [row[1:3] for row in table[1:]] == [[world.person_a.full_name, case.reference]]
    assert table[1][0] == date(2026, 1, 5) or table[1][0].date() == date(2026, 1, 5)
    assert AuditEntry.objects.filter(action="cases.follow_up.exported", actor=world.case_worker).exists()


def test_the_partner_downloads_its_referrals_naming_people_only_while_consent_holds(world, case, consent):
    create_referral(case, {"organization": world.partner_org, "reason": "Asesoría", "shared_fields": ["phone"]},
                    membership=membership(world, world.case_worker))
    inbox = "/c/centro-a/cases/received/"
    table = csv_table(world.client_for(world.partner).get(inbox, {"as": "csv"}))
    assert [row[0] for row in table[1:]] == [world.person_a.full_name]
    assert "Asesoría" not in str(table)
    withdraw_consent(consent, actor=world.case_worker)
    table = csv_table(world.client_for(world.partner).get(inbox, {"as": "csv"}))
    assert [row[0] for row in table[1:]] == [shown("Data withheld: consent withdrawn")]
    assert AuditEntry.objects.filter(action="cases.referral.partner_exported", actor=world.partner).count() == 2
    assert world.client_for(world.case_worker).get(inbox, {"as": "csv"}).status_code == 403
