"""Every audit code written anywhere has a sentence, and the audit pages show sentences, not codes.

The codes are found by reading the source (`ast`): the first argument of `record`, `record_many` and
`record_read`, the `action` of an `AuditEntry(...)` built by hand and the `audit_code` handed to
`exports.list_download`, as string literals, either branch of `a if x else b`, or module constants
(`ACTION = "..."`, `chain.PURGED`). A code computed any other way (an f-string) is reported, so that it is
written out as literals instead of slipping past the catalogue.
"""

import ast
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.utils.text import capfirst

import integrhabitat
from integrhabitat.audit.models import AuditEntry
from integrhabitat.audit.sentences import (
    ACTIONS,
    FIELD_NAMES,
    FIELDS_OF,
    RECORD_NAMES,
    VALUE_CHOICES,
    describe,
)
from integrhabitat.cases.services import create_referral, open_case
from integrhabitat.conftest import make_person
from integrhabitat.lib.testing import queries_as_rows_grow
from integrhabitat.network.models import Membership
from integrhabitat.people.services import record_consent, update_participant

SOURCE = Path(integrhabitat.__file__).parent
WRITERS = {"record", "record_many", "record_read"}
# Names through which a code passes on its way to a writer; the scan reads the code where it is given instead
# (`audit_code=` at each call of `exports.list_download`, the `action` of `record` and its siblings).
PASSED_ON = {"audit/services.py: action", "network/exports.py: audit_code"}
# Models never audited as such (their changes are recorded on another record), so they need no name here.
NOT_AUDITED = {
    "accounts.notification", "audit.auditseal", "audit.unsealedentry", "cases.action", "cocreation.support",
    "communities.attendance", "communities.member", "imports.columnmapping", "imports.importedrow",
    "improvement.eventquestion", "improvement.figuresnapshot", "improvement.target", "partners.pathwaystep",
    "partners.statuschange", "portal.logincode", "portal.wrongcode",
}


@dataclass
class Scan:
    codes: dict[str, str] = field(default_factory=dict)  # code → the file that writes it (the first found)
    unresolved: set[str] = field(default_factory=set)  # "file: expression" of codes the scan cannot read


def scan(sources: dict[str, str]) -> Scan:
    """The audit codes that `sources` ({file name: Python source}) write."""
    trees = {name: ast.parse(text, name) for name, text in sources.items()}
    constants = {name: _constants(tree) for name, tree in trees.items()}
    found = Scan()
    for name, tree in trees.items():
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            for argument in _code_arguments(call):
                codes = _values(argument, constants[name], constants)
                if codes is None:
                    found.unresolved.add(f"{name}: {ast.unparse(argument)}")
                for code in codes or ():
                    found.codes.setdefault(code, name)
    return found


def source_files() -> dict[str, str]:
    return {str(path.relative_to(SOURCE)): path.read_text() for path in SOURCE.rglob("*.py")
            if "tests" not in path.relative_to(SOURCE).parts}


def _constants(tree: ast.Module) -> dict[str, str]:
    return {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for target in node.targets if isinstance(target, ast.Name)}


def _code_arguments(call: ast.Call) -> list[ast.expr]:
    function = call.func
    called = function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)
    found = [call.args[0]] if called in WRITERS and call.args else []
    return found + [keyword.value for keyword in call.keywords
                    if keyword.arg == "audit_code" or (called == "AuditEntry" and keyword.arg == "action")]


