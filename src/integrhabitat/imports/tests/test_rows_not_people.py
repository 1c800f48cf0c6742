"""Rows that are about the list, not in it (totals, notes, separators, the header repeated on each printed
page): skipped and listed in the preview as notes, never taken in as people, deliveries or attendance."""

from datetime import date

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrhabitat.imports.models import ImportedRow, ImportJob
from integrhabitat.imports.reading import ListShape
from integrhabitat.imports.tests.helpers import checked_job, imported_job
from integrhabitat.lib.testing import shown
from integrhabitat.people.models import Participant
from integrhabitat.services.models import ServiceDelivery

HEADER = ["Nombres", "Apellidos", "Fecha de nacimiento", "Cédula"]
# A center's list as it comes: a title, people, the header repeated after a page break, totals and notes.
LIST = ("Jornada extramural Soacha\n"
        "Nombres;Apellidos;Fecha de nacimiento;Cédula\n"
        "Ana;Ruiz;17/05/1990;5551234\n"  # 3
        "Nota;Pérez;01/02/1985;7778899\n"  # 4: somebody called "Nota"
        "Nombres;Apellidos;Fecha de nacimiento;Cédula\n"  # 5
        "Luis;Paz;03/03/2001;\n"  # 6
        "----;----;----;----\n"  # 7
        "Subtotal;;;3\n"  # 8
        "\n"
        "TOTAL GENERAL;;;150\n"  # 10
        "Total asistentes: 45\n"  # 11
        "Nota: datos de la jornada del 5 de mayo\n"  # 12
        "Fuente: registro del centro;;;\n"  # 13
        "Elaborado por la trabajadora social\n"  # 14
        ).encode()
SKIPPED = {5: "skipped_header", 7: "skipped_separator", 8: "skipped_totals", 10: "skipped_totals",
           11: "skipped_totals", 12: "skipped_note", 13: "skipped_note", 14: "skipped_note"}


@pytest.mark.parametrize(("cells", "reason"), [
    (["Total", None, None, 150], "totals"),
    (["TOTAL GENERAL", None, None, "1.250"], "totals"),
    ([None, "Sub-total", None, None], "totals"),
    (["Suma", "", 12, 30], "totals"),
    (["Total asistentes: 45", None, None, None], "totals"),
    (["Total", None, date(2026, 1, 15), None], "totals"),
    (["Nota: traer fotocopia del documento", None, None, None], "note"),
    (["Observaciones", None, None, None], "note"),
    (["Fuente: SISBEN", None, None, None], "note"),
    (["Elaborado por: Ana Gómez", None, None, "05/05/2026"], "note"),
    (["nombres", "APELLIDOS", None, "cédula"], "header"),
    (["Nombre", "Apellido", "F. Nacimiento", None], "header"),
    (["---", "—", "...", None], "separator"),
    (["Nota", "Pérez", None, "7778899"], None),
    (["Total", "Gómez", None, None], None),
    (["Ana", "Ruiz", "17/05/1990", "Total"], None),
    (["Nombres", "Ruiz", None, None], None),
    (["Luis", None, None, "12345"], None),
    (["12345678", "Fuente de vida", "15/01/2026", None], None),  # a group's name in an attendance file
])
def test_a_row_is_judged_by_its_shape_not_by_a_word_alone(cells, reason):
    assert ListShape(HEADER).why_not_data(cells) == reason


def test_totals_notes_separators_and_repeated_headers_are_listed_as_skipped_not_as_problems(world):
    client = world.client_for(world.coordinator)

    job = checked_job(client, world.center_a, "people", LIST)

    assert job.status == ImportJob.Status.READY
    assert job.invalid_rows == 0
    # Counted apart: neither valid rows (they are no people) nor rows with problems.
    assert (job.not_record_rows, job.valid_rows) == (len(SKIPPED), job.total_rows - len(SKIPPED))
    assert {p["row"]: p["code"] for p in job.problems if p["code"].startswith("skipped_")} == SKIPPED
    assert {p["level"] for p in job.problems if p["row"] in SKIPPED} == {"info"}
    page = client.get(reverse("imports:job_detail", kwargs={"center": "centro-a", "job_id": job.uuid}))
    assert shown("Skipped: a row of totals, not a record.") in page.content.decode()


