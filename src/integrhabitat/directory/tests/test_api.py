"""The public HSDS 3.0 API at /api/hsds/: every answer validates against the shared HSDS schemas,
publishes only public data, paginates, and answers JSON 404s."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from integrhabitat.conftest import make_organization, make_person
from integrhabitat.directory import hsds
from integrhabitat.directory.tests.schemas import errors, page_errors
from integrhabitat.network.models import Center
from integrhabitat.services.services import save_service

API = "/api/hsds"


@pytest.fixture
def client():
    return Client()  # anonymous


@pytest.fixture
def published(world):
    """Center A with an address, hours and a public contact; a public and a private partner; one service
    of each unpublished kind."""
    a = world.center_a
    Center.objects.filter(pk=a.pk).update(
        address="Calle 38 Sur # 78-20", opening_hours="Lunes a viernes, 8:00–17:00", languages="español, kreyòl",
        phone="+57 601 555 0000", email="kennedy@centros.example.org", lead_institution="Alcaldía")
    a.refresh_from_db()
    world.partner_org.contact_name = "Marta Contacto Privado"
    world.partner_org.contact_email = "marta.privada@aliada.example"
    world.partner_org.contact_phone = "+57 311 999 8877"
    world.partner_org.address, world.partner_org.latitude, world.partner_org.longitude = "Cra 7 # 1-2", 4.6, -74.1
    world.partner_org.save()
    make_organization(a, "Colectivo Sin Convenio", status="contacted")
    save_service(a, {"name": "Taller planeado", "service_type": "VI.language", "status": "planned"}, actor=None)
    save_service(a, {"name": "Servicio retirado", "service_type": "VI.language", "status": "retired"}, actor=None)
    save_service(a, {"name": "Orientación laboral", "service_type": "V.employment", "provider": world.partner_org,
                     "modality": "partner"}, actor=None)
    return world


def get(client, path, **params):
    response = client.get(f"{API}{path}", params, secure=True)
    return response, (json.loads(response.content) if response["Content-Type"].startswith("application/json")
                      else None)


def test_it_describes_itself_as_hsds_3_in_spanish(client, world):
    response, body = get(client, "/")
    assert response.status_code == 200
    assert body["version"] == "3.0"
    assert body["language"] == "es"
    assert body["openapi_url"].startswith("https://")


def test_it_lists_services_in_the_page_envelope_valid_against_the_schemas(client, published):
    response, body = get(client, "/services")
    assert response.status_code == 200
    assert page_errors(body, "compiled/service_list.json") == []
    names = {s["name"] for s in body["contents"]}
    assert names == {"Kits alimentarios", "Asesoría jurídica", "Orientación laboral"}
    assert body["total_items"] == 3 and body["first_page"] and body["last_page"] and not body["empty"]


def test_it_answers_anonymous_visitors_with_cors_and_cache_headers(client, published):
    response, _body = get(client, "/services")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    assert response["Content-Language"] == "es"


def test_it_publishes_neither_drafts_nor_retired_services(client, published):
    _response, body = get(client, "/services", per_page=100)
    names = {s["name"] for s in body["contents"]}
    assert "Taller planeado" not in names and "Servicio retirado" not in names
    planned = published.center_a.services.get(name="Taller planeado")
    response, body = get(client, f"/services/{planned.uuid}")
    assert response.status_code == 404
    assert body["error"]["status"] == 404


def test_it_returns_a_full_service_valid_against_the_service_schema(client, published):
    response, body = get(client, f"/services/{published.service_a.uuid}")
    assert response.status_code == 200
    assert errors(body, "service.json") == []
    assert errors(body, "compiled/service_with_definitions.json") == []
    assert body["organization"]["id"] == str(published.center_a.uuid)
    assert body["languages"][0]["code"] == "es"
    assert {a["taxonomy_term"]["code"] for a in body["attributes"]} == {"I", "I.food"}
    location = body["service_at_locations"][0]["location"]
    assert location["addresses"] == []  # no postal code recorded: never invented
    assert "Calle 38 Sur # 78-20" in location["description"]
    assert {lang.get("code") for lang in location["languages"]} == {"es", "ht"}


def test_it_answers_json_404_for_unknown_or_malformed_ids(client, world):
    for path in ("/services/0b7c3c55-0000-4000-8000-000000000000", "/services/not-a-uuid",
                 "/organizations/0b7c3c55-0000-4000-8000-000000000000", "/service_at_locations/nope",
                 "/taxonomies/nope", "/taxonomy_terms/0b7c3c55-0000-4000-8000-000000000000"):
        response, body = get(client, path)
        assert response.status_code == 404, path
        assert body["error"]["status"] == 404, path


def test_it_refuses_post_with_405(client, world):
    response = client.post(f"{API}/services", secure=True)
    assert response.status_code == 405


def test_it_paginates_with_page_and_per_page(client, published):
    _r, first = get(client, "/services", per_page=2, page=1)
    _r, second = get(client, "/services", per_page=2, page=2)
    _r, beyond = get(client, "/services", per_page=2, page=3)
    assert (first["size"], first["total_pages"], first["first_page"], first["last_page"]) == (2, 2, True, False)
    assert (second["size"], second["page_number"], second["last_page"]) == (1, 2, True)
    assert beyond["empty"] and beyond["contents"] == []
    seen = [s["id"] for s in first["contents"] + second["contents"]]
    assert len(set(seen)) == 3


def test_it_answers_400_in_json_to_a_bad_query_parameter(client, world):
    for params in ({"page": "x"}, {"per_page": "0"}, {"taxonomy_term_id": "food"}, {"full": "maybe"},
                   {"modified_after": "yesterday"}, {"format": "xml"}):
        response, body = get(client, "/services", **params)
        assert response.status_code == 400, params
        assert body["error"]["message"], params


def test_it_filters_services_by_search_term_taxonomy_and_organization(client, published):
    _r, body = get(client, "/services", search="jurídica")
    assert [s["name"] for s in body["contents"]] == ["Asesoría jurídica"]
    _r, body = get(client, "/services", taxonomy_term_id=hsds.category_term_id("I"))
    assert {s["name"] for s in body["contents"]} == {"Kits alimentarios", "Asesoría jurídica"}
    _r, body = get(client, "/services", taxonomy_term_id=hsds.type_term_id("V.employment"))
    assert [s["name"] for s in body["contents"]] == ["Orientación laboral"]
    _r, body = get(client, "/services", organization_id=str(published.center_b.uuid))
    assert [s["name"] for s in body["contents"]] == ["Asesoría jurídica"]
    _r, body = get(client, "/services", organization_id=str(published.partner_org.uuid))
    assert [s["name"] for s in body["contents"]] == ["Orientación laboral"]
    _r, body = get(client, "/services", taxonomy_id="0b7c3c55-0000-4000-8000-000000000000")
    assert body["contents"] == []
    _r, body = get(client, "/services", modified_after="2999-01-01")
    assert body["contents"] == []


def test_it_lists_full_and_minimal_services(client, published):
    _r, body = get(client, "/services", full="true")
    assert page_errors(body, "service.json") == []
    _r, body = get(client, "/services", minimal="true")
    assert set(body["contents"][0]) == {"id", "last_modified"}


def test_it_streams_every_service_as_ndjson(client, published):
    response = client.get(f"{API}/services", {"format": "ndjson", "per_page": 1}, secure=True)
    lines = [json.loads(line) for line in response.content.decode().splitlines()]
    assert len(lines) == 3
    assert all(errors(line, "compiled/service_list.json") == [] for line in lines)


def test_it_lists_centers_and_only_formalised_partners_as_organizations(client, published):
    _r, body = get(client, "/organizations")
    assert page_errors(body, "compiled/organization_list.json") == []
    names = {o["name"] for o in body["contents"]}
    assert names == {"Centro A", "Centro B", "Fundación Aliada"}
    _r, body = get(client, "/organizations", full="true", search="aliada")
    assert page_errors(body, "organization.json") == []
    assert [o["name"] for o in body["contents"]] == ["Fundación Aliada"]


def test_it_returns_an_organization_with_its_public_contact_only(client, published):
    response, body = get(client, f"/organizations/{published.center_a.uuid}")
    assert response.status_code == 200
    assert errors(body, "organization.json") == []
    assert body["email"] == "kennedy@centros.example.org"
    assert body["phones"][0]["number"] == "+57 601 555 0000"
    _r, partner = get(client, f"/organizations/{published.partner_org.uuid}")
    assert errors(partner, "organization.json") == []
    assert partner["locations"][0]["latitude"] == 4.6
    assert "phones" not in json.dumps(partner) or partner["phones"] == []
    unpublished = published.center_a.organizations.get(name="Colectivo Sin Convenio")
    response, _body = get(client, f"/organizations/{unpublished.uuid}")
    assert response.status_code == 404


def test_it_lists_and_returns_services_at_locations(client, published):
    _r, body = get(client, "/service_at_locations")
    assert page_errors(body, "compiled/service_at_location_list.json") == []
    assert body["total_items"] == 3
    _r, full = get(client, "/service_at_locations", full="true")
    assert page_errors(full, "service_at_location.json") == []
    _r, none = get(client, "/service_at_locations", postcode="110851")
    assert none["contents"] == []
    sal_id = body["contents"][0]["id"]
    response, one = get(client, f"/service_at_locations/{sal_id}")
    assert response.status_code == 200
    assert errors(one, "service.json") == []
    assert one["service_at_locations"][0]["id"] == sal_id


def test_it_publishes_the_six_categories_and_every_service_type_as_one_taxonomy(client, world):
    _r, body = get(client, "/taxonomies")
    assert page_errors(body, "taxonomy.json") == []
    taxonomy_id = body["contents"][0]["id"]
    assert taxonomy_id == str(hsds.TAXONOMY_ID)
    response, one = get(client, f"/taxonomies/{taxonomy_id}")
    assert response.status_code == 200 and errors(one, "taxonomy.json") == []
    _r, terms = get(client, "/taxonomy_terms", per_page=200)
    assert page_errors(terms, "taxonomy_term.json") == []
    assert terms["total_items"] == 6 + len(hsds.SERVICE_TYPES)
    _r, top = get(client, "/taxonomy_terms", top_only="true")
    assert [t["code"] for t in top["contents"]] == ["I", "II", "III", "IV", "V", "VI"]
    assert top["contents"][0]["name"].startswith("I. Asistencia")  # Spanish content
    _r, children = get(client, "/taxonomy_terms", parent_id=hsds.category_term_id("II"), per_page=200)
    assert {t["code"] for t in children["contents"]} == {c for c in hsds.SERVICE_TYPES if c.startswith("II.")}
    _r, found = get(client, "/taxonomy_terms", search="vivienda")
    assert found["total_items"] >= 1
    response, term = get(client, f"/taxonomy_terms/{hsds.type_term_id('I.food')}")
    assert response.status_code == 200 and errors(term, "taxonomy_term.json") == []
    assert term["parent_id"] == hsds.category_term_id("I")


def test_its_taxonomy_ids_never_change_between_deployments():
    # Other directories store these ids: they are derived (UUID5), never random, and pinned here.
    assert str(hsds.TAXONOMY_ID) == "0f128156-9cb2-50c3-a017-83405fcbe587"
    assert hsds.type_term_id("I.food") == "b1ec6c58-4e71-5183-86b4-1e64aa88701a"
    assert len({hsds.type_term_id(code) for code in hsds.SERVICE_TYPES}) == len(hsds.SERVICE_TYPES)


def test_it_never_shows_personal_data(client, published):
    make_person(published.center_a, "Zacarías-Únicoxq", "Parra-Inédito", phone="+57 300 777 1122",
                email="zacarias.unico@correo.example")
    everything = ""
    for path in ("/services?full=true&per_page=200", "/organizations?full=true&per_page=200",
                 "/service_at_locations?full=true&per_page=200", "/export.json",
                 f"/organizations/{published.partner_org.uuid}", f"/services/{published.service_a.uuid}"):
        everything += client.get(f"{API}{path}", secure=True).content.decode()
    for secret in ("Únicoxq", "Parra-Inédito", "300 777 1122", "zacarias.unico", "Pérez", "Marta Contacto",
                   "marta.privada", "311 999 8877", "partner@aliada.example", "Coord_A", "coord_a"):
        assert secret not in everything, secret


def test_its_lists_take_as_many_queries_for_many_rows_as_for_few(client, published):
    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{API}{path}", secure=True).status_code == 200
        return len(captured)

    paths = ("/services?full=true", "/services", "/service_at_locations?full=true", "/organizations?full=true",
             "/export.json")
    few = {path: queries(path) for path in paths}
    for n in range(15):
        save_service(published.center_b, {"name": f"Taller {n}", "service_type": "VI.language"}, actor=None)
        make_organization(published.center_b, f"Aliado {n}", address=f"Calle {n}")
    assert {path: queries(path) for path in paths} == few