def _values(node: ast.expr, own: dict[str, str], every: dict[str, dict[str, str]]) -> list[str] | None:
    """The codes `node` may be, or None when it is computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        branches = [_values(node.body, own, every), _values(node.orelse, own, every)]
        return None if None in branches else branches[0] + branches[1]
    if isinstance(node, ast.Name) and node.id in own:
        return [own[node.id]]
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):  # `chain.PURGED`: chain.py's
        matches = {constants[node.attr] for name, constants in every.items()
                   if Path(name).stem == node.value.id and node.attr in constants}
        return list(matches) if len(matches) == 1 else None
    return None


@pytest.fixture(scope="module")
def written() -> Scan:
    return scan(source_files())


def test_the_scan_reads_codes_in_every_form_they_are_written():
    found = scan({
        "chain.py": 'PURGED = "audit.entries.purged"\n',
        "views.py": (
            'ACTION = "privacy.participant.anonymized"\n'
            'audit.record("cases.referral.viewed_by_partner", referral, actor=user)\n'
            'record_many("a.b.accepted" if accept else "a.b.rejected", changes, actor=user)\n'
            'audit.record_read(ACTION, person, actor=user)\n'
            'record(chain.PURGED, entry, actor=None)\n'
            'exports.list_download(request, rows, COLUMNS, audit_code="cases.case.exported")\n'
            'AuditEntry(action="services.delivery.recorded", object_type="x", object_id="1")\n'
            'audit.record(f"services.delivery.{kind}", delivery, actor=user)\n'
        ),
    })

    assert set(found.codes) == {"audit.entries.purged", "privacy.participant.anonymized",
                                "cases.referral.viewed_by_partner", "a.b.accepted", "a.b.rejected",
                                "cases.case.exported", "services.delivery.recorded"}
    assert found.unresolved == {"views.py: f'services.delivery.{kind}'"}


def test_the_scan_of_the_source_finds_the_codes_it_should(written):
    assert {"cases.referral.viewed_by_partner", "cases.referral.rejected", "privacy.participant.anonymized",
            "audit.entries.purged", "cases.case.exported", "services.delivery.recorded"} <= set(written.codes)


def test_every_code_is_written_as_a_literal_or_a_constant(written):
    assert written.unresolved == PASSED_ON, "write the code out (literals), so that it can be checked"


def test_every_code_written_has_a_sentence(written):
    missing = {code: where for code, where in written.codes.items() if code not in ACTIONS}

    assert not missing, f"add a sentence to audit/sentences.py ACTIONS for {missing}"


def test_every_sentence_is_for_a_code_still_written(written):
    stale = set(ACTIONS) - set(written.codes)

    assert not stale, f"no code writes these any more: remove them from ACTIONS: {sorted(stale)}"


def test_the_catalogues_name_real_codes_models_and_choices():
    assert set(FIELDS_OF) <= set(ACTIONS) and set(VALUE_CHOICES) <= set(ACTIONS)
    for label in FIELDS_OF.values():
        assert apps.get_model(label)
    for path in VALUE_CHOICES.values():
        assert import_string(path).choices
    assert all(apps.get_model(label) for label in RECORD_NAMES if label != "backups.backupfile")  # a file, no row


def test_every_audited_model_has_a_translated_name():
    unnamed = {model._meta.label_lower for model in apps.get_models()
               if model.__module__.startswith("integrhabitat.") and "verbose_name" not in model._meta.original_attrs}

    assert unnamed - NOT_AUDITED <= set(RECORD_NAMES)


@pytest.mark.parametrize("language", ["es", "en"])
def test_an_entry_reads_as_a_sentence_with_readable_record_and_fields(language):
    entry = AuditEntry(action="privacy.participant.anonymized", object_type="people.participant", object_id="1",
                       fields=["reason:consent_withdrawn", "records:2", "cases.referral", "phone"])
    Participant, Referral = apps.get_model("people.participant"), apps.get_model("cases.referral")
    Reason = import_string(VALUE_CHOICES["privacy.participant.anonymized"])

    with translation.override(language):
        described = describe(entry)
        assert described.sentence == str(ACTIONS["privacy.participant.anonymized"])
        assert described.record == str(Participant._meta.verbose_name).capitalize()
        assert described.fields == ", ".join([
            f"{FIELD_NAMES['reason']}: {Reason.CONSENT_WITHDRAWN.label}", f"{FIELD_NAMES['records']}: 2",
            str(Referral._meta.verbose_name_plural), str(Participant._meta.get_field("phone").verbose_name)])


def test_a_list_of_shared_data_and_downloaded_columns_reads_as_their_labels():
    Referral, Case = apps.get_model("cases.referral"), apps.get_model("cases.case")
    shared = AuditEntry(action="cases.referral.created", object_type="cases.referral", object_id="1",
                        fields=["phone"])
    downloaded = AuditEntry(action="cases.case.exported", object_type="network.center", object_id="1",
                            fields=["assigned_to", "reference"])

    assert describe(shared).fields == str(Referral.Shared("phone").label)
    assigned_to = Case._meta.get_field("assigned_to").verbose_name
    assert describe(downloaded).fields == f"{assigned_to}, {FIELD_NAMES['reference']}"


def test_an_unknown_code_record_type_and_field_show_as_themselves():
    described = describe(AuditEntry(action="people.forgotten", object_type="somewhere", object_id="1",
                                    fields=["odd_name"]))

    assert (described.sentence, described.record, described.fields) == ("people.forgotten", "Somewhere", "odd_name")


class VisibleText(HTMLParser):
    """The text a reader sees in a page's table cells, cell by cell (attributes such as `title` left out)."""

    def __init__(self):
        super().__init__()
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.cells.append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def cells(response) -> list[str]:
    parser = VisibleText()
    parser.feed(response.content.decode())
    return parser.cells


