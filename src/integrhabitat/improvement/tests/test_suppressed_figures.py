"""A figure suppressed to protect people is written out in words, the same way everywhere (`|suppressed`):
never "<5", which reads as "under 5 %" in a row of shares."""

import pytest
from django.template import Context, Template
from django.utils import translation

from integrhabitat.improvement.results.charts import bar_chart


def render(text: str, **context) -> str:
    with translation.override("en"):
        return Template("{% load figures_tags %}" + text).render(Context(context))


@pytest.mark.parametrize(("mark", "words"), [
    ("<5", "suppressed (fewer than 5 people)"),
    ("<10", "suppressed (fewer than 10 people)"),
    ("*", "suppressed (it would let a small group be worked out)"),
])
def test_it_writes_a_suppression_mark_out_in_words(mark, words):
    assert render("{{ mark|suppressed }}", mark=mark) == words
    assert render('{{ mark|suppressed:"short" }}', mark=mark) == "suppressed"


@pytest.mark.parametrize("value", ["12", "0", "–", "12,5 %", ""])
def test_it_leaves_anything_else_as_it_is(value):
    assert render("{{ value|suppressed }}", value=value) == value.replace("<", "&lt;")


def test_a_charts_table_says_suppressed_in_words_and_its_picture_in_a_word():
    chart = bar_chart("c", "People by sex", [("Women", 12), ("Men", None), ("Unknown", None)], unit="people",
                      suppressed_as="<5")
    chart.marks[1].shown = "*"

    html = render('{% include "improvement/includes/chart.html" %}', chart=chart)

    assert '<td class="num">suppressed (fewer than 5 people)</td>' in html
    assert '<td class="num">suppressed (it would let a small group be worked out)</td>' in html
    assert "&lt;5" not in html and ">*<" not in html
    assert html.count(">suppressed</text>") == 2
