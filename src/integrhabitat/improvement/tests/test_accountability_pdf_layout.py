"""The accountability report's PDF: an indicator's name on lines of its own, its definition below it, never
running into each other nor into the value column, however long the name."""

import io
from dataclasses import replace
from datetime import date

from django.template.loader import render_to_string
from django.utils import translation
from pypdf import PdfReader

from integrhabitat.conftest import make_center, make_user
from integrhabitat.improvement.accountability import services as accountability
from integrhabitat.lib.html_pdf import html_to_pdf
from integrhabitat.network.roles import Role

LONG_NAME = ("Participants in human mobility who came back for a second service within ninety days of their first "
             "visit to the center")
DEFINITION = "Share of the people served in the period who came back within ninety days."


def runs(content: bytes) -> list[tuple[float, float, str]]:
    """Every piece of text of the first page with where it starts: (x, y from the bottom, text)."""
    found = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text.strip()))

    PdfReader(io.BytesIO(content)).pages[0].extract_text(visitor_text=visit)
    return found


def test_a_long_indicator_name_wraps_above_its_definition_and_beside_its_value(db):
    center = make_center("informe", "INF", "Centro del Informe")
    coordinator = make_user("informa", center, Role.COORDINATOR)
    report = accountability.publish_report(accountability.save_report(
        {"title": "Informe", "period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30), "introduction": ""},
        center=center, actor=coordinator), actor=coordinator)
    with translation.override("en"):
        figures = accountability.present(report.published)
        first = figures["indicators"][0]
        figures["indicators"][0] = replace(first, name=LONG_NAME, definition=DEFINITION,
                                           cell=replace(first.cell, mean=12345))
        content = html_to_pdf(render_to_string("improvement/accountability/report_print.html",
                                               {"report": report, "figures": figures}))

    found = runs(content)
    # Each line holds the name's words or the definition's, never both (a line that mixed them would be in
    # neither list, and the lines would not add up to the texts).
    name_lines = [(x, y, text) for x, y, text in found if text in LONG_NAME and x < 100]
    definition_lines = [(x, y, text) for x, y, text in found if text in DEFINITION and x < 100]
    assert len(name_lines) >= 2, "the long name wraps onto several lines of its column"
    assert " ".join(text for _x, _y, text in name_lines) == LONG_NAME
    assert " ".join(text for _x, _y, text in definition_lines) == DEFINITION
    lowest_name = min(y for _x, y, _text in name_lines)
    highest_definition = max(y for _x, y, _text in definition_lines)
    assert lowest_name - highest_definition >= 8, "the definition starts a full line below the name"
    # The value stands on the name's first line, in its own column, to the right of the name.
    value = next((x, y) for x, y, text in found if text.startswith("12,345"))
    top_name = max(name_lines, key=lambda run: run[1])
    assert abs(value[1] - top_name[1]) < 1
    assert value[0] > max(x for x, _y, _text in name_lines) + 200