def shown(text) -> str:
    """A lazy text as the page shows it, in the default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def test_the_center_audit_trail_shows_sentences_and_local_times_not_codes(world):
    Participant = apps.get_model("people.participant")
    person = update_participant(world.person_a, {"preferred_name": "Pepe"}, version=world.person_a.version,
                                actor=world.coordinator)
    case = open_case(person, assigned_to=world.case_worker, actor=world.case_worker)
    client = world.client_for(world.coordinator)
    client.get(f"/c/centro-a/people/{person.uuid}/")

    response = client.get("/c/centro-a/audit/")

    seen = cells(response)
    text = " ".join(seen)
    assert shown(ACTIONS["people.participant.updated"]) in seen
    assert shown(ACTIONS["cases.case.opened"]) in seen
    assert f"{capfirst(shown(Participant._meta.verbose_name))} {person.code}" in seen
    assert any(cell.endswith(case.reference) for cell in seen)
    assert "people.participant." not in text and "cases.case." not in text
    assert 'title="people.participant.updated"' in response.content.decode()  # for support staff
    assert not [cell for cell in seen if re.match(r"\d{4}-\d{2}-\d{2}", cell)]
    latest = AuditEntry.objects.filter(center=world.center_a).latest("at", "id").at
    with translation.override(settings.LANGUAGE_CODE):
        assert seen[0] == date_format(timezone.localtime(latest), "SHORT_DATETIME_FORMAT")


def test_a_persons_audit_trail_and_a_referrals_history_show_sentences(world):
    case = open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker)
    record_consent(world.person_a, purpose="referral", organization=world.partner_org, given_by="self",
                   method="verbal", actor=world.case_worker)
    referral = create_referral(case, {"organization": world.partner_org, "reason": "Control prenatal",
                                      "urgency": "urgent", "shared_fields": ["phone"]},
                               membership=Membership.objects.get(center=world.center_a, user=world.case_worker))
    world.client_for(world.partner).get(f"/c/centro-a/cases/received/{referral.uuid}/")
    client = world.client_for(world.coordinator)

    trail = cells(client.get(f"/c/centro-a/people/{world.person_a.uuid}/audit/"))
    history = cells(client.get(f"/c/centro-a/cases/referrals/{referral.uuid}/"))

    assert shown(ACTIONS["people.participant.registered"]) in trail
    assert {shown(ACTIONS["cases.referral.sent"]), shown(ACTIONS["cases.referral.viewed_by_partner"])} <= set(history)
    assert "people.participant." not in " ".join(trail) and "cases.referral." not in " ".join(history)


def test_the_audit_trail_finds_the_records_references_in_a_constant_number_of_queries(world):
    def add_people(how_many):
        for number in range(how_many):
            make_person(world.center_a, f"Persona {number}", actor=world.coordinator)

    few, many = queries_as_rows_grow(add_people, world.client_for(world.coordinator), "/c/centro-a/audit/")

    assert few == many
