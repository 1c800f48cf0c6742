"""What an Open Referral (HSDS 3.0) JSON file holds, told by the shape of the file and the fields its
records carry (the HSDS schemas and the OpenAPI's answers, /work/shared/standards/hsds-3.0/).

The directory imports services, each with its organization: HSDS `service` (full) and `service_list`
records, and `organization` records with their services nested. Every other kind of HSDS file — an
organization list, taxonomy terms, service-at-location links, locations, an API's root answer, a tabular
data package — is refused with a sentence that names what the file is, so that the person who uploaded it
knows which file to bring instead.

How complete a record is decides whose data wins when the same record is imported twice from files of
different kinds: see `Completeness`.
"""

from enum import IntEnum, StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from integrhabitat.lib.errors import Refused


class DatasetRefused(Refused):
    """The file is not an HSDS 3.0 dataset this importer understands: nothing is saved."""


class Kind(StrEnum):
    SERVICE = "service"  # importable: `service` or `service_list`
    ORGANIZATION_WITH_SERVICES = "organization_with_services"  # importable: `organization` with `services`
    ORGANIZATION = "organization"  # `organization_list`, or `organization` without its services
    ORGANIZATION_WITH_SERVICE_IDS = "organization_with_service_ids"  # services given only by their id
    SERVICE_IDS = "service_ids"  # `/services?minimal=true`: ids and dates only
    SERVICE_AT_LOCATION = "service_at_location"
    LOCATION = "location"
    TAXONOMY = "taxonomy"
    TAXONOMY_TERM = "taxonomy_term"
    PHONE = "phone"
    ADDRESS = "address"
    SCHEDULE = "schedule"
    CONTACT = "contact"
    LANGUAGE = "language"
    UNKNOWN = "unknown"


IMPORTABLE = {Kind.SERVICE, Kind.ORGANIZATION_WITH_SERVICES}


class Completeness(IntEnum):
    """How much of a record's data a file carries. A full record (HSDS `service`, `organization` with its
    locations and phones — what `/services/{id}`, `/services?full=true`, `/organizations/{id}` and an export
    give) beats a summary (`service_list`, `organization_list`, an organization as a service list nests it):
    a summary's value never replaces a full record's value it only abbreviates. Between two records of the
    same completeness, the newer value wins."""

    SUMMARY = 1
    FULL = 2


# The fields that tell the kinds apart (from the HSDS 3.0 schemas).
SERVICE_FIELDS = {"status", "organization", "organization_id", "program_id", "interpretation_services",
                  "application_process", "fees_description", "wait_time", "fees", "accreditations",
                  "eligibility_description", "minimum_age", "maximum_age", "assured_date", "assurer_email",
                  "licenses", "alert", "service_areas", "service_at_locations", "cost_options",
                  "required_documents", "program"}
SERVICE_RELATED = {"phones", "schedules", "service_areas", "service_at_locations", "languages", "contacts",
                   "funding", "cost_options", "required_documents"}
ORGANIZATION_FIELDS = {"website", "tax_status", "tax_id", "year_incorporated", "legal_status", "logo",
                       "parent_organization_id", "organization_identifiers", "programs", "locations"}
ORGANIZATION_RELATED = {"phones", "locations", "contacts", "funding", "programs", "organization_identifiers"}
SERVICE_AT_LOCATION_FIELDS = {"id", "service_id", "location_id", "description", "contacts", "phones",
                              "schedules", "location", "service", "attributes", "metadata"}
LOCATION_FIELDS = {"location_type", "latitude", "longitude", "transportation", "external_identifier",
                   "external_identifier_type", "addresses", "accessibility"}
TAXONOMY_TERM_FIELDS = {"code", "parent_id", "taxonomy", "taxonomy_detail", "language", "taxonomy_id",
                        "term_uri"}
TAXONOMY_FIELDS = {"id", "name", "description", "uri", "version", "metadata"}
SCHEDULE_FIELDS = {"freq", "byday", "opens_at", "closes_at", "dtstart", "wkst", "byweekno", "bymonthday",
                   "byyearday", "until", "attending_type"}
# The lists of an export bundle (ours: `hsds.export_bundle`).
BUNDLE_LISTS = {"services", "organizations", "service_at_locations", "locations", "taxonomies", "taxonomy_terms"}

