"""The center's lienzo de negocio social (seed, introduction): the what, for whom, how and how much of
a center, generated from its own data, with the center's own words beside each block.

Each block of `BLOCKS` has a generator that returns the block's facts, counted in SQL over the headline
period (`periods.headline_period`, the last quarter that has ended, as every page's headline figures):
a fixed number of aggregate queries whatever the size of the center, and nothing about any one person.
Counts of people below `settings.SMALL_CELL_THRESHOLD` read "fewer than N", never the exact number;
counts of people in sensitive population groups appear only to whoever may read sensitive data.
Income and costs say what is known until the finance module brings the amounts.

The narratives (`Canvas.narratives`, one text per block code) are edited with `save_narratives`.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet, StringAgg, Value
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from integrhabitat.audit import services as audit
from integrhabitat.cocreation.models import Process
from integrhabitat.communities.models import Group
from integrhabitat.improvement.models import Canvas
from integrhabitat.improvement.results.indicators import CATALOGUE, Breakdown, Cell, Scope
from integrhabitat.improvement.results.periods import CalendarPeriod, headline_period
from integrhabitat.lib.concurrency import locked_current, save_versioned
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.numbers import number, percent
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import Role
from integrhabitat.partners.models import Agreement, Organization, PartnerRole, RelationshipStatus
from integrhabitat.people.groups import GROUPS
from integrhabitat.services.models import Service
from integrhabitat.services.taxonomy import SHORT_CATEGORY_LABELS, Category

NARRATIVE_MAX_LENGTH = 3000
ALLIED = (RelationshipStatus.AGREEMENT, RelationshipStatus.ACTIVE)
IN_THE_MAKING = (RelationshipStatus.CONTACTED, RelationshipStatus.NEGOTIATING)
# Names are aggregated in SQL with this separator, then sorted (SQLite cannot order an aggregate).
SEPARATOR = "\x1f"


class Asks:
    """The four questions of the seed's canvas: what, for whom, how and how much."""

    WHAT = pgettext_lazy("canvas", "What")
    FOR_WHOM = pgettext_lazy("canvas", "For whom")
    HOW = pgettext_lazy("canvas", "How")
    HOW_MUCH = pgettext_lazy("canvas", "How much")


@dataclass(frozen=True)
class Fact:
    text: str
    # A remark on what the data cannot say yet, shown apart from the figures.
    note: bool = False


@dataclass
class Facts:
    """What the generators share: the center, the period and the figures more than one block reads."""

    center: Center
    today: date
    sensitive: bool
    totals: dict[str, Cell] = field(default_factory=dict)

    @cached_property
    def period(self) -> CalendarPeriod:
        """The headline period (`periods.headline_period`): the figures of the dashboard, the home, the network."""
        return headline_period(self.today)

    @cached_property
    def start(self) -> date:
        return self.period.start

    @cached_property
    def end(self) -> date:
        return self.period.end

    @cached_property
    def scope(self) -> Scope:
        return Scope.of(self.center, self.start, self.end)

    @cached_property
    def active_services(self) -> QuerySet[Service]:
        return Service.objects.filter(center=self.center, status=Service.Status.ACTIVE).order_by()

    @cached_property
    def allies(self) -> dict:
        """Allied organizations (agreement signed or active) by the role they play, in one query."""
        allied = Organization.objects.filter(center=self.center, status__in=ALLIED).order_by()
        figures = {}
        for role in PartnerRole:
            # `roles` is a JSON list: its text holds the quoted code (SQLite has no JSON `contains`).
            has_role = Q(roles__icontains=f'"{role.value}"')
            figures[f"{role.value}_count"] = Count("id", filter=has_role)
            figures[f"{role.value}_names"] = StringAgg("name", Value(SEPARATOR), filter=has_role)
        return allied.aggregate(**figures)

    @cached_property
    def in_the_making(self) -> int:
        return Organization.objects.filter(center=self.center, status__in=IN_THE_MAKING).count()

    @cached_property
    def services_by(self) -> dict:
        """Active services counted by category, modality, relationship, cost model, origin and provider."""
        counts = {"total": Count("id"), "by_partner": Count("id", filter=Q(provider__isnull=False))}
        for name, choices in [("category", Category), ("modality", Service.Modality),
                               ("relationship", Service.Relationship), ("cost_model", Service.CostModel),
                               ("origin", Service.Origin)]:
            for choice in choices:
                counts[f"{name}:{choice.value}"] = Count("id", filter=Q(**{name: choice.value}))
        for choice in Category:
            counts[f"names:{choice.value}"] = StringAgg("name", Value(SEPARATOR), filter=Q(category=choice.value))
        return self.active_services.aggregate(**counts)

    def total(self, indicator: str) -> Cell:
        if indicator not in self.totals:
            self.totals[indicator] = CATALOGUE[indicator].total(self.scope)
        return self.totals[indicator]

    def visible(self, group) -> bool:
        return self.sensitive or not group.sensitive


