"""The indicators catalogue (seed §5, §8, module 8): what a center achieved, counted from its own data.

Every computed indicator is a SQL aggregation (DHIS2-style: a numerator, for ratios a denominator) over
one or more centers and a period, and can be broken down by the dimensions it names — population group,
sex, age group, mobility status, service category, month, and center (the network comparison). A
breakdown is one query, whatever the number of cells: the dashboard runs a fixed number of queries.

Counts of people are of distinct participants. Ages are taken at the end of the period. The seed's
satisfaction signal is `continuity`: people who keep coming and use several services.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, models
from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from integrhabitat.cases.models import Referral
from integrhabitat.cocreation.models import Proposal
from integrhabitat.communities.models import Group, Member
from integrhabitat.improvement.models import Dimension, Direction, Feedback, ManualIndicator, ManualValue, Satisfaction
from integrhabitat.network.models import Center
from integrhabitat.people.groups import GROUPS, years_before
from integrhabitat.people.models import AgeBand, MobilityStatus, Participant, Sex
from integrhabitat.services.models import ServiceDelivery
from integrhabitat.services.taxonomy import SHORT_CATEGORY_LABELS, Category

# The cohesion signal: a group mixes when it has members from both sides.
HOST_GROUPS = ("host_community",)
MOBILITY_GROUPS = ("refugees_migrants", "returned", "displaced")
CONTINUITY_WINDOW_DAYS = 90
CONTINUITY_VISITS = 3
CONTINUITY_SERVICES = 2


class Unit(models.TextChoices):
    PEOPLE = "people", _("people")
    DELIVERIES = "deliveries", _("services given")
    PERCENT = "percent", "%"
    DAYS = "days", _("days")
    SCORE = "score", _("out of 5")
    PROPOSALS = "proposals", _("proposals")


PEOPLE_FIGURE, MEAN_FIGURE, PUBLIC_FIGURE = "people", "mean", "public"


class Breakdown(models.TextChoices):
    GROUP = "group", _("Population group")
    SEX = "sex", _("Sex")
    AGE = "age", _("Age group")
    MOBILITY = "mobility", _("Human mobility status")
    CATEGORY = "category", _("Service category")
    MONTH = "month", _("Month")
    CENTER = "center", _("Center")


# Dimensions that can single out people in a vulnerable situation: shown only to roles that may read
# sensitive data, and published with the higher small-cell threshold.
SENSITIVE_BREAKDOWNS = frozenset({Breakdown.MOBILITY, Breakdown.GROUP})

AGE_GROUPS: list[tuple[str, Promise, int, int | None]] = [
    ("0-5", _("0 to 5"), 0, 5),
    ("6-11", _("6 to 11"), 6, 11),
    ("12-17", _("12 to 17"), 12, 17),
    ("18-28", _("18 to 28"), 18, 28),
    ("29-59", _("29 to 59"), 29, 59),
    ("60+", _("60 or more"), 60, None),
]
UNKNOWN = "unknown"
UNKNOWN_LABEL = pgettext_lazy("figure", "Not recorded")


@dataclass(frozen=True)
class Scope:
    """Which centers and which days an indicator is measured over (both ends included)."""

    centers: tuple[int, ...]
    start: date
    end: date

    @classmethod
    def of(cls, centers: Center | Iterable[Center], start: date, end: date) -> "Scope":
        centers = [centers] if isinstance(centers, Center) else list(centers)
        return cls(tuple(c.pk for c in centers), start, end)

    def deliveries(self):
        return ServiceDelivery.objects.filter(center_id__in=self.centers, delivered_on__gte=self.start,
                                              delivered_on__lte=self.end)


@dataclass
class Cell:
    """One figure: a count (numerator only), a ratio (numerator over denominator, in %) or a mean/median."""

    key: str
    label: object
    numerator: int | None = None
    denominator: int | None = None
    mean: Decimal | None = None

    @property
    def value(self) -> Decimal | int | None:
        if self.mean is not None or (self.numerator is None and self.denominator is None):
            return self.mean
        if self.denominator is None:
            return self.numerator
        if not self.denominator:
            return None
        return percent(self.numerator or 0, self.denominator)


def percent(numerator: int, denominator: int) -> Decimal:
    return (Decimal(100) * numerator / denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


Measure = Callable[[Scope, str | None], dict[str, Cell]]


@dataclass(frozen=True)
class Indicator:
    code: str
    name: Promise
    dimension: str
    definition: Promise
    unit: str
    direction: str
    measure: Measure = field(repr=False)
    breakdowns: tuple[str, ...] = ()
    # How its figures are protected when published: counts of people (hidden when small), means and
    # medians (hidden when they rest on few people), or public facts (proposals, groups: never hidden).
    privacy: str = "people"

    @property
    def counts_people(self) -> bool:
        return self.privacy == PEOPLE_FIGURE

    def total(self, scope: Scope) -> Cell:
        return self.measure(scope, None).get("total") or Cell("total", _("Total"))

    def breakdown(self, scope: Scope, by: str) -> list[Cell]:
        if by not in self.breakdowns:
            raise ValueError(f"{self.code} has no breakdown by {by}")
        cells = self.measure(scope, by)
        result = []
        for key, label in categories(by, scope):
            cell = cells.get(key) or empty_cell(key, label, self)
            cell.label = label
            result.append(cell)
        return result


def empty_cell(key: str, label, indicator: Indicator) -> Cell:
    ratio = indicator.unit == Unit.PERCENT
    return Cell(key, label) if indicator.privacy == MEAN_FIGURE \
        else Cell(key, label, numerator=0, denominator=0 if ratio else None)


def categories(by: str, scope: Scope) -> list[tuple[str, object]]:
    """Every cell of a breakdown, in display order, including the empty ones."""
    if by == Breakdown.GROUP:
        return [(g.code, g.label) for g in GROUPS.values()]
    if by == Breakdown.SEX:
        return [(s.value, s.label) for s in Sex]
    if by == Breakdown.AGE:
        return [(code, label) for code, label, _lo, _hi in AGE_GROUPS] + [(UNKNOWN, UNKNOWN_LABEL)]
    if by == Breakdown.MOBILITY:
        return [(m.value, m.label) for m in MobilityStatus] + [(UNKNOWN, UNKNOWN_LABEL)]
    if by == Breakdown.CATEGORY:
        return [(c.value, SHORT_CATEGORY_LABELS[c]) for c in Category]
    if by == Breakdown.MONTH:
        return [(m.isoformat()[:7], m) for m in months(scope.start, scope.end)]
    if by == Breakdown.CENTER:
        return [(str(c.pk), c.name) for c in Center.objects.filter(pk__in=scope.centers).order_by("name")]
    raise ValueError(by)


def months(start: date, end: date) -> list[date]:
    first, result = start.replace(day=1), []
    while first <= end:
        result.append(first)
        first = (first + timedelta(days=32)).replace(day=1)
    return result


# --- How a breakdown groups rows: an expression per dimension, relative to the counted model.

def _age_group(prefix: str, on: date):
    birth = f"{prefix}birth_date"
    whens = []
    for code, _label, low, high in AGE_GROUPS:
        q = Q(**{f"{birth}__lte": years_before(on, low)})
        if high is not None:
            q &= Q(**{f"{birth}__gt": years_before(on, high + 1)})
        whens.append(When(q, then=Value(code)))
    # Without a birth date, the declared age band still places children and older adults.
    whens += [When(Q(**{f"{birth}__isnull": True, f"{prefix}age_band": AgeBand.OLDER}), then=Value("60+"))]
    return models.Case(*whens, default=Value(UNKNOWN), output_field=models.CharField())


def _key_expression(by: str, scope: Scope, prefix: str, category: str | None, when: str | None):
    if by == Breakdown.SEX:
        return F(f"{prefix}sex")
    if by == Breakdown.MOBILITY:
        return F(f"{prefix}mobility_status")
    if by == Breakdown.AGE:
        return _age_group(prefix, scope.end)
    if by == Breakdown.CATEGORY and category:
        return F(category)
    if by == Breakdown.MONTH and when:
        return TruncMonth(when, output_field=models.DateField())
    if by == Breakdown.CENTER:
        return F("center_id")
    raise ValueError(by)


def _normal_key(by: str, key) -> str:
    if by == Breakdown.MONTH:
        return key.isoformat()[:7]
    return str(key) if key not in (None, "") else UNKNOWN


def grouped(queryset, by: str | None, scope: Scope, aggregate, *, person: str = "participant__",
            category: str | None = None, when: str | None = None) -> dict[str, object]:
    """`aggregate` over `queryset`, in total (key "total") or by `by`: one query either way.

    Population groups overlap, so they are counted side by side with filtered aggregates rather than
    grouped; every other dimension is a GROUP BY. People counted by who they are are counted once each
    over the participants table — the rows' people as a semi-join — rather than as distinct values over
    every row joined to its person, which is what makes the dashboard fast on a busy center. In total they
    are distinct values of the rows, which the deliveries' covering index gives without the table."""
    if aggregate is PEOPLE and by in PERSON_DIMENSIONS:
        # A center serves its own participants: naming the centers spares the database the whole network.
        queryset = Participant.objects.filter(center_id__in=scope.centers,
                                              pk__in=queryset.order_by().values("participant_id"))
        aggregate, person = Count("id"), ""
    if by is None:
        return {"total": queryset.aggregate(v=aggregate)["v"]}
    if by == Breakdown.GROUP:
        person_field = person.removesuffix("__") or "id"
        counts = queryset.aggregate(**{
            g.code: Count(person_field, distinct=bool(person), filter=g.q(scope.end, prefix=person))
            for g in GROUPS.values()
        })
        return dict(counts)
    rows = (queryset.annotate(k=_key_expression(by, scope, person, category, when)).order_by()
            .values("k").annotate(v=aggregate))
    result: dict[str, object] = {}
    for row in rows:
        key = _normal_key(by, row["k"])
        # "" and NULL both mean "not recorded".
        result[key] = row["v"] if key not in result else result[key] + row["v"]
    return result


