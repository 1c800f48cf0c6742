"""The center dashboard, its exports, targets and manual indicators, and the network comparison."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_user
from integrhabitat.improvement.models import ManualIndicator, ManualValue, Target
from integrhabitat.lib.testing import shown
from integrhabitat.network.models import Membership
from integrhabitat.network.roles import Role

PERIOD = {"start": "2026-01-01", "end": "2026-06-30"}
NETWORK_PERIOD = {"year": "2026", "part": "q1"}  # the network's figures cover calendar periods only


def coordinator(known):
    return Membership.objects.get(center=known.center, role=Role.COORDINATOR).user


def client_of(client, user):
    client.force_login(user)
    return client


def dashboard(known, **params):
    return reverse("improvement:dashboard", kwargs={"center": known.center.slug})


def test_it_shows_each_indicator_with_its_value_and_the_years_target(known, client):
    Target.objects.create(center=known.center, indicator="people_served", year=2026, value=3)
    Target.objects.create(center=known.center, indicator="continuity", year=2026, value=60)
    response = client_of(client, coordinator(known)).get(dashboard(known), PERIOD)
    assert response.status_code == 200
    rows = {row.code: row for _dimension, rows in response.context["sections"] for row in rows}
    assert rows["people_served"].value == 4 and rows["people_served"].met is True
    assert rows["continuity"].value == Decimal("50.0") and rows["continuity"].met is False
    assert rows["satisfaction"].value == Decimal("3.7")
    text = response.content.decode()
    assert "50,0\N{NO-BREAK SPACE}%" in text
    assert "2 / 4" in text


def test_it_draws_accessible_charts_with_the_data_table_beside_them(known, client):
    response = client_of(client, coordinator(known)).get(dashboard(known), PERIOD)
    html = response.content.decode()
    assert html.count('role="img"') >= 6
    assert 'aria-labelledby="chart-people_served-month-title chart-people_served-month-desc"' in html
    chart = next(c for c in response.context["charts"] if c.ident == "chart-people_served-month")
    assert [m.value for m in chart.marks] == [1, 1, 2, 1, 1, 1]
    # The tallest column is March, with two people; the description says so.
    assert "2" in chart.description and max(m.height for m in chart.marks) == chart.marks[2].height


def test_it_hides_sensitive_breakdowns_from_roles_that_cannot_read_sensitive_data(known, client):
    viewer = make_user("mirón", known.center, Role.VIEWER)
    response = client_of(client, viewer).get(dashboard(known), PERIOD)
    idents = {c.ident for c in response.context["charts"]}
    assert "chart-people_served-mobility" not in idents
    groups = next(c for c in response.context["charts"] if c.ident == "chart-people_served-group")
    labels = {m.label for m in groups.marks}
    assert shown("Women and girls") in labels and shown("Refugees and migrants") not in labels
    explore = client.get(dashboard(known), {**PERIOD, "indicator": "people_served", "by": "mobility"})
    assert explore.context["form"].errors  # not a choice for this role
    html = client.get(reverse("improvement:dashboard_export", kwargs={"center": known.center.slug}),
                      {**PERIOD, "as": "csv"}).content.decode()
    assert ",mobility," not in html and shown("Refugees and migrants") not in html


def test_it_breaks_an_indicator_down_on_demand(known, client):
    response = client_of(client, coordinator(known)).get(
        dashboard(known), {**PERIOD, "indicator": "continuity", "by": "sex"})
    chart = response.context["explore"]["chart"]
    assert {m.label: m.value for m in chart.marks}[shown("Male")] == Decimal("100.0")


def test_it_exports_every_figure_to_csv_and_xlsx(known, client):
    client_of(client, coordinator(known))
    url = reverse("improvement:dashboard_export", kwargs={"center": known.center.slug})
    response = client.get(url, {**PERIOD, "as": "csv"})
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    people = {(r["breakdown"], r["key"]): r["value"] for r in rows if r["indicator"] == "people_served"}
    assert people[("total", "total")] == "4"
    assert people[("sex", "female")] == "2"
    assert people[("month", "2026-03")] == "2"
    xlsx = client.get(url, PERIOD)  # Excel unless told otherwise
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert (first["indicator"], first["value"]) == ("people_served", 4)
    assert client.get(url, {"as": "pdf"}).status_code == 404


def test_it_neutralizes_a_center_name_that_a_spreadsheet_would_run_as_a_formula(known, client, world):
    world.center_b.name = '=HYPERLINK("http://evil.example","x")'
    world.center_b.save()
    client_of(client, world.network_coordinator)
    response = client.get(reverse("network_export"), {**NETWORK_PERIOD, "as": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_it_sets_and_removes_targets_for_a_year_with_an_audit_entry(known, client):
    client_of(client, coordinator(known))
    url = reverse("improvement:targets", kwargs={"center": known.center.slug})
    response = client.post(url, {"year": 2026, "t_people_served": "500", "t_continuity": "40"})
    assert response.status_code == 302
    assert dict(Target.objects.filter(center=known.center, year=2026).values_list("indicator", "value")) == {
        "people_served": Decimal("500"), "continuity": Decimal("40")}
    client.post(url, {"year": 2026, "t_people_served": "500", "t_continuity": ""})
    assert list(Target.objects.filter(center=known.center).values_list("indicator", flat=True)) == ["people_served"]
    assert AuditEntry.objects.filter(action="improvement.targets.set").count() == 2


def test_the_targets_form_shows_them_as_typed_not_with_two_decimals(known, client):
    client_of(client, coordinator(known))
    url = reverse("improvement:targets", kwargs={"center": known.center.slug})
    client.post(url, {"year": 2026, "t_people_served": "450", "t_continuity": "12.5"})

    html = client.get(url, {"year": 2026}).content.decode()

    assert 'name="t_people_served" value="450"' in html and 'name="t_continuity" value="12.5"' in html
    assert "450.00" not in html and "12.50" not in html


def test_it_refuses_a_negative_target_and_saves_nothing(known, client):
    client_of(client, coordinator(known))
    url = reverse("improvement:targets", kwargs={"center": known.center.slug})
    response = client.post(url, {"year": 2026, "t_people_served": "-5", "t_continuity": "40"})
    assert response.status_code == 400
    assert not Target.objects.exists()


def test_it_defines_a_manual_indicator_and_shows_its_monthly_values_on_the_dashboard(known, client):
    client_of(client, coordinator(known))
    url = reverse("improvement:manual_indicators", kwargs={"center": known.center.slug})
    response = client.post(url, {"action": "indicator", "name": "Empleos conseguidos", "code": "Empleos",
                                 "dimension": "integration", "definition": "Personas con empleo tras un curso",
                                 "unit": "personas", "direction": "up", "aggregation": "sum"})
    assert response.status_code == 302
    jobs = ManualIndicator.objects.get(center=known.center)
    assert jobs.code == "empleos"
    for month, value in [("2026-02-14", "3"), ("2026-03-01", "4"), ("2026-02-20", "5")]:
        client.post(url, {"action": "value", "indicator": jobs.pk, "month": month, "value": value})
    assert dict(ManualValue.objects.values_list("month", "value")) == {date(2026, 2, 1): 5, date(2026, 3, 1): 4}
    rows = {r.code: r for _d, rows in client.get(dashboard(known), PERIOD).context["sections"] for r in rows}
    assert rows["empleos"].value == 9
    duplicate = client.post(url, {"action": "indicator", "name": "Otro", "code": "empleos", "dimension": "operation",
                                  "definition": "x", "unit": "x", "direction": "up", "aggregation": "sum"})
    assert duplicate.status_code == 400
    assert shown("An indicator with this code exists already.") in duplicate.content.decode()


def test_it_refuses_targets_and_manual_indicators_to_a_case_worker(known, client):
    worker = make_user("trabajadora", known.center, Role.CASE_WORKER)
    client_of(client, worker)
    assert client.get(reverse("improvement:targets", kwargs={"center": known.center.slug})).status_code == 403
    assert client.get(dashboard(known)).status_code == 200


def test_it_compares_centers_on_the_network_overview_suppressing_small_counts(known, client, world):
    client_of(client, world.network_coordinator)
    response = client.get(reverse("network_overview"), NETWORK_PERIOD)
    rows = {indicator.code: values for indicator, _unit, values in response.context["indicator_rows"]}
    centers = [c.slug for c in response.context["centers"]]
    people = dict(zip(centers, rows["people_served"], strict=True))
    # Three people in the hand-built center's first quarter and one in center A: both under five, both hidden.
    assert people["medida"].hidden and people[world.center_a.slug].hidden
    assert people["medida"].value is None
    assert "referral_days" not in rows  # a median of a handful of cases is not compared across centers


def test_it_keeps_a_constant_number_of_queries_on_the_dashboard(known, client, django_assert_max_num_queries):
    client_of(client, coordinator(known))
    with django_assert_max_num_queries(80):
        client.get(dashboard(known), PERIOD)


def test_it_remembers_the_figures_until_the_data_changes(known, client, django_assert_max_num_queries):
    from integrhabitat.services.models import Service
    from integrhabitat.services.services import record_deliveries

    client_of(client, coordinator(known))
    first = client.get(dashboard(known), PERIOD)
    with django_assert_max_num_queries(30):  # the fingerprint of the data, and the page itself
        again = client.get(dashboard(known), PERIOD)
    rows = {r.code: r for _d, rows in again.context["sections"] for r in rows}
    assert rows["people_served"].value == 4
    newcomer = make_user("otra", known.center, Role.FRONT_DESK)
    person = known.people["p5"]
    record_deliveries(known.center, Service.objects.get(center=known.center, name="Mercados"), [person],
                      delivered_on=date(2026, 6, 1), actor=newcomer)
    rows = {r.code: r for _d, rows in client.get(dashboard(known), PERIOD).context["sections"] for r in rows}
    assert rows["people_served"].value == 5
    assert first.status_code == 200


def test_it_computes_again_when_a_service_changes_category(known, client):
    from integrhabitat.services.models import Service
    from integrhabitat.services.services import save_service

    client_of(client, coordinator(known))
    params = {**PERIOD, "indicator": "deliveries", "by": "category"}
    before = {m.label: m.value for m in client.get(dashboard(known), params).context["explore"]["chart"].marks}
    course = Service.objects.get(center=known.center, name="Curso de cocina")
    save_service(known.center, {"service_type": "VI.language"}, actor=coordinator(known), service=course)
    charts = client.get(dashboard(known), PERIOD).context["charts"]
    after = {m.label: m.value for m in next(c for c in charts if c.ident == "chart-deliveries-category").marks}
    assert before[shown("Economy")] == 1 and after[shown("Economy")] == 0
    assert after[shown("Culture and coexistence")] == 1