def people(count: int) -> str:
    """A number of people as the canvas shows it: small numbers are never exact."""
    threshold = settings.SMALL_CELL_THRESHOLD
    if 0 < count < threshold:
        return _("fewer than %(threshold)s people") % {"threshold": threshold}
    return ngettext("%(count)s person", "%(count)s people", count) % {"count": number(count)}


def names(aggregated: str | None) -> str:
    return ", ".join(sorted((aggregated or "").split(SEPARATOR), key=str.casefold))


def is_small(count: int) -> bool:
    return count < settings.SMALL_CELL_THRESHOLD


def _services(count: int) -> str:
    return ngettext("%(count)s active service", "%(count)s active services", count) % {"count": number(count)}


def _by_choice(facts: Facts, field: str, choices) -> list[Fact]:
    figures = facts.services_by
    return [Fact(_("%(label)s: %(services)s.") % {"label": choice.label, "services": _services(n)})
            for choice in choices if (n := figures[f"{field}:{choice.value}"])]


# --- The blocks ---------------------------------------------------------------------------------------------

def value_proposition(facts: Facts) -> list[Fact]:
    """The active services, by category of the seed's portfolio, and where the offer comes from."""
    figures = facts.services_by
    if not figures["total"]:
        return [Fact(_("The center has no active services yet."), note=True)]
    result = [
        Fact(_("%(category)s: %(services)s (%(names)s).") % {
            "category": SHORT_CATEGORY_LABELS[category], "services": _services(n),
            "names": names(figures[f"names:{category.value}"])})
        for category in Category if (n := figures[f"category:{category.value}"])
    ]
    return result + _by_choice(facts, "origin", Service.Origin)


def users(facts: Facts) -> list[Fact]:
    """The priority groups the center names, and the people served by population group."""
    result = []
    priority = [GROUPS[code] for code in facts.center.priority_groups if code in GROUPS]
    if priority:
        result.append(Fact(_("Priority groups: %(groups)s.") % {
            "groups": ", ".join(str(group.label) for group in priority)}))
    else:
        result.append(Fact(_("Open to everyone: the center has not named priority groups."), note=True))
    served = facts.total("people_served").value or 0
    result.append(Fact(_("People served in the last quarter: %(people)s.") % {"people": people(served)}))
    if not served:
        return result
    cells = CATALOGUE["people_served"].breakdown(facts.scope, Breakdown.GROUP)
    for cell in cells:
        group = GROUPS[cell.key]
        prioritized = group.code in facts.center.priority_groups
        if not facts.visible(group) or not (cell.value or prioritized):
            continue
        values = {"group": group.label, "people": people(cell.value or 0)}
        result.append(Fact(_("%(group)s (priority group): %(people)s.") % values if prioritized
                           else _("%(group)s: %(people)s.") % values))
    if not facts.sensitive:
        result.append(Fact(_("Groups such as people in human mobility, with disabilities or victims of violence "
                             "are counted only for roles that may read sensitive data."), note=True))
    return result


