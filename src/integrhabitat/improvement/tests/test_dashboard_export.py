"""The results downloads with HXL hashtags (`?hxl=1`): a second row of valid tags, one per column, that
humanitarian tools read; without it, the files are as before."""

from django.urls import reverse

from integrhabitat.improvement.results import dashboard
from integrhabitat.improvement.results.views import EXPORT_HXL
from integrhabitat.improvement.tests.test_dashboard import NETWORK_PERIOD, PERIOD, client_of, coordinator
from integrhabitat.lib.testing import csv_table, xlsx_table
from integrhabitat.network.exports import HXL_TAG


def test_the_tags_match_the_columns_one_for_one_and_are_valid_hxl():
    assert len(EXPORT_HXL) == len(dashboard.EXPORT_HEADER)
    assert all(HXL_TAG.match(tag) for tag in EXPORT_HXL)
    tagged = dict(zip(dashboard.EXPORT_HEADER, EXPORT_HXL, strict=True))
    assert tagged["indicator"] == "#indicator +code" and tagged["value"] == "#indicator +value +num"
    assert tagged["from"] == "#date +start" and tagged["to"] == "#date +end"


def test_the_center_download_carries_the_hxl_row_second_when_asked(known, client):
    url = reverse("improvement:dashboard_export", kwargs={"center": known.center.slug})
    client_of(client, coordinator(known))
    table = xlsx_table(client.get(url, {**PERIOD, "as": "xlsx", "hxl": "1"}))
    assert table[0] == dashboard.EXPORT_HEADER and table[1] == EXPORT_HXL
    people = next(row for row in table[2:] if row[0] == "people_served" and row[2] == "total")
    assert people[5] == 4  # the figures follow, still numbers
    plain = csv_table(client.get(url, {**PERIOD, "as": "csv"}))
    assert plain[1][0] != EXPORT_HXL[0] and not any(cell.startswith("#") for cell in plain[1])


def test_the_network_download_carries_the_hxl_row_too(known, client, world):
    client_of(client, world.network_coordinator)
    table = csv_table(client.get(reverse("network_export"), {**NETWORK_PERIOD, "as": "csv", "hxl": "1"}))
    assert table[1] == EXPORT_HXL
    assert len(table) > 2 and all(len(row) == len(EXPORT_HXL) for row in table)
