"""The notifications page runs as many queries for 12 notifications as for 4."""

from integrhabitat.accounts.models import Notification
from integrhabitat.lib.testing import queries_as_rows_grow


def notify(world, how_many: int) -> None:
    Notification.objects.bulk_create(
        Notification(user=world.coordinator, center=[world.center_a, world.center_b][n % 2], text=f"Aviso {n}",
                     url="/c/centro-a/cases/")
        for n in range(how_many)
    )


def test_it_lists_notifications_in_a_constant_number_of_queries(world):
    client = world.client_for(world.coordinator)
    few, many = queries_as_rows_grow(lambda n: notify(world, n), client, "/accounts/notifications/")

    assert few == many
