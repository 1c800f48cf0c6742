"""Numbers, percentages and dates in the reader's language on the canvas (page and PDF), in the charts and in
the accountability report's PDF: "86,4 %" and "1 de enero de 2026" in Spanish, "86.4%" and "Jan. 1, 2026"
in English."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from integrhabitat.communities.certificates import certificate
from integrhabitat.communities.models import Group
from integrhabitat.communities.services import join_group, save_group, schedule_session, take_attendance
from integrhabitat.conftest import make_center, make_user
from integrhabitat.improvement.accountability import services as accountability
from integrhabitat.improvement.canvas.services import Facts
from integrhabitat.improvement.results.charts import bar_chart, column_chart
from integrhabitat.improvement.results.indicators import Cell
from integrhabitat.lib.testing import pdf_text
from integrhabitat.network.roles import Role

NBSP = "\N{NO-BREAK SPACE}"
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre"]
SPANISH_DATE = rf"\d{{1,2}} de ({'|'.join(MESES)}) de \d{{4}}"  # 7 de diciembre de 2026
ENGLISH_DATE = rf"({'|'.join(re.escape(m) for m in MONTHS)}) \d{{1,2}}, \d{{4}}"  # Dec. 7, 2026

# The canvas' period, as known figures: 432 of 500 people kept coming (86.4 %), a mean rating
# of 4.5 from 1,234 ratings, 12,345 services given.
KNOWN = {
    "people_served": Cell("total", "", numerator=1500),
    "new_people": Cell("total", "", numerator=1234),
    "continuity": Cell("total", "", numerator=432, denominator=500),
    "satisfaction": Cell("total", "", denominator=1234, mean=Decimal("4.5")),
    "groups_mixing": Cell("total", "", numerator=1, denominator=3),
    "proposals_implemented": Cell("total", "", numerator=0),
    "deliveries": Cell("total", "", numerator=12345),
}


@pytest.fixture
def known_figures(monkeypatch):
    monkeypatch.setattr(Facts, "total", lambda facts, indicator: KNOWN[indicator])


def reader(world, language: str):
    client = world.client_for(world.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def flat(text: str) -> str:
    """Text with its line breaks and non-breaking spaces as plain spaces, as a reader would read it out."""
    return re.sub(r"\s+", " ", text.replace(NBSP, " "))




# --- The canvas ------------------------------------------------------------------------------------------------

def test_the_canvas_writes_figures_and_dates_the_spanish_way(world, known_figures):
    body = reader(world, "es").get("/c/centro-a/canvas/").content.decode()

    assert f"86,4{NBSP}%" in body and f"33,3{NBSP}%" in body
    assert "4,5" in body
    assert f"12{NBSP}345" in body and f"1{NBSP}234" in body
    assert "86.4" not in body and "12345" not in body
    assert re.search(SPANISH_DATE + " al " + SPANISH_DATE, body)  # the period the facts are counted over


def test_the_canvas_writes_figures_and_dates_the_english_way(world, known_figures):
    body = reader(world, "en").get("/c/centro-a/canvas/").content.decode()

    assert "86.4% of the people served" in body and "33.3% of the active groups" in body
    assert "Average satisfaction: 4.5 out of 5, from 1,234 ratings." in body
    assert ": 12,345." in body  # services given
    assert "86,4" not in body
    assert re.search(ENGLISH_DATE + " to " + ENGLISH_DATE, body)


@pytest.mark.parametrize(("language", "share", "count", "printed"), [
    ("es", "86,4 %", "12 345", r"impreso el \d{1,2} de [a-z]+ de \d{4} a las \d\d:\d\d"),
    ("en", "86.4%", "12,345", r"printed on [A-Z][a-z]+\.? \d{1,2}, \d{4}"),
])
def test_the_canvas_pdf_writes_figures_and_its_date_in_the_readers_language(world, known_figures, language, share,
                                                                            count, printed):
    response = reader(world, language).get("/c/centro-a/canvas.pdf")

    text = flat(pdf_text(response.content))
    assert share in text and count in text
    if language == "es":
        assert "86.4" not in text
    else:
        assert "86,4" not in text
    assert re.search(printed, text), text[-200:]


# --- The charts --------------------------------------------------------------------------------------------------

def test_a_chart_of_percentages_writes_them_with_the_sign_of_the_readers_language():
    rows = [("Mujeres", Decimal("86.4")), ("Hombres", Decimal("12.5")), ("Otra", None)]
    with translation.override("es"):
        spanish = bar_chart("share", "Continuidad", rows, unit="%", suppressed_as="<5")
        spanish_html = render_to_string("improvement/includes/chart.html", {"chart": spanish})
    with translation.override("en"):
        english = bar_chart("share", "Continuity", rows, unit="%", suppressed_as="<5")

    assert [m.shown for m in spanish.marks] == [f"86,4{NBSP}%", f"12,5{NBSP}%", "<5"]
    assert [m.shown for m in english.marks] == ["86.4%", "12.5%", "<5"]
    assert f'<td class="num">86,4{NBSP}%</td>' in spanish_html  # the data table beside the picture
    assert f">86,4{NBSP}%</text>" in spanish_html  # the value written at the end of the bar
    assert "Mujeres, 86.4%" in english.description and "% %" not in english.description


def test_a_chart_of_counts_groups_thousands_the_readers_way():
    rows = [("ene 2026", 12345), ("feb 2026", 1234567)]
    with translation.override("es"):
        spanish = column_chart("people", "Personas", rows, unit="personas")
    with translation.override("en"):
        english = column_chart("people", "People", rows, unit="people")

    assert [m.shown for m in spanish.marks] == [f"12{NBSP}345", f"1{NBSP}234{NBSP}567"]
    assert [m.shown for m in english.marks] == ["12,345", "1,234,567"]
    assert "1,234,567 people" in english.description


# --- The accountability report's PDF ------------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "share", "start", "end"), [
    ("es", "86,4 %", "1 de enero de 2026", "30 de junio de 2026"),
    ("en", "86.4%", "Jan. 1, 2026", "June 30, 2026"),
])
def test_the_report_pdf_writes_shares_and_dates_in_the_readers_language(db, client, language, share, start, end):
    center = make_center("informe", "INF", "Centro del Informe")
    coordinator = make_user("informa", center, Role.COORDINATOR)
    report = accountability.save_report({"title": "Informe", "period_start": date(2026, 1, 1),
                                         "period_end": date(2026, 6, 30), "introduction": ""},
                                        center=center, actor=coordinator)
    report = accountability.publish_report(report, actor=coordinator)
    # As if 432 of the 500 people served had kept coming.
    report.published["indicators"]["continuity"].update(numerator=432, denominator=500, value="86.4")
    report.save(update_fields=["published"])

    response = client.get(reverse("public_report_pdf", kwargs={"report_id": report.uuid}),
                          headers={"accept-language": language})

    text = flat(pdf_text(response.content))
    assert share in text
    assert start in text and end in text
    assert ("86.4" if language == "es" else "86,4") not in text


# --- The certificate of participation (a PDF in the participant's language) ---------------------------------------

@pytest.mark.parametrize(("language", "share", "starts"), [
    ("es", "75 %", "2 de marzo de 2026"),
    ("en", "75%", "March 2, 2026"),
])
def test_the_certificate_writes_the_attendance_share_and_dates_in_the_participants_language(world, language, share,
                                                                                           starts):
    group = save_group(world.center_a, {"name": "Curso de panadería", "kind": Group.Kind.COURSE, "status": "running",
                                        "starts_on": date(2026, 3, 2)}, actor=None)
    sessions = [schedule_session(group, date=date(2026, 3, 2 + 7 * i), actor=None) for i in range(4)]
    person = world.person_a
    person.preferred_language = language
    person.save(update_fields=["preferred_language"])
    member = join_group(group, person, actor=None)
    for session in sessions[:3]:
        take_attendance(session, [person], actor=None)

    text = flat(pdf_text(certificate(member)))

    assert re.search(rf"\b{share} ", text), text  # three sessions of four
    assert ("75%" if language == "es" else "75 %") not in text
    assert starts in text