def _counts(values: dict[str, object]) -> dict[str, Cell]:
    return {k: Cell(k, "", numerator=v or 0) for k, v in values.items()}


def _ratios(numerators: dict[str, object], denominators: dict[str, object]) -> dict[str, Cell]:
    return {k: Cell(k, "", numerator=numerators.get(k) or 0, denominator=d or 0) for k, d in denominators.items()}


PEOPLE = Count("participant", distinct=True)
PERSON_DIMENSIONS = (Breakdown.GROUP, Breakdown.SEX, Breakdown.AGE, Breakdown.MOBILITY)
PERSON_BREAKDOWNS = (Breakdown.GROUP, Breakdown.SEX, Breakdown.AGE, Breakdown.MOBILITY, Breakdown.CATEGORY,
                     Breakdown.MONTH, Breakdown.CENTER)
DELIVERY_OPTIONS = {"category": "service__category", "when": "delivered_on"}


def _people_served(scope: Scope, by: str | None) -> dict[str, Cell]:
    return _counts(grouped(scope.deliveries(), by, scope, PEOPLE, **DELIVERY_OPTIONS))


def _deliveries(scope: Scope, by: str | None) -> dict[str, Cell]:
    # COUNT(*), not of ids: the deliveries' covering index answers it without reading the table.
    return _counts(grouped(scope.deliveries(), by, scope, Count("*"), **DELIVERY_OPTIONS))


