"""Downloading the network's best practices as the search finds them, the curation queue, and the queue of
service reviews."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from integrhabitat.improvement.models import Practice
from integrhabitat.improvement.practices.services import search_text
from integrhabitat.lib.testing import csv_table, shown, xlsx_table
from integrhabitat.network.exports import HXL_TAG

URL = "/c/centro-a/practices/"
CURATION = "/network/practices/"
REVIEWS = "/c/centro-a/reviews/"


def _practice(center, title, status="published", category="III"):
    practice = Practice(center=center, title=title, category=category, context="Barrio", what_was_done="Hicimos",
                        results="Resultados", lessons="Lecciones de vivienda", status=status,
                        published_at=timezone.now() if status == "published" else None)
    practice.search_text = search_text(practice)
    practice.save()
    return practice


def test_it_downloads_the_published_practices_the_search_finds(world):
    _practice(world.center_a, "Mingas de vivienda")
    _practice(world.center_b, "Huertas urbanas", category="VI")
    _practice(world.center_a, "Borrador", status="draft")
    every = csv_table(world.client_for(world.front_desk).get(URL, {"as": "csv"}))
    assert sorted(row[0] for row in every[1:]) == ["Huertas urbanas", "Mingas de vivienda"]  # the network's library
    found = csv_table(world.client_for(world.front_desk).get(URL, {"as": "csv", "q": "mingas"}))
    assert [row[0] for row in found[1:]] == ["Mingas de vivienda"]
    assert found[1][1] == "Centro A"


def test_it_writes_a_practice_titled_like_a_formula_as_text(world):
    _practice(world.center_a, "|cmd")
    assert xlsx_table(world.client_for(world.viewer).get(URL, {"as": "xlsx"}))[1][0] == "'|cmd"


def test_its_queries_do_not_grow_with_the_practices(world):
    client = world.client_for(world.viewer)
    _practice(world.center_a, "Primera")
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"as": "xlsx"})
    for n in range(6):
        _practice(world.center_b, f"Práctica {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"as": "xlsx"})
    assert len(many) == len(few)


def test_the_network_coordinator_downloads_the_curation_queue(world):
    _practice(world.center_a, "Por revisar", status="submitted")
    _practice(world.center_a, "Ya publicada")
    table = csv_table(world.client_for(world.network_coordinator).get(CURATION, {"as": "csv"}))
    assert [row[0] for row in table[1:]] == ["Por revisar"]
    assert world.client_for(world.coordinator).get(CURATION, {"as": "csv"}).status_code == 403


def test_it_downloads_the_review_queue_with_an_hxl_row(world):
    table = csv_table(world.client_for(world.viewer).get(REVIEWS, {"as": "csv", "hxl": "1"}))
    header, tags, rows = table[0], table[1], table[2:]
    assert [row[0] for row in rows] == ["Kits alimentarios"]
    assert rows[0][header.index(shown("Status"))] == shown("Active")
    assert len(tags) == len(header) and all(HXL_TAG.match(t) for t in tags if t)