REFUSALS = {
    Kind.ORGANIZATION: _(
        "This file is a list of organizations without their services: the directory imports services (with "
        "their organization) or organizations with their services. Download the services of the same "
        "directory instead (in an HSDS API: /services?full=true)."),
    Kind.ORGANIZATION_WITH_SERVICE_IDS: _(
        "This file holds organizations whose services are given only by their id: the directory needs each "
        "service's name and details. Download the services of the same directory instead (in an HSDS API: "
        "/services?full=true)."),
    Kind.SERVICE_IDS: _(
        "This file lists services by their id only (a minimal list): the directory needs each service's "
        "name and organization. Download the full services instead (in an HSDS API: /services?full=true)."),
    Kind.SERVICE_AT_LOCATION: _(
        "This file is a list of service-at-location links (which service is delivered at which place), not "
        "services: the directory imports services (with their organization) or organizations with their "
        "services."),
    Kind.LOCATION: _(
        "This file is a list of locations (places and their addresses), not services: the directory imports "
        "services (with their organization) or organizations with their services."),
    Kind.TAXONOMY: _(
        "This file is a list of taxonomies (classification schemes), not services: the directory imports "
        "services (with their organization) or organizations with their services."),
    Kind.TAXONOMY_TERM: _(
        "This file is a list of taxonomy terms, not services: the directory imports services (with their "
        "organization) or organizations with their services."),
    Kind.PHONE: _(
        "This file is a list of phone numbers, not services: the directory imports services (with their "
        "organization) or organizations with their services."),
    Kind.ADDRESS: _(
        "This file is a list of addresses, not services: the directory imports services (with their "
        "organization) or organizations with their services."),
    Kind.SCHEDULE: _(
        "This file is a list of opening hours (schedules), not services: the directory imports services "
        "(with their organization) or organizations with their services."),
    Kind.CONTACT: _(
        "This file is a list of contact people, not services: the directory imports services (with their "
        "organization) or organizations with their services."),
    Kind.LANGUAGE: _(
        "This file is a list of spoken languages, not services: the directory imports services (with their "
        "organization) or organizations with their services."),
    Kind.UNKNOWN: _(
        "The records of this file are not HSDS services: an HSDS service has an id, a name and a status, "
        "and belongs to an organization. The directory imports services (with their organization) or "
        "organizations with their services."),
}

# For a file that mixes kinds: what the first record that cannot be imported is.
KIND_NAMES = {
    Kind.ORGANIZATION: _("an organization without its services"),
    Kind.ORGANIZATION_WITH_SERVICE_IDS: _("an organization whose services are given only by their id"),
    Kind.SERVICE_IDS: _("a service given only by its id"),
    Kind.SERVICE_AT_LOCATION: _("a service-at-location link"),
    Kind.LOCATION: _("a location"),
    Kind.TAXONOMY: _("a taxonomy"),
    Kind.TAXONOMY_TERM: _("a taxonomy term"),
    Kind.PHONE: _("a phone number"),
    Kind.ADDRESS: _("an address"),
    Kind.SCHEDULE: _("a schedule"),
    Kind.CONTACT: _("a contact person"),
    Kind.LANGUAGE: _("a spoken language"),
    Kind.UNKNOWN: _("a record of an unknown kind"),
}


