"""Importing people: columns, preview problems, all-or-nothing or valid rows only, linking, idempotency."""

import csv
import io
from datetime import date

from django.urls import reverse

from integrhabitat.audit.models import AuditEntry
from integrhabitat.imports.models import ColumnMapping, ImportedRow, ImportJob
from integrhabitat.imports.tests.helpers import checked_job, confirm, imported_job, map_columns, uploaded_job
from integrhabitat.lib.testing import shown
from integrhabitat.people.models import Consent, Participant

GOOD = ("Listado jornada extramural\n\n"
        "Nombres;Apellidos;Fecha de nacimiento;Sexo;Nacionalidad;Celular;Tipo de documento;Cédula;Correo\n"
        "María;Gómez;17/05/1990;F;Venezuela;300 555 0199;PEP;1234567;maria@example.org\n"
        "Luis;Ñañez;03/02/2015;Masculino;colombiano;;RC;99887766;\n").encode("cp1252")
BAD = ("Nombres;Apellidos;Fecha de nacimiento;Sexo\n"
       "Ana;Ruiz;31/02/1990;F\n"
       ";Sinnombre;01/01/1990;F\n"
       "Rosa;Díaz;01/01/1980;Talvez\n"
       "Pedro;Páez;;M\n").encode()


def people_count(center):
    return Participant.objects.filter(center=center).count()


def test_it_suggests_the_columns_from_spanish_headers_with_accents_and_case(world):
    client = world.client_for(world.coordinator)
    job = uploaded_job(client, world.center_a, "people",
                       "  NOMBRES ;apellidos;Fecha de Nacimiento;TELÉFONO;Número de documento\nAna;Ruiz;;;\n".encode())

    assert job.mapping == {"0": "given_names", "1": "family_names", "2": "birth_date", "3": "phone",
                           "4": "document_number"}
    assert job.status == ImportJob.Status.MAPPING


def test_it_remembers_the_columns_chosen_for_the_next_file_with_the_same_header(world):
    client = world.client_for(world.coordinator)
    content = b"Col A;Col B\nAna;Ruiz\n"
    job = uploaded_job(client, world.center_a, "people", content)
    assert job.mapping == {}
    map_columns(client, job, {"Col A": "given_names", "Col B": "family_names"})

    again = uploaded_job(client, world.center_a, "people", b"col a;COL B\nLuis;Paz\n")

    assert again.mapping == {"0": "given_names", "1": "family_names"}
    assert again.options["remembered"] is True
    assert ColumnMapping.objects.filter(center=world.center_a, kind="people").count() == 1
    other = uploaded_job(world.client_for(world.other_coordinator), world.center_b, "people", content)
    assert other.mapping == {}  # another center's choices are its own


def test_it_refuses_a_mapping_without_the_name_or_with_a_field_twice(world):
    client = world.client_for(world.coordinator)
    job = uploaded_job(client, world.center_a, "people", b"A;B\nAna;Ruiz\n")

    missing = map_columns(client, job, {"B": "family_names"})
    twice = map_columns(client, job, {"A": "given_names", "B": "given_names"})

    assert missing.status_code == twice.status_code == 400
    job.refresh_from_db()
    assert job.status == ImportJob.Status.MAPPING


def test_it_lists_every_problem_by_row_and_column_in_spanish(world):
    client = world.client_for(world.coordinator)
    job = checked_job(client, world.center_a, "people", BAD)

    assert job.status == ImportJob.Status.READY
    assert (job.valid_rows, job.invalid_rows) == (1, 3)
    errors = {(p["row"], p["column"], p["code"]) for p in job.problems if p["level"] == "error"}
    assert errors == {(2, "Fecha de nacimiento", "invalid_date"), (3, "Nombres", "name_required"),
                      (4, "Sexo", "invalid_choice")}
    page = client.get(reverse("imports:job_detail", kwargs={"center": "centro-a", "job_id": job.uuid}))
    body = page.content.decode()
    assert shown("“%(value)s” is not a date: write it as dd/mm/yyyy.", value="31/02/1990") in body  # in Spanish


