"""Downloading the list of groups: the groups the filter selects, their figures as numbers, the counts by
mobility status only for roles that read sensitive data, an optional HXL row."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from integrhabitat.communities.services import join_group, save_group
from integrhabitat.lib.testing import csv_table, shown, xlsx_table
from integrhabitat.network.exports import HXL_TAG

URL = "/c/centro-a/groups/"


def _group(world, name, center=None, **data):
    return save_group(center or world.center_a, {"name": name, "kind": "workshop", **data}, actor=world.coordinator)


def test_it_downloads_the_groups_the_filter_selects_and_none_of_another_center(world):
    _group(world, "Tejido", status="running")
    _group(world, "Huerta", status="planned")
    _group(world, "Del centro B", center=world.center_b)
    everything = csv_table(world.client_for(world.front_desk).get(URL, {"as": "csv"}))
    assert sorted(row[0] for row in everything[1:]) == ["Huerta", "Tejido"]
    active = csv_table(world.client_for(world.front_desk).get(URL, {"as": "csv", "status": "running"}))
    assert [row[0] for row in active[1:]] == ["Tejido"]


def test_it_counts_members_by_mobility_only_for_roles_that_read_sensitive_data(world):
    group = _group(world, "Tejido", status="running")
    join_group(group, world.person_a, actor=world.coordinator)
    hosts, mobile = shown("Members of the host community"), shown("Members in human mobility")
    for user in (world.front_desk, world.facilitator):
        header = csv_table(world.client_for(user).get(URL, {"as": "csv"}))[0]
        assert hosts not in header and mobile not in header
    table = xlsx_table(world.client_for(world.case_worker).get(URL, {"as": "xlsx"}))
    assert table[1][table[0].index(mobile)] == 1  # José is a migrant
    assert table[1][table[0].index(shown("Members"))] == 1


def test_it_writes_a_group_named_like_a_formula_as_text(world):
    _group(world, "@SUM(A1:A9)")
    table = xlsx_table(world.client_for(world.front_desk).get(URL, {"as": "xlsx"}))
    assert table[1][0] == "'@SUM(A1:A9)"


def test_its_hxl_row_is_aligned_and_valid(world):
    _group(world, "Tejido")
    table = csv_table(world.client_for(world.coordinator).get(URL, {"as": "csv", "hxl": "1"}))
    assert len(table[1]) == len(table[0])
    assert table[1][table[0].index(shown("Members of the host community"))] == "#reached +hosts +num"
    assert all(HXL_TAG.match(tag) for tag in table[1] if tag)
    assert table[2][0] == "Tejido"


def test_its_queries_do_not_grow_with_the_groups(world):
    client = world.client_for(world.coordinator)
    _group(world, "Primero")
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"as": "xlsx"})
    for n in range(8):
        _group(world, f"Grupo {n}", service=world.service_a)
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"as": "xlsx"})
    assert len(many) == len(few)