def channels(facts: Facts) -> list[Fact]:
    """How the services reach people: their delivery modalities, the opening hours and languages."""
    result = _by_choice(facts, "modality", Service.Modality)
    center = facts.center
    if center.opening_hours:
        result.append(Fact(_("Opening hours: %(hours)s.") % {"hours": center.opening_hours}))
    if center.languages:
        result.append(Fact(_("Languages spoken: %(languages)s.") % {"languages": center.languages}))
    return result or [Fact(_("No delivery channel recorded yet."), note=True)]


def relationships(facts: Facts) -> list[Fact]:
    """Personal assistance, communities and co-creation: the kinds of relationship of the services, the
    community groups and the co-creation processes."""
    result = _by_choice(facts, "relationship", Service.Relationship)
    groups = Group.objects.filter(center=facts.center).aggregate(
        running=Count("id", filter=Q(status=Group.Status.RUNNING)),
        independent=Count("id", filter=Q(status=Group.Status.INDEPENDENT)))
    if groups["running"]:
        result.append(Fact(ngettext("%(count)s community group running at the center.",
                                    "%(count)s community groups running at the center.",
                                    groups["running"]) % {"count": groups["running"]}))
    if groups["independent"]:
        result.append(Fact(ngettext("%(count)s group formed at the center goes on by itself.",
                                    "%(count)s groups formed at the center go on by themselves.",
                                    groups["independent"]) % {"count": groups["independent"]}))
    processes = Process.objects.filter(center=facts.center, status=Process.Status.OPEN).count()
    if processes:
        result.append(Fact(ngettext("%(count)s co-creation process open to participants.",
                                    "%(count)s co-creation processes open to participants.",
                                    processes) % {"count": processes}))
    return result or [Fact(_("No relationship recorded yet."), note=True)]


def key_resources(facts: Facts) -> list[Fact]:
    """The institution, the premises and the people who run the center."""
    center = facts.center
    result = []
    values = {"modality": center.get_modality_display(), "institution": center.lead_institution}
    result.append(Fact(_("%(modality)s center led by %(institution)s.") % values if center.lead_institution
                       else _("%(modality)s center.") % values))
    result.append(Fact(_("%(kind)s, at %(scale)s scale, in its %(phase)s phase.") % {
        "kind": center.get_kind_display(), "scale": center.get_scale_display().lower(),
        "phase": center.get_phase_display().lower()}))
    place = ", ".join(part for part in (center.address, center.city) if part)
    result.append(Fact(_("Premises: %(place)s.") % {"place": place}))
    staff = (Membership.objects.active().filter(center=facts.center).exclude(role=Role.PARTNER)
             .values("role").annotate(n=Count("id")).order_by("role"))
    labels = dict(Role.choices)
    team = [(labels[row["role"]], row["n"]) for row in staff]
    if team:
        result.append(Fact(_("Team: %(roles)s.") % {
            "roles": "; ".join(f"{label} ({n})" for label, n in team)}))
    givers = (facts.scope.deliveries().filter(provided_by__isnull=False)
              .aggregate(n=Count("provided_by", distinct=True))["n"])
    if givers:
        result.append(Fact(_("Participants who gave services to others in the last quarter: %(people)s.")
                           % {"people": people(givers)}))
    result.append(Fact(_("Equipment, spaces and permits are not recorded in the platform yet: describe them "
                         "in the center's words."), note=True))
    return result


def key_partners(facts: Facts) -> list[Fact]:
    """The allied organizations by role, the agreements in force and the services partners deliver."""
    allies = facts.allies
    result = [
        Fact(_("%(role)s: %(count)s (%(names)s).") % {
            "role": role.label, "count": allies[f"{role.value}_count"], "names": names(allies[f"{role.value}_names"])})
        for role in PartnerRole if allies[f"{role.value}_count"]
    ]
    today = facts.today
    in_force = Agreement.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), center=facts.center,
                                        starts_on__lte=today).count()
    if in_force:
        result.append(Fact(ngettext("%(count)s agreement in force.", "%(count)s agreements in force.", in_force)
                           % {"count": in_force}))
    if by_partner := facts.services_by["by_partner"]:
        result.append(Fact(_("Services delivered by partners: %(services)s.") % {"services": _services(by_partner)}))
    if facts.in_the_making:
        result.append(Fact(ngettext("%(count)s more organization contacted or in negotiation.",
                                    "%(count)s more organizations contacted or in negotiation.",
                                    facts.in_the_making) % {"count": facts.in_the_making}))
    return result or [Fact(_("No alliance recorded yet."), note=True)]


