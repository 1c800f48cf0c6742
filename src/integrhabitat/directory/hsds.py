"""The public directory in the Open Referral HSDS 3.0 shape: what is published, and how each record
becomes an HSDS object.

What is published (and nothing else):
- every active center, as an *organization* (it operates its services) and as a *location*;
- the services of active centers that are active or under review, not those planned (drafts) or retired,
  and not the partners' services imported from another directory (they are referral destinations, whose
  source of truth is that directory);
- partner organizations whose alliance is formalised (agreement signed or active): the others are only
  the center's working notes about its territory;
- the six service categories and their service types, as one HSDS taxonomy.

Never: participants, staff, the contact person of a partner organization or their email and phone
(`Organization.contact_*` are a person's), agreements, pathways. The contact published is the center's
own email and phone.

Addresses: HSDS requires `state_province` and `postal_code`, which the platform does not record. Rather
than invent them, a location carries no `addresses`; its street address goes in `description`, with the
city and country, and the coordinates when the model has them (partner organizations).

Ids are stable: the records' own UUIDs, and for objects without a row (a center's location, a language,
a taxonomy term) a UUID5 derived from the owner's UUID and a fixed name.
"""

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from integrhabitat.lib.text import fold
from integrhabitat.network.models import Center
from integrhabitat.partners.models import Organization, RelationshipStatus
from integrhabitat.services.models import Service
from integrhabitat.services.taxonomy import SERVICE_TYPES, Category

HSDS_VERSION = "3.0"
CONTENT_LANGUAGE = "es"  # the language of the published texts
PROFILE_URL = "https://docs.openreferral.org/en/latest/hsds/"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"

# Every derived id hangs from this namespace, so that it never changes between deployments.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://integrhabitat.org/hsds")
TAXONOMY_ID = uuid.uuid5(NAMESPACE, "taxonomy:service-types")

PUBLISHED_SERVICE_STATUSES = (Service.Status.ACTIVE, Service.Status.UNDER_REVIEW)
PUBLIC_PARTNER_STATUSES = (RelationshipStatus.AGREEMENT, RelationshipStatus.ACTIVE)

# Spoken languages as centers usually write them → ISO 639 codes (unknown ones go out by name only).
LANGUAGE_CODES = {
    "espanol": "es", "spanish": "es", "castellano": "es", "english": "en", "ingles": "en", "portugues": "pt",
    "portuguese": "pt", "francais": "fr", "frances": "fr", "french": "fr", "kreyol": "ht", "creole": "ht",
    "criollo haitiano": "ht", "quechua": "qu", "wayuunaiki": "guc", "aymara": "ay", "guarani": "gn",
}


def derived_id(owner: uuid.UUID | str, name: str) -> str:
    return str(uuid.uuid5(uuid.UUID(str(owner)), name))


def category_term_id(category: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"category:{category}"))


def type_term_id(service_type: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"service-type:{service_type}"))


def location_id(owner_uuid) -> str:
    return derived_id(owner_uuid, "location")


def service_at_location_id(service: Service) -> str:
    return derived_id(service.uuid, "service_at_location")


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def _drop_empty(data: dict) -> dict:
    """HSDS fields are optional unless required: leave out what we do not know instead of sending ""."""
    return {key: value for key, value in data.items() if value not in ("", None)}


# --- What is published -------------------------------------------------------------------------------------

def published_centers() -> QuerySet[Center]:
    return Center.objects.filter(is_active=True).order_by("name", "pk")


def published_services() -> QuerySet[Service]:
    return (Service.objects.filter(center__is_active=True, status__in=PUBLISHED_SERVICE_STATUSES, hsds_id="")
            .select_related("center", "provider").order_by("name", "pk"))


def published_partners() -> QuerySet[Organization]:
    return (Organization.objects.filter(center__is_active=True, status__in=PUBLIC_PARTNER_STATUSES)
            .select_related("center").order_by("name", "pk"))


def search_filter(term: str, *fields: str) -> Q:
    query = Q()
    for field in fields:
        query |= Q(**{f"{field}__icontains": term})
    return query


def matches(text_fields: Iterable[str], term: str) -> bool:
    """Accent- and case-blind search in Python (for the few rows that are not querysets)."""
    needle = fold(term)
    return any(needle in fold(text or "") for text in text_fields)


# --- Taxonomy ------------------------------------------------------------------------------------------------

def taxonomy() -> dict:
    with override(CONTENT_LANGUAGE):
        return {
            "id": str(TAXONOMY_ID),
            "name": _("IntegrHabitat service types"),
            "description": _("The six service categories of the IntegrHabitat centers (humanitarian "
                             "assistance, care, housing, participation, economy, culture) and the types of "
                             "service of each."),
            "version": "1",
        }


