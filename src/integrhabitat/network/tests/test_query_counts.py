"""The staff list and the audit trail run as many queries for 12 rows as for 4, so that N+1 cannot come back."""

import pytest

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_organization, make_user
from integrhabitat.lib.testing import queries_as_rows_grow
from integrhabitat.network.models import Membership
from integrhabitat.network.roles import Role


@pytest.fixture
def client(world):
    return world.client_for(world.coordinator)


def add_staff(world, how_many: int) -> None:
    """`how_many` more staff in center A, one in two a partner's staff member."""
    start = Membership.objects.filter(center=world.center_a).count()
    for number in range(start, start + how_many):
        user = make_user(f"staff{number}", email=f"staff{number}@example.org")
        organization = make_organization(world.center_a, f"Aliado {number}") if number % 2 else None
        Membership.objects.create(center=world.center_a, user=user, organization=organization,
                                  role=Role.PARTNER if organization else Role.FRONT_DESK, is_active=number % 3 > 0)


def add_entries(world, how_many: int) -> None:
    """`how_many` more audit entries in center A, by different people."""
    actors = [world.coordinator, world.case_worker, world.front_desk, None]
    AuditEntry.objects.bulk_create(
        AuditEntry(center=world.center_a, actor=actors[n % len(actors)], action="people.participant.viewed",
                   object_type="participant", object_id=str(n), fields=["phone"])
        for n in range(how_many)
    )


def test_it_lists_the_staff_in_a_constant_number_of_queries(world, client):
    url = f"/c/{world.center_a.slug}/staff/"
    few, many = queries_as_rows_grow(lambda n: add_staff(world, n), client, url)

    assert few == many


@pytest.mark.parametrize("query", [None, {"action": "people."}], ids=["all", "filtered"])
def test_it_shows_the_audit_trail_in_a_constant_number_of_queries(world, client, query):
    url = f"/c/{world.center_a.slug}/audit/"
    few, many = queries_as_rows_grow(lambda n: add_entries(world, n), client, url, query)

    assert few == many