def income(facts: Facts) -> list[Fact]:
    """Who may fund the center, as far as the alliances and the services' cost models say."""
    allies = facts.allies
    result = []
    if allies["donor_count"]:
        result.append(Fact(_("Donors with an agreement or an active alliance: %(names)s.")
                           % {"names": names(allies["donor_names"])}))
    contributing = facts.services_by["cost_model:sliding"] + facts.services_by["cost_model:fee"]
    if contributing:
        result.append(Fact(_("Services where users contribute, by ability to pay or with a fee: %(services)s.")
                           % {"services": _services(contributing)}))
    if facts.center.modality in (Center.Modality.PUBLIC, Center.Modality.MIXED):
        result.append(Fact(_("As a %(modality)s center, it may count on public funding.")
                           % {"modality": facts.center.get_modality_display().lower()}))
    result.append(Fact(_("Amounts will come with the finance module; until then, write the sources and amounts "
                         "in the center's words."), note=True))
    return result


def costs(facts: Facts) -> list[Fact]:
    """What drives the costs: how many services the center provides itself, their cost to users, the
    volume of services given."""
    figures = facts.services_by
    result = []
    direct = figures["total"] - figures["by_partner"]
    if direct:
        result.append(Fact(_("Provided by the center's own team: %(services)s.") % {"services": _services(direct)}))
    result += [Fact(_("Cost to users, %(label)s: %(services)s.") % {"label": choice.label.lower(),
                                                                    "services": _services(n)})
               for choice in Service.CostModel if (n := figures[f"cost_model:{choice.value}"])]
    given = facts.total("deliveries").value or 0
    if given:
        result.append(Fact(_("Services given in the last quarter: %(count)s.")
                           % {"count": _("fewer than %(threshold)s") % {"threshold": settings.SMALL_CELL_THRESHOLD}
                              if is_small(given) else number(given)}))
    result.append(Fact(_("Costs in money will come with the finance module; until then, write them in the center's "
                         "words."), note=True))
    return result


def impact(facts: Facts) -> list[Fact]:
    """The change the center achieves, from the indicators of the last quarter that has ended."""
    result = []
    served = facts.total("people_served").value or 0
    new = facts.total("new_people").value or 0
    if served:
        result.append(Fact(_("New participants in the last quarter: %(people)s.") % {"people": people(new)}))
    continuity = facts.total("continuity")
    if continuity.denominator and not is_small(continuity.denominator):
        result.append(Fact(_("%(percent)s of the people served used several services or kept coming (continuity).")
                           % {"percent": percent(continuity.value)}))
    satisfaction = facts.total("satisfaction")
    if satisfaction.value is not None and not is_small(satisfaction.denominator or 0):
        result.append(Fact(_("Average satisfaction: %(score)s out of 5, from %(count)s ratings.")
                           % {"score": number(satisfaction.value), "count": number(satisfaction.denominator)}))
    mixing = facts.total("groups_mixing")
    if mixing.denominator:
        result.append(Fact(_("%(percent)s of the active groups bring together the host community and people in "
                             "human mobility.") % {"percent": percent(mixing.value)}))
    implemented = facts.total("proposals_implemented").value or 0
    if implemented:
        result.append(Fact(ngettext("%(count)s proposal of participants implemented.",
                                    "%(count)s proposals of participants implemented.", implemented)
                           % {"count": implemented}))
    return result or [Fact(_("No results recorded in the last quarter."), note=True)]


