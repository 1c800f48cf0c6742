"""Import another directory's Open Referral (HSDS 3.0) data into a center's alliances.

Each HSDS organization becomes a partner organization of the center (`partners.Organization`, status
"identified" when new: importing is not an alliance), and each of its services a service of the center
delivered through that partner (`services.Service`, modality "through a partner alliance"), which
referral pathways and referrals can point to. Both keep the external HSDS id (`hsds_id`): importing the
same dataset again updates what changed and creates nothing new. Changes go through
`partners.services.save_organization` and `services.services.save_service`, which audit each one.

Accepted shapes: a list of HSDS service objects, one service, organizations with their services nested,
an API page envelope (`contents`) of those, or an export bundle (`services` and `organizations`, as
`/api/hsds/export.json` makes). Other kinds of HSDS files are refused saying what they are (`kinds.py`).

Importing again never overwrites richer data with poorer (`_replaces`): an empty value replaces nothing,
and a summary record (a `service_list` or `organization_list` item) does not replace the text of a full
record it only abbreviates; otherwise the newer value wins. Phones are cleaned like typed ones, and an
assembled description states each line once, so that importing the same file twice changes nothing.

Not imported: contact people (names, personal emails and phones), which belong to the other directory.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from integrhabitat.audit import services as audit
from integrhabitat.directory import hsds, kinds
from integrhabitat.directory.kinds import DatasetRefused
from integrhabitat.lib.forms import clean_phone
from integrhabitat.lib.text import fold
from integrhabitat.network.models import Center
from integrhabitat.partners import services as partner_actions
from integrhabitat.partners.models import Organization, PartnerRole, RelationshipStatus
from integrhabitat.services import services as service_actions
from integrhabitat.services.models import Service
from integrhabitat.services.taxonomy import SERVICE_TYPES

MAX_SERVICES = 2000
DEFAULT_SERVICE_TYPE = "I.orientation"

STATUS_MAP = {
    "active": Service.Status.ACTIVE,
    "temporarily closed": Service.Status.PLANNED,
    "inactive": Service.Status.RETIRED,
    "defunct": Service.Status.RETIRED,
}


# --- Reading the file ---------------------------------------------------------------------------------------

def _text(value: Any, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def _flatten(records: list) -> list:
    """Services as they come, and the services nested in organization objects, each given its organization."""
    services = []
    for record in records:
        if kinds.kind_of(record) == kinds.Kind.ORGANIZATION_WITH_SERVICES:
            organization = {key: value for key, value in record.items() if key != "services"}
            services += [{**service, "organization": organization} if isinstance(service, dict) else service
                         for service in record["services"]]
        else:
            services.append(record)
    return services


def read_dataset(data: Any) -> list[dict]:
    """The HSDS service objects of `data` (parsed JSON), each with its organization object, or
    `DatasetRefused` saying what is wrong. Accepted: services or organizations (with their services
    nested), one by one, as a list, as an API page (`contents`) or as an export bundle. Any other kind of
    HSDS file is refused with a message that says what it is (see `kinds`)."""
    records, bundled = kinds.records_of(data)
    if not records:
        raise DatasetRefused(gettext_lazy("The file contains no services."))
    kinds.refuse_other_kinds(records)
    organizations = {str(o["id"]): o for o in bundled if o.get("id")}
    services = _flatten(records)
    if len(services) > MAX_SERVICES:
        raise DatasetRefused(gettext_lazy("The file contains more than %(max)s services; split it.")
                             % {"max": MAX_SERVICES})
    result = []
    for position, service in enumerate(services, start=1):
        if not isinstance(service, dict) or not _text(service.get("id"), 100) or not _text(service.get("name"), 200):
            raise DatasetRefused(gettext_lazy("Service number %(n)s has no id or no name.") % {"n": position})
        organization = service.get("organization")
        organization = organization if isinstance(organization, dict) else {}
        # A bundle lists organizations fully nested; prefer that to a service's summary of it.
        full = organizations.get(str(organization.get("id") or service.get("organization_id") or ""))
        organization = {**organization, **(full or {})}
        if not _text(organization.get("id"), 100) or not _text(organization.get("name"), 200):
            raise DatasetRefused(gettext_lazy(
                "The service “%(name)s” has no organization with an id and a name: each service must bring its "
                "organization, nested in it or listed in the same export.") % {"name": _text(service.get("name"), 200)})
        result.append({**service, "organization": organization})
    return result


# --- From HSDS objects to field values -----------------------------------------------------------------------

def _valid_url(value: Any) -> str:
    text = _text(value, 200)
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        return ""
    return text


def _valid_email(value: Any) -> str:
    text = _text(value, 254)
    try:
        validate_email(text)
    except ValidationError:
        return ""
    return text


def _valid_phone(value: Any) -> str:
    """A phone number of the other directory, or "" when it is not one. Spreadsheets and CSV exports wrap
    numbers in quotes (`"+57 601 555 1234"`, `'+57...`) to keep them as text: the wrappers go, and what
    remains must pass the same check as a phone typed in a form."""
    text = _text(value, 60).strip("\"'“”‘’ ")
    try:
        return clean_phone(text)[:40]
    except ValidationError:
        return ""


def _unique(values) -> list[str]:
    """The non-empty values, each once (compared without case, accents and punctuation), in their order."""
    seen, kept = set(), []
    for value in values:
        key = fold(value)
        if value and key not in seen:
            seen.add(key)
            kept.append(value)
    return kept


def _without_repeated_lines(text: str) -> str:
    """`text` with each line once (a paragraph repeated by the source, or the same fact given by two of its
    fields) and no runs of blank lines."""
    seen: set[str] = set()
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if lines and lines[-1]:
                lines.append("")
            continue
        key = fold(line) or line
        if key in seen:
            continue
        seen.add(key)
        lines.append(line)
    return "\n".join(lines).strip()


def _list(value: Any) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _address(address: dict) -> str:
    parts = [_text(address.get(key), 120) for key in ("address_1", "address_2", "city", "state_province",
                                                         "postal_code", "country")]
    return ", ".join(part for part in parts if part)


def _coordinate(value: Any, limit: int) -> Decimal | None:
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        return None
    return number if -limit <= number <= limit else None


def organization_fields(organization: dict) -> dict:
    """What the center keeps of an HSDS organization (never its contact people)."""
    locations = _list(organization.get("locations"))
    addresses = [a for location in locations for a in _list(location.get("addresses"))]
    coordinates = [(_coordinate(loc.get("latitude"), 90), _coordinate(loc.get("longitude"), 180))
                   for loc in locations]
    coordinates = [pair for pair in coordinates if None not in pair]
    phones = _unique(_valid_phone(p.get("number")) for p in _list(organization.get("phones")))
    return {
        "name": _text(organization.get("name"), 200),
        "description": _without_repeated_lines(_text(organization.get("description"), 4000)),
        "website": _valid_url(organization.get("website") or organization.get("uri")),
        "contact_email": _valid_email(organization.get("email")),
        "contact_phone": phones[0] if phones else "",
        "address": _address(addresses[0])[:300] if addresses else "",
        "latitude": coordinates[0][0] if coordinates else None,
        "longitude": coordinates[0][1] if coordinates else None,
    }


def _schedule(schedule: dict) -> str:
    text = _text(schedule.get("description"), 300)
    if text:
        return text
    hours = "–".join(t for t in (_text(schedule.get("opens_at"), 8), _text(schedule.get("closes_at"), 8)) if t)
    return " ".join(t for t in (_text(schedule.get("byday"), 40), hours) if t)


def service_description(service: dict) -> str:
    """The service's description followed by what the platform has no field for (hours, requirements...),
    in Spanish, the content language; each line once, and no fact the description already states."""
    with override(hsds.CONTENT_LANGUAGE):
        description = _without_repeated_lines(_text(service.get("description"), 4000))
        facts = [
            (_("Requirements"), _text(service.get("eligibility_description"), 1000)),
            (_("How to access"), _text(service.get("application_process"), 1000)),
            (_("Cost"), _text(service.get("fees_description"), 500)),
        ]
        schedules = _list(service.get("schedules")) + [
            schedule for sal in _list(service.get("service_at_locations")) for schedule in _list(sal.get("schedules"))]
        facts.append((_("Hours"), "; ".join(_unique(_schedule(s) for s in schedules))))
        facts.append((_("Languages"), ", ".join(_unique(_text(lang.get("name"), 60)
                                                        for lang in _list(service.get("languages"))))))
        places = [_address(a) for sal in _list(service.get("service_at_locations"))
                  for a in _list((sal.get("location") or {}).get("addresses"))]
        facts.append((_("Address"), "; ".join(_unique(places))))
        facts.append((_("Website"), _valid_url(service.get("url"))))
        facts.append((_("Email"), _valid_email(service.get("email"))))
        facts.append((_("Phone"), ", ".join(_unique(_valid_phone(p.get("number"))
                                                    for p in _list(service.get("phones"))))))
        stated = {fold(line) for line in description.splitlines()}
        lines = [description] + [f"{label}: {value}" for label, value in facts
                                 if value and fold(value) not in stated]
        source = _("Imported from an Open Referral (HSDS) directory.")
    return _without_repeated_lines("\n".join(line for line in [*lines, source] if line))[:4000]


def service_type_of(service: dict, default: str) -> str:
    """The platform's own service type when the dataset uses its taxonomy (a round trip), else `default`."""
    for attribute in _list(service.get("attributes")):
        code = _text((attribute.get("taxonomy_term") or {}).get("code"), 40)
        if code in SERVICE_TYPES:
            return code
    return default


