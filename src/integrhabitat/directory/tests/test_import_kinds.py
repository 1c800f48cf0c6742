"""Files of the wrong HSDS kind: each is named for what it is, and nothing of it is imported."""

import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from integrhabitat.directory import hsds
from integrhabitat.directory.importer import DatasetRefused, read_dataset
from integrhabitat.directory.kinds import Kind, kind_of
from integrhabitat.directory.models import HsdsImport
from integrhabitat.partners.models import Organization
from integrhabitat.services.models import Service

ORGANIZATION = {"id": "5f0c6f0e-1b2a-4c3d-8e9f-0a1b2c3d4e5f", "name": "Casa de la Mujer",
                "description": "Atención a mujeres.", "email": "info@casa.example.org"}


def api(path: str):
    response = Client().get(f"/api/hsds/{path}", secure=True)
    assert response.status_code == 200
    return response.json()


def datapackage() -> dict:
    archive = zipfile.ZipFile(io.BytesIO(Client().get("/api/hsds/export.zip", secure=True).content))
    return json.loads(archive.read("datapackage.json"))


# (how to get the file, what the message must say): the files of our own API, as another directory's
# would be, and hand-written records of the HSDS tables no API lists.
WRONG_FILES = {
    "organization list": (lambda w: api("organizations"), "list of organizations without their services"),
    "organization list, full": (lambda w: api("organizations?full=true"),
                                "list of organizations without their services"),
    "one organization": (lambda w: api(f"organizations/{w.center_a.uuid}"),
                         "list of organizations without their services"),
    "organization with service ids only": (
        lambda w: {**ORGANIZATION, "services": [{"id": "6a1d7e2f-3b4c-4d5e-9f60-718293a4b5c6"}]},
        "services are given only by their id"),
    "taxonomy terms": (lambda w: api("taxonomy_terms"), "list of taxonomy terms, not services"),
    "one taxonomy term": (lambda w: api(f"taxonomy_terms/{hsds.type_term_id('I.food')}"),
                          "list of taxonomy terms, not services"),
    "taxonomies": (lambda w: api("taxonomies"), "list of taxonomies"),
    "service at location list": (lambda w: api("service_at_locations"), "service-at-location links"),
    "service at location list, full": (lambda w: api("service_at_locations?full=true"),
                                       "service-at-location links"),
    "minimal service list": (lambda w: api("services?minimal=true"), "by their id only"),
    "api root": (lambda w: api(""), "description of an HSDS API"),
    "tabular data package": (lambda w: datapackage(), "datapackage.json"),
    "export without services": (lambda w: {k: v for k, v in api("export.json").items() if k != "services"},
                                "This export holds no services"),
    "locations": (lambda w: [api(f"organizations/{w.center_a.uuid}")["locations"][0]], "list of locations"),
    "phones": (lambda w: [{"id": "5b8e4c7a-1d2e-4f3a-9b8c-7d6e5f4a3b2c", "organization_id": ORGANIZATION["id"],
                           "number": "+57 601 555 1234"}], "list of phone numbers"),
    "addresses": (lambda w: [{"id": "f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9", "address_1": "Calle 57 # 9-24",
                              "city": "Bogotá", "state_province": "Cundinamarca", "postal_code": "110231",
                              "country": "CO", "address_type": "physical"}], "list of addresses"),
    "schedules": (lambda w: [{"id": "a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d", "service_id": "x", "freq": "WEEKLY",
                              "byday": "MO"}], "opening hours"),
    "mixed": (lambda w: [api("services?full=true")["contents"][0], api("taxonomy_terms")["contents"][0]],
              "Record number 2 of the file is a taxonomy term, not a service"),
}


@pytest.mark.parametrize("name", list(WRONG_FILES))
def test_it_names_the_kind_of_a_file_it_does_not_import(world, name):
    make, message = WRONG_FILES[name]
    data = make(world)
    with override("en"):
        with pytest.raises(DatasetRefused) as refused:
            read_dataset(data)
        assert message in str(refused.value.message)  # in the language of the reader


def test_it_recognises_the_kinds_of_hsds_records_by_their_fields(world):
    assert kind_of(api("services")["contents"][0]) == Kind.SERVICE
    assert kind_of(api("services?full=true")["contents"][0]) == Kind.SERVICE
    assert kind_of({**ORGANIZATION, "services": api("services")["contents"]}) == Kind.ORGANIZATION_WITH_SERVICES
    assert kind_of(ORGANIZATION) == Kind.ORGANIZATION
    assert kind_of(api("taxonomies")["contents"][0]) == Kind.TAXONOMY
    assert kind_of(api("service_at_locations")["contents"][0]) == Kind.SERVICE_AT_LOCATION
    assert kind_of({"id": "1", "service_id": "2", "name": "Español", "code": "es"}) == Kind.LANGUAGE
    assert kind_of("a string") == Kind.UNKNOWN


@pytest.mark.parametrize("name", ["organization list", "taxonomy terms", "service at location list"])
def test_the_import_page_shows_what_the_file_is_and_keeps_nothing(world, name):
    make, message = WRONG_FILES[name]
    content = json.dumps(make(world)).encode()
    client = world.client_for(world.coordinator)
    before = (Organization.objects.count(), Service.objects.count())

    with override("en"):
        response = client.post(
            reverse("directory_center:hsds_import", kwargs={"center": world.center_a.slug}),
            {"file": SimpleUploadedFile("f.json", content, content_type="application/json"), "sector": "cooperation",
             "scale": "municipal", "service_type": "I.orientation"}, secure=True, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert HsdsImport.objects.count() == 0
    assert (Organization.objects.count(), Service.objects.count()) == before


def test_the_command_refuses_a_wrong_kind_of_file_and_imports_nothing(world, tmp_path):
    terms = tmp_path / "terms.json"
    terms.write_text(json.dumps(api("taxonomy_terms")), encoding="utf-8")
    with override("en"), pytest.raises(CommandError, match="list of taxonomy terms, not services"):
        call_command("import_hsds", world.center_a.slug, str(terms), stdout=StringIO())
    assert not Organization.objects.filter(hsds_id__gt="").exists()
    assert not Service.objects.filter(hsds_id__gt="").exists()
