"""The audit trail's download (/c/<center>/audit/?as=csv|xlsx) reads as the page: when in the center's local time,
who, what as a sentence, the record by its reference; the raw action code only in the last column."""

import re
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst

from integrhabitat.audit.exports import CHUNK, center_time_zone, described_entries
from integrhabitat.audit.models import AuditEntry
from integrhabitat.audit.sentences import ACTIONS
from integrhabitat.audit.services import record
from integrhabitat.cases.services import open_case
from integrhabitat.conftest import make_center, make_person
from integrhabitat.lib.testing import csv_table, queries_as_rows_grow, xlsx_table
from integrhabitat.network import exports
from integrhabitat.people.services import update_participant

AUDIT = "/c/centro-a/audit/"
UUID_PIECE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def download(world, language: str, fmt: str, **params) -> list[list]:
    world.coordinator.language = language
    world.coordinator.save(update_fields=["language"])
    response = world.client_for(world.coordinator).get(AUDIT, {"as": fmt, **params})
    assert response.status_code == 200
    return csv_table(response) if fmt == "csv" else xlsx_table(response)


@pytest.fixture
def trail(world):
    """A changed profile (by the coordinator), an opened case and an entry written by the system (no actor)."""
    person = update_participant(world.person_a, {"preferred_name": "Pepe"}, version=world.person_a.version,
                                actor=world.coordinator)
    case = open_case(person, assigned_to=world.case_worker, actor=world.case_worker)
    record("privacy.retention.applied", world.center_a, actor=None, center=world.center_a, fields=["records:3"])
    return person, case


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["es", "en"])
def test_the_download_reads_as_sentences_in_the_users_language_with_the_code_last(world, trail, language, fmt):
    person, case = trail
    Participant = apps.get_model("people.participant")
    updated = AuditEntry.objects.filter(action="people.participant.updated", object_id=str(person.uuid)).latest("at")

    table = download(world, language, fmt)

    bogota = timezone.localtime(updated.at, ZoneInfo("America/Bogota"))  # the centers of the world are in CO
    with translation.override(language):
        assert table[0] == [translation.gettext(label) for label in ("When", "Who", "What", "Record", "Fields",
                                                                     "Action code")]
        rows = {row[-1]: row for row in table[1:]}
        assert rows["people.participant.updated"][:4] == [
            date_format(bogota, "SHORT_DATETIME_FORMAT"), world.coordinator.display_name(),
            str(ACTIONS["people.participant.updated"]), f"{capfirst(Participant._meta.verbose_name)} {person.code}"]
        assert rows["cases.case.opened"][1:3] == [world.case_worker.display_name(), str(ACTIONS["cases.case.opened"])]
        assert rows["cases.case.opened"][3].endswith(case.reference)
        assert rows["privacy.retention.applied"][1:3] == [translation.gettext("The system"),
                                                          str(ACTIONS["privacy.retention.applied"])]
        for row in table[1:]:
            assert row[2] == str(ACTIONS[row[-1]]), row  # every code has its sentence
            readable = " ".join(str(cell) for cell in row[:-1] if cell)
            assert row[-1] not in readable and not UUID_PIECE.search(readable) and not ISO_TIME.search(readable)


def test_the_times_are_those_of_the_centers_country(world):
    lima = make_center("centro-lima", "LIM", "Centro Lima")
    lima.country = "PE"
    nowhere = make_center("centro-x", "XXX", "Centro X")
    nowhere.country = "NZ"

    assert center_time_zone(world.center_a) == ZoneInfo("America/Bogota")
    assert center_time_zone(lima) == ZoneInfo("America/Lima")
    assert center_time_zone(nowhere) == timezone.get_default_timezone()


def test_the_filter_still_applies_and_the_download_is_recorded(world, trail):
    table = download(world, "es", "csv", action="people.")

    assert table[1:] and all(row[-1].startswith("people.") for row in table[1:])
    entry = AuditEntry.objects.get(action="audit.trail.exported", center=world.center_a)
    assert entry.fields == sorted(["at", "actor", "action", "object_id", "fields", "code"])


def test_a_trail_longer_than_the_limit_is_not_downloaded(world, trail, monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 2)

    response = world.client_for(world.coordinator).get(AUDIT, {"as": "csv"})

    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="audit.trail.exported").exists()


def test_entries_are_described_chunk_by_chunk_and_all_of_them(world, monkeypatch):
    monkeypatch.setattr("integrhabitat.audit.exports.CHUNK", 2)
    for number in range(5):
        make_person(world.center_a, f"Persona {number}", actor=world.coordinator)
    entries = AuditEntry.objects.filter(center=world.center_a)

    described = list(described_entries(entries, world.center_a))

    assert [row.entry.pk for row in described] == list(entries.values_list("pk", flat=True))
    assert len(list(described_entries(entries, world.center_a, limit=3))) == 3
    assert CHUNK >= 100  # the real chunks keep the reference queries few


def test_the_download_finds_the_references_in_a_constant_number_of_queries(world):
    def add_people(how_many):
        for number in range(how_many):
            make_person(world.center_a, f"Persona {number}", actor=world.coordinator)

    few, many = queries_as_rows_grow(add_people, world.client_for(world.coordinator), AUDIT, {"as": "csv"})

    assert few == many