# --- The plan --------------------------------------------------------------------------------------------------

@dataclass
class Planned:
    hsds_id: str
    name: str
    action: str  # "create", "update", "unchanged" or "skip"
    fields: dict = field(default_factory=dict)  # what to save
    existing: Any = None
    reason: str = ""
    organization_hsds_id: str = ""

    @property
    def changed_labels(self) -> list[str]:
        """The changed fields, by their label (for the preview)."""
        model = Service if self.organization_hsds_id else Organization
        return [str(model._meta.get_field(name).verbose_name) for name in self.fields]


@dataclass
class ImportPlan:
    organizations: list[Planned]
    services: list[Planned]

    def count(self, kind: str, action: str) -> int:
        return sum(1 for item in getattr(self, kind) if item.action == action)

    @property
    def summary(self) -> dict:
        return {kind: {action: self.count(kind, action) for action in ("create", "update", "unchanged", "skip")}
                for kind in ("organizations", "services")}

    @property
    def changes_anything(self) -> bool:
        return any(item.action in ("create", "update") for item in self.organizations + self.services)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _abbreviates(new: str, current: str) -> bool:
    """Whether `new` is a shorter telling of `current` that adds nothing to it: `current`'s beginning (a
    summary cut short, with or without an ellipsis), or only lines of `current` and beginnings of them (a
    service list's description, assembled from fewer fields than the full record's)."""
    if len(_flat(new)) >= len(_flat(current)):
        return False

    def stem(text: str) -> str:
        return _flat(text).rstrip(" .…")

    if stem(new) and _flat(current).startswith(stem(new)):
        return True
    lines = [_flat(line) for line in current.splitlines() if line.strip()]
    return all(any(line == _flat(part) or line.startswith(stem(part)) for line in lines)
               for part in new.splitlines() if stem(part))


