"""Importing many people writes them a batch at a time: as many queries for many rows as for few, and the
same people, links, consents, audit entries and fingerprints as row by row, across batch boundaries too."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_center
from integrhabitat.imports import services as import_actions
from integrhabitat.imports.models import ImportedRow, ImportJob, Kind
from integrhabitat.network.models import Center
from integrhabitat.people.models import Consent, Participant

HEADER = "Nombres;Apellidos;Fecha de nacimiento;Cédula\n"


def person_row(number: int) -> str:
    return f"Persona{number};Apellido{number};{1 + number % 28:02d}/03/1985;{10_000_000 + number}\n"


def people_file(how_many: int) -> bytes:
    return (HEADER + "".join(person_row(number) for number in range(how_many))).encode()


def checked(center, actor, content: bytes) -> ImportJob:
    job = import_actions.start_import(center, Kind.PEOPLE, SimpleUploadedFile("lista.csv", content), actor=actor)
    job = import_actions.save_mapping(job, job.mapping, actor=actor)
    job = import_actions.validate_job(job)
    return import_actions.confirm_import(job, actor=actor, skip_invalid=False, skip_duplicates=False,
                                         consent_on_paper=True)


def commit_queries(center, actor, content: bytes) -> int:
    job = checked(center, actor, content)
    with CaptureQueriesContext(connection) as captured:
        job = import_actions.commit_job(job)
    assert job.status == ImportJob.Status.DONE, job.error
    return len(captured.captured_queries)


def test_importing_many_people_takes_as_many_queries_as_importing_a_few(world):
    few = commit_queries(world.center_a, world.coordinator, people_file(5))
    many = commit_queries(world.center_b, world.other_coordinator, people_file(120))

    assert Participant.objects.filter(center=world.center_b, given_names__startswith="Persona").count() == 120
    assert few == many


def test_each_batch_takes_the_same_queries_whatever_its_rows(world, monkeypatch):
    monkeypatch.setattr(import_actions, "BATCH_SIZE", 4)

    # 9 rows: two full batches and one of a single row; 12 rows: three full batches.
    nine = commit_queries(world.center_a, world.coordinator, people_file(9))
    twelve = commit_queries(world.center_b, world.other_coordinator, people_file(12))

    assert nine == twelve


def test_checking_rows_for_a_center_without_people_takes_as_many_queries_for_many_rows(world):
    empty = make_center("c", "CCC", "Centro C")
    counts = []
    for how_many in (5, 90):
        job = import_actions.start_import(empty, Kind.PEOPLE, SimpleUploadedFile("lista.csv", people_file(how_many)),
                                          actor=world.coordinator)
        job = import_actions.save_mapping(job, job.mapping, actor=world.coordinator)
        with CaptureQueriesContext(connection) as captured:
            job = import_actions.validate_job(job)
        assert job.valid_rows == how_many
        counts.append(len(captured.captured_queries))

    assert counts[0] == counts[1]


def test_rows_naming_a_person_of_an_earlier_row_link_to_them_within_and_across_batches(world, monkeypatch):
    monkeypatch.setattr(import_actions, "BATCH_SIZE", 3)
    center = Center.objects.get(pk=world.center_b.pk)
    first_code = center.participant_seq + 1
    again = {
        "1": "PERSONA1;apellido1;;10000001\n",  # row 4, in the batch of the row it names (row 3)
        "0": "persona0;APELLIDO0;;10.000.000\n",  # row 8, two batches after row 2
    }
    lines = [person_row(0), person_row(1), again["1"], person_row(2), person_row(3), person_row(4), again["0"],
             person_row(5)]
    content = (HEADER + "".join(lines)).encode()

    job = import_actions.commit_job(checked(center, world.other_coordinator, content))

    assert job.status == ImportJob.Status.DONE, job.error
    assert (job.created_count, job.linked_count, job.unchanged_count) == (6, 2, 0)
    people = {p.given_names: p for p in Participant.objects.filter(center=center, given_names__startswith="Persona")}
    assert len(people) == 6
    assert sorted(int(p.code.rsplit("-", 1)[1]) for p in people.values()) == list(range(first_code, first_code + 6))
    remembered = dict(ImportedRow.objects.filter(job=job).values_list("row_number", "object_id"))
    assert remembered[4] == remembered[3] == str(people["Persona1"].uuid)
    assert remembered[8] == remembered[2] == str(people["Persona0"].uuid)
    assert len(remembered) == 8
    assert Consent.objects.filter(participant__in=people.values()).count() == 6
    registered = AuditEntry.objects.filter(action="people.participant.registered",
                                           object_id__in=[str(p.uuid) for p in people.values()])
    assert registered.count() == 6
    assert set(map(tuple, registered.values_list("fields", flat=True))) == {
        ("birth_date", "document_number", "document_type", "family_names", "given_names")}
    assert AuditEntry.objects.filter(action="imports.job.imported", object_id=str(job.uuid)).count() == 1

    again_job = import_actions.commit_job(checked(center, world.other_coordinator, content))

    assert (again_job.created_count, again_job.linked_count, again_job.unchanged_count) == (0, 0, 8)
    assert Participant.objects.filter(center=center, given_names__startswith="Persona").count() == 6