def taxonomy_terms() -> list[dict]:
    """The six categories (top level) and the service types (children), in the taxonomy's order."""
    terms = []
    with override(CONTENT_LANGUAGE):
        name = _("IntegrHabitat service types")
        for category in Category:
            terms.append({
                "id": category_term_id(category.value), "code": category.value, "name": str(category.label),
                "description": str(category.label), "taxonomy": name, "taxonomy_id": str(TAXONOMY_ID),
                "language": CONTENT_LANGUAGE,
            })
            for code, (cat, label) in SERVICE_TYPES.items():
                if cat == category:
                    terms.append({
                        "id": type_term_id(code), "code": code, "name": str(label), "description": str(label),
                        "parent_id": category_term_id(category.value), "taxonomy": name,
                        "taxonomy_id": str(TAXONOMY_ID), "language": CONTENT_LANGUAGE,
                    })
    return terms


def term_ids_of(service_type: str) -> tuple[str, str]:
    return category_term_id(SERVICE_TYPES[service_type][0].value), type_term_id(service_type)


def _attributes(service: Service) -> list[dict]:
    terms = {term["id"]: term for term in taxonomy_terms()}
    attributes = []
    for term_id in term_ids_of(service.service_type):
        term = terms[term_id]
        attributes.append({
            "id": derived_id(service.uuid, f"attribute:{term_id}"), "link_id": str(service.uuid),
            "link_type": "service_type", "link_entity": "service", "taxonomy_term_id": term_id,
            "taxonomy_term": term,
        })
    return attributes


# --- Organizations and locations -----------------------------------------------------------------------------

def _languages(owner_uuid, spoken: str, **link) -> list[dict]:
    languages = []
    for name in [part.strip() for part in spoken.replace(";", ",").split(",") if part.strip()]:
        languages.append(_drop_empty({"id": derived_id(owner_uuid, f"language:{fold(name)}"), **link,
                                      "name": name, "code": LANGUAGE_CODES.get(fold(name), "")}))
    return languages


def _place(address: str, city: str = "", country: str = "") -> str:
    return ", ".join(part for part in (address, city, country) if part)


def center_location(center: Center) -> dict:
    with override(CONTENT_LANGUAGE):
        where = _place(center.address, center.city, str(center.country.name))
        description = _("Address: %(place)s.") % {"place": where}
        if center.territory_served:
            description += " " + _("Territory served: %(territory)s") % {"territory": center.territory_served}
        location = _drop_empty({
            "id": location_id(center.uuid), "location_type": "physical", "organization_id": str(center.uuid),
            "name": center.name, "description": description,
            "external_identifier": center.slug, "external_identifier_type": "integrhabitat-center",
        })
        location["languages"] = _languages(center.uuid, center.languages, location_id=location["id"])
        location["addresses"] = []  # no postal code or state/province recorded: see the module docstring
        location["phones"] = _center_phones(center, location_id=location["id"])
        location["schedules"] = ([{"id": derived_id(center.uuid, "schedule"), "location_id": location["id"],
                                   "description": center.opening_hours}] if center.opening_hours else [])
    return location


def _center_phones(center: Center, **link) -> list[dict]:
    if not center.phone:
        return []
    return [{"id": derived_id(center.uuid, "phone"), **link, "number": center.phone}]


def center_organization(center: Center, *, full: bool = False) -> dict:
    with override(CONTENT_LANGUAGE):
        description = _("IntegrHabitat center for social integration and co-creation of the habitat in "
                        "%(city)s (%(modality)s).") % {"city": center.city, "modality": center.get_modality_display()}
        if center.lead_institution:
            description += " " + _("Lead institution: %(name)s.") % {"name": center.lead_institution}
    organization = _drop_empty({"id": str(center.uuid), "name": center.name, "description": description,
                                "email": center.email})
    if full:
        organization["phones"] = _center_phones(center, organization_id=str(center.uuid))
        organization["locations"] = [center_location(center)]
        organization["contacts"] = []
        organization["organization_identifiers"] = []
    return organization


def partner_location(partner: Organization) -> dict | None:
    if not partner.address and partner.latitude is None:
        return None
    location = {"id": location_id(partner.uuid), "location_type": "physical",
                "organization_id": str(partner.uuid), "name": partner.name}
    if partner.address:
        with override(CONTENT_LANGUAGE):
            location["description"] = _("Address: %(place)s.") % {"place": partner.address}
    if partner.latitude is not None and partner.longitude is not None:
        location["latitude"] = float(partner.latitude)
        location["longitude"] = float(partner.longitude)
    location["addresses"] = []
    return location


