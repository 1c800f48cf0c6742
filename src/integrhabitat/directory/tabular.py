"""The directory as HSDS 3.0 tabular data: one CSV per table and a Frictionless `datapackage.json`, zipped.

The nested objects of `hsds.export_bundle()` are flattened: each nested list becomes rows of its own
table, linked to its parent by the `<parent>_id` column HSDS defines. Columns are those of the HSDS
tabular schema (`compiled/tabular.json`) for the tables this directory fills; tests check them against it.
"""

import csv
import io
import json
import re
import zipfile

from integrhabitat.lib.spreadsheets import safe_cell

# table → (file, columns), in the order of the HSDS data package.
TABLES: dict[str, tuple[str, list[str]]] = {
    "organization": ("organizations.csv", ["id", "name", "alternate_name", "description", "email", "website",
                                           "tax_status", "tax_id", "year_incorporated", "legal_status", "logo",
                                           "uri", "parent_organization_id"]),
    "service": ("services.csv", ["id", "organization_id", "program_id", "name", "alternate_name", "description",
                                 "url", "email", "status", "interpretation_services", "application_process",
                                 "fees_description", "wait_time", "fees", "accreditations",
                                 "eligibility_description", "minimum_age", "maximum_age", "assured_date",
                                 "assurer_email", "licenses", "alert", "last_modified"]),
    "attribute": ("attributes.csv", ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"]),
    "service_at_location": ("service_at_location.csv", ["id", "service_id", "location_id", "description"]),
    "location": ("locations.csv", ["id", "location_type", "url", "organization_id", "name", "alternate_name",
                                   "description", "transportation", "latitude", "longitude", "external_identifier",
                                   "external_identifier_type"]),
    "phone": ("phones.csv", ["id", "location_id", "service_id", "organization_id", "contact_id",
                             "service_at_location_id", "number", "extension", "type", "description"]),
    "schedule": ("schedules.csv", ["id", "service_id", "location_id", "service_at_location_id", "valid_from",
                                   "valid_to", "dtstart", "timezone", "until", "count", "wkst", "freq", "interval",
                                   "byday", "byweekno", "bymonthday", "byyearday", "description", "opens_at",
                                   "closes_at", "schedule_link", "attending_type", "notes"]),
    "service_area": ("service_areas.csv", ["id", "service_id", "name", "description",
                                           "extent", "extent_type", "uri"]),
    "language": ("languages.csv", ["id", "service_id", "location_id", "phone_id", "name", "code", "note"]),
    "taxonomy_term": ("taxonomy_terms.csv", ["id", "code", "name", "description", "parent_id", "taxonomy",
                                             "language", "taxonomy_id", "term_uri"]),
    "taxonomy": ("taxonomies.csv", ["id", "name", "description", "uri", "version"]),
}

# Nested keys → the table their objects belong to.
CHILDREN = {
    "phones": "phone", "schedules": "schedule", "service_areas": "service_area", "languages": "language",
    "service_at_locations": "service_at_location", "attributes": "attribute", "locations": "location",
    "organization": "organization", "location": "location", "taxonomy_term": "taxonomy_term",
}
NUMERIC = {"year_incorporated", "minimum_age", "maximum_age", "latitude", "longitude", "extension", "timezone",
           "count", "interval"}


# A phone number like "+57 601 555 0000" is data, not a formula: it is written as it is.
_PHONE = re.compile(r"^\+[0-9 ()\-.]{4,30}$")


def _cell(value):
    if isinstance(value, str) and _PHONE.match(value):
        return value
    value = safe_cell(value)  # text a spreadsheet would run is neutralized, as in every download
    return "" if value is None else value


def csv_text(columns: list[str], rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def flatten(bundle: dict) -> dict[str, dict[str, dict]]:
    """table → id → row, each object once."""
    tables: dict[str, dict[str, dict]] = {name: {} for name in TABLES}

    def add(table: str, obj: dict, parent_table: str | None, parent_id: str | None) -> None:
        row = {key: value for key, value in obj.items() if not isinstance(value, dict | list)}
        link = f"{parent_table}_id"
        if parent_table and link in TABLES[table][1] and not row.get(link):
            row[link] = parent_id
        tables[table].setdefault(row["id"], {}).update(row)
        for key, value in obj.items():
            child = CHILDREN.get(key)
            if child is None:
                continue
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict) and item.get("id"):
                    add(child, item, table, row["id"])

    for top, table in (("organizations", "organization"), ("services", "service"),
                       ("service_at_locations", "service_at_location"), ("taxonomies", "taxonomy"),
                       ("taxonomy_terms", "taxonomy_term")):
        for obj in bundle.get(top, []):
            add(table, obj, None, None)
    return tables


def datapackage(bundle: dict) -> dict:
    resources = []
    for table, (path, columns) in TABLES.items():
        fields = [{"name": c, "type": "number" if c in NUMERIC else "string"} for c in columns]
        resources.append({"name": table, "path": path, "profile": "tabular-data-resource", "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8-sig",
                          "schema": {"fields": fields, "primaryKey": "id"}})
    return {"name": "integrhabitat-hsds", "title": "IntegrHabitat — directorio de servicios (HSDS 3.0)",
            "profile": "tabular-data-package", "created": bundle["generated_at"],
            "language": bundle["language"], "resources": resources}


def zip_bytes(bundle: dict) -> bytes:
    tables = flatten(bundle)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(datapackage(bundle), ensure_ascii=False, indent=1))
        for table, (path, columns) in TABLES.items():
            rows = ([row.get(column) for column in columns] for row in tables[table].values())
            archive.writestr(path, csv_text(columns, rows).encode("utf-8"))
    return buffer.getvalue()
