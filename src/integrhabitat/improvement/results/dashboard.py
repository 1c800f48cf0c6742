"""What the center dashboard and its exports show: the indicators of a period with their targets, the charts
of the main breakdowns, and any breakdown on demand. (The network's are `improvement/network/figures.py`.)"""

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from integrhabitat.improvement.models import Dimension, Direction, ManualIndicator, Target
from integrhabitat.improvement.results.charts import Chart, bar_chart, column_chart
from integrhabitat.improvement.results.figures import small
from integrhabitat.improvement.results.indicators import (
    CATALOGUE,
    MEAN_FIGURE,
    PEOPLE_FIGURE,
    SENSITIVE_BREAKDOWNS,
    Breakdown,
    Cell,
    Indicator,
    Scope,
    Unit,
    manual_indicators,
    manual_total,
)
from integrhabitat.network.models import Center
from integrhabitat.people.groups import GROUPS


@dataclass
class Row:
    code: str
    name: str
    definition: str
    unit: str
    direction: str
    cell: Cell
    target: Decimal | None = None

    @property
    def value(self):
        return self.cell.value

    @property
    def met(self) -> bool | None:
        if self.target is None or self.value is None:
            return None
        return self.value >= self.target if self.direction == Direction.UP else self.value <= self.target


def unit_label(unit: str) -> str:
    return str(Unit(unit).label) if unit in Unit.values else unit


def target_year(start: date, end: date) -> int:
    """Targets are set per calendar year; a period's shares, averages and medians are measured against the
    target of the year it ends in (counts: `period_targets`)."""
    return end.year


# Counts that pile up over time: a period of a quarter is held to a quarter of the year's target.
ACCUMULATING_UNITS = frozenset({Unit.PEOPLE, Unit.DELIVERIES, Unit.PROPOSALS})


def _year_share(start: date, end: date, year: int) -> Decimal:
    """The share of `year` that the days of [start, end] in it make (both ends included)."""
    first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
    if last < first:
        return Decimal(0)
    return Decimal((last - first).days + 1) / Decimal((date(year, 12, 31) - date(year, 1, 1)).days + 1)


def prorated(yearly: dict[int, Decimal], start: date, end: date) -> Decimal | None:
    """A count's target for [start, end], from targets set per calendar year: each year's target by the
    share of that year the period covers (a half year, half the target; 1 July to 30 June, half of each
    year's). None when a year the period touches has no target."""
    years = range(start.year, end.year + 1)
    if any(year not in yearly for year in years):
        return None
    total = sum((yearly[year] * _year_share(start, end, year) for year in years), Decimal(0))
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def period_targets(center: Center, start: date, end: date) -> dict[str, Decimal]:
    """The target of each indicator for the period [start, end] (targets are set per calendar year):
    counts — people, services, proposals, and manual indicators added up month by month — prorated by the
    share of the year the period covers (`prorated`); shares, averages, medians and manual indicators that
    are not added up, the target of the year the period ends in, as they are."""
    rows = Target.objects.filter(center=center, year__gte=start.year, year__lte=end.year)
    by_code: dict[str, dict[int, Decimal]] = {}
    for code, year, value in rows.values_list("indicator", "year", "value"):
        by_code.setdefault(code, {})[year] = value
    summed = {m.code for m in manual_indicators(center) if m.aggregation == ManualIndicator.Aggregation.SUM}
    result = {}
    for code, yearly in by_code.items():
        indicator = CATALOGUE.get(code)
        if (indicator is not None and indicator.unit in ACCUMULATING_UNITS) or code in summed:
            target = prorated(yearly, start, end)
        else:
            target = yearly.get(target_year(start, end))
        if target is not None:
            result[code] = target
    return result


def indicator_rows(center: Center, start: date, end: date) -> list[tuple[str, list[Row]]]:
    """Every indicator of the catalogue and the center's manual ones, by dimension, with its target for the
    period (`period_targets`)."""
    scope = Scope.of(center, start, end)
    targets = period_targets(center, start, end)
    rows = [Row(i.code, str(i.name), str(i.definition), i.unit, i.direction, i.total(scope), targets.get(i.code))
            for i in CATALOGUE.values()]
    manual = list(manual_indicators(center))
    rows += [Row(m.code, m.name, m.definition, m.unit, m.direction, manual_total(m, scope), targets.get(m.code))
             for m in manual]
    dimension_of = {i.code: i.dimension for i in [*CATALOGUE.values(), *manual]}
    return [(str(d.label), [r for r in rows if dimension_of[r.code] == d]) for d in Dimension]


def allowed_breakdowns(indicator: Indicator, *, sensitive: bool) -> list[str]:
    return [b for b in indicator.breakdowns if sensitive or b not in SENSITIVE_BREAKDOWNS]


def visible_cells(cells: list[Cell], by: str, *, sensitive: bool) -> list[Cell]:
    """Without the right to read sensitive data, population groups defined by it are left out."""
    if by == Breakdown.GROUP and not sensitive:
        return [c for c in cells if not GROUPS[c.key].sensitive]
    return cells


def label_of(cell: Cell, by: str) -> str:
    if by == Breakdown.MONTH:
        return date_format(cell.label, "M Y")
    return str(cell.label)


def chart_for(indicator: Indicator, scope: Scope, by: str, *, sensitive: bool, ident: str,
              title: str | None = None) -> Chart:
    cells = visible_cells(indicator.breakdown(scope, by), by, sensitive=sensitive)
    rows = [(label_of(c, by), c.value) for c in cells]
    title = title or _("%(indicator)s by %(breakdown)s") % {"indicator": indicator.name,
                                                              "breakdown": Breakdown(by).label.lower()}
    make = column_chart if by == Breakdown.MONTH else bar_chart
    return make(ident, title, rows, unit=unit_label(indicator.unit))


