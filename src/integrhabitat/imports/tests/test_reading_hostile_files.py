"""Files made to exhaust the server: a workbook declaring 16,384 columns around a few cells, cells far to the
right on every row, rows numbered past Excel's last, zip bombs, very long files. Each is read in little
memory and time, or refused with a clear message, and a long file is read whole only in the worker."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from integrhabitat.imports import reading
from integrhabitat.imports import services as import_actions
from integrhabitat.imports.models import ImportJob
from integrhabitat.imports.reading import MAX_COLUMNS, UnreadableFile, read_rows, read_table
from integrhabitat.imports.tests.helpers import map_columns, upload, uploaded_job
from integrhabitat.lib.testing import shown

MEMORY_BOUND = 50 * 1024 * 1024
# The files below took from 18 s to minutes before; now well under a second each, a few under tracemalloc.
SECONDS_BOUND = 30
BOMB_MESSAGE = ("The Excel file unpacks to much more than a spreadsheet of its size. Save it again as Excel "
                "(.xlsx) or CSV, or split it into smaller files.")

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        f'<workbook xmlns="{_NS}" xmlns:r="{_REL}"><sheets><sheet name="Hoja1" sheetId="1" r:id="rId1"/>'
        '</sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
}


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def row(number: int, *cells: tuple[str, str]) -> str:
    return f'<row r="{number}">' + "".join(cell(f"{column}{number}", text) for column, text in cells) + "</row>"


def workbook(rows: str, *, dimension: str = "A1:XFD5001", padding: int = 0, parts: dict | None = None) -> bytes:
    """A small .xlsx written by hand, as an attacker would: the sheet declares `dimension` whatever it
    holds; `padding` spaces inside the sheet pack into almost nothing; `parts` are added as they are."""
    sheet = (f'<worksheet xmlns="{_NS}"><dimension ref="{dimension}"/><sheetData>{rows}'
             f'{" " * padding}</sheetData></worksheet>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + text)
        archive.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0" encoding="UTF-8"?>' + sheet)
        for name, text in (parts or {}).items():
            archive.writestr(name, text)
    return buffer.getvalue()


HEADER = row(1, ("A", "Nombres"), ("B", "Apellidos"))
DECLARED_HUGE = workbook(HEADER + row(2, ("A", "Ana"), ("B", "Ruiz")) + row(3, ("A", "Luis"), ("B", "Páez")))
DECLARED_HUGEST = workbook(HEADER + row(2, ("A", "Ana"), ("B", "Ruiz")), dimension="A1:XFD1048576")
FAR_RIGHT = workbook(HEADER + "".join(row(n, ("A", f"Persona{n}"), ("B", "Ruiz"), ("XFD", "x"))
                                      for n in range(2, 2002)))
ZIP_BOMB = workbook(HEADER, padding=5 * 1024 * 1024)  # 5 MB of spaces in a file of a few KB


def measured(read):
    """What `read()` returns, its peak of memory allocated and its seconds."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = read()
        return result, tracemalloc.get_traced_memory()[1], time.monotonic() - started
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("content", [DECLARED_HUGE, DECLARED_HUGEST], ids=["A1:XFD5001", "A1:XFD1048576"])
def test_a_workbook_declaring_a_huge_size_around_a_few_cells_reads_only_those_cells(content):
    assert len(content) < 2000

    table, peak, seconds = measured(lambda: read_table("lista.xlsx", content, max_rows=100_000))

    assert table.header == ["Nombres", "Apellidos"]
    assert table.rows[:1] == [(2, ["Ana", "Ruiz"])]
    assert peak < MEMORY_BOUND and seconds < SECONDS_BOUND


def test_cells_far_to_the_right_on_every_row_are_not_read_and_cost_little_memory():
    assert len(FAR_RIGHT) < 50_000  # 5,000 rows of this took 1.3 GB and nearly two minutes before

    table, peak, seconds = measured(lambda: read_table("lista.xlsx", FAR_RIGHT, max_rows=100_000))

    assert table.header == ["Nombres", "Apellidos"]
    assert len(table.rows) == 2000 and table.rows[-1] == (2001, ["Persona2001", "Ruiz"])
    assert peak < MEMORY_BOUND and seconds < SECONDS_BOUND


def test_reading_row_by_row_keeps_one_row_in_memory_whatever_the_file_declares():
    table = read_table("lista.xlsx", FAR_RIGHT, max_rows=100_000, head=3)

    rows, peak, seconds = measured(lambda: sum(1 for _row in read_rows(
        "lista.xlsx", FAR_RIGHT, header_row=table.header_row, columns=table.columns, max_rows=100_000)))

    assert rows == 2000
    assert peak < 5 * 1024 * 1024 and seconds < SECONDS_BOUND


def test_rows_numbered_past_the_last_row_excel_has_are_not_read():
    content = workbook(HEADER + row(2, ("A", "Ana"), ("B", "Ruiz")) + row(999_999_999, ("A", "Eva"), ("B", "Gil")))

    started = time.monotonic()
    table = read_table("lista.xlsx", content, max_rows=100_000)

    assert table.rows == [(2, ["Ana", "Ruiz"])]
    assert time.monotonic() - started < SECONDS_BOUND