def test_it_imports_nothing_when_a_row_has_a_problem_unless_asked_to_skip_them(world):
    client = world.client_for(world.coordinator)
    before = people_count(world.center_a)
    job = checked_job(client, world.center_a, "people", BAD)

    confirm(client, job, consent_on_paper=True)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY
    assert people_count(world.center_a) == before

    confirm(client, job, consent_on_paper=True, skip_invalid=True)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.created_count, job.rejected_count) == (1, 3)
    assert Participant.objects.filter(center=world.center_a, given_names="Pedro").exists()
    download = client.get(reverse("imports:job_rejected", kwargs={"center": "centro-a", "job_id": job.uuid}))
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["2", "3", "4"]
    assert "Fecha de nacimiento" in rows[1][-1]
    xlsx = client.get(reverse("imports:job_rejected", kwargs={"center": "centro-a", "job_id": job.uuid}) + "?as=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_it_registers_people_with_their_consent_through_the_registration_service_and_audits_once(world):
    client = world.client_for(world.coordinator)
    before = people_count(world.center_a)

    job = imported_job(client, world.center_a, "people", GOOD, name="jornada.csv")

    assert job.status == ImportJob.Status.DONE
    assert job.created_count == 2
    assert people_count(world.center_a) == before + 2
    maria = Participant.objects.get(center=world.center_a, given_names="María")
    assert (maria.family_names, maria.birth_date, maria.sex, maria.nationality.code, maria.document_type,
            maria.document_number, maria.email) == ("Gómez", date(1990, 5, 17), "female", "VE", "permit",
                                                    "1234567", "maria@example.org")
    luis = Participant.objects.get(center=world.center_a, given_names="Luis")
    assert (luis.family_names, luis.nationality.code, luis.document_type) == ("Ñañez", "CO", "birth_certificate")
    consent = maria.consents.get()
    assert (consent.purpose, consent.method, consent.given_by, consent.recorded_by) == (
        Consent.Purpose.DATA_PROCESSING, "signed", "self", world.coordinator)
    assert AuditEntry.objects.filter(action="people.participant.registered", object_id=str(maria.uuid)).exists()
    summary = AuditEntry.objects.get(action="imports.job.imported")
    assert summary.actor == world.coordinator and summary.center == world.center_a


def test_it_refuses_to_register_people_without_confirming_their_consent(world):
    client = world.client_for(world.coordinator)
    before = people_count(world.center_a)
    job = checked_job(client, world.center_a, "people", GOOD)

    confirm(client, job)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY
    assert people_count(world.center_a) == before


def test_importing_the_same_file_again_creates_nothing_new(world):
    client = world.client_for(world.coordinator)
    imported_job(client, world.center_a, "people", GOOD)
    count, rows = people_count(world.center_a), ImportedRow.objects.count()

    again = imported_job(client, world.center_a, "people", GOOD)

    assert again.status == ImportJob.Status.DONE
    assert (again.created_count, again.unchanged_count) == (0, 2)
    assert people_count(world.center_a) == count
    assert ImportedRow.objects.count() == rows


def test_it_links_a_row_to_a_person_with_the_same_document_or_name_and_birth_date(world):
    client = world.client_for(world.coordinator)
    world.person_a.document_type, world.person_a.document_number = "national_id", "80.123.456"
    world.person_a.save()
    content = (b"Nombres;Apellidos;Fecha de nacimiento;Documento\n"
               b"Pepe;Otro;;80123456\n"  # same document, written differently
               b"JOSE;perez rodriguez;17/05/1990;\n"  # same folded name and birth date
               b"Carla;Nueva;01/01/2000;\n")
    before = people_count(world.center_a)

    job = imported_job(client, world.center_a, "people", content)

    assert (job.created_count, job.linked_count) == (1, 2)
    assert people_count(world.center_a) == before + 1
    linked = ImportedRow.objects.filter(job=job, created=False)
    assert set(linked.values_list("object_id", flat=True)) == {str(world.person_a.uuid)}


def test_it_warns_of_a_possible_duplicate_and_can_leave_it_out(world):
    client = world.client_for(world.coordinator)
    content = "Nombres;Apellidos\nJosé;Peres Rodriguez\nNadia;Nueva\n".encode()
    job = checked_job(client, world.center_a, "people", content)

    warning = next(p for p in job.problems if p["code"] == "possible_duplicate")
    assert warning["row"] == 2 and warning["params"]["code"] == world.person_a.code

    confirm(client, job, consent_on_paper=True, skip_duplicates=True)

    job.refresh_from_db()
    assert (job.created_count, job.rejected_count) == (1, 1)
    assert not Participant.objects.filter(family_names="Peres Rodriguez").exists()


def test_the_same_person_twice_in_one_file_is_registered_once(world):
    client = world.client_for(world.coordinator)
    content = "Nombres;Apellidos;Cédula;Celular\nAna;Ruiz;5551234;300 1\nAna;Ruiz;5551234;300 2\n".encode()

    job = imported_job(client, world.center_a, "people", content)

    assert (job.created_count, job.linked_count) == (1, 1)
    assert Participant.objects.filter(center=world.center_a, given_names="Ana").count() == 1


def test_the_page_of_a_finished_import_shows_what_it_did_and_keeps_the_look_alike_warnings(world):
    client = world.client_for(world.coordinator)
    content = "Nombres;Apellidos\nJosé;Peres Rodriguez\nNadia;Nueva\n".encode()

    job = imported_job(client, world.center_a, "people", content)

    assert (job.status, job.created_count) == (ImportJob.Status.DONE, 2)
    assert [p["row"] for p in job.problems if p["code"] == "possible_duplicate"] == [2]
    body = client.get(reverse("imports:job_detail", kwargs={"center": "centro-a", "job_id": job.uuid})).content.decode()
    assert world.person_a.code in body
    assert shown("Created: %(created)s. Linked to people already registered: %(linked)s. Imported before, left "
                 "unchanged: %(unchanged)s. Left out: %(rejected)s.", created=2, linked=0, unchanged=0,
                 rejected=0) in body
    assert 'hx-trigger="every' not in body  # finished: the page no longer polls
