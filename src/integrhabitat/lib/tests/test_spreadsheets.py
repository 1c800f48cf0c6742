"""Cells a spreadsheet would run as formulas are neutralized; numbers stay numbers; both formats open."""

import csv
import io
import unicodedata
from datetime import UTC, date, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from integrhabitat.lib.spreadsheets import (
    FORMULA_STARTS,
    NEUTRALIZER,
    csv_bytes,
    csv_response,
    is_formula_like,
    safe_cell,
    xlsx_bytes,
)

TRIGGERS = "=+-@|%\t\r"


def _skipped(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def dangerous(text: str) -> bool:
    """What the property asserts against: after leading blanks and control characters, a formula character
    (a tab or carriage return among the leading characters counts too)."""
    for char in text:
        if char in FORMULA_STARTS:
            return True
        if not _skipped(char):
            return False
    return False


def test_it_neutralizes_each_formula_character_at_the_start():
    for char in TRIGGERS:
        assert safe_cell(f"{char}1+1") == f"'{char}1+1"


def test_it_neutralizes_formulas_behind_spaces_line_breaks_and_control_characters():
    for prefix in (" ", "   ", "\n", "\x00", "\x1b", "\u200b", "\ufeff", "\u00a0", " \n\x01 "):
        assert safe_cell(prefix + "=cmd|' /C calc'!A0") == "'" + prefix + "=cmd|' /C calc'!A0"


def test_it_neutralizes_full_width_formula_characters():
    assert safe_cell("＝HYPERLINK(\"x\")") == "'＝HYPERLINK(\"x\")"


def test_it_leaves_ordinary_text_alone():
    for text in ("José Pérez", "Calle 5 # 10-20", "a=b", "100%", "", "  hola", "'quoted"):
        assert safe_cell(text) == text


def test_it_keeps_numbers_dates_and_booleans_as_they_are():
    for value in (-5, 0, 3.5, -2.25, Decimal("-10.5"), date(2026, 1, 2), True, None):
        assert safe_cell(value) == value and type(safe_cell(value)) is type(value)


def test_it_neutralizes_a_negative_number_typed_as_text():
    assert safe_cell("-5") == "'-5"
    assert safe_cell("+57 300 123 4567") == "'+57 300 123 4567"


def test_a_csv_starts_with_a_byte_order_mark_for_excel_and_keeps_accents():
    response = csv_response(["Nombre"], [["Ñandú José"], [-3]], "x.csv")
    assert response.content.startswith("\ufeff".encode())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["Nombre"], ["Ñandú José"], ["-3"]]


def test_a_workbook_keeps_negative_numbers_as_numbers_and_formula_text_as_text():
    content = xlsx_bytes([("Hoja", ["a", "b", "c", "d"], [[-5, "-5", Decimal("1.5"), "=1+1"]])])
    sheet = load_workbook(io.BytesIO(content)).active
    cells = list(sheet.iter_rows(min_row=2))[0]
    assert cells[0].value == -5 and cells[0].data_type == "n"
    assert cells[1].value == "'-5" and cells[1].data_type == "s"
    assert cells[2].value == 1.5
    assert cells[3].value == "'=1+1" and cells[3].data_type == "s"


def test_a_workbook_takes_aware_times_and_characters_xml_cannot_hold():
    moment = datetime(2026, 3, 1, 15, 30, tzinfo=UTC)
    content = xlsx_bytes([("Hoja/1?", ["a", "b"], [[moment, "bell\x07 and =\x01"]])])
    sheet = load_workbook(io.BytesIO(content)).active
    when, text = next(sheet.iter_rows(min_row=2, values_only=True))
    assert isinstance(when, datetime) and when.tzinfo is None
    assert text == "bell and =" and sheet.title == "Hoja 1"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=12), min_size=1, max_size=6))
def test_no_text_cell_of_either_format_can_start_a_formula(texts):
    """Property: whatever people type, no string cell written to CSV or XLSX starts, after the characters a
    spreadsheet passes over, with a formula character, unless it starts with the neutralizing apostrophe."""
    header = [f"c{i}" for i in range(len(texts))]
    written = list(csv.reader(io.StringIO(csv_bytes(header, [texts])[1:], newline="")))
    assert len(written) == 2 and len(written[1]) == len(texts)
    for cell in written[1]:
        assert not dangerous(cell) or cell.startswith(NEUTRALIZER)
    sheet = load_workbook(io.BytesIO(xlsx_bytes([("s", header, [texts])]))).active
    for cell in next(sheet.iter_rows(min_row=2)):
        assert cell.data_type != "f"
        if isinstance(cell.value, str):
            assert not dangerous(cell.value) or cell.value.startswith(NEUTRALIZER)
    for text in texts:
        assert (safe_cell(text) != text) == is_formula_like(text)


@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.decimals(allow_nan=False,
                                                                                            allow_infinity=False)))
def test_numbers_are_never_turned_into_text(number):
    assert safe_cell(number) == number