@dataclass(frozen=True)
class Block:
    code: str
    title: Promise
    asks: Promise
    question: Promise
    generate: Callable[[Facts], list[Fact]]


# In reading order (what, for whom, how, how much); the page places them on the canvas.
BLOCKS: list[Block] = [
    Block("value_proposition", gettext_lazy("Value proposition"), Asks.WHAT,
          gettext_lazy("What does the center offer, and what need does it answer?"), value_proposition),
    Block("users", gettext_lazy("Users"), Asks.FOR_WHOM,
          gettext_lazy("For whom does the center work?"), users),
    Block("channels", gettext_lazy("Channels"), Asks.HOW,
          gettext_lazy("How do the services reach people?"), channels),
    Block("relationships", gettext_lazy("Relationships"), Asks.HOW,
          gettext_lazy("How does the center relate to its users?"), relationships),
    Block("key_resources", gettext_lazy("Key resources"), Asks.HOW,
          gettext_lazy("What does the center need to work?"), key_resources),
    Block("key_partners", gettext_lazy("Key partners"), Asks.HOW,
          gettext_lazy("With whom does the center work?"), key_partners),
    Block("income", gettext_lazy("Income"), Asks.HOW_MUCH,
          gettext_lazy("Who funds the center, and how?"), income),
    Block("costs", gettext_lazy("Cost structure"), Asks.HOW_MUCH,
          gettext_lazy("What does running the center cost?"), costs),
    Block("impact", gettext_lazy("Social impact"), Asks.WHAT,
          gettext_lazy("What changes for people and the territory?"), impact),
]
BLOCK_CODES = [block.code for block in BLOCKS]


@dataclass(frozen=True)
class BlockView:
    block: Block
    facts: list[Fact]
    narrative: str


@dataclass(frozen=True)
class CanvasView:
    center: Center
    start: date
    end: date
    blocks: list[BlockView]
    canvas: Canvas | None

    @property
    def version(self) -> int:
        return self.canvas.version if self.canvas else 1

    @property
    def threshold(self) -> int:
        return settings.SMALL_CELL_THRESHOLD


def build_canvas(center: Center, *, today: date, sensitive: bool) -> CanvasView:
    """Every block's facts over the headline period (the last quarter ended by `today`), with the center's
    narrative.
    `sensitive`: whether the reader may see counts of sensitive population groups."""
    facts = Facts(center, today, sensitive)
    canvas = Canvas.objects.filter(center=center).select_related("updated_by").first()
    narratives = canvas.narratives if canvas else {}
    return CanvasView(center=center, start=facts.start, end=facts.end, canvas=canvas, blocks=[
        BlockView(block, block.generate(facts), narratives.get(block.code, "")) for block in BLOCKS
    ])


@transaction.atomic
def save_narratives(center: Center, data: Mapping[str, str], *, version: int, actor) -> Canvas:
    """Save the center's words for the blocks in `data` (block code → text); blocks left out keep their
    text, a blank text removes it. `version` is the canvas version the edit began from."""
    titles = {block.code: block.title for block in BLOCKS}
    if unknown := set(data) - set(titles):
        raise Refused(_("The canvas has no block “%(code)s”.") % {"code": sorted(unknown)[0]})
    texts = {code: (text or "").strip() for code, text in data.items()}
    for code, text in texts.items():
        if len(text) > NARRATIVE_MAX_LENGTH:
            raise Refused(_("The text of “%(block)s” is too long: write at most %(max)s characters.")
                          % {"block": titles[code], "max": NARRATIVE_MAX_LENGTH})
    canvas = locked_current(Canvas.objects.get_or_create(center=center)[0], version)
    narratives = {code: text for code, text in {**canvas.narratives, **texts}.items() if text}
    changed = [code for code in BLOCK_CODES if canvas.narratives.get(code, "") != narratives.get(code, "")]
    canvas.narratives = narratives
    canvas.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    save_versioned(canvas)
    audit.record("improvement.canvas.narratives_saved", canvas, actor=actor, fields=changed)
    return canvas