def _came_before(scope: Scope):
    return Exists(ServiceDelivery.objects.filter(participant=OuterRef("participant"), center_id__in=scope.centers,
                                                 delivered_on__lt=scope.start))


def _new_people(scope: Scope, by: str | None) -> dict[str, Cell]:
    return _counts(grouped(scope.deliveries().filter(~_came_before(scope)), by, scope, PEOPLE, **DELIVERY_OPTIONS))


def _returning_people(scope: Scope, by: str | None) -> dict[str, Cell]:
    return _counts(grouped(scope.deliveries().filter(_came_before(scope)), by, scope, PEOPLE, **DELIVERY_OPTIONS))


def continuing_people(scope: Scope) -> Q:
    """Participants who, in the period, used two or more services or came on three or more days within
    90 days: one subquery of participant ids (a union, which the database hashes once)."""
    several, several_params = (scope.deliveries().order_by().values("participant_id")
                               .annotate(n=Count("service", distinct=True)).filter(n__gte=CONTINUITY_SERVICES)
                               .values("participant_id").query.sql_with_params())
    # One row per day a person came; the visit two visits back lies within the window when the person
    # came three times in it. Django cannot filter a window over grouped rows, so this part is SQL.
    days, days_params = (scope.deliveries().order_by().values("participant_id", "delivered_on").distinct()
                         .query.sql_with_params())
    if connection.vendor == "postgresql":
        apart = "delivered_on - earlier"
    else:
        apart = "julianday(delivered_on) - julianday(earlier)"
    # No user input reaches this text: the inner queries are the ORM's SQL with their own parameters.
    sql = (f"{several} UNION SELECT participant_id FROM (SELECT participant_id, delivered_on, "  # noqa: S608
           f"LAG(delivered_on, %s) OVER (PARTITION BY participant_id ORDER BY delivered_on) AS earlier "
           f"FROM ({days}) AS days) AS lagged WHERE earlier IS NOT NULL AND {apart} < %s")
    params = (*several_params, CONTINUITY_VISITS - 1, *days_params, CONTINUITY_WINDOW_DAYS)
    return Q(participant__in=RawSQL(sql, params))  # noqa: S611


