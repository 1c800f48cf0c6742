"""The referral pathways run as many queries for 12 pathways as for 4, so that N+1 cannot come back."""

from integrhabitat.lib.testing import queries_as_rows_grow
from integrhabitat.partners.models import Pathway, PathwayStep


def add_pathways(world, how_many: int) -> None:
    """`how_many` more pathways in center A, in every category, each with two steps."""
    start = Pathway.objects.filter(center=world.center_a).count()
    for number in range(start, start + how_many):
        pathway = Pathway.objects.create(center=world.center_a, need=f"Necesidad {number}",
                                         category=["I", "II", "III", "IV", "V", "VI"][number % 6])
        PathwayStep.objects.create(pathway=pathway, order=1, organization=world.partner_org)
        PathwayStep.objects.create(pathway=pathway, order=2, service=world.service_a)


def test_it_lists_pathways_in_a_constant_number_of_queries(world):
    client = world.client_for(world.case_worker)
    url = f"/c/{world.center_a.slug}/alliances/pathways/"
    few, many = queries_as_rows_grow(lambda n: add_pathways(world, n), client, url)

    assert few == many
