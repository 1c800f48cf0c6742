"""The network's retention schedule: a dry run counts what a run then removes; people held by an open
case are kept; each run is audited; only the network coordinator sets it."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from integrhabitat.audit.models import AuditEntry
from integrhabitat.cases.models import Note
from integrhabitat.cases.services import add_note, close_case, open_case
from integrhabitat.conftest import make_person
from integrhabitat.lib.crypto import destination_key
from integrhabitat.network.models import Membership
from integrhabitat.people.models import Participant
from integrhabitat.portal.models import LoginCode
from integrhabitat.privacy.anonymization import stored_name
from integrhabitat.privacy.retention import Category, apply_retention, rules, save_rules

pytestmark = pytest.mark.django_db


def registered_long_ago(world, name, years=6):
    person = make_person(world.center_a, name, "Antigua", actor=world.coordinator)
    Participant.objects.filter(pk=person.pk).update(created_at=timezone.now() - timedelta(days=365 * years))
    return person


def by_category(steps):
    return {s.category: s for s in steps}


def test_a_dry_run_counts_what_the_run_then_does_and_an_open_case_holds_a_person(world):
    gone = registered_long_ago(world, "Olvidada")
    held = registered_long_ago(world, "Retenida")
    old_case = open_case(held, assigned_to=world.case_worker, actor=world.case_worker)
    type(old_case).objects.filter(pk=old_case.pk).update(opened_on=date.today() - timedelta(days=6 * 365))
    registered_long_ago(world, "Reciente", years=1)

    dry = by_category(apply_retention(dry_run=True))
    assert (dry[Category.INACTIVE_PEOPLE].due, dry[Category.INACTIVE_PEOPLE].held) == (2, 1)
    assert Participant.objects.get(pk=gone.pk).given_names == "Olvidada"  # a dry run changes nothing

    run = by_category(apply_retention(actor=None))
    assert (run[Category.INACTIVE_PEOPLE].done, run[Category.INACTIVE_PEOPLE].held) == (1, 1)
    assert Participant.objects.get(pk=gone.pk).given_names == stored_name()
    assert Participant.objects.get(pk=held.pk).given_names == "Retenida"
    assert world.person_a.given_names == Participant.objects.get(pk=world.person_a.pk).given_names  # served in 2026
    (entry,) = [e for e in AuditEntry.objects.filter(action="privacy.retention.applied") if "done:1" in e.fields]
    assert "held:1" in entry.fields
    assert by_category(apply_retention(dry_run=True))[Category.INACTIVE_PEOPLE].due == 1  # only the held one


def test_old_notes_of_closed_cases_and_old_portal_codes_are_deleted_recent_ones_kept(world):
    case = open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker)
    worker = Membership.objects.get(center=world.center_a, user=world.case_worker)
    add_note(case, "Relato de la persona", membership=worker)
    close_case(case, reason="goals_met", note="", version=case.version, actor=world.case_worker)
    case.refresh_from_db()
    LoginCode.objects.create(center=world.center_a, destination=destination_key("+573001234567"), code_hash="x",
                             expires_at=timezone.now())
    assert by_category(apply_retention(dry_run=True))[Category.CLOSED_CASE_NOTES].due == 0

    type(case).objects.filter(pk=case.pk).update(closed_on=date.today() - timedelta(days=6 * 365))
    LoginCode.objects.update(created_at=timezone.now() - timedelta(days=40))
    run = by_category(apply_retention())

    assert run[Category.CLOSED_CASE_NOTES].done == 1 and not Note.objects.exists()
    assert run[Category.PORTAL_CODES].done == 1 and not LoginCode.objects.exists()


def test_a_category_without_limit_is_kept(world):
    registered_long_ago(world, "Guardada")
    save_rules({Category.INACTIVE_PEOPLE: None}, actor=world.network_coordinator)
    assert rules()[Category.INACTIVE_PEOPLE] is None
    assert by_category(apply_retention())[Category.INACTIVE_PEOPLE].done == 0
    assert Participant.objects.filter(given_names="Guardada").exists()
    assert AuditEntry.objects.filter(action="privacy.retention.rule_changed").exists()


def test_the_network_coordinator_sees_the_report_sets_the_periods_and_queues_a_run(world):
    registered_long_ago(world, "Olvidada")
    client = world.client_for(world.network_coordinator)
    page = client.get("/network/retention/")
    assert page.status_code == 200
    assert "Olvidada" not in page.content.decode()  # counts only, never names

    saved = client.post("/network/retention/", {"action": "save", **{c: "" for c in Category.values},
                                                Category.PORTAL_CODES: "10"})
    refused = client.post("/network/retention/", {"action": "save", Category.PORTAL_CODES: "-3"})

    assert saved.status_code == 302 and rules()[Category.PORTAL_CODES] == 10
    assert rules()[Category.INACTIVE_PEOPLE] is None
    assert refused.status_code == 400 and rules()[Category.PORTAL_CODES] == 10
    assert client.post("/network/retention/", {"action": "apply"}).status_code == 302
    assert world.client_for(world.coordinator).get("/network/retention/").status_code == 403


def test_the_command_reports_a_dry_run(world, capsys):
    registered_long_ago(world, "Olvidada")
    call_command("apply_retention", "--dry-run")
    out = capsys.readouterr().out
    assert "inactive_people (> 1825 days): 1 reached, 0 held" in out
    assert Participant.objects.filter(given_names="Olvidada").exists()


def test_a_person_registered_long_ago_who_came_lately_or_whose_case_closed_lately_is_kept(world):
    from integrhabitat.services.services import record_deliveries

    served = registered_long_ago(world, "Servida")
    record_deliveries(world.center_a, world.service_a, [served], delivered_on=date.today() - timedelta(days=30),
                      actor=None)
    followed = registered_long_ago(world, "Acompañada")
    case = open_case(followed, assigned_to=world.case_worker, actor=world.case_worker)
    close_case(case, reason="goals_met", note="", version=case.version, actor=world.case_worker)
    type(case).objects.filter(pk=case.pk).update(opened_on=date.today() - timedelta(days=6 * 365),
                                                 closed_on=date.today() - timedelta(days=365))
    registered_long_ago(world, "Olvidada")

    assert by_category(apply_retention(dry_run=True))[Category.INACTIVE_PEOPLE].due == 1
