"""Figure 4: each aggregate of the center's results page, computed by the platform
(improvement/results/indicators.py) and by the best SQL written by hand for the same figure, run side by side
on the same 12 months. The ratio is platform time over hand-written SQL time. The target is both: the same
numbers as the hand-written SQL, within 1.5× its time; a figure that differs is a miss whatever its speed."""

import statistics
from dataclasses import dataclass

from django.db import connection

from integrhabitat.bench.measure import Context, Figure, time_ms
from integrhabitat.improvement.results.forms import DashboardForm
from integrhabitat.improvement.results.indicators import (
    CATALOGUE,
    CONTINUITY_SERVICES,
    CONTINUITY_VISITS,
    CONTINUITY_WINDOW_DAYS,
    UNKNOWN,
    Scope,
)
from integrhabitat.people.models import Participant
from integrhabitat.services.models import Service, ServiceDelivery

GOAL = 1.5
D, S, P = ServiceDelivery._meta.db_table, Service._meta.db_table, Participant._meta.db_table


def _month(column: str) -> str:
    return f"to_char({column}, 'YYYY-MM')" if connection.vendor == "postgresql" else f"strftime('%%Y-%%m', {column})"


def _days_apart(later: str, earlier: str) -> str:
    return f"{later} - {earlier}" if connection.vendor == "postgresql" else f"julianday({later}) - julianday({earlier})"


SCOPE = "d.center_id = %(center)s AND d.delivered_on >= %(start)s AND d.delivered_on <= %(end)s"


def _continuing() -> str:
    """Participant ids served in the period with two or more services, or three visits within 90 days."""
    return (f"SELECT d.participant_id FROM {D} d WHERE {SCOPE} GROUP BY d.participant_id "  # noqa: S608
            f"HAVING count(DISTINCT d.service_id) >= {CONTINUITY_SERVICES} "
            f"UNION SELECT participant_id FROM (SELECT participant_id, delivered_on, "
            f"LAG(delivered_on, {CONTINUITY_VISITS - 1}) OVER (PARTITION BY participant_id ORDER BY delivered_on) "
            f"AS earlier FROM (SELECT DISTINCT d.participant_id, d.delivered_on FROM {D} d WHERE {SCOPE}) days) lagged "
            f"WHERE earlier IS NOT NULL AND {_days_apart('delivered_on', 'earlier')} < {CONTINUITY_WINDOW_DAYS}")


def hand_sql() -> dict[str, str]:
    """The hand-written SQL of each aggregate: (key, value) rows, or one row of values for a total."""
    before = (f"SELECT 1 FROM {D} e WHERE e.participant_id = d.participant_id "  # noqa: S608
              "AND e.center_id = %(center)s AND e.delivered_on < %(start)s")
    # No user input reaches these texts: table names come from the models, values are parameters.
    served = f"FROM {D} d WHERE {SCOPE}"
    month = _month("d.delivered_on")
    return {
        "people_served": f"SELECT count(DISTINCT d.participant_id) {served}",  # noqa: S608
        "deliveries": f"SELECT count(*) {served}",  # noqa: S608
        "new_people": f"SELECT count(DISTINCT d.participant_id) {served} AND NOT EXISTS ({before})",  # noqa: S608
        "returning_people": f"SELECT count(DISTINCT d.participant_id) {served} AND EXISTS ({before})",  # noqa: S608
        "people_served_by_month": f"SELECT {month}, count(DISTINCT d.participant_id) {served} GROUP BY 1",  # noqa: S608
        "people_served_by_sex": (f"SELECT p.sex, count(DISTINCT d.participant_id) FROM {D} d "  # noqa: S608
                                 f"JOIN {P} p ON p.id = d.participant_id WHERE {SCOPE} GROUP BY 1"),
        "deliveries_by_category": (f"SELECT s.category, count(*) FROM {D} d "  # noqa: S608
                                   f"JOIN {S} s ON s.id = d.service_id WHERE {SCOPE} GROUP BY 1"),
        "continuity": (f"SELECT (SELECT count(*) FROM ({_continuing()}) c), "  # noqa: S608
                       f"(SELECT count(DISTINCT d.participant_id) {served})"),
        "continuity_by_month": (f"SELECT {month}, count(DISTINCT CASE WHEN c.participant_id IS NOT NULL "  # noqa: S608
                                f"THEN d.participant_id END), count(DISTINCT d.participant_id) FROM {D} d "
                                f"LEFT JOIN ({_continuing()}) c ON c.participant_id = d.participant_id "
                                f"WHERE {SCOPE} GROUP BY 1"),
    }