def _replaces(current: Any, new: Any, completeness: kinds.Completeness) -> bool:
    """Whether an imported value replaces the stored one. Richer data is never overwritten by poorer: an
    empty value replaces nothing, and a value from a summary record (`Completeness.SUMMARY`) does not
    replace a text it only abbreviates. Otherwise the newer value wins: a full record's always, a
    summary's when it says something new."""
    if new in ("", None) or current == new:
        return False
    if current in ("", None) or completeness == kinds.Completeness.FULL:
        return True
    return not (isinstance(new, str) and isinstance(current, str) and _abbreviates(new, current))


def _changes(existing, wanted: dict, *, completeness: kinds.Completeness, only_blank: bool = False) -> dict:
    changes = {}
    for name, value in wanted.items():
        current = getattr(existing, name)
        if only_blank and current not in ("", None):
            continue
        if _replaces(current, value, completeness):
            changes[name] = value
    return changes


def _richest_organizations(services: list[dict]) -> dict[str, dict]:
    """Each organization of the file once: its fullest record (an export's or an `organization` nesting
    its services beats the summary a service list repeats in each service), completed with what its other
    records add."""
    found: dict[str, dict] = {}
    for service in services:
        record = service["organization"]
        org_id = _text(record["id"], 100)
        known = found.get(org_id)
        if known is None:
            found[org_id] = record
            continue
        if kinds.organization_completeness(record) > kinds.organization_completeness(known):
            known, record = record, known
        found[org_id] = {**{k: v for k, v in record.items() if v not in ("", None, [], {})},
                         **{k: v for k, v in known.items() if v not in ("", None, [], {})}}
    return found


def _plan_organization(center: Center, hsds_id: str, data: dict, *, sector: str, scale: str,
                       taken_names: set[str], completeness: kinds.Completeness) -> Planned:
    existing = Organization.objects.filter(center=center, hsds_id=hsds_id).first()
    if existing is not None:
        wanted = dict(data)
        if fold(wanted["name"]) != fold(existing.name) and fold(wanted["name"]) in taken_names:
            wanted.pop("name")  # another organization of the center already has the new name
        changes = _changes(existing, wanted, completeness=completeness)
        return Planned(hsds_id, existing.name, "update" if changes else "unchanged", changes, existing)
    namesake = Organization.objects.filter(center=center, name__iexact=data["name"]).first()
    if namesake is not None:
        if namesake.hsds_id:
            return Planned(hsds_id, data["name"], "skip", existing=namesake, reason=_(
                "An organization with this name already comes from another HSDS record."))
        # The center already mapped it by hand: link it, and fill only what it left blank.
        return Planned(hsds_id, namesake.name, "update",
                       {"hsds_id": hsds_id, **_changes(namesake, data, completeness=completeness, only_blank=True)},
                       namesake)
    taken_names.add(fold(data["name"]))
    return Planned(hsds_id, data["name"], "create", {
        **data, "hsds_id": hsds_id, "sector": sector, "scale": scale, "roles": [PartnerRole.PROVIDER],
        "status": RelationshipStatus.IDENTIFIED})