# The charts every dashboard opens with: (indicator, breakdown).
MAIN_CHARTS = [
    ("people_served", Breakdown.MONTH),
    ("deliveries", Breakdown.CATEGORY),
    ("people_served", Breakdown.GROUP),
    ("people_served", Breakdown.AGE),
    ("people_served", Breakdown.SEX),
    ("continuity", Breakdown.MONTH),
    ("people_served", Breakdown.MOBILITY),
]


def main_charts(center: Center, start: date, end: date, *, sensitive: bool) -> list[Chart]:
    scope = Scope.of(center, start, end)
    return [chart_for(CATALOGUE[code], scope, by, sensitive=sensitive, ident=f"chart-{code}-{by}")
            for code, by in MAIN_CHARTS if sensitive or by not in SENSITIVE_BREAKDOWNS
            or by == Breakdown.GROUP]


# --- Exports: one long table, a row per figure, as statistics offices publish them.

EXPORT_HEADER = ["indicator", "name", "breakdown", "key", "label", "value", "numerator", "denominator", "unit",
                 "target", "center", "from", "to"]


def export_rows(centers: list[Center], start: date, end: date, *, sensitive: bool):
    """Every figure of the dashboard: totals and every breakdown the user may see. (The network's download
    is `network_figures.export_rows`: protected figures.)"""
    scope = Scope.of(centers, start, end)
    names = {str(c.pk): c.name for c in centers}
    single = centers[0] if len(centers) == 1 else None
    targets = period_targets(single, start, end) if single else {}
    center_name = single.name if single else _("Network")
    for indicator in CATALOGUE.values():
        total = indicator.total(scope)
        yield _export_row(indicator, "total", total, str(_("Total")), targets.get(indicator.code), center_name,
                          start, end)
        for by in allowed_breakdowns(indicator, sensitive=sensitive):
            if by == Breakdown.CENTER and single:
                continue
            for cell in visible_cells(indicator.breakdown(scope, by), by, sensitive=sensitive):
                label = names.get(cell.key, "") if by == Breakdown.CENTER else label_of(cell, by)
                yield _export_row(indicator, by, cell, label, None, center_name, start, end)
    if single:
        for manual in manual_indicators(single):
            cell = manual_total(manual, scope)
            yield [manual.code, manual.name, "total", "total", str(_("Total")), cell.value, None, None, manual.unit,
                   targets.get(manual.code), center_name, start, end]


def _export_row(indicator, by, cell: Cell, label, target, center_name, start, end):
    return [indicator.code, str(indicator.name), by, cell.key, label, cell.value, cell.numerator, cell.denominator,
            unit_label(indicator.unit), target, center_name, start, end]


def target_choices(center: Center) -> list[tuple[str, str]]:
    return ([(i.code, str(i.name)) for i in CATALOGUE.values()]
            + [(m.code, m.name) for m in manual_indicators(center)])


def hidden_cell(indicator: Indicator, cell: Cell, threshold: int) -> bool:
    """Whether a cell rests on a small group: a count of people, or a mean over few of them. Public facts
    (proposals, groups) are never hidden."""
    if indicator.privacy == PEOPLE_FIGURE:
        return small(cell.numerator, threshold) or small(cell.denominator, threshold)
    if indicator.privacy == MEAN_FIGURE:
        return small(cell.denominator, threshold)
    return False


# --- The fingerprint of the data the figures come from (improvement/results/snapshots.py keeps them by it).

def data_version(centers: list[Center]) -> str:
    """A fingerprint of everything the indicators read for these centers: a handful of cheap aggregates.
    Any delivery, service, person, referral, group membership, proposal, rating, message, target or value
    added, removed or changed gives another fingerprint."""
    from django.db.models import Max, Sum

    from integrhabitat.cases.models import Referral
    from integrhabitat.cocreation.models import Proposal
    from integrhabitat.communities.models import Member
    from integrhabitat.improvement.models import Feedback, ManualValue, Satisfaction
    from integrhabitat.people.models import Participant
    from integrhabitat.services.models import Service, ServiceDelivery

    ids = [c.pk for c in centers]
    parts = [
        ServiceDelivery.objects.filter(center_id__in=ids).aggregate(n=Count("*"), m=Max("id")),  # index only
        Service.objects.filter(center_id__in=ids).aggregate(n=Count("id"), m=Max("updated_at")),  # categories
        Participant.objects.filter(center_id__in=ids).aggregate(n=Count("id"), m=Max("updated_at")),
        Referral.objects.filter(center_id__in=ids).aggregate(n=Count("id"), v=Sum("version")),
        Proposal.objects.filter(center_id__in=ids).aggregate(n=Count("id"), v=Sum("version")),
        Member.objects.filter(group__center_id__in=ids).aggregate(
            n=Count("id"), m=Max("id"), left=Count("id", filter=Q(left_on__isnull=False)),
            active=Count("id", filter=Q(status=Member.Status.ACTIVE))),
        Satisfaction.objects.filter(center_id__in=ids).aggregate(n=Count("id"), m=Max("id")),
        Feedback.objects.filter(center_id__in=ids).aggregate(n=Count("id"), v=Sum("version")),
        Target.objects.filter(center_id__in=ids).aggregate(n=Count("id"), m=Max("updated_at")),
        ManualValue.objects.filter(center_id__in=ids).aggregate(n=Count("id"), m=Max("entered_at")),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:20]