@dataclass
class Aggregate:
    key: str
    indicator: str
    by: str | None

    def platform(self, scope: Scope):
        indicator = CATALOGUE[self.indicator]
        ratio = self.indicator == "continuity"
        if self.by is None:
            cell = indicator.total(scope)
            return (cell.numerator or 0, cell.denominator or 0) if ratio else cell.numerator or 0
        cells = indicator.breakdown(scope, self.by)
        if ratio:
            return {c.key: (c.numerator, c.denominator) for c in cells if c.denominator}
        return {c.key: c.numerator for c in cells if c.numerator}

    def hand(self, sql: str, params: dict):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if self.by is None:
            return tuple(rows[0]) if self.indicator == "continuity" else rows[0][0]
        if self.indicator == "continuity":
            return {row[0]: (row[1], row[2]) for row in rows if row[2]}
        result: dict[str, int] = {}
        for key, value in rows:
            key = str(key) if key not in (None, "") else UNKNOWN
            result[key] = result.get(key, 0) + value
        return {k: v for k, v in result.items() if v}


AGGREGATES = [
    Aggregate("people_served", "people_served", None),
    Aggregate("deliveries", "deliveries", None),
    Aggregate("new_people", "new_people", None),
    Aggregate("returning_people", "returning_people", None),
    Aggregate("people_served_by_month", "people_served", "month"),
    Aggregate("people_served_by_sex", "people_served", "sex"),
    Aggregate("deliveries_by_category", "deliveries", "category"),
    Aggregate("continuity", "continuity", None),
    Aggregate("continuity_by_month", "continuity", "month"),
]


def measure(ctx: Context) -> list[Figure]:
    start, end = DashboardForm(None, sensitive=True).period()
    scope = Scope.of(ctx.center, start, end)
    params = {"center": ctx.center.pk, "start": start, "end": end}
    sqls = hand_sql()
    repeats = max(9, ctx.runs)  # short queries: enough runs for a stable median
    figures = []
    for aggregate in AGGREGATES:
        sql = sqls[aggregate.key]
        ours, theirs = aggregate.platform(scope), aggregate.hand(sql, params)  # also the warm-up
        platform_times, hand_times = [], []
        for _run in range(repeats):  # side by side, alternating
            platform_times.append(time_ms(lambda a=aggregate: a.platform(scope)))
            hand_times.append(time_ms(lambda a=aggregate, s=sql: a.hand(s, params)))
        platform_ms, hand_ms = statistics.median(platform_times), statistics.median(hand_times)
        ratio = platform_ms / hand_ms if hand_ms > 0 else None
        same = ours == theirs
        figures.append(Figure(
            f"aggregate_{aggregate.key}", f"Aggregate {aggregate.key.replace('_', ' ')}: platform / hand SQL",
            None if ratio is None else round(ratio, 2), "×", f"same result, ≤ {GOAL}× the time",
            same and ratio is not None and ratio <= GOAL,
            note="" if same else "The platform and the hand-written SQL disagree: see detail.",
            detail={"platform_ms": round(platform_ms, 2), "hand_sql_ms": round(hand_ms, 2), "runs": repeats,
                    "same_result": same, "period": [start.isoformat(), end.isoformat()],
                    **({} if same else {"platform": repr(ours)[:500], "hand_sql": repr(theirs)[:500]})},
        ))
    return figures
