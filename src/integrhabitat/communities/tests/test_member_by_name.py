"""A facilitator adds a member by name, not only by the code on a card: a name lists the people it may be
(never adds one by guessing), each with what tells namesakes apart, and one button adds the one chosen."""

import re

from integrhabitat.communities.models import Member
from integrhabitat.communities.services import join_group, save_group
from integrhabitat.conftest import make_person


def add(client, group, typed, **extra):
    return client.post(f"/c/centro-a/groups/{group.uuid}/members/", {"code": typed, **extra})


def test_a_name_lists_the_people_it_may_be_and_adds_only_the_one_chosen(world):
    group = save_group(world.center_a, {"name": "Tejido", "kind": "workshop"}, actor=world.coordinator)
    first = make_person(world.center_a, "Marisol", "Cárdenas Ruiz")
    second = make_person(world.center_a, "Marisol", "Cárdenas Peña")
    make_person(world.center_b, "Marisol", "Cárdenas Otra")  # another center's: never listed
    client = world.client_for(world.coordinator)

    listed = add(client, group, "marisol cardenas", role="leader")

    assert listed.status_code == 200 and not group.members.exists()
    html = listed.content.decode()
    assert first.code in html and second.code in html and "Cárdenas Otra" not in html
    chosen = add(client, group, second.code, role="leader")
    assert chosen.status_code == 302
    assert list(group.members.values_list("participant", "role")) == [(second.pk, Member.Role.LEADER)]


def test_people_already_in_the_group_are_not_listed_and_an_unknown_name_says_so(world):
    group = save_group(world.center_a, {"name": "Tejido", "kind": "workshop"}, actor=world.coordinator)
    member = make_person(world.center_a, "Yesenia", "Mora")
    join_group(group, member, actor=world.coordinator)
    client = world.client_for(world.coordinator)

    again = add(client, group, "Yesenia Mora")
    nobody = add(client, group, "Zacarías Inexistente")

    assert again.status_code == 400 and nobody.status_code == 400
    assert re.search(r"Zacar[ií]as Inexistente", nobody.content.decode())
    assert group.members.count() == 1
