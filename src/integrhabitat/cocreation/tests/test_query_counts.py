"""The co-creation pages run as many queries for 12 rows as for 4, so that N+1 cannot come back."""

from datetime import date, timedelta

import pytest

from integrhabitat.cocreation.models import Comment, Meeting, Phase, Process, Proposal, Support
from integrhabitat.lib.testing import FEW, MANY, count_queries, queries_as_rows_grow
from integrhabitat.people.tests.test_query_counts import add_people
from integrhabitat.services.taxonomy import Category


@pytest.fixture
def client(world):
    return world.client_for(world.coordinator)


@pytest.fixture
def process(world):
    return Process.objects.create(center=world.center_a, title="Diagnóstico del barrio",
                                  kind=Process.Kind.DIAGNOSIS, scope=Process.Scope.PUBLIC_SPACE)


def add_processes(world, how_many: int) -> None:
    start = Process.objects.filter(center=world.center_a).count()
    for number in range(start, start + how_many):
        process = Process.objects.create(center=world.center_a, title=f"Proceso {number}",
                                         kind=Process.Kind.PLANNING, scope=Process.Scope.SERVICES)
        Meeting.objects.create(process=process, date=date(2026, 3, 1), place="Salón")
        Phase.objects.create(process=process, name="Escucha", starts_on=date(2026, 3, 1), ends_on=date(2026, 4, 1))


def add_proposals(world, how_many: int, process=None) -> None:
    """`how_many` more proposals, each by a different author, supported and commented by them."""
    authors = add_people(world, how_many, given="Propone")
    categories = Category.values
    for number, author in enumerate(authors):
        proposal = Proposal.objects.create(center=world.center_a, process=process, title=f"Idea {author.family_names}",
                                           description="Más luz en el parque", author=author,
                                           category=categories[number % len(categories)],
                                           recorded_by=world.coordinator)
        Support.objects.create(proposal=proposal, participant=author)
        Support.objects.create(proposal=proposal, participant=world.person_a)
        Comment.objects.create(proposal=proposal, participant=author, body="¡Sí!")
        Comment.objects.create(proposal=proposal, staff=world.coordinator, body="Lo revisamos.")


def test_it_lists_processes_in_a_constant_number_of_queries(world, client):
    url = f"/c/{world.center_a.slug}/cocreation/"
    few, many = queries_as_rows_grow(lambda n: add_processes(world, n), client, url)

    assert few == many


@pytest.mark.parametrize("query", [None, {"status": "submitted"}], ids=["all", "submitted"])
def test_it_lists_proposals_in_a_constant_number_of_queries(world, client, process, query):
    url = f"/c/{world.center_a.slug}/cocreation/proposals/"
    add_proposals(world, FEW, process)
    few = count_queries(client, url, query)

    add_proposals(world, MANY - FEW, process)
    many = count_queries(client, url, query)

    assert Proposal.objects.filter(center=world.center_a).count() == MANY
    assert few == many


def test_it_shows_a_process_with_many_proposals_and_meetings_in_a_constant_number_of_queries(world, client, process):
    url = f"/c/{world.center_a.slug}/cocreation/{process.uuid}/"

    def add(how_many):
        add_proposals(world, how_many, process)
        start = process.meetings.count()
        Meeting.objects.bulk_create(Meeting(process=process, date=date(2026, 3, 1) + timedelta(days=start + n),
                                            place="Salón") for n in range(how_many))

    few, many = queries_as_rows_grow(lambda n: add(n), client, url)

    assert few == many