def test_only_the_first_columns_of_a_very_wide_file_are_read():
    content = (";".join(f"Columna {i}" for i in range(1, 1001)) + "\n" + ";".join("x" * 1000) + "\n").encode()

    table = read_table("ancha.csv", content, max_rows=10)

    assert len(table.header) == MAX_COLUMNS
    assert table.header[-1] == f"Columna {MAX_COLUMNS}"


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    assert len(ZIP_BOMB) < 20_000
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("a part was unpacked"))

    with pytest.raises(UnreadableFile) as refused:
        read_table("lista.xlsx", ZIP_BOMB, max_rows=100)

    assert str(refused.value) == shown(BOMB_MESSAGE)


def test_an_excel_file_unpacking_beyond_the_total_limit_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "XLSX_MAX_UNPACKED", 100_000)
    content = workbook("".join(row(n, ("A", f"Persona{n}"), ("B", f"Apellido{n}")) for n in range(1, 3000)))

    with pytest.raises(UnreadableFile) as refused:
        read_table("lista.xlsx", content, max_rows=10_000)

    assert str(refused.value) == shown(BOMB_MESSAGE)


def test_an_excel_file_with_a_part_read_whole_beyond_its_limit_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "XLSX_MAX_WHOLE_PART", 100_000)
    strings = f'<sst xmlns="{_NS}">' + "".join(f"<si><t>{i}</t></si>" for i in range(10_000)) + "</sst>"
    content = workbook(HEADER, parts={"xl/sharedStrings.xml": strings})

    with pytest.raises(UnreadableFile) as refused:
        read_table("lista.xlsx", content, max_rows=10_000)

    assert str(refused.value) == shown(BOMB_MESSAGE)


def test_the_upload_page_refuses_a_zip_bomb_with_a_clear_message(world):
    response = upload(world.client_for(world.coordinator), world.center_a, "people", ZIP_BOMB, "lista.xlsx")

    assert response.status_code == 400
    assert shown(BOMB_MESSAGE) in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_upload_takes_only_the_real_cells_of_a_workbook_declaring_a_huge_size(world):
    client = world.client_for(world.coordinator)

    job = uploaded_job(client, world.center_a, "people", DECLARED_HUGEST, "lista.xlsx")
    map_columns(client, job)

    job.refresh_from_db()
    assert job.header == ["Nombres", "Apellidos"]
    assert (job.status, job.total_rows, job.valid_rows) == (ImportJob.Status.READY, 1, 1)


def test_the_upload_reads_only_the_first_rows_of_a_long_file_and_the_check_counts_them(world, monkeypatch):
    monkeypatch.setattr(import_actions, "INLINE_MAX_ROWS", 10)
    content = ("Nombres;Apellidos\n" + "".join(f"Persona{i};Ruiz\n" for i in range(25))).encode()
    read = []
    real = import_actions.read_table
    monkeypatch.setattr(import_actions, "read_table", lambda *a, **k: read.append(k) or real(*a, **k))

    job = import_actions.start_import(world.center_a, "people", SimpleUploadedFile("lista.csv", content),
                                      actor=world.coordinator)

    assert read == [{"max_rows": import_actions.max_rows(), "head": 10}]
    assert (job.total_rows, job.rows_counted) == (10, False)
    assert import_actions.sample_rows(job, 3) == [["Persona0", "Ruiz"], ["Persona1", "Ruiz"], ["Persona2", "Ruiz"]]

    job = import_actions.validate_job(import_actions.save_mapping(job, job.mapping, actor=world.coordinator))

    assert (job.status, job.total_rows, job.valid_rows, job.rows_counted) == (ImportJob.Status.READY, 25, 25, True)


def test_a_long_file_over_the_row_limit_fails_its_check_with_a_clear_message_and_is_deleted(
        world, settings, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(import_actions, "INLINE_MAX_ROWS", 10)
    settings.IMPORT_MAX_ROWS = 20
    content = ("Nombres;Apellidos\n" + "".join(f"Persona{i};Ruiz\n" for i in range(25))).encode()
    job = import_actions.start_import(world.center_a, "people", SimpleUploadedFile("lista.csv", content),
                                      actor=world.coordinator)
    path = job.file.path

    with django_capture_on_commit_callbacks(execute=True):
        job = import_actions.validate_job(import_actions.save_mapping(job, job.mapping, actor=world.coordinator))

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.error == shown("The file has more than %(count)s rows. Split it into smaller files.", count="20")
    assert not job.file and not (settings.MEDIA_ROOT / "imports").joinpath(path).exists()
    with pytest.raises(import_actions.Refused):
        import_actions.restart_job(job, actor=world.coordinator)


def test_a_job_uploaded_before_its_columns_were_kept_is_still_read(world):
    content = "Título\n\nNombres;;Apellidos\nAna;;Ruiz\nLuis;;Páez\n".encode()
    job = import_actions.start_import(world.center_a, "people", SimpleUploadedFile("lista.csv", content),
                                      actor=world.coordinator)
    kept = list(import_actions.rows_of(job))
    del job.options["columns"]

    assert import_actions.sample_rows(job, 1) == [["Ana", "Ruiz"]]
    assert list(import_actions.rows_of(job)) == kept == [(4, ["Ana", "Ruiz"]), (5, ["Luis", "Páez"])]
