"""Sign-ups arriving at the same moment never overfill a group (PostgreSQL, real connections)."""

import pytest
from django.db import connection

from integrhabitat.communities.models import Group, Member
from integrhabitat.communities.services import join_group, save_group
from integrhabitat.conftest import make_person
from integrhabitat.lib.testing import at_once

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="row locks across connections: PostgreSQL, the production database")


@pytest.mark.django_db(transaction=True)
def test_six_sign_ups_at_once_for_three_places_leave_three_members_and_three_waiting(world):
    group = save_group(world.center_a, {"name": "Yoga", "kind": Group.Kind.CLUB, "capacity": 3}, actor=None)
    crowd = [make_person(world.center_a, f"Persona{i}", "Prueba") for i in range(6)]

    results = at_once(*[(lambda person=person: join_group(group, person, actor=None)) for person in crowd])

    assert all(isinstance(r, Member) for r in results), results
    statuses = sorted(Member.objects.filter(group=group).values_list("status", flat=True))
    assert statuses == ["active"] * 3 + ["waiting"] * 3
