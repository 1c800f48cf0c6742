"""CSV and XLSX downloads that a spreadsheet opens safely.

A text cell that a spreadsheet would run as a formula is written with a leading apostrophe, as OWASP
advises: the text stays readable and is never executed. That is text starting with =, +, -, @, |, % (or
their full-width forms, which some spreadsheets read as the same), a tab or a carriage return, also after
leading spaces, line breaks or other control or invisible characters. Numbers, dates and booleans keep
their types: a real negative number is a number cell; the text "-5" typed by someone is neutralized.
"""

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "|", "%", "\t", "\r", "＝", "＋", "－", "＠", "｜", "％")
NEUTRALIZER = "'"
Cell = str | int | float | Decimal | date | None

# Characters that the XML inside an XLSX file cannot hold (openpyxl refuses them).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _skipped(char: str) -> bool:
    """A character a spreadsheet passes over before it looks for a formula: blanks, control and format
    characters (zero-width spaces, byte-order marks)."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could run `text` as a formula: after the characters it passes over, it starts
    with a formula character; or the characters passed over include a tab or carriage return."""
    for char in text:
        if char in FORMULA_STARTS:
            return True
        if not _skipped(char):
            return False
    return False


def safe_cell(value):
    """The value as a spreadsheet cell: numbers, dates and booleans as they are; text neutralized."""
    if value is None or isinstance(value, (bool, int, float, Decimal, date)):
        return value
    text = str(value)
    return NEUTRALIZER + text if is_formula_like(text) else text


def _xlsx_cell(value):
    value = safe_cell(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime) and timezone.is_aware(value):  # Excel has no time zones
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    return value


def _csv_cell(value):
    value = safe_cell(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
    return value


def _download(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """UTF-8 text with a byte-order mark, so that Excel on Windows reads accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return "\ufeff" + buffer.getvalue()


def csv_response(header: Sequence[str], rows: Iterable[Sequence[Cell]], filename: str) -> HttpResponse:
    """A CSV download (see `csv_bytes`)."""
    return _download(HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8"), filename)


def _sheet_title(title) -> str:
    """A worksheet title Excel accepts: no \\ / * ? : [ ], at most 31 characters, not empty."""
    text = _XML_ILLEGAL.sub("", re.sub(r"[\\/*?:\[\]]", " ", str(title))).strip()[:31].strip()
    return text or "Sheet"


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Cell]]]]) -> bytes:
    """One worksheet per (title, header, rows); the header row is bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=_sheet_title(title))
        sheet.append([_xlsx_cell(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append([_xlsx_cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Cell]]]],
                  filename: str) -> HttpResponse:
    """An XLSX download (see `xlsx_bytes`)."""
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(HttpResponse(xlsx_bytes(sheets), content_type=content_type), filename)