def test_only_the_people_of_the_list_are_registered_and_the_skipped_rows_stay_in_its_problems(world):
    client = world.client_for(world.coordinator)
    before = Participant.objects.count()

    job = imported_job(client, world.center_a, "people", LIST)

    assert (job.status, job.created_count, job.rejected_count) == (ImportJob.Status.DONE, 3, 0)
    assert Participant.objects.count() == before + 3
    new = Participant.objects.filter(center=world.center_a).exclude(pk=world.person_a.pk)
    assert sorted(new.values_list("given_names", "family_names")) == [("Ana", "Ruiz"), ("Luis", "Paz"),
                                                                      ("Nota", "Pérez")]
    assert {p["row"] for p in job.problems if p["code"].startswith("skipped_")} == set(SKIPPED)
    assert not ImportedRow.objects.filter(job=job, row_number__in=SKIPPED).exists()


def test_a_totals_row_of_deliveries_records_no_delivery(world):
    client = world.client_for(world.coordinator)
    code = world.person_a.code
    content = (f"Código;Servicio;Fecha;Cantidad\n{code};Kits alimentarios;15/01/2026;2\n"
               f"{code};Kits alimentarios;16/01/2026;1\nTotal entregas;;;3\n").encode()
    before = ServiceDelivery.objects.count()

    job = imported_job(client, world.center_a, "deliveries", content)

    assert (job.status, job.created_count, job.rejected_count) == (ImportJob.Status.DONE, 2, 0)
    assert ServiceDelivery.objects.count() == before + 2
    assert [(p["row"], p["code"]) for p in job.problems] == [(4, "skipped_totals")]


# --- Random lists ------------------------------------------------------------------------------------

FIRST_NAMES = ["Ana", "Luis", "María José", "Yohana", "Wilmer", "Nota", "Fuente", "Total"]
FAMILY_NAMES = ["Ruiz", "Pérez", "Mendoza", "Paz", "Gómez", "Nuñez"]
NOISE = {
    "totals": st.sampled_from(["Total;;;{n}", "TOTAL;{n}", "total general;;;{n}", "Subtotal;;{n};",
                               "SUMA;;;{n}", "Total asistentes: {n}", ";Sub-total;;{n}", "Gran total;;;{n}"]),
    "note": st.sampled_from(["Nota: datos preliminares", "NOTA;;;", "Fuente: registro del centro",
                             "Elaborado por Ana Gómez;;;", "Observaciones", "N.B. revisar cédulas;;;{n}"]),
    "header": st.sampled_from(["Nombres;Apellidos;Fecha de nacimiento;Cédula",
                               "NOMBRES;APELLIDOS;FECHA DE NACIMIENTO;CÉDULA",
                               "nombres ; apellidos ; fecha de nacimiento ; cedula"]),
    "separator": st.sampled_from(["-----;-----;-----;-----", "—", "...;;;", "***;***"]),
    "blank": st.sampled_from(["", ";;;", " ; ; ; "]),
}


@st.composite
def lists_with_noise(draw):
    """A list of distinct people with rows about the list between them: its lines, and what each
    person's and each other row is expected to be."""
    count = draw(st.integers(1, 8))
    people = [(f"{draw(st.sampled_from(FIRST_NAMES))}", f"{FAMILY_NAMES[i % len(FAMILY_NAMES)]} {i}")
              for i in range(count)]
    lines = [(f"{given};{family};{date(1980 + i, 1 + i % 12, 1):%d/%m/%Y};{9_000_000 + i}", None)
             for i, (given, family) in enumerate(people)]
    for kind in draw(st.lists(st.sampled_from(sorted(NOISE)), min_size=1, max_size=6)):
        line = draw(NOISE[kind]).format(n=draw(st.integers(1, 500)))
        lines.insert(draw(st.integers(0, len(lines))), (line, kind))
    title = ["Listado de asistentes", ""] if draw(st.booleans()) else []
    text = "\n".join([*title, ";".join(HEADER), *(line for line, _kind in lines)]) + "\n"
    return text.encode(), people, lines


@settings(max_examples=20, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(drawn=lists_with_noise())
def test_rows_about_a_random_list_are_skipped_and_only_its_people_are_registered(world, drawn):
    content, people, lines = drawn
    client = world.client_for(world.coordinator)
    with transaction.atomic():
        before = set(Participant.objects.values_list("pk", flat=True))

        job = imported_job(client, world.center_a, "people", content)

        assert job.status == ImportJob.Status.DONE, job.error
        created = Participant.objects.exclude(pk__in=before)
        assert sorted(created.values_list("given_names", "family_names")) == sorted(people)
        assert (job.created_count, job.rejected_count) == (len(people), 0)
        skipped = sorted(p["code"].removeprefix("skipped_") for p in job.problems if p["code"].startswith("skipped_"))
        assert skipped == sorted(kind for _line, kind in lines if kind not in (None, "blank"))
        transaction.set_rollback(True)