def _free_service_name(center: Center, name: str, organization_name: str, taken: set[str]) -> str | None:
    for candidate in (name, f"{name} ({organization_name})"[:200]):
        if fold(candidate) not in taken and not Service.objects.filter(center=center, name__iexact=candidate).exists():
            return candidate
    return None


def plan_import(center: Center, services: list[dict], *, sector: str, scale: str,
                default_service_type: str = DEFAULT_SERVICE_TYPE) -> ImportPlan:
    """What importing `services` (from `read_dataset`) into `center` would create and change."""
    organizations: dict[str, Planned] = {}
    taken_org_names = {fold(n) for n in Organization.objects.filter(center=center).values_list("name", flat=True)}
    planned_services: list[Planned] = []
    taken_service_names: set[str] = set()
    seen_services: set[str] = set()
    organization_records = _richest_organizations(services)
    for service in services:
        org_id = _text(service["organization"]["id"], 100)
        if org_id not in organizations:
            record = organization_records[org_id]
            organizations[org_id] = _plan_organization(
                center, org_id, organization_fields(record), sector=sector, scale=scale,
                taken_names=taken_org_names, completeness=kinds.organization_completeness(record))
        service_id = _text(service["id"], 100)
        if service_id in seen_services:
            continue
        seen_services.add(service_id)
        planned_org = organizations[org_id]
        name = _text(service["name"], 200)
        wanted = {"description": service_description(service),
                  "status": STATUS_MAP.get(_text(service.get("status"), 20), Service.Status.ACTIVE)}
        existing = Service.objects.filter(center=center, hsds_id=service_id).first()
        if planned_org.action == "skip":
            planned_services.append(Planned(service_id, name, "skip", reason=_(
                "Its organization was not imported."), organization_hsds_id=org_id))
        elif existing is not None:
            if fold(name) != fold(existing.name):
                free = _free_service_name(center, name, planned_org.name, taken_service_names)
                if free:
                    wanted["name"] = free
            changes = _changes(existing, wanted, completeness=kinds.service_completeness(service))
            planned_services.append(Planned(service_id, existing.name, "update" if changes else "unchanged",
                                            changes, existing, organization_hsds_id=org_id))
        else:
            free = _free_service_name(center, name, planned_org.name, taken_service_names)
            if free is None:
                planned_services.append(Planned(service_id, name, "skip", reason=_(
                    "The center already has a service with this name."), organization_hsds_id=org_id))
                continue
            taken_service_names.add(fold(free))
            planned_services.append(Planned(service_id, free, "create", {
                **wanted, "name": free, "hsds_id": service_id,
                "service_type": service_type_of(service, default_service_type),
                "modality": Service.Modality.PARTNER, "origin": Service.Origin.TERRITORIALIZED,
            }, organization_hsds_id=org_id))
    return ImportPlan(list(organizations.values()), planned_services)


@transaction.atomic
def import_dataset(center: Center, services: list[dict], *, actor, sector: str, scale: str,
                   default_service_type: str = DEFAULT_SERVICE_TYPE, source=None) -> ImportPlan:
    """Create and update the partner organizations and services of `services` in `center`: all or nothing.
    The plan is made again here, inside the transaction, so that it matches the database it changes."""
    plan = plan_import(center, services, sector=sector, scale=scale, default_service_type=default_service_type)
    saved: dict[str, Organization] = {}
    for item in plan.organizations:
        if item.action == "create":
            saved[item.hsds_id] = partner_actions.save_organization(center, item.fields, actor=actor)
        elif item.action == "update":
            saved[item.hsds_id] = partner_actions.save_organization(center, item.fields, actor=actor,
                                                                    organization=item.existing)
        elif item.existing is not None:
            saved[item.hsds_id] = item.existing
    for item in plan.services:
        if item.action == "create":
            service_actions.save_service(center, {**item.fields, "provider": saved[item.organization_hsds_id]},
                                         actor=actor)
        elif item.action == "update":
            service_actions.save_service(center, item.fields, actor=actor, service=item.existing)
    if source is not None:
        audit.record("directory.hsds.imported", source, actor=actor, center=center)
    return plan
