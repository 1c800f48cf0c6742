"""Public accountability (rendición pública de cuentas): a center's — or the network's — report for a
period, published as a web page and a PDF.

What is published never reveals individuals:

- *primary suppression*: a count of people (or of services, which bounds the people behind it) from 1 to
  `SMALL_CELL_THRESHOLD - 1` is not shown; for sensitive dimensions (mobility status, disability,
  LGBTQI+, victimhood, ethnicity, street) the threshold is `SENSITIVE_CELL_THRESHOLD`;
- *secondary suppression*: when a table shows its total and exactly one of its cells is hidden, the
  cell would be the total minus the others, so the smallest other non-zero cell is hidden too;
- *across reports*: a count that differs by 1 to threshold − 1 from the same count in an earlier
  published report of the same center over a nested period (one period inside the other) would reveal
  the people of the difference, so it is hidden (and secondary suppression runs again);
- ratios, averages and medians are shown only when the people they rest on are not a small cell.

Publishing freezes the suppressed figures in `AccountabilityReport.published` (codes and numbers, no
labels: the page and the PDF label them in the reader's language). No personal data is ever part of it.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import services as audit
from integrhabitat.cocreation.models import Proposal
from integrhabitat.improvement.events import services as accountability_events
from integrhabitat.improvement.models import AccountabilityReport, ServiceReview
from integrhabitat.improvement.results.figures import small
from integrhabitat.improvement.results.indicators import CATALOGUE, Breakdown, Cell, Scope, categories
from integrhabitat.lib.errors import Refused
from integrhabitat.network.models import Center
from integrhabitat.partners.models import Organization
from integrhabitat.people.groups import GROUPS

# Population groups defined by mobility status are published in the mobility table, whose cells they add
# up: shown twice they could be differenced against each other.
MOBILITY_DERIVED_GROUPS = frozenset({"host_community", "refugees_migrants", "returned", "displaced"})


def thresholds() -> tuple[int, int]:
    return settings.SMALL_CELL_THRESHOLD, settings.SENSITIVE_CELL_THRESHOLD


@dataclass(frozen=True)
class TableSpec:
    code: str
    title: object
    indicator: str
    by: str
    sensitive: bool = False


TABLES = [
    TableSpec("people_by_month", _("People served by month"), "people_served", Breakdown.MONTH),
    TableSpec("people_by_sex", _("People served by sex"), "people_served", Breakdown.SEX),
    TableSpec("people_by_age", _("People served by age group"), "people_served", Breakdown.AGE),
    TableSpec("people_by_group", _("People served by population group"), "people_served", Breakdown.GROUP),
    TableSpec("people_by_mobility", _("People served by human mobility status"), "people_served",
              Breakdown.MOBILITY, sensitive=True),
    TableSpec("services_by_category", _("Services given by category"), "deliveries", Breakdown.CATEGORY),
]
TABLES_BY_CODE = {t.code: t for t in TABLES}

# The indicators a report shows, in this order.
REPORT_INDICATORS = ["people_served", "deliveries", "new_people", "returning_people", "continuity",
                     "referrals_answered", "referrals_completed", "referral_days", "groups_mixing",
                     "proposals_answered", "proposals_implemented", "satisfaction", "complaints_on_time"]


def protect(cells: dict[str, int], threshold: int, *, total: int | None = None,
            also_hide: frozenset[str] | set[str] = frozenset(), thresholds_by_key: dict[str, int] | None = None,
            partition: bool = True) -> dict[str, int | None]:
    """Primary and secondary suppression of one table (None marks a hidden cell).

    `partition`: the cells add up to the published total (or the table could be read as if they did),
    so a single hidden cell must not be left alone."""
    limit = thresholds_by_key or {}
    hidden = {k for k, v in cells.items() if small(v, limit.get(k, threshold))} | set(also_hide)
    if partition and total is not None and len(hidden) == 1:
        others = sorted((v, k) for k, v in cells.items() if k not in hidden and v > 0)
        if others:
            hidden.add(others[0][1])
    return {k: None if k in hidden else v for k, v in cells.items()}


def _nested(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    return (a_start <= b_start and b_end <= a_end) or (b_start <= a_start and a_end <= b_end)


def differenced(value: int | None, earlier: list[int | None], threshold: int) -> bool:
    """Whether `value` would reveal a small group by difference with the same count published before."""
    return value is not None and any(e is not None and small(abs(value - e), threshold) for e in earlier)


def _earlier_reports(report: AccountabilityReport) -> list[dict]:
    """The frozen figures of the scope's published reports over a period nested with this one's."""
    others = AccountabilityReport.objects.filter(center=report.center, status=AccountabilityReport.Status.PUBLISHED)
    if report.pk:
        others = others.exclude(pk=report.pk)
    return [r.published for r in others
            if r.period_start != report.period_start or r.period_end != report.period_end
            if _nested(r.period_start, r.period_end, report.period_start, report.period_end)]


def _centers(report: AccountabilityReport) -> list[Center]:
    if report.center_id:
        return [report.center]
    return list(Center.objects.filter(is_active=True).order_by("name"))


def _indicator_entry(code: str, cell: Cell, target, earlier: list[dict], threshold: int) -> dict[str, Any]:
    from integrhabitat.improvement.results.dashboard import hidden_cell

    indicator = CATALOGUE[code]
    hidden = hidden_cell(indicator, cell, threshold)
    if indicator.counts_people:
        for part in ("numerator", "denominator"):
            previous = [e["indicators"].get(code, {}).get(part) for e in earlier]
            hidden = hidden or differenced(getattr(cell, part), previous, threshold)
    value, numerator, denominator = (None, None, None) if hidden else (cell.value, cell.numerator, cell.denominator)
    return {"value": None if value is None else str(value), "numerator": numerator, "denominator": denominator,
            "target": None if target is None else str(target)}


def compute(report: AccountabilityReport) -> dict[str, Any]:
    """The report's figures as they would be published now, every suppression applied."""
    threshold, sensitive_threshold = thresholds()
    centers = _centers(report)
    scope = Scope.of(centers, report.period_start, report.period_end)
    earlier = _earlier_reports(report)
    targets = {}
    if report.center_id:
        # The targets of the report's own period: a half year is held to half the year's count.
        from integrhabitat.improvement.results.dashboard import period_targets

        targets = period_targets(report.center, report.period_start, report.period_end)
    indicators = {code: _indicator_entry(code, CATALOGUE[code].total(scope), targets.get(code), earlier, threshold)
                  for code in REPORT_INDICATORS}
    people_total = indicators["people_served"]["numerator"]
    services_total = indicators["deliveries"]["numerator"]

    tables = {}
    for spec in TABLES:
        cells = {c.key: c.numerator or 0 for c in CATALOGUE[spec.indicator].breakdown(scope, spec.by)}
        limits = None
        if spec.by == Breakdown.GROUP:
            cells = {k: v for k, v in cells.items() if k not in MOBILITY_DERIVED_GROUPS}
            limits = {k: sensitive_threshold if GROUPS[k].sensitive else threshold for k in cells}
        table_threshold = sensitive_threshold if spec.sensitive else threshold
        previous = {}
        for e in earlier:
            for key, value in e["tables"].get(spec.code, {}).get("cells", {}).items():
                previous.setdefault(key, []).append(value)
        also_hide = {k for k, v in cells.items()
                     if differenced(v, previous.get(k, []), (limits or {}).get(k, table_threshold))}
        total = services_total if spec.indicator == "deliveries" else people_total
        # Population groups overlap and months repeat people: neither adds up to the total.
        partition = spec.by not in (Breakdown.GROUP, Breakdown.MONTH)
        protected = protect(cells, table_threshold, total=total, also_hide=also_hide, thresholds_by_key=limits,
                            partition=partition)
        # Which hidden cells are small themselves ("<5") and which are hidden to protect others ("*").
        small_ones = [k for k, v in cells.items() if small(v, (limits or {}).get(k, table_threshold))]
        tables[spec.code] = {"cells": protected, "total": total, "small": small_ones}

    _protect_across_tables(tables, sensitive_threshold)

    proposals = Proposal.objects.filter(center__in=centers, created_at__date__gte=report.period_start,
                                        created_at__date__lte=report.period_end)
    public = Q(process__isnull=True) | Q(process__is_public=True)
    reviews = (ServiceReview.objects.filter(center__in=centers, reviewed_at__date__gte=report.period_start,
                                            reviewed_at__date__lte=report.period_end)
               .exclude(decision=ServiceReview.Decision.CONTINUE).select_related("service", "new_service", "center")
               .order_by("reviewed_at"))
    return {
        "scope": {"center": report.center.name if report.center_id else None,
                  "centers": [c.name for c in centers],
                  "start": report.period_start.isoformat(), "end": report.period_end.isoformat()},
        "thresholds": {"cell": threshold, "sensitive": sensitive_threshold},
        "indicators": indicators,
        "tables": tables,
        "implemented": list(proposals.filter(public, status=Proposal.Status.IMPLEMENTED)
                            .order_by("title").values_list("title", flat=True)[:50]),
        "reviews": [{"service": r.service.name, "decision": r.decision,
                     "new_service": r.new_service.name if r.new_service_id else "",
                     "center": r.center.name} for r in reviews],
        "partners": sorted(set(Organization.objects.filter(center__in=centers).receiving_referrals()
                               .values_list("name", flat=True))),
        "events": [event for c in centers
                   for event in accountability_events.public_summary(c, report.period_start, report.period_end)],
        # No finance module yet: the report says so rather than showing nothing.
        "finance": None,
    }


