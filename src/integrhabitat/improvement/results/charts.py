"""Charts drawn on the server as SVG: no JavaScript, readable in a PDF and on a phone.

A chart is only a picture of a table: `improvement/includes/chart.html` draws the SVG with a title and a
description for screen readers and puts the same figures in a table beside it. Suppressed cells (None)
are drawn as no bar and labelled as the table labels them.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext

from integrhabitat.lib.numbers import number, percent

# Drawn small and scaled by the browser: on a phone the text keeps about 11 px.
WIDTH = 480
BAR_HEIGHT = 22
BAR_GAP = 10
LABEL_WIDTH = 200  # room on the left for the category names of a bar chart
LABEL_CHARACTERS = 24  # longer names are cut with "…" in the picture (never in the table)
VALUE_ROOM = 60  # room on the right of the longest bar for its value
COLUMN_AREA_HEIGHT = 180
# The unit of percentages (`indicators.Unit.PERCENT`'s label): their figures carry the sign themselves,
# where the reader's language puts it ("86,4 %", "86.4%").
PERCENT = "%"


@dataclass
class Mark:
    label: str
    value: Decimal | int | None
    shown: str  # the value as written, or the suppression mark
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    text_x: float = 0
    text_y: float = 0
    axis: tuple[str, str] = ("", "")  # a column's label under it, on two short lines


@dataclass
class Chart:
    ident: str
    title: str
    description: str
    kind: str  # "bars" (horizontal, categories) or "columns" (vertical, months)
    unit: str
    marks: list[Mark]
    width: int = WIDTH
    height: int = 0
    note: str = ""
    label_x: int = LABEL_WIDTH - 8
    label_characters: int = LABEL_CHARACTERS


def _shown(value, suppressed_as: str, unit: str) -> str:
    if value is None:
        return suppressed_as
    return percent(value) if unit == PERCENT else number(value)


def _scale(values) -> float:
    top = max((float(v) for v in values if v is not None), default=0)
    return top or 1


def bar_chart(ident: str, title: str, rows: list[tuple[str, object]], *, unit: str = "", note: str = "",
              suppressed_as: str = "–") -> Chart:
    """Horizontal bars, one per (label, value), in the order given."""
    top = _scale(v for _label, v in rows)
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    marks = []
    for index, (label, value) in enumerate(rows):
        y = index * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
        width = 0 if value is None else round(room * float(value) / top, 1)
        marks.append(Mark(str(label), value, _shown(value, suppressed_as, unit), x=LABEL_WIDTH, y=y, width=width,
                          height=BAR_HEIGHT, text_x=LABEL_WIDTH + width + 6, text_y=y + BAR_HEIGHT * .72))
    height = len(rows) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    return Chart(ident, title, describe(title, marks, unit), "bars", unit, marks, height=height, note=note)


def column_chart(ident: str, title: str, rows: list[tuple[str, object]], *, unit: str = "", note: str = "",
                 suppressed_as: str = "–") -> Chart:
    """Vertical columns over time, labels underneath (months)."""
    top = _scale(v for _label, v in rows)
    slot = WIDTH / max(len(rows), 1)
    marks = []
    for index, (label, value) in enumerate(rows):
        height = 0 if value is None else round(COLUMN_AREA_HEIGHT * float(value) / top, 1)
        x = index * slot + slot * .15
        first, _space, rest = str(label).partition(" ")
        marks.append(Mark(str(label), value, _shown(value, suppressed_as, unit), x=round(x, 1),
                          y=round(COLUMN_AREA_HEIGHT - height + 20, 1), width=round(slot * .7, 1), height=height,
                          text_x=round(x + slot * .35, 1), text_y=round(COLUMN_AREA_HEIGHT - height + 14, 1),
                          axis=(first, rest[-2:] if rest.isdigit() else rest)))
    return Chart(ident, title, describe(title, marks, unit), "columns", unit, marks,
                 height=COLUMN_AREA_HEIGHT + 62, note=note)


def describe(title: str, marks: list[Mark], unit: str) -> str:
    """What a screen reader hears for the picture: the largest and smallest figures; the table has all."""
    known = [m for m in marks if m.value is not None]
    if not known:
        return title
    high = max(known, key=lambda m: m.value)
    low = min(known, key=lambda m: m.value)
    if unit == PERCENT:  # the figures carry their sign
        return gettext("%(title)s. Highest: %(high)s, %(high_value)s. Lowest: %(low)s, %(low_value)s. The table "
                       "next to the chart has every figure.") % {
            "title": title, "high": high.label, "high_value": high.shown, "low": low.label, "low_value": low.shown}
    return gettext("%(title)s. Highest: %(high)s, %(high_value)s %(unit)s. Lowest: %(low)s, %(low_value)s "
                   "%(unit)s. The table next to the chart has every figure.") % {
        "title": title, "high": high.label, "high_value": high.shown, "low": low.label, "low_value": low.shown,
        "unit": unit}
