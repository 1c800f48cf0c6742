"""The network's figures — the overview of its centers and their comparison by indicator, on the page and in
its downloads — protected so that nobody can be singled out, whatever periods are put side by side.

The network coordinator sees aggregates only, for one calendar month, quarter or year that has ended
(`improvement/results/periods.py`). Every count of people — or of services, referrals, complaints and ratings, which
bound the people behind them — is hidden when:

- it is small: 1 to `SMALL_CELL_THRESHOLD - 1`, or to `SENSITIVE_CELL_THRESHOLD - 1` for population groups
  defined by sensitive data (mobility status, disability, victimhood, ethnicity, street, LGBTQI+), as in the
  published accountability reports;
- it differs by that little from the same count over a nested period (the quarter and year of a month, the
  months and quarters of a year...) or in a published accountability report over a nested period:
  subtracting one from the other would isolate the people of the difference. The rule reads both periods'
  counts, so it hides the figure on both pages, whichever is opened first;
- it would let a hidden count be worked out: the centers add up to the network, a center's categories to
  its services, new and returning people to the people served. When a single figure of such a sum is
  hidden, the smallest other one is hidden too (`accountability.protect`, the reports' secondary
  suppression), over and over until no sum has a single hidden figure.

A share or an average is shown only when the counts it rests on are; proposals and groups, public facts,
never hidden. Hidden figures are marked "<5" (or "<10") when small themselves, "*" when hidden to protect
others; the page writes the marks out in words (`{{ mark|suppressed }}`, `improvement/templatetags/figures_tags.py`).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from integrhabitat.improvement.accountability.services import differenced, protect, thresholds
from integrhabitat.improvement.models import AccountabilityReport
from integrhabitat.improvement.results.dashboard import unit_label
from integrhabitat.improvement.results.figures import small
from integrhabitat.improvement.results.indicators import (
    CATALOGUE,
    MEAN_FIGURE,
    PUBLIC_FIGURE,
    Breakdown,
    Cell,
    Indicator,
    Scope,
    Unit,
)
from integrhabitat.improvement.results.periods import CalendarPeriod
from integrhabitat.network.models import Center
from integrhabitat.people.groups import GROUPS
from integrhabitat.people.models import MobilityStatus, Participant
from integrhabitat.services.taxonomy import SHORT_CATEGORY_LABELS, Category

# A count, named: ("indicator", code, center id or None for the network, "numerator" | "denominator"),
# ("category", center id, category) for services, ("group", center id, group code) for people.
Key = tuple

# Counts that are one figure under two names, protected as one.
SAME_COUNT = {
    ("continuity", "denominator"): ("people_served", "numerator"),
    ("referrals_completed", "denominator"): ("referrals_answered", "denominator"),
    ("referral_days", "denominator"): ("referrals_answered", "numerator"),
}
# Counts whose centers' figures add up to the network's (every person, referral, complaint and rating
# belongs to one center).
ADDITIVE = [("people_served", "numerator"), ("deliveries", "numerator"), ("new_people", "numerator"),
            ("returning_people", "numerator"), ("continuity", "numerator"), ("referrals_answered", "numerator"),
            ("referrals_answered", "denominator"), ("referrals_completed", "numerator"),
            ("complaints_on_time", "numerator"), ("complaints_on_time", "denominator"),
            ("satisfaction", "denominator")]
# A published report counts these groups in its mobility table, by status.
MOBILITY_GROUP_STATUSES = {
    "host_community": [MobilityStatus.HOST],
    "refugees_migrants": [MobilityStatus.REFUGEE, MobilityStatus.ASYLUM_SEEKER, MobilityStatus.MIGRANT,
                          MobilityStatus.IN_TRANSIT],
    "returned": [MobilityStatus.RETURNED],
    "displaced": [MobilityStatus.DISPLACED],
}


def indicator_key(code: str, center: int | None, part: str) -> Key:
    code, part = SAME_COUNT.get((code, part), (code, part))
    return ("indicator", code, center, part)


def count_parts(indicator: Indicator) -> tuple[str, ...]:
    """The counts a figure of `indicator` rests on, and so reveals."""
    if indicator.privacy == PUBLIC_FIGURE:
        return ()
    if indicator.privacy == MEAN_FIGURE:
        return ("denominator",)
    return ("numerator", "denominator") if indicator.unit == Unit.PERCENT else ("numerator",)


def limit(key: Key) -> int:
    """The smallest count of `key` that may be shown."""
    cell, sensitive = thresholds()
    return sensitive if key[0] == "group" and GROUPS[key[2]].sensitive else cell


# --- Counting one period, unprotected (never shown as it is) ----------------------------------------------


@dataclass
class Measured:
    cells: dict[tuple[str, int | None], Cell]  # by (indicator, center id or None for the network)
    categories: dict[int, dict[str, int]]  # services, by center and category
    groups: dict[int, dict[str, int]]  # people, by center and population group

    def counts(self) -> dict[Key, int]:
        counts = {}
        for (code, center), cell in self.cells.items():
            for part in count_parts(CATALOGUE[code]):
                counts[indicator_key(code, center, part)] = getattr(cell, part) or 0
        for center, cells in self.categories.items():
            counts.update({("category", center, key): value for key, value in cells.items()})
        for center, cells in self.groups.items():
            counts.update({("group", center, key): value for key, value in cells.items()})
        return counts


def measure(centers: list[Center], period: CalendarPeriod) -> Measured:
    """Every figure of the period, in a fixed number of queries whatever the number of centers."""
    scope = Scope.of(centers, period.start, period.end)
    cells = {}
    for indicator in CATALOGUE.values():
        cells[(indicator.code, None)] = indicator.total(scope)
        if Breakdown.CENTER in indicator.breakdowns:
            for cell in indicator.breakdown(scope, Breakdown.CENTER):
                cells[(indicator.code, int(cell.key))] = cell
    ids = [c.pk for c in centers]
    categories = {pk: dict.fromkeys(Category.values, 0) for pk in ids}
    for row in scope.deliveries().order_by().values("center_id", "service__category").annotate(n=Count("*")):
        if row["service__category"] in categories[row["center_id"]]:
            categories[row["center_id"]][row["service__category"]] = row["n"]
    # People by who they are: once each, over the participants table (as `indicators.grouped` does);
    # ages at the end of the period.
    served = Participant.objects.filter(center_id__in=ids,
                                        pk__in=scope.deliveries().order_by().values("participant_id"))
    groups = {pk: dict.fromkeys(GROUPS, 0) for pk in ids}
    counted = served.order_by().values("center_id").annotate(
        **{f"in_{code}": Count("id", filter=group.q(period.end)) for code, group in GROUPS.items()})
    for row in counted:
        groups[row["center_id"]].update({code: row[f"in_{code}"] for code in GROUPS})
    return Measured(cells, categories, groups)


def published_counts(centers: list[Center], period: CalendarPeriod) -> list[dict[Key, int]]:
    """The counts of the published accountability reports, of these centers or of the network, over a period
    nested with `period` (or the same): what they froze is public and stays."""
    nested = (Q(period_start__lte=period.start, period_end__gte=period.end)
              | Q(period_start__gte=period.start, period_end__lte=period.end))
    reports = AccountabilityReport.objects.filter(
        nested, Q(center__in=centers) | Q(center__isnull=True), status=AccountabilityReport.Status.PUBLISHED,
    ).only("center_id", "published")
    result = []
    for report in reports:
        figures, center = report.published or {}, report.center_id
        counts = {}
        for code, entry in figures.get("indicators", {}).items():
            for part in count_parts(CATALOGUE[code]) if code in CATALOGUE else ():
                if entry.get(part) is not None:
                    counts[indicator_key(code, center, part)] = entry[part]
        tables = figures.get("tables", {}) if center is not None else {}
        for kind, table in (("category", "services_by_category"), ("group", "people_by_group")):
            for key, value in tables.get(table, {}).get("cells", {}).items():
                if value is not None:
                    counts[(kind, center, key)] = value
        mobility = tables.get("people_by_mobility", {}).get("cells", {})
        for group, statuses in MOBILITY_GROUP_STATUSES.items():
            values = [mobility.get(status) for status in statuses]
            if mobility and None not in values:
                counts[("group", center, group)] = sum(values)
        result.append(counts)
    return result


# --- Protecting them ----------------------------------------------------------------------------------------


def sums(centers: list[Center]) -> list[list[Key]]:
    """The figures that add up, each as [total, *parts]."""
    ids = [c.pk for c in centers]
    result = [[indicator_key("deliveries", pk, "numerator"), *(("category", pk, c) for c in Category.values)]
              for pk in ids]
    result += [[indicator_key(code, pk, "numerator") for code in ("people_served", "new_people", "returning_people")]
               for pk in [*ids, None]]
    result += [[indicator_key(code, None, part), *(indicator_key(code, pk, part) for pk in ids)]
               for code, part in ADDITIVE]
    return result


def hidden_counts(counts: dict[Key, int], others: dict[Key, list[int]], additions: list[list[Key]]) -> set[Key]:
    """The counts not to show: small ones, those that differ little from `others` (the same counts over
    nested periods), and as many more as it takes for no sum to have a single hidden figure. A small count
    of another period is hidden there whatever this one shows: it is not compared."""

    def comparable(key: Key) -> list[int]:
        return [value for value in others.get(key, []) if not small(value, limit(key))]

    hidden = {key for key, value in counts.items()
              if small(value, limit(key)) or differenced(value, comparable(key), limit(key))}
    cell_threshold, _sensitive = thresholds()
    changed = True
    while changed:
        changed = False
        for members in additions:
            table = {key: counts[key] for key in members}
            shown = protect(table, cell_threshold, total=table[members[0]], also_hide=hidden & set(members),
                            thresholds_by_key={key: limit(key) for key in members})
            more = {key for key, value in shown.items() if value is None} - hidden
            if more:
                hidden |= more
                changed = True
    return hidden


@dataclass(frozen=True)
class Shown:
    """A figure as the network's pages show it: its value, or hidden and its mark — "<5" (fewer than the
    threshold) or "*" (hidden so that another figure cannot be worked out), written out in words on the page
    (`{{ mark|suppressed }}`)."""

    value: object = None
    hidden: bool = False
    mark: str = ""
    numerator: int | None = None
    denominator: int | None = None


@dataclass
class CenterColumn:
    center: Center
    categories: dict[str, Shown]  # services given, by category
    groups: dict[str, Shown]  # people served, by population group


@dataclass
class NetworkFigures:
    start: date
    end: date
    columns: list[CenterColumn]
    totals: dict[str, Shown]  # the network's figure of every indicator
    by_center: dict[str, list[Shown]]  # of the indicators compared by center: a figure per column


def compute(centers: list[Center], period: CalendarPeriod, *, today: date | None = None) -> NetworkFigures:
    """The network's figures of `period`, protected (see the module's docstring)."""
    today = today or timezone.localdate()
    measured = measure(centers, period)
    counts = measured.counts()
    others: dict[Key, list[int]] = {}
    nested = [measure(centers, p).counts() for p in period.nested() if p.has_ended(today)]
    for other in [*nested, *published_counts(centers, period)]:
        for key, value in other.items():
            others.setdefault(key, []).append(value)
    hidden = hidden_counts(counts, others, sums(centers))

    def shown(keys: list[Key], value, cell: Cell | None = None) -> Shown:
        if not any(key in hidden for key in keys):
            return Shown(value, numerator=cell.numerator if cell else value,
                         denominator=cell.denominator if cell else None)
        tiny = [key for key in keys if small(counts[key], limit(key))]
        return Shown(hidden=True, mark=f"<{limit(tiny[0])}" if tiny else "*")

    def of_indicator(code: str, center: int | None) -> Shown:
        cell = measured.cells[(code, center)]
        return shown([indicator_key(code, center, part) for part in count_parts(CATALOGUE[code])], cell.value, cell)

    columns = [CenterColumn(
        center=c,
        categories={k: shown([("category", c.pk, k)], v) for k, v in measured.categories[c.pk].items()},
        groups={k: shown([("group", c.pk, k)], v) for k, v in measured.groups[c.pk].items()},
    ) for c in centers]
    return NetworkFigures(
        start=period.start, end=period.end, columns=columns,
        totals={code: of_indicator(code, None) for code in CATALOGUE},
        by_center={code: [of_indicator(code, c.pk) for c in centers]
                   for code, indicator in CATALOGUE.items() if Breakdown.CENTER in indicator.breakdowns},
    )


# --- Reading them: the page's tables and the download's rows ------------------------------------------------


def indicator_rows(figures: NetworkFigures) -> list[tuple[Indicator, str, list[Shown]]]:
    return [(CATALOGUE[code], unit_label(CATALOGUE[code].unit), values) for code, values in figures.by_center.items()]


def category_rows(figures: NetworkFigures) -> list[tuple[str, list[Shown]]]:
    return [(SHORT_CATEGORY_LABELS[c], [col.categories[c.value] for col in figures.columns]) for c in Category]


def group_rows(figures: NetworkFigures) -> list[tuple[str, list[Shown]]]:
    return [(g.label, [col.groups[g.code] for col in figures.columns]) for g in GROUPS.values()]


def export_rows(figures: NetworkFigures) -> Iterator[list]:
    """The figures of the page, a row each (`dashboard.EXPORT_HEADER`), hidden ones empty: the network's
    total and every center's figure of each indicator, then each center's services by category and people
    by population group."""
    network = _("Network")

    def row(indicator: Indicator, by: str, key: str, label, figure: Shown, where: str) -> list:
        return [indicator.code, str(indicator.name), by, key, str(label), figure.value, figure.numerator,
                figure.denominator, unit_label(indicator.unit), None, where, figures.start, figures.end]

    for code, indicator in CATALOGUE.items():
        yield row(indicator, "total", "total", _("Total"), figures.totals[code], network)
        for column, figure in zip(figures.columns, figures.by_center.get(code, []), strict=False):
            yield row(indicator, Breakdown.CENTER, str(column.center.pk), column.center.name, figure, network)
    for column in figures.columns:
        for c in Category:
            yield row(CATALOGUE["deliveries"], Breakdown.CATEGORY, c.value, SHORT_CATEGORY_LABELS[c],
                      column.categories[c.value], column.center.name)
        for group in GROUPS.values():
            yield row(CATALOGUE["people_served"], Breakdown.GROUP, group.code, group.label,
                      column.groups[group.code], column.center.name)
