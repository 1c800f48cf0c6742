"""Downloading the proposals and the participatory processes, as the lists filter them: never the author,
formula-looking titles neutralized, an optional HXL row."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from integrhabitat.cocreation.services import save_process, submit_proposal
from integrhabitat.lib.testing import csv_table, shown, xlsx_table
from integrhabitat.network.exports import HXL_TAG

URL = "/c/centro-a/cocreation/proposals/"
PROCESSES = "/c/centro-a/cocreation/"


def _propose(world, title, *, center=None, category="IV", author=None):
    return submit_proposal(center or world.center_a, {"title": title, "description": "Detalle", "category": category},
                           author=author, actor=world.coordinator if center is None else None)


def test_it_downloads_the_proposals_the_filters_select_and_none_of_another_center(world):
    _propose(world, "Más bancas en el parque", category="IV", author=world.person_a)
    _propose(world, "Clases de cocina", category="V")
    _propose(world, "Del centro B", center=world.center_b)
    table = csv_table(world.client_for(world.front_desk).get(URL, {"as": "csv"}))
    assert [row[0] for row in table[1:]] == ["Más bancas en el parque", "Clases de cocina"]  # most supported first
    assert table[1][table[0].index(shown("Supports"))] == "1"
    only_v = csv_table(world.client_for(world.front_desk).get(URL, {"as": "csv", "category": "V"}))
    assert [row[0] for row in only_v[1:]] == ["Clases de cocina"]


def test_it_never_names_the_author(world):
    _propose(world, "Más bancas", author=world.person_a)
    content = world.client_for(world.coordinator).get(URL, {"as": "csv"}).content.decode("utf-8-sig")
    assert world.person_a.given_names not in content and world.person_a.code not in content


def test_it_writes_a_title_that_looks_like_a_formula_as_text(world):
    _propose(world, " -2+3+cmd|' /C calc'!A0")
    table = xlsx_table(world.client_for(world.front_desk).get(URL, {"as": "xlsx"}))
    assert table[1][0] == "' -2+3+cmd|' /C calc'!A0"


def test_its_hxl_row_is_aligned_and_valid(world):
    _propose(world, "Más bancas")
    table = csv_table(world.client_for(world.front_desk).get(URL, {"as": "csv", "hxl": "1"}))
    assert len(table[1]) == len(table[0]) and table[1][1] == "#sector +name"
    assert all(HXL_TAG.match(tag) for tag in table[1] if tag)


def test_its_queries_do_not_grow_with_the_proposals(world):
    client = world.client_for(world.front_desk)
    _propose(world, "Primera")
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"as": "xlsx"})
    process = save_process(world.center_a, {"title": "Plan", "kind": "planning", "scope": "services",
                                            "status": "open"}, actor=world.coordinator)
    for n in range(8):
        submit_proposal(world.center_a, {"title": f"Idea {n}", "description": "x", "category": "IV",
                                         "process": process}, author=world.person_a, actor=world.coordinator)
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"as": "xlsx"})
    assert len(many) == len(few)


def test_it_downloads_the_processes_with_their_counts(world):
    process = save_process(world.center_a, {"title": "Diagnóstico del barrio", "kind": "diagnosis",
                                            "scope": "public_space", "status": "open"}, actor=world.coordinator)
    save_process(world.center_b, {"title": "Ajeno", "kind": "planning", "scope": "services"}, actor=None)
    submit_proposal(world.center_a, {"title": "Idea", "description": "x", "category": "IV", "process": process},
                    author=None, actor=world.coordinator)
    table = xlsx_table(world.client_for(world.front_desk).get(PROCESSES, {"as": "xlsx"}))
    assert [row[0] for row in table[1:]] == ["Diagnóstico del barrio"]
    assert table[1][table[0].index(shown("Proposals"))] == 1
