"""The imports page lists the center's recent imports in as many queries for 12 jobs as for 4."""

from integrhabitat.imports.models import ImportJob
from integrhabitat.imports.tests.helpers import uploaded_job
from integrhabitat.lib.testing import MANY, queries_as_rows_grow


def add_jobs(world, client, how_many: int) -> None:
    for number in range(how_many):
        uploaded_job(client, world.center_a, "people", f"Nombres;Apellidos\nAna;Zúñiga{number}\n".encode(),
                     name=f"lista{number}.csv")


def test_it_lists_the_imports_in_a_constant_number_of_queries(world):
    client = world.client_for(world.coordinator)
    url = f"/c/{world.center_a.slug}/imports/"
    few, many = queries_as_rows_grow(lambda n: add_jobs(world, client, n), client, url)

    assert ImportJob.objects.filter(center=world.center_a).count() == MANY
    assert few == many
