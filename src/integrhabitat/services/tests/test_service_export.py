"""Downloading the service portfolio: `?as=xlsx|csv` on the list itself, the same services as the filtered
list, nothing of another center, formula-looking names neutralized, an optional HXL row."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from integrhabitat.conftest import make_person
from integrhabitat.lib.testing import csv_table, shown, xlsx_table
from integrhabitat.network.exports import HXL_TAG
from integrhabitat.services.models import Service
from integrhabitat.services.services import record_deliveries, save_service

URL = "/c/centro-a/services/"


def test_it_downloads_the_services_the_filter_selects_and_none_of_another_center(world):
    save_service(world.center_a, {"name": "Taller de costura", "service_type": "V.vocational_training",
                                  "status": "planned"}, actor=world.coordinator)
    everything = csv_table(world.client_for(world.viewer).get(URL, {"as": "csv"}))
    assert everything[0][0] == shown("Name")
    assert sorted(row[0] for row in everything[1:]) == ["Kits alimentarios", "Taller de costura"]
    planned = csv_table(world.client_for(world.viewer).get(URL, {"as": "csv", "status": "planned"}))
    assert [row[0] for row in planned[1:]] == ["Taller de costura"]
    assert world.service_b.name not in {row[0] for row in everything}


def test_it_counts_the_deliveries_as_numbers_in_excel(world):
    table = xlsx_table(world.client_for(world.viewer).get(URL, {"as": "xlsx"}))
    deliveries = table[0].index(shown("Deliveries"))
    assert table[1][deliveries] == 1


def test_it_counts_the_people_served_once_each_by_sex_and_age_with_their_hxl_attributes(world):
    girl = make_person(world.center_a, "Lucía", "Niña", actor=world.coordinator, sex="female",
                       birth_date=date(2018, 4, 1))
    grandpa = make_person(world.center_a, "Pedro", "Abuelo", actor=world.coordinator, sex="male",
                          birth_date=date(1950, 1, 1))
    record_deliveries(world.center_a, world.service_a, [girl, grandpa, world.person_a], delivered_on=date(2026, 2, 1),
                      actor=world.coordinator)
    record_deliveries(world.center_a, world.service_a, [girl], delivered_on=date(2026, 3, 1), actor=world.coordinator)
    table = xlsx_table(world.client_for(world.viewer).get(URL, {"as": "xlsx", "hxl": "1"}))
    header, tags, row = table[0], table[1], table[2]
    figures = {tags[i]: row[i] for i in range(len(header)) if (tags[i] or "").startswith("#reached")}
    assert figures == {"#reached +num": 3, "#reached +f +num": 1, "#reached +m +num": 1,
                       "#reached +children +num": 1, "#reached +elderly +num": 1}  # José's sex is not stated
    assert row[header.index(shown("Deliveries"))] == 5


def test_it_writes_a_service_named_like_a_formula_as_text(world):
    save_service(world.center_a, {"name": '=HYPERLINK("http://x.example","clic")', "service_type": "I.food"},
                 actor=world.coordinator)
    table = xlsx_table(world.client_for(world.coordinator).get(URL, {"as": "xlsx"}))
    assert "'=HYPERLINK(\"http://x.example\",\"clic\")" in [row[0] for row in table]
    assert not any(isinstance(v, str) and v.startswith("=") for row in table for v in row)


def test_it_puts_an_hxl_row_under_the_header_when_asked(world):
    table = csv_table(world.client_for(world.viewer).get(URL, {"as": "csv", "hxl": "1"}))
    header, tags = table[0], table[1]
    assert len(tags) == len(header)
    assert tags[header.index(shown("Name"))] == "#service +name"
    assert all(HXL_TAG.match(tag) for tag in tags if tag)
    assert [row[0] for row in table[2:]] == ["Kits alimentarios"]
    assert csv_table(world.client_for(world.viewer).get(URL, {"as": "csv"}))[1][0] == "Kits alimentarios"


def test_it_refuses_an_unknown_format_and_strangers(world):
    assert world.client_for(world.viewer).get(URL, {"as": "pdf"}).status_code == 404
    assert world.client_for(world.other_coordinator).get(URL, {"as": "csv"}).status_code == 404
    assert world.client_for(None).get(URL, {"as": "csv"}).status_code == 302


def test_its_queries_do_not_grow_with_the_services(world):
    client = world.client_for(world.viewer)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"as": "xlsx"})
    for n in range(15):
        save_service(world.center_a, {"name": f"Servicio {n}", "service_type": "I.food"}, actor=world.coordinator)
    assert Service.objects.filter(center=world.center_a).count() == 16
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"as": "xlsx"})
    assert len(many) == len(few)
