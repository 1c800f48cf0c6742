"""Downloading the actor map's organizations and the referral pathways, as the page filters them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_organization
from integrhabitat.lib.testing import csv_table, shown, xlsx_table
from integrhabitat.network.exports import HXL_TAG
from integrhabitat.partners.services import add_pathway_step, save_pathway

URL = "/c/centro-a/alliances/"
PATHWAYS = "/c/centro-a/alliances/pathways/"


def test_it_downloads_the_organizations_the_filters_list_with_their_contact_and_records_it(world):
    make_organization(world.center_a, "Alcaldía Local", sector="public", contact_name="Ana Ruiz")
    make_organization(world.center_b, "Otra del centro B")
    table = csv_table(world.client_for(world.viewer).get(URL, {"as": "csv"}))
    names = [row[0] for row in table[1:]]
    assert sorted(names) == ["Alcaldía Local", "Fundación Aliada"]
    public = csv_table(world.client_for(world.viewer).get(URL, {"as": "csv", "sector": "public"}))
    assert [row[0] for row in public[1:]] == ["Alcaldía Local"]
    assert public[1][public[0].index(shown("contact person").capitalize())] == "Ana Ruiz"
    entry = AuditEntry.objects.filter(action="partners.organization.exported", actor=world.viewer).last()
    assert entry is not None and entry.center == world.center_a and "contact_name" in entry.fields


def test_it_writes_an_organization_named_like_a_formula_as_text(world):
    make_organization(world.center_a, "=HYPERLINK(\"http://x.example\")")
    table = xlsx_table(world.client_for(world.coordinator).get(URL, {"as": "xlsx"}))
    assert "'=HYPERLINK(\"http://x.example\")" in [row[0] for row in table]


def test_its_hxl_row_tags_every_column_validly(world):
    table = csv_table(world.client_for(world.coordinator).get(URL, {"as": "csv", "hxl": "1"}))
    assert len(table[1]) == len(table[0]) and table[1][0] == "#org +name"
    assert all(HXL_TAG.match(tag) for tag in table[1] if tag)


def test_it_keeps_the_partner_staff_out(world):
    assert world.client_for(world.partner).get(URL, {"as": "csv"}).status_code == 403


def test_its_queries_do_not_grow_with_the_organizations(world):
    client = world.client_for(world.coordinator)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"as": "xlsx"})
    for n in range(10):
        make_organization(world.center_a, f"Organización {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"as": "xlsx"})
    assert len(many) == len(few)


def test_it_downloads_the_pathways_with_their_steps_in_order(world):
    pathway = save_pathway(world.center_a, {"need": "Vivienda", "category": "III"}, actor=world.coordinator)
    add_pathway_step(pathway, {"organization": world.partner_org}, actor=world.coordinator)
    add_pathway_step(pathway, {"service": world.service_a}, actor=world.coordinator)
    save_pathway(world.center_b, {"need": "Salud", "category": "I"}, actor=None)
    table = csv_table(world.client_for(world.front_desk).get(PATHWAYS, {"as": "csv"}))
    assert [row[0] for row in table[1:]] == ["Vivienda"]
    places = table[1][table[0].index(shown("Where to go, in order"))]
    assert places == "Fundación Aliada → Kits alimentarios"