def partner_organization(partner: Organization, *, full: bool = False) -> dict:
    with override(CONTENT_LANGUAGE):
        description = partner.description or _("%(sector)s, partner of %(center)s.") % {
            "sector": partner.get_sector_display(), "center": partner.center.name}
    organization = _drop_empty({"id": str(partner.uuid), "name": partner.name, "description": description,
                                "website": partner.website, "parent_organization_id": None})
    if full:
        location = partner_location(partner)
        organization["locations"] = [location] if location else []
        organization["phones"] = []  # the model's phone is its contact person's: not published
        organization["contacts"] = []
        organization["organization_identifiers"] = []
    return organization


def organization_by_id(identifier: str, *, full: bool = True) -> dict | None:
    try:
        key = uuid.UUID(identifier)
    except ValueError:
        return None
    center = published_centers().filter(uuid=key).first()
    if center is not None:
        return center_organization(center, full=full)
    partner = published_partners().filter(uuid=key).first()
    return partner_organization(partner, full=full) if partner else None


def all_organizations(*, full: bool = False, search: str = "") -> list[dict]:
    centers = published_centers()
    partners = published_partners()
    if search:
        centers = centers.filter(search_filter(search, "name", "city", "lead_institution"))
        partners = partners.filter(search_filter(search, "name", "description"))
    organizations = [center_organization(c, full=full) for c in centers]
    organizations += [partner_organization(p, full=full) for p in partners]
    return sorted(organizations, key=lambda o: (fold(o["name"]), o["id"]))


# --- Services ------------------------------------------------------------------------------------------------

def _service_texts(service: Service) -> dict:
    with override(CONTENT_LANGUAGE):
        description = service.description or service.get_service_type_display()
        provider = service.provider
        if provider is not None and provider.status in PUBLIC_PARTNER_STATUSES:
            description += " " + _("Delivered with %(partner)s.") % {"partner": provider.name}
        return {"description": description, "fees_description": str(service.get_cost_model_display())}


def service_summary(service: Service) -> dict:
    """The one-to-one fields of a service (HSDS `service_list`)."""
    center = service.center
    return {
        "id": str(service.uuid), "organization_id": str(center.uuid), "name": service.name,
        **_service_texts(service), "status": "active", "last_modified": _iso(service.updated_at),
        **({"email": center.email} if center.email else {}),
        "organization": center_organization(center),
    }


def service_at_location_summary(service: Service) -> dict:
    return {"id": service_at_location_id(service), "service_id": str(service.uuid),
            "location_id": location_id(service.center.uuid), "description": service.name}


def service_at_location_full(service: Service) -> dict:
    return {**service_at_location_summary(service), "location": center_location(service.center)}


def service_full(service: Service) -> dict:
    """A service with all its related data (HSDS `service`)."""
    center = service.center
    data = service_summary(service)
    data["organization"] = center_organization(center, full=True)
    data["languages"] = [{"id": derived_id(service.uuid, f"language:{CONTENT_LANGUAGE}"), "service_id": data["id"],
                          "name": "Español", "code": CONTENT_LANGUAGE}]
    data["phones"] = _center_phones(center, service_id=data["id"])
    data["service_at_locations"] = [service_at_location_full(service)]
    data["attributes"] = _attributes(service)
    data["contacts"] = []
    data["schedules"] = []
    data["service_areas"] = ([{"id": derived_id(service.uuid, "service_area"), "service_id": data["id"],
                               "name": center.city, "description": center.territory_served or center.city}]
                             if center.city else [])
    data["cost_options"] = []
    data["required_documents"] = []
    data["funding"] = []
    return data


def services_with_term(term_id: str) -> Q:
    """Services tagged with a term: a service type, or any type of a category."""
    types = [code for code in SERVICE_TYPES if term_id in term_ids_of(code)]
    return Q(service_type__in=types)


def export_bundle(base_url: str = "") -> dict:
    """Everything the directory publishes, in one JSON document (HSDS objects, fully nested)."""
    services = list(published_services())
    return {
        "hsds_version": HSDS_VERSION,
        "language": CONTENT_LANGUAGE,
        "generated_at": _iso(timezone.now()),
        "source": base_url,
        "organizations": all_organizations(full=True),
        "services": [service_full(s) for s in services],
        "service_at_locations": [service_at_location_full(s) for s in services],
        "taxonomies": [taxonomy()],
        "taxonomy_terms": taxonomy_terms(),
    }
