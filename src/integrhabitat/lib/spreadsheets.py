"""CSV and XLSX downloads that a spreadsheet opens safely.

A cell whose text a spreadsheet would run as a formula (starting with =, +, -, @, |, %, a tab or a carriage
return, also after leading spaces or control characters) is written with a leading apostrophe, as OWASP
advises: the text stays readable and is never executed. Numbers are written as numbers.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "|", "%", "\t", "\r")
Cell = str | int | float | Decimal | date | None


def safe_cell(value):
    if value is None or isinstance(value, (int, float, Decimal, date, datetime)) and not isinstance(value, bool):
        return value
    text = str(value)
    stripped = text.lstrip(" \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16"
                           "\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f")
    if stripped.startswith(FORMULA_STARTS) or (text and text[0] in "\t\r"):
        return "'" + text
    return text


def _download(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_response(header: Sequence[str], rows: Iterable[Sequence[Cell]], filename: str) -> HttpResponse:
    """UTF-8 with a byte-order mark, so that Excel on Windows reads accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    return _download(HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"), filename)


def xlsx_response(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Cell]]]],
                  filename: str) -> HttpResponse:
    """One worksheet per (title, header, rows); the header row is bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=str(title)[:31])
        sheet.append([safe_cell(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append([float(v) if isinstance(v, Decimal) else safe_cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(HttpResponse(buffer.getvalue(), content_type=content_type), filename)
