"""Accountability reports: small cells suppressed (primary, secondary, and against earlier reports), figures
frozen on publication, a public page and a PDF without anything that points at a person."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from integrhabitat.conftest import make_center, make_person, make_user
from integrhabitat.improvement.accountability import services as accountability
from integrhabitat.improvement.accountability.services import differenced, protect
from integrhabitat.improvement.models import AccountabilityReport
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.testing import pdf_text
from integrhabitat.network.roles import Role
from integrhabitat.services.services import record_deliveries, save_service

# --- The suppression rules themselves.

def test_it_hides_cells_under_the_threshold_but_not_zeros():
    assert protect({"a": 0, "b": 4, "c": 5, "d": 30, "e": 31}, 5) == {"a": 0, "b": None, "c": 5, "d": 30, "e": 31}


def test_it_hides_a_second_cell_when_one_hidden_cell_could_be_worked_out_from_the_total():
    cells = {"female": 12, "male": 8, "intersex": 0, "unknown": 3}
    protected = protect(cells, 5, total=23)
    assert protected == {"female": 12, "male": None, "intersex": 0, "unknown": None}
    # Total minus what is shown leaves two cells together: neither can be told.
    assert 23 - 12 == 11 and sum(v for v in protected.values() if v) == 12


def test_it_needs_no_second_cell_when_two_are_hidden_already_or_there_is_no_total():
    assert protect({"a": 2, "b": 3, "c": 40}, 5, total=45) == {"a": None, "b": None, "c": 40}
    assert protect({"a": 2, "c": 40}, 5) == {"a": None, "c": 40}


def test_it_applies_the_higher_threshold_to_sensitive_cells():
    assert protect({"women": 7, "disability": 7}, 5, thresholds_by_key={"women": 5, "disability": 10},
                   partition=False) == {"women": 7, "disability": None}


def test_it_flags_a_count_that_differs_from_an_earlier_one_by_a_small_group():
    assert differenced(14, [12], 5)
    assert not differenced(12, [12], 5)  # the same figure reveals nobody
    assert not differenced(19, [12], 5)
    assert not differenced(14, [None], 5)


# --- Reports of a hand-built center of 23 people.

@pytest.fixture
def town(db):
    center = make_center("pueblo", "PUE", "Centro del Pueblo")
    coordinator = make_user("coordina", center, Role.COORDINATOR)
    food = save_service(center, {"name": "Comedor", "service_type": "I.food"}, actor=coordinator)
    people = (
        [make_person(center, f"Mujer{i}", "Zapata", actor=coordinator, sex="female", mobility_status="host")
         for i in range(12)]
        + [make_person(center, f"Hombre{i}", "Quintero", actor=coordinator, sex="male", mobility_status="refugee")
           for i in range(8)]
        + [make_person(center, f"Persona{i}", "Ocampo", actor=coordinator, mobility_status="migrant")
           for i in range(3)]
    )
    record_deliveries(center, food, people, delivered_on=date(2026, 2, 10), actor=coordinator)
    return center, coordinator, food


def draft(center, actor, start=date(2026, 1, 1), end=date(2026, 6, 30)):
    return accountability.save_report({"title": "Rendición 2026", "period_start": start, "period_end": end,
                                       "introduction": "Lo que hicimos con el barrio."}, center=center, actor=actor)


def all_counts(figures):
    for code, table in figures["tables"].items():
        for key, value in table["cells"].items():
            yield code, key, value
    for code, entry in figures["indicators"].items():
        yield code, "numerator", entry["numerator"]
        yield code, "denominator", entry["denominator"]


def test_it_suppresses_small_and_recoverable_cells_in_the_published_figures(town):
    center, coordinator, _food = town
    report = accountability.publish_report(draft(center, coordinator), actor=coordinator)
    sex = report.published["tables"]["people_by_sex"]
    assert sex == {"cells": {"female": 12, "male": None, "intersex": 0, "unknown": None}, "total": 23,
                   "small": ["unknown"]}
    mobility = report.published["tables"]["people_by_mobility"]["cells"]
    assert mobility["host"] == 12 and mobility["refugee"] is None and mobility["migrant"] is None
    assert report.published["indicators"]["people_served"]["numerator"] == 23
    for code, key, value in all_counts(report.published):
        assert value is None or value == 0 or value >= 5, (code, key, value)
        if code == "people_by_mobility":
            assert value is None or value == 0 or value >= 10, (code, key, value)


def test_it_does_not_publish_population_groups_twice_through_mobility(town):
    center, coordinator, _food = town
    figures = accountability.compute(draft(center, coordinator))
    groups = figures["tables"]["people_by_group"]["cells"]
    assert "refugees_migrants" not in groups and "host_community" not in groups
    assert groups["women"] == 12


def test_it_hides_a_count_that_an_earlier_report_over_a_nested_period_would_reveal(town):
    center, coordinator, food = town
    accountability.publish_report(draft(center, coordinator), actor=coordinator)
    two_more = [make_person(center, f"Nueva{i}", "Vecina", actor=coordinator, sex="female", mobility_status="host")
                for i in range(2)]
    record_deliveries(center, food, two_more, delivered_on=date(2026, 8, 3), actor=coordinator)
    later = accountability.publish_report(draft(center, coordinator, end=date(2026, 9, 30)), actor=coordinator)
    # 14 women now against 12 before: the two of August would show; so would 25 people against 23.
    assert later.published["tables"]["people_by_sex"]["cells"]["female"] is None
    assert later.published["indicators"]["people_served"]["numerator"] is None
    # A report over a period that overlaps the first one without holding it is not compared with it.
    apart = accountability.compute(draft(center, coordinator, start=date(2026, 2, 1), end=date(2026, 9, 30)))
    assert apart["tables"]["people_by_sex"]["cells"]["female"] == 14


def test_it_freezes_the_figures_when_publishing(town, client):
    center, coordinator, food = town
    report = accountability.publish_report(draft(center, coordinator), actor=coordinator)
    late = [make_person(center, f"Tarde{i}", "Registro", actor=coordinator, sex="female") for i in range(6)]
    record_deliveries(center, food, late, delivered_on=date(2026, 3, 1), actor=coordinator)
    page = client.get(reverse("public_report", kwargs={"report_id": report.uuid}))
    assert page.context["figures"]["indicators"][0].value == 23
    with pytest.raises(Refused):
        accountability.publish_report(report, actor=coordinator)
    with pytest.raises(Refused):
        accountability.save_report({"title": "x", "period_start": date(2026, 1, 1), "period_end": date(2026, 2, 1),
                                    "introduction": ""}, center=center, actor=coordinator, report=report)


def test_it_shows_a_published_report_to_anyone_and_a_draft_to_no_one_outside(town, client):
    center, coordinator, _food = town
    report = draft(center, coordinator)
    assert client.get(reverse("public_report", kwargs={"report_id": report.uuid})).status_code == 404
    accountability.publish_report(report, actor=coordinator)
    page = client.get(reverse("public_report", kwargs={"report_id": report.uuid}))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Rendición 2026" in html and "Lo que hicimos con el barrio." in html
    for name in ("Mujer0", "Hombre", "Zapata", "Quintero", "Ocampo"):
        assert name not in html
    # Every count in a table cell is 0 or at least the threshold (shares, averages and targets aside).
    counts = [re.sub(r"<[^>]+>|&nbsp;", " ", cell).strip()
              for cell in re.findall(r'<td[^>]* class="num">(.*?)</td>', html)]
    counts = [c for c in counts if re.fullmatch(r"[\d.]+", c)]
    assert counts
    for cell in counts:
        assert int(cell.replace(".", "")) == 0 or int(cell.replace(".", "")) >= 5, cell
    # Suppressed cells are written out in words, never "<5", which reads as "under 5 %" beside shares.
    assert "&lt;5" not in html and "&lt;10" not in html
    with translation.override("es"):
        assert gettext("suppressed (fewer than %(threshold)s people)") % {"threshold": 5} in html
        assert gettext("suppressed (fewer than %(threshold)s people)") % {"threshold": 10} in html
    # The men are hidden to protect the few people of unknown sex, not because they are few: marked "*".
    sex = next(t for t in page.context["figures"]["tables"] if t["code"] == "people_by_sex")["chart"].marks
    assert [m.shown for m in sex] == ["12", "*", "0", "<5"]
    listing = client.get(reverse("public_reports", kwargs={"center_slug": center.slug}))
    assert report.title in listing.content.decode()


@pytest.mark.parametrize(("language", "heading"), [("es", "Resultados"), ("en", "Results")])
def test_it_prints_the_report_as_a_pdf_in_the_readers_language(town, client, language, heading):
    center, coordinator, _food = town
    report = accountability.publish_report(draft(center, coordinator), actor=coordinator)
    response = client.get(reverse("public_report_pdf", kwargs={"report_id": report.uuid}),
                          headers={"accept-language": language})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Rendición 2026" in text and heading in text
    words = " ".join(text.split())
    assert "<5" not in words and "<10" not in words
    with translation.override(language):
        assert gettext("suppressed (fewer than %(threshold)s people)") % {"threshold": 10} in words
    assert "Mujer0" not in text and "Quintero" not in text


def test_it_lets_the_coordinator_write_and_publish_a_report_from_the_pages(town, client):
    center, coordinator, _food = town
    client.force_login(coordinator)
    response = client.post(reverse("improvement:report_new", kwargs={"center": center.slug}), {
        "title": "Primer semestre", "period_start": "2026-01-01", "period_end": "2026-06-30", "introduction": ""})
    report = AccountabilityReport.objects.get(center=center)
    assert response.status_code == 302
    preview = client.get(reverse("improvement:report_detail", kwargs={"center": center.slug, "report_id": report.uuid}))
    assert preview.context["figures"]["tables"][1]["chart"].marks[0].value == 12
    publish = reverse("improvement:report_publish", kwargs={"center": center.slug, "report_id": report.uuid})
    asked = client.post(publish)  # the button asks once more: figures freeze
    report.refresh_from_db()
    assert asked.status_code == 200 and report.status != "published"
    assert 'name="confirm" value="yes"' in asked.content.decode()
    client.post(publish, {"confirm": "yes"})
    report.refresh_from_db()
    assert report.status == "published" and report.published["scope"]["center"] == center.name


def test_it_refuses_a_period_that_has_not_ended_or_is_reversed(town, client):
    center, coordinator, _food = town
    client.force_login(coordinator)
    url = reverse("improvement:report_new", kwargs={"center": center.slug})
    for start, end in [("2026-06-30", "2026-01-01"), ("2026-01-01", "2099-12-31")]:
        response = client.post(url, {"title": "x", "period_start": start, "period_end": end})
        assert response.status_code == 400
    assert not AccountabilityReport.objects.exists()


def test_it_lets_the_network_coordinator_publish_the_networks_report_over_every_center(town, world, client):
    center, _coordinator, _food = town
    client.force_login(world.network_coordinator)
    client.post(reverse("network_report_new"), {"title": "Red 2026", "period_start": "2026-01-01",
                                                "period_end": "2026-06-30"})
    report = AccountabilityReport.objects.get(center__isnull=True)
    client.post(reverse("network_report_publish", kwargs={"report_id": report.uuid}), {"confirm": "yes"})
    report.refresh_from_db()
    assert report.published["indicators"]["people_served"]["numerator"] == 24  # 23 here and José in center A
    assert center.name in report.published["scope"]["centers"]
    assert client.get(reverse("network_public_reports")).status_code == 200


def test_it_hides_women_and_girls_when_the_difference_with_women_by_sex_would_single_out_gender_identity(town):
    center, coordinator, food = town
    trans_woman = make_person(center, "Valentina", "Ríos", actor=coordinator, sex="male", gender="trans_woman",
                              mobility_status="host")
    record_deliveries(center, food, [trans_woman], delivered_on=date(2026, 2, 10), actor=coordinator)
    figures = accountability.compute(draft(center, coordinator))
    assert figures["tables"]["people_by_sex"]["cells"]["female"] == 12
    assert figures["tables"]["people_by_group"]["cells"]["women"] is None  # 13 against 12 would tell


def test_it_does_not_count_the_few_attendees_of_a_small_meeting(town, client):
    from integrhabitat.improvement.events.services import save_event

    center, coordinator, _food = town
    save_event(center, {"held_on": date(2026, 3, 14), "place": "Salón pequeño", "attendees": 3}, actor=coordinator)
    save_event(center, {"held_on": date(2026, 4, 14), "place": "Salón comunal", "attendees": 40}, actor=coordinator)
    report = accountability.publish_report(draft(center, coordinator), actor=coordinator)
    html = client.get(reverse("public_report", kwargs={"report_id": report.uuid}),
                      headers={"accept-language": "en"}).content.decode()
    assert "Fewer than 5 people attended." in html and "40 people attended." in html
    assert "3 people attended" not in html
