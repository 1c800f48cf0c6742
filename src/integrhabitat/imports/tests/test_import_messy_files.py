"""Random messy CSV files (cells, encodings, delimiters, missing columns, title and empty rows): the import
either takes in exactly the valid rows or nothing at all, and never answers with an error page."""

from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from integrhabitat.imports.models import ImportedRow, ImportJob
from integrhabitat.imports.tests.helpers import confirm, map_columns, upload
from integrhabitat.people.models import Participant

COLUMNS = {
    "given_names": ["Nombres", "NOMBRE", " nombres "],
    "family_names": ["Apellidos", "apellido"],
    "birth_date": ["Fecha de nacimiento", "FECHA NACIMIENTO"],
    "sex": ["Sexo"],
    "phone": ["Teléfono", "Celular"],
    "document_number": ["Cédula", "Número de documento"],
    "nationality": ["Nacionalidad"],
}
LETTERS = "abcdefghijklmnopqrstuvwxyzáéíóúñÑÁÉü -'.0123456789/"
CELL = {
    "given_names": st.one_of(st.just(""), st.text(LETTERS, min_size=1, max_size=15), st.text(max_size=5)),
    "family_names": st.text(LETTERS, max_size=15),
    "birth_date": st.one_of(st.just(""), st.sampled_from(["17/05/1990", "1/2/85", "2001-12-31", "31/02/1990",
                                                          "33010", "mañana", "01/01/2999", "00/00/0000"])),
    "sex": st.sampled_from(["", "F", "M", "Mujer", "hombre", "x", "Otro"]),
    "phone": st.one_of(st.just(""), st.from_regex(r"\+?[0-9 ]{5,15}", fullmatch=True), st.just("no tiene")),
    "document_number": st.one_of(st.just(""), st.from_regex(r"[0-9.]{4,12}", fullmatch=True)),
    "nationality": st.sampled_from(["", "Venezuela", "venezolana", "CO", "Perú", "Narnia"]),
}


@st.composite
def messy_files(draw):
    fields = draw(st.lists(st.sampled_from(sorted(COLUMNS)), unique=True, min_size=1, max_size=7))
    header = [draw(st.sampled_from(COLUMNS[f])) for f in fields]
    rows = [[draw(CELL[f]) for f in fields] for _ in range(draw(st.integers(1, 8)))]
    if draw(st.booleans()):  # an empty row in the middle
        rows.insert(draw(st.integers(0, len(rows))), [""] * len(fields))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    title = [draw(st.sampled_from(["Jornada extramural", "Listado", ""])), ""] if draw(st.booleans()) else []
    lines = [*title, *(delimiter.join(cell.replace(delimiter, " ").replace('"', "") for cell in row)
                       for row in [header, *rows])]
    text = "\r\n".join(lines) + "\r\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return text.encode(encoding, errors="replace"), draw(st.booleans())


@settings(max_examples=30, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(messy=messy_files())
def test_a_messy_file_is_imported_whole_for_its_valid_rows_or_not_at_all(world, messy):
    content, skip_invalid = messy
    client = world.client_for(world.coordinator)
    with transaction.atomic():
        people_before = Participant.objects.count()
        response = upload(client, world.center_a, "people", content)
        assert response.status_code in (302, 400)
        job = ImportJob.objects.filter(center=world.center_a).order_by("-id").first()
        if response.status_code == 400:
            assert job is None
        else:
            mapped = map_columns(client, job)
            assert mapped.status_code in (302, 400)
            job.refresh_from_db()
            if mapped.status_code == 302:
                assert job.status == ImportJob.Status.READY
                done = confirm(client, job, consent_on_paper=True, skip_invalid=skip_invalid)
                assert done.status_code == 302
                job.refresh_from_db()
                event(f"outcome: {job.status}")
                created = Participant.objects.count() - people_before
                if job.status == ImportJob.Status.DONE:
                    assert created == job.created_count
                    assert (job.created_count + job.linked_count + job.unchanged_count + job.rejected_count
                            + job.not_record_rows == job.total_rows)
                    assert job.rejected_count == job.invalid_rows
                    assert ImportedRow.objects.filter(job=job).count() == job.total_rows - job.rejected_count - (
                        job.unchanged_count) - job.not_record_rows
                else:
                    assert job.invalid_rows and not skip_invalid
                    assert created == 0
                    assert not ImportedRow.objects.filter(job=job).exists()
        transaction.set_rollback(True)
