"""A service's page lists its deliveries in as many queries for 12 as for 4, so that N+1 cannot come back."""

from datetime import date, timedelta

from integrhabitat.conftest import make_user
from integrhabitat.lib.testing import queries_as_rows_grow
from integrhabitat.network.roles import Role
from integrhabitat.people.tests.test_query_counts import add_people
from integrhabitat.services.models import ServiceDelivery


def deliver(world, how_many: int) -> None:
    """`how_many` more deliveries of the world's service, to different people by different recorders."""
    recorders = [world.coordinator, world.front_desk, make_user(f"rec{ServiceDelivery.objects.count()}",
                                                                world.center_a, Role.FRONT_DESK)]
    ServiceDelivery.objects.bulk_create(
        ServiceDelivery(center=world.center_a, service=world.service_a, participant=person,
                        delivered_on=date(2026, 2, 1) + timedelta(days=n), recorded_by=recorders[n % 3])
        for n, person in enumerate(add_people(world, how_many, given="Recibe"))
    )


def test_it_shows_a_service_with_many_deliveries_in_a_constant_number_of_queries(world):
    client = world.client_for(world.coordinator)
    url = f"/c/{world.center_a.slug}/services/{world.service_a.uuid}/"
    few, many = queries_as_rows_grow(lambda n: deliver(world, n), client, url)

    assert few == many
