"""Reading files as people make them: encodings, delimiters, dates, title rows, empty rows and columns."""

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from integrhabitat.imports.reading import (
    UnreadableFile,
    decode,
    find_header_row,
    header_key,
    parse_date,
    read_table,
)

ROWS = "Nombres;Apellidos;Fecha de nacimiento\r\nMaría José;Ñañez Peña;17/05/1990\r\n"


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "encoding"), [
    (ROWS.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + ROWS.encode("utf-8"), "utf-8-sig"),
    (ROWS.encode("cp1252"), "cp1252"),
    (ROWS.encode("utf-16"), "utf-16"),
])
def test_it_reads_accents_and_enye_in_every_usual_encoding(content, encoding):
    table = read_table("lista.csv", content, max_rows=100)

    assert table.encoding == encoding
    assert table.header == ["Nombres", "Apellidos", "Fecha de nacimiento"]
    assert table.rows == [(2, ["María José", "Ñañez Peña", "17/05/1990"])]


def test_it_reads_real_windows_1252_bytes():
    content = b"Nombres;Apellidos\r\nJos\xe9;Mu\xf1oz\r\n"  # as Excel on Windows writes é and ñ

    text, encoding = decode(content)

    assert encoding == "cp1252"
    assert "José;Muñoz" in text


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_it_finds_the_delimiter(delimiter):
    content = delimiter.join(["Nombres", "Apellidos", "Sexo"]).encode() + b"\nAna" + delimiter.encode() + (
        b"Ruiz" + delimiter.encode() + b"F\n")

    table = read_table("lista.csv", content, max_rows=100)

    assert table.delimiter == delimiter
    assert table.rows[0][1] == ["Ana", "Ruiz", "F"]


def test_it_skips_title_rows_empty_rows_and_empty_columns_keeping_the_spreadsheet_row_numbers():
    content = ("Jornada extramural Kennedy;;;\n;;;\n;Nombres;;Teléfono\n;Ana;;300 111 2222\n;;;\n;Luis;;\n").encode()

    table = read_table("jornada.csv", content, max_rows=100)

    assert table.header_row == 3
    assert table.header == ["Nombres", "Teléfono"]
    assert table.rows == [(4, ["Ana", "300 111 2222"]), (6, ["Luis", None])]


def test_it_reads_the_first_sheet_of_an_excel_file_with_dates_and_numbers():
    content = xlsx([["Listado de asistentes"], [], ["Nombres", "Fecha de nacimiento", "Cédula"],
                    ["Ana", datetime(1990, 5, 17), 1234567], ["Luis", 33000, None]])

    table = read_table("lista.xlsx", content, max_rows=100)

    assert table.format == "xlsx"
    assert table.header == ["Nombres", "Fecha de nacimiento", "Cédula"]
    assert table.rows[0] == (4, ["Ana", datetime(1990, 5, 17), 1234567])
    assert parse_date(table.rows[1][1][1]) == date(1990, 5, 7)


@pytest.mark.parametrize(("value", "expected"), [
    ("17/05/1990", date(1990, 5, 17)), ("7/5/90", date(1990, 5, 7)), ("3/2/24", date(2024, 2, 3)),
    ("17-05-1990", date(1990, 5, 17)), ("17.05.1990", date(1990, 5, 17)), ("1990-05-17", date(1990, 5, 17)),
    ("1990-05-17 00:00:00", date(1990, 5, 17)), (33010, date(1990, 5, 17)), ("33010", date(1990, 5, 17)),
    (33010.0, date(1990, 5, 17)), (datetime(1990, 5, 17, 8, 30), date(1990, 5, 17)), ("", None), (None, None),
])
def test_it_understands_the_dates_people_write(value, expected):
    assert parse_date(value, today=date(2026, 11, 26)) == expected


@pytest.mark.parametrize("value", ["31/02/2020", "mayo 1990", "17/05", "99/99/9999", True, -4])
def test_it_refuses_what_is_not_a_date(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_it_finds_a_header_by_its_known_words_below_longer_title_rows():
    rows = [["Centro Kennedy", "Informe", "2026"], ["Nombres", "Apellidos", "Celular"], ["Ana", "Ruiz", "300"]]
    assert find_header_row(rows) == 1


@pytest.mark.parametrize(("name", "content"), [
    ("lista.xlsx", b"Nombres;Apellidos\nAna;Ruiz\n"),
    ("lista.csv", b"PK\x03\x04" + b"\x00" * 40),
    ("lista.csv", b"%PDF-1.4 binary"),
    ("lista.csv", b"Nombres\x00\x01\x02\x00\x00"),
    ("lista.xls", b"\xd0\xcf\x11\xe0"),
    ("foto.png", b"\x89PNG"),
])
def test_it_refuses_a_file_that_is_not_what_it_claims(name, content):
    with pytest.raises(UnreadableFile):
        read_table(name, content, max_rows=100)


def test_it_refuses_more_rows_than_the_limit():
    content = ("Nombres\n" + "Ana\n" * 11).encode()
    with pytest.raises(UnreadableFile, match="11|10"):
        read_table("lista.csv", content, max_rows=10)


def test_it_refuses_an_empty_file():
    with pytest.raises(UnreadableFile):
        read_table("lista.csv", b"\n;;\n", max_rows=10)


def test_empty_rows_do_not_count_toward_the_row_limit():
    content = ("Nombres\nAna\n" + ";\n" * 500 + "Luis\n").encode()

    table = read_table("lista.csv", content, max_rows=2)

    assert table.rows == [(2, ["Ana"]), (503, ["Luis"])]


@pytest.mark.parametrize(("header", "field"), [
    ("  NOMBRES ", "given_names"), ("Fecha Nac.", "birth_date"), ("F. Nacimiento", "birth_date"),
    ("Nro. Documento", "document_number"), ("N° documento", "document_number"), ("Cédula", "document_number"),
    ("Tel. celular", "phone"), ("Sexo (M/F)", "sex"), ("Correo-e", "email"), ("Tipo Doc", "document_type"),
])
def test_it_recognises_abbreviated_and_annotated_spanish_headers(header, field):
    assert header_key(header) == field


def test_it_leaves_a_header_it_does_not_know_for_the_user_to_choose():
    assert header_key("Fecha") == "date"
    assert header_key("Barrio de residencia") is None
    assert header_key("Nombre del promotor") is None
