"""Helpers shared by the tests (not imported by the application)."""

import threading
from datetime import date

from django.conf import settings
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import translation

# Rows on a list page before and after more are added: its queries must not grow with them (no N+1).
FEW, MANY = 4, 12


def shown(msgid: str, **params) -> str:
    """A label or message as the page shows it, in the default language."""
    with translation.override(settings.LANGUAGE_CODE):
        text = str(translation.gettext(msgid))
    return text % params if params else text


def browser_data(form) -> dict:
    """What a browser posts for an untouched form: every field's initial value, unticked boxes left out."""
    data = {}
    for bound in form:
        value = bound.value()
        if value in (None, "", False, []):
            continue
        if value is True:
            value = "on"
        elif isinstance(value, date):
            value = value.isoformat()
        elif not isinstance(value, list):
            value = str(value)
        data[bound.html_name] = value
    return data


def at_once(*actions):
    """Run the actions in threads released together; return what each returned or raised."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test looks at
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def pdf_text(content: bytes) -> str:
    """The text of a PDF, page after page, as a reader would copy it."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def csv_table(response) -> list[list[str]]:
    """A CSV download as rows of cells (the header first), its byte-order mark left out."""
    import csv
    import io

    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff"), "a CSV download starts with a byte-order mark, for Excel"
    return list(csv.reader(io.StringIO(content[1:])))


def xlsx_table(response) -> list[list]:
    """The first sheet of an XLSX download as rows of values (the header first), as openpyxl reads them."""
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def count_queries(client, url, data=None, *, method="get") -> int:
    """The queries of one request to `url`, after a first one that warms caches (session, content types)."""
    getattr(client, method)(url, data)
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data)
    assert response.status_code == 200, response.status_code
    return len(captured.captured_queries)


def queries_as_rows_grow(add, client, url, data=None) -> tuple[int, int]:
    """The queries of `url` once `add(n)` has added FEW rows, then once it has added up to MANY: equal on a
    page without N+1."""
    add(FEW)
    few = count_queries(client, url, data)
    add(MANY - FEW)
    return few, count_queries(client, url, data)
