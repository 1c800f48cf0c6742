"""Numbers, percentages and dates written the reader's way: the helpers and their template filters."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation
from django.utils.translation import gettext_lazy

from integrhabitat.lib.numbers import day, number, percent, written

NBSP = "\N{NO-BREAK SPACE}"


@pytest.mark.parametrize(("value", "places", "es", "en"), [
    (Decimal("86.4"), None, "86,4", "86.4"),
    (12345, None, f"12{NBSP}345", "12,345"),
    (1234567.891, None, f"1{NBSP}234{NBSP}567,89", "1,234,567.89"),
    (Decimal("80.00"), -2, "80", "80"),
    (Decimal("80.25"), -2, "80,25", "80.25"),
    (Decimal("86.45"), 1, "86,5", "86.5"),  # half up, not to even
    (2.675, 2, "2,68", "2.68"),  # the float's written value, not its binary one
    (-3.5, 0, "-4", "-4"),
    (0, 1, "0,0", "0.0"),
])
def test_it_writes_numbers_with_the_separators_of_the_language(value, places, es, en):
    with translation.override("es"):
        assert number(value, places) == es
    with translation.override("en"):
        assert number(value, places) == en


def test_it_puts_the_percent_sign_where_the_language_puts_it():
    with translation.override("es"):
        assert percent(Decimal("86.4")) == f"86,4{NBSP}%"
        assert percent(Decimal("100.0"), -1) == f"100{NBSP}%"
    with translation.override("en"):
        assert percent(Decimal("86.4")) == "86.4%"
        assert percent(1500) == "1,500%"


def test_it_writes_dates_in_the_long_format_of_the_language():
    with translation.override("es"):
        assert day(date(2026, 12, 7)) == "7 de diciembre de 2026"
        assert day(datetime(2026, 12, 7, 15, 30, tzinfo=UTC)) == "7 de diciembre de 2026 a las 15:30"
    with translation.override("en"):
        assert day(date(2026, 12, 7)) == "Dec. 7, 2026"


def test_it_writes_a_messages_placeholders_in_the_language_at_hand():
    urgency = gettext_lazy("Case worker")
    with translation.override("en"):
        assert written(date(2026, 3, 1)) == "March 1, 2026"
        assert written(Decimal("4.5")) == "4.5"
        assert written(urgency) == "Case worker"
        assert written("Centro A") == "Centro A"
    with translation.override("es"):
        assert written(date(2026, 3, 1)) == "1 de marzo de 2026"
        assert written(Decimal("4.5")) == "4,5"
        assert written(urgency) not in ("", "Case worker")


def render(source: str, **context) -> str:
    return engines["django"].from_string("{% load numbers %}" + source).render(context)


def test_the_template_filters_write_the_same_way_and_leave_empty_values_empty():
    source = ("{{ share|percent }}|{{ share|percent:0 }}|{{ count|number }}|{{ target|number:'-2' }}|"
              "{{ none|number }}|{{ word|percent }}|{{ when|day }}")
    context = {"share": Decimal("86.4"), "count": 12345, "target": "80.00", "none": None, "word": "n/a",
               "when": date(2026, 12, 7)}
    with translation.override("es"):
        assert render(source, **context) == f"86,4{NBSP}%|86{NBSP}%|12{NBSP}345|80|||7 de diciembre de 2026"
    with translation.override("en"):
        assert render(source, **context) == "86.4%|86%|12,345|80|||Dec. 7, 2026"