def _named(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def kind_of(record: Any) -> Kind:
    """The HSDS kind of one JSON value, by the fields it carries."""
    if not isinstance(record, dict):
        return Kind.UNKNOWN
    keys = set(record)
    if isinstance(record.get("services"), list) and "organization" not in record:
        nested = [s for s in record["services"] if isinstance(s, dict)]
        if nested and not any(_named(s.get("name")) for s in nested):
            return Kind.ORGANIZATION_WITH_SERVICE_IDS
        return Kind.ORGANIZATION_WITH_SERVICES if nested else Kind.ORGANIZATION
    if keys & {"service_id", "location_id"} and keys <= SERVICE_AT_LOCATION_FIELDS:
        return Kind.SERVICE_AT_LOCATION
    if "status" not in keys:  # every HSDS service has one; these tables have none
        if "number" in keys:
            return Kind.PHONE
        if "address_1" in keys:
            return Kind.ADDRESS
        if "code" in keys and keys & {"service_id", "location_id", "phone_id"}:
            return Kind.LANGUAGE
        if keys & SCHEDULE_FIELDS:
            return Kind.SCHEDULE
        if keys & LOCATION_FIELDS:
            return Kind.LOCATION
        if keys & {"title", "department"}:
            return Kind.CONTACT
        if keys & TAXONOMY_TERM_FIELDS and not keys & SERVICE_FIELDS:
            return Kind.TAXONOMY_TERM
        if "id" in keys and "name" not in keys and keys <= {"id", "last_modified"}:
            return Kind.SERVICE_IDS
        if "service_id" in keys and "name" not in keys:
            return Kind.UNKNOWN  # funding, cost option, required document... of a service
    if keys & SERVICE_FIELDS:
        return Kind.SERVICE
    if keys & ORGANIZATION_FIELDS:
        return Kind.ORGANIZATION
    if "version" in keys and keys <= TAXONOMY_FIELDS:
        return Kind.TAXONOMY
    if {"id", "name", "description"} <= keys:
        return Kind.ORGANIZATION  # what HSDS requires of an organization, and nothing of a service's
    return Kind.UNKNOWN


def service_completeness(service: dict) -> Completeness:
    """A service with its related lists (phones, schedules, locations...) is a full `service` record."""
    return Completeness.FULL if set(service) & SERVICE_RELATED else Completeness.SUMMARY


def organization_completeness(organization: dict) -> Completeness:
    """An organization with its related lists (locations, phones...) is a full `organization` record."""
    return Completeness.FULL if set(organization) & ORGANIZATION_RELATED else Completeness.SUMMARY


def records_of(data: Any) -> tuple[list, list[dict]]:
    """The records of a parsed JSON file and, for an export bundle, its organizations; `DatasetRefused`
    for a file that holds no records (an API's root answer, a tabular data package, an empty page...)."""
    if isinstance(data, list):
        return data, []
    if not isinstance(data, dict):
        raise DatasetRefused(_("The file is JSON but not an HSDS 3.0 dataset: expected a list of services, a "
                               "page with “contents” or an export with “services”."))
    if isinstance(data.get("contents"), list):
        if not data["contents"]:
            raise DatasetRefused(_("This page of an HSDS API is empty: the file contains no services."))
        return data["contents"], []
    if "id" not in data and set(data) & BUNDLE_LISTS:
        organizations = [o for o in data.get("organizations") or [] if isinstance(o, dict)]
        services = data.get("services")
        if not isinstance(services, list) or not services:
            raise DatasetRefused(_(
                "This export holds no services, only other HSDS records (such as organizations or taxonomy "
                "terms): the directory imports services (with their organization) or organizations with "
                "their services."))
        return services, organizations
    if "id" not in data and "version" in data and ("openapi_url" in data or "profile" in data):
        raise DatasetRefused(_(
            "This file is the description of an HSDS API (the answer of its root address), not its data. "
            "Download its services instead (/services?full=true) or its full export."))
    if "id" not in data and isinstance(data.get("resources"), list):
        raise DatasetRefused(_(
            "This file is the data package description (datapackage.json) of an HSDS export in tables (CSV): "
            "the directory imports the JSON format (a list of services, a page of an HSDS API or a full "
            "export)."))
    if "id" in data:
        return [data], []
    raise DatasetRefused(_("The file is JSON but not an HSDS 3.0 dataset: expected a list of services, a page "
                           "with “contents” or an export with “services”."))


def refuse_other_kinds(records: list) -> None:
    """`DatasetRefused` naming what the file is when its records are not services or organizations with
    their services."""
    kinds = [kind_of(record) for record in records]
    for position, kind in enumerate(kinds, start=1):
        if kind in IMPORTABLE:
            continue
        if all(other == kind for other in kinds):
            raise DatasetRefused(REFUSALS[kind])
        raise DatasetRefused(_(
            "Record number %(n)s of the file is %(kind)s, not a service: the directory imports services (with "
            "their organization) or organizations with their services.") % {"n": position,
                                                                             "kind": KIND_NAMES[kind]})