def _continuity(scope: Scope, by: str | None) -> dict[str, Cell]:
    served = scope.deliveries()
    # A person counts in a category or month cell when they are continuing overall and were served there.
    return _ratios(grouped(served.filter(continuing_people(scope)), by, scope, PEOPLE, **DELIVERY_OPTIONS),
                   grouped(served, by, scope, PEOPLE, **DELIVERY_OPTIONS))


def _referrals(scope: Scope):
    return Referral.objects.filter(center_id__in=scope.centers, sent_at__isnull=False,
                                   sent_at__date__gte=scope.start, sent_at__date__lte=scope.end)


REFERRAL_OPTIONS = {"category": "service__category", "when": "sent_at"}


def _referrals_answered(scope: Scope, by: str | None) -> dict[str, Cell]:
    sent = _referrals(scope)
    return _ratios(grouped(sent.filter(answered_at__isnull=False), by, scope, Count("id"), **REFERRAL_OPTIONS),
                   grouped(sent, by, scope, Count("id"), **REFERRAL_OPTIONS))


def _referrals_completed(scope: Scope, by: str | None) -> dict[str, Cell]:
    sent = _referrals(scope)
    return _ratios(grouped(sent.filter(attended_at__isnull=False), by, scope, Count("id"), **REFERRAL_OPTIONS),
                   grouped(sent, by, scope, Count("id"), **REFERRAL_OPTIONS))