def _protect_across_tables(tables: dict[str, dict], sensitive_threshold: int) -> None:
    """Women and girls (by gender identity, or by sex when none was given) against women by sex: their
    difference counts people whose gender identity differs from their sex, which is sensitive. When it is
    a small group the population-group cell is hidden."""
    women = tables["people_by_group"]["cells"].get("women")
    female = tables["people_by_sex"]["cells"].get("female")
    if women is not None and differenced(women, [female], sensitive_threshold):
        tables["people_by_group"]["cells"]["women"] = None


@transaction.atomic
def save_report(data: dict[str, Any], *, center: Center | None, actor,
                report: AccountabilityReport | None = None) -> AccountabilityReport:
    if report is not None and report.status == AccountabilityReport.Status.PUBLISHED:
        raise Refused(_("A published report cannot be changed; write a new one for the period."))
    if data["period_end"] < data["period_start"]:
        raise Refused(_("The end of the period comes before its start."))
    if data["period_end"] > timezone.localdate():
        raise Refused(_("A report covers a period that has ended, or ends today."))
    created = report is None
    report = report or AccountabilityReport(center=center, created_by=actor)
    for name in ("title", "period_start", "period_end", "introduction"):
        setattr(report, name, data[name])
    report.save()
    audit.record("improvement.report.created" if created else "improvement.report.changed", report, actor=actor,
                 center=center, fields=list(data))
    return report


