"""/api/hsds/export.zip: the directory as HSDS tabular data (CSVs and a datapackage.json)."""

import csv
import io
import json
import zipfile

from django.test import Client

from integrhabitat.directory.tabular import TABLES
from integrhabitat.directory.tests.schemas import schema
from integrhabitat.network.models import Center
from integrhabitat.services.taxonomy import SERVICE_TYPES


def download(world) -> zipfile.ZipFile:
    response = Client().get("/api/hsds/export.zip", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="integrhabitat-hsds-')
    assert response["Content-Disposition"].endswith('.zip"')
    return zipfile.ZipFile(io.BytesIO(response.content))


def rows(archive: zipfile.ZipFile, path: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read(path).decode("utf-8-sig"))))


def test_its_tables_use_the_files_and_columns_of_the_hsds_tabular_schema(world):
    tabular = schema("compiled/tabular.json")["properties"]
    archive = download(world)
    package = json.loads(archive.read("datapackage.json"))
    assert {r["path"] for r in package["resources"]} <= set(archive.namelist())
    for table, (path, columns) in TABLES.items():
        spec = tabular[table]["items"]
        assert path == spec["path"], table
        scalar = [name for name, prop in spec["properties"].items()
                  if prop.get("type") != "array" and "$ref" not in prop]
        assert columns == scalar, table
        assert next(csv.reader(io.StringIO(archive.read(path).decode("utf-8-sig")))) == columns


def test_it_flattens_services_with_their_links_and_keeps_phone_numbers_as_data(world):
    Center.objects.filter(pk=world.center_a.pk).update(phone="+57 601 555 0000")
    archive = download(world)
    services = {r["name"]: r for r in rows(archive, "services.csv")}
    assert services["Kits alimentarios"]["organization_id"] == str(world.center_a.uuid)
    organizations = {r["id"] for r in rows(archive, "organizations.csv")}
    assert str(world.center_a.uuid) in organizations
    attributes = [r for r in rows(archive, "attributes.csv") if r["link_id"] == str(world.service_a.uuid)]
    assert len(attributes) == 2 and all(r["link_entity"] == "service" for r in attributes)
    phones = rows(archive, "phones.csv")
    assert "+57 601 555 0000" in {p["number"] for p in phones}
    links = {(p["organization_id"], p["service_id"], p["location_id"]) for p in phones}
    assert any(org == str(world.center_a.uuid) for org, _s, _l in links)
    assert len(rows(archive, "taxonomy_terms.csv")) == 6 + len(SERVICE_TYPES)
    sal = rows(archive, "service_at_location.csv")
    assert {r["service_id"] for r in sal} == {str(world.service_a.uuid), str(world.service_b.uuid)}
    assert "Pérez" not in b"".join(archive.read(n) for n in archive.namelist()).decode("utf-8")