def median_days(queryset, start: str, end: str) -> tuple[Decimal | None, int]:
    """The median of `end - start` in days over `queryset`, and how many: ordered in SQL, the middle one
    or two rows read (SQLite has no percentile function)."""
    durations = (queryset.annotate(d=models.ExpressionWrapper(F(end) - F(start), output_field=models.DurationField()))
                 .order_by("d").values_list("d", flat=True))
    n = durations.count()
    if not n:
        return None, 0
    middle = list(durations[(n - 1) // 2: n // 2 + 1])
    seconds = sum(d.total_seconds() for d in middle) / len(middle)
    return Decimal(seconds / 86400).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), n


def _referral_days(scope: Scope, by: str | None) -> dict[str, Cell]:
    value, n = median_days(_referrals(scope).filter(answered_at__isnull=False), "sent_at", "answered_at")
    return {"total": Cell("total", "", denominator=n, mean=value)}


def _groups(scope: Scope):
    """Groups with someone who was a member at some time in the period."""
    members = Member.objects.filter(group=OuterRef("pk"), status__in=[Member.Status.ACTIVE, Member.Status.LEFT],
                                    joined_on__lte=scope.end).filter(Q(left_on__isnull=True)
                                                                     | Q(left_on__gte=scope.start))
    host = Q()
    for code in HOST_GROUPS:
        host |= GROUPS[code].q(scope.end, prefix="participant__")
    mobile = Q()
    for code in MOBILITY_GROUPS:
        mobile |= GROUPS[code].q(scope.end, prefix="participant__")
    groups = Group.objects.filter(center_id__in=scope.centers).filter(Exists(members))
    return groups, groups.filter(Exists(members.filter(host))).filter(Exists(members.filter(mobile)))


def _groups_mixing(scope: Scope, by: str | None) -> dict[str, Cell]:
    groups, mixing = _groups(scope)
    return _ratios(grouped(mixing, by, scope, Count("id")), grouped(groups, by, scope, Count("id")))


def _proposals(scope: Scope):
    return Proposal.objects.filter(center_id__in=scope.centers, created_at__date__gte=scope.start,
                                   created_at__date__lte=scope.end)


PROPOSAL_OPTIONS = {"category": "category", "when": "created_at"}


def _proposals_answered(scope: Scope, by: str | None) -> dict[str, Cell]:
    proposals = _proposals(scope)
    return _ratios(grouped(proposals.exclude(answer=""), by, scope, Count("id"), **PROPOSAL_OPTIONS),
                   grouped(proposals, by, scope, Count("id"), **PROPOSAL_OPTIONS))


def _proposals_implemented(scope: Scope, by: str | None) -> dict[str, Cell]:
    return _counts(grouped(_proposals(scope).filter(status=Proposal.Status.IMPLEMENTED), by, scope, Count("id"),
                           **PROPOSAL_OPTIONS))


def _satisfaction(scope: Scope, by: str | None) -> dict[str, Cell]:
    ratings = Satisfaction.counted.filter(center_id__in=scope.centers, created_at__date__gte=scope.start,
                                          created_at__date__lte=scope.end)
    options = {"category": "service__category", "when": "created_at"}
    means = grouped(ratings, by, scope, Avg("score"), **options)
    counts = grouped(ratings, by, scope, Count("id"), **options)
    return {k: Cell(k, "", denominator=counts[k],
                    mean=None if means[k] is None else Decimal(means[k]).quantize(Decimal("0.1"), ROUND_HALF_UP))
            for k in counts}


def _complaints_on_time(scope: Scope, by: str | None) -> dict[str, Cell]:
    """Complaints received in the period and due by now or answered: share answered by their due date.
    Complaints still within their deadline and unanswered are not counted yet."""
    complaints = Feedback.objects.filter(center_id__in=scope.centers, kind=Feedback.Kind.COMPLAINT,
                                         received_at__date__gte=scope.start, received_at__date__lte=scope.end)
    settled = complaints.filter(Q(responded_at__isnull=False) | Q(due_on__lt=timezone.localdate()))
    on_time = settled.annotate(answered_on=TruncDate("responded_at")).filter(answered_on__lte=F("due_on"))
    options = {"category": "service__category", "when": "received_at"}
    return _ratios(grouped(on_time, by, scope, Count("id"), **options),
                   grouped(settled, by, scope, Count("id"), **options))


def _indicator(code, name, dimension, definition, unit, measure, breakdowns=(), *, direction=Direction.UP,
               privacy=PEOPLE_FIGURE) -> Indicator:
    return Indicator(code, name, dimension, definition, unit, direction, measure, tuple(breakdowns), privacy)


_TIME = (Breakdown.MONTH, Breakdown.CENTER)
CATALOGUE: dict[str, Indicator] = {i.code: i for i in [
    _indicator("people_served", _("People served"), Dimension.INCLUSION,
               _("Different people who received at least one service in the period."),
               Unit.PEOPLE, _people_served, PERSON_BREAKDOWNS),
    _indicator("deliveries", _("Services given"), Dimension.OPERATION,
               _("Services recorded as given in the period, each person and day counted once per service."),
               Unit.DELIVERIES, _deliveries, PERSON_BREAKDOWNS),
    _indicator("new_people", _("New participants"), Dimension.INCLUSION,
               _("People served in the period who had never received a service from the center before."),
               Unit.PEOPLE, _new_people, PERSON_BREAKDOWNS),
    _indicator("returning_people", _("Returning participants"), Dimension.INTEGRATION,
               _("People served in the period who had already received a service from the center before it."),
               Unit.PEOPLE, _returning_people, PERSON_BREAKDOWNS),
    _indicator("continuity", _("Continuity"), Dimension.INTEGRATION,
               _("Share of the people served who used two or more services, or came on three or more days "
                 "within 90 days: a sign that people are satisfied with the center."),
               Unit.PERCENT, _continuity, PERSON_BREAKDOWNS),
    _indicator("referrals_answered", _("Referrals answered"), Dimension.OPERATION,
               _("Share of the referrals sent in the period that the receiving service answered."),
               Unit.PERCENT, _referrals_answered, (Breakdown.CATEGORY, *_TIME)),
    _indicator("referrals_completed", _("Referrals completed"), Dimension.INTEGRATION,
               _("Share of the referrals sent in the period where the person was attended."),
               Unit.PERCENT, _referrals_completed, (Breakdown.CATEGORY, *_TIME)),
    _indicator("referral_days", _("Days to answer a referral"), Dimension.OPERATION,
               _("Median number of days between sending a referral and its answer, for referrals sent in the "
                 "period."), Unit.DAYS, _referral_days, direction=Direction.DOWN, privacy=MEAN_FIGURE),
    _indicator("groups_mixing", _("Groups that mix communities"), Dimension.COHESION,
               _("Share of the groups active in the period with members both from the host community and in "
                 "human mobility."), Unit.PERCENT, _groups_mixing, (Breakdown.CENTER,), privacy=PUBLIC_FIGURE),
    _indicator("proposals_answered", _("Proposals answered"), Dimension.COHESION,
               _("Share of the proposals made in the period that have a public answer."),
               Unit.PERCENT, _proposals_answered, (Breakdown.CATEGORY, *_TIME), privacy=PUBLIC_FIGURE),
    _indicator("proposals_implemented", _("Proposals implemented"), Dimension.COHESION,
               _("Proposals made in the period that are implemented."),
               Unit.PROPOSALS, _proposals_implemented, (Breakdown.CATEGORY, *_TIME), privacy=PUBLIC_FIGURE),
    _indicator("satisfaction", _("Satisfaction"), Dimension.OPERATION,
               _("Average rating, from 1 to 5, given after a service in the period."),
               Unit.SCORE, _satisfaction, (Breakdown.CATEGORY, *_TIME), privacy=MEAN_FIGURE),
    _indicator("complaints_on_time", _("Complaints answered on time"), Dimension.OPERATION,
               _("Share of the complaints received in the period, answered or past their deadline, that were "
                 "answered by their deadline."), Unit.PERCENT, _complaints_on_time, (Breakdown.CATEGORY, *_TIME)),
]}


# --- Manual indicators: entered per month, added up over a period as each one says.

def manual_indicators(center: Center):
    return ManualIndicator.objects.filter(Q(center=center) | Q(center__isnull=True))


def manual_total(indicator: ManualIndicator, scope: Scope) -> Cell:
    values = ManualValue.objects.filter(indicator=indicator, center_id__in=scope.centers,
                                        month__gte=scope.start.replace(day=1), month__lte=scope.end)
    if indicator.aggregation == ManualIndicator.Aggregation.LAST:
        latest = values.order_by("-month").values_list("month", flat=True).first()
        values = values.filter(month=latest)
        value = values.aggregate(v=models.Sum("value"))["v"]
    elif indicator.aggregation == ManualIndicator.Aggregation.AVERAGE:
        value = values.aggregate(v=Avg("value"))["v"]
    else:
        value = values.aggregate(v=models.Sum("value"))["v"]
    if value is not None:
        value = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    return Cell("total", "", mean=value)