@transaction.atomic
def publish_report(report: AccountabilityReport, *, actor) -> AccountabilityReport:
    """Freeze the suppressed figures and make the report public. Reports of a scope are published one
    at a time (the row lock on the scope's reports), so that each sees the ones before it."""
    list(AccountabilityReport.objects.select_for_update().filter(center=report.center).values_list("pk", flat=True))
    current = AccountabilityReport.objects.select_for_update().get(pk=report.pk)
    if current.status == AccountabilityReport.Status.PUBLISHED:
        raise Refused(_("This report is published already."))
    current.published = compute(current)
    current.status = AccountabilityReport.Status.PUBLISHED
    current.published_at = timezone.now()
    current.save(update_fields=["published", "status", "published_at"])
    audit.record("improvement.report.published", current, actor=actor, center=current.center)
    return current


def as_decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


# --- Reading a published (or previewed) report: labels in the reader's language.


def present(figures: dict[str, Any]) -> dict[str, Any]:
    """What the page and the PDF show, from frozen figures."""
    from integrhabitat.improvement.results.charts import bar_chart, column_chart
    from integrhabitat.improvement.results.dashboard import Row, label_of, unit_label

    start, end = date.fromisoformat(figures["scope"]["start"]), date.fromisoformat(figures["scope"]["end"])
    scope = Scope((), start, end)
    indicators = []
    # In catalogue order: PostgreSQL's jsonb does not keep the order of keys.
    for code in [c for c in REPORT_INDICATORS if c in figures["indicators"]]:
        entry, indicator = figures["indicators"][code], CATALOGUE[code]
        cell = Cell(code, indicator.name, entry["numerator"], entry["denominator"], as_decimal(entry["value"]))
        indicators.append(Row(code, str(indicator.name), str(indicator.definition), indicator.unit,
                              indicator.direction, cell, as_decimal(entry["target"])))
    tables = []
    for spec in [t for t in TABLES if t.code in figures["tables"]]:
        code, table = spec.code, figures["tables"][spec.code]
        limit = figures["thresholds"]["sensitive" if spec.sensitive else "cell"]
        rows = []
        # In the breakdown's own order: PostgreSQL's jsonb does not keep the order of keys either.
        for key, label in [(k, label) for k, label in categories(spec.by, scope) if k in table["cells"]]:
            value = table["cells"][key]
            row_limit = limit
            if spec.by == Breakdown.GROUP and GROUPS[key].sensitive:
                row_limit = figures["thresholds"]["sensitive"]
            mark = f"<{row_limit}" if key in table.get("small", table["cells"]) else "*"
            rows.append((label_of(Cell(key, label), spec.by), value, mark))
        make = column_chart if spec.by == Breakdown.MONTH else bar_chart
        chart = make(f"report-{code}", str(spec.title), [(label, value) for label, value, _mark in rows],
                     unit=unit_label(CATALOGUE[spec.indicator].unit), suppressed_as=f"<{limit}")
        for mark, (_label_text, _value, shown_mark) in zip(chart.marks, rows, strict=True):
            if mark.value is None:
                mark.shown = shown_mark
        tables.append({"code": code, "chart": chart, "total": table["total"]})
    decisions = dict(ServiceReview.Decision.choices)
    return {
        "scope": figures["scope"], "start": start, "end": end, "thresholds": figures["thresholds"],
        "indicators": indicators, "tables": tables, "implemented": figures["implemented"],
        "reviews": [{**r, "decision_label": decisions.get(r["decision"], r["decision"])} for r in figures["reviews"]],
        "partners": figures["partners"], "finance": figures["finance"],
        # A public page shows no count of people under the threshold, not even of a meeting's attendees.
        "events": [{**event, "held_on": date.fromisoformat(event["held_on"]),
                    "few_attendees": 0 < event["attendees"] < figures["thresholds"]["cell"],
                    "commitments": [{**c, "due_on": date.fromisoformat(c["due_on"])} for c in event["commitments"]]}
                   for event in figures["events"]],
    }

