"""The group pages run as many queries for 12 rows as for 4, so that N+1 cannot come back."""

from datetime import date, timedelta

import pytest

from integrhabitat.communities.models import Attendance, Group, Member, Session
from integrhabitat.lib.testing import FEW, MANY, count_queries, queries_as_rows_grow
from integrhabitat.people.tests.test_query_counts import add_people


@pytest.fixture
def client(world):
    return world.client_for(world.coordinator)


def add_groups(world, how_many: int) -> None:
    """`how_many` more groups in center A, each with a member, a session and its attendance."""
    people = add_people(world, how_many, given="Grupo")
    for number, person in enumerate(people):
        group = Group.objects.create(center=world.center_a, name=f"Taller {person.family_names}",
                                     kind=Group.Kind.WORKSHOP, service=world.service_a,
                                     status=list(Group.Status.values)[number % len(Group.Status.values)])
        group.facilitators.add(world.facilitator)
        Member.objects.create(group=group, participant=person, joined_on=date(2026, 1, 1))
        session = Session.objects.create(group=group, date=date(2026, 2, 1), facilitator=world.facilitator)
        Attendance.objects.create(session=session, participant=person, recorded_by=world.facilitator)


@pytest.fixture
def group(world):
    group = Group.objects.create(center=world.center_a, name="Huerta comunitaria", kind=Group.Kind.WORKSHOP,
                                 service=world.service_a)
    group.facilitators.add(world.facilitator)
    return group


def fill(world, group, how_many: int) -> Session:
    """`how_many` more members, waiting people and sessions (each with everyone present) in the group."""
    people = add_people(world, how_many, given="Miembro")
    waiting = add_people(world, how_many, given="Espera")
    Member.objects.bulk_create(
        [Member(group=group, participant=p, joined_on=date(2026, 1, 1)) for p in people]
        + [Member(group=group, participant=p, joined_on=date(2026, 1, 1), status=Member.Status.WAITING)
           for p in waiting]
    )
    start = group.sessions.count()
    sessions = Session.objects.bulk_create(
        Session(group=group, date=date(2026, 1, 1) + timedelta(days=start + n), topic=f"Tema {start + n}",
                facilitator=world.facilitator)
        for n in range(how_many)
    )
    Attendance.objects.bulk_create(Attendance(session=s, participant=p, recorded_by=world.facilitator)
                                   for s in sessions for p in people)
    return group.sessions.order_by("date").first()


def test_it_lists_groups_in_a_constant_number_of_queries(world, client):
    url = f"/c/{world.center_a.slug}/groups/"
    few, many = queries_as_rows_grow(lambda n: add_groups(world, n), client, url)

    assert Group.objects.filter(center=world.center_a).count() == MANY
    assert few == many


def test_it_shows_a_group_with_many_members_and_sessions_in_a_constant_number_of_queries(world, client, group):
    url = f"/c/{world.center_a.slug}/groups/{group.uuid}/"
    few, many = queries_as_rows_grow(lambda n: fill(world, group, n), client, url)

    assert group.members.count() == 2 * MANY
    assert few == many


def test_it_shows_the_attendance_sheet_of_a_big_group_in_a_constant_number_of_queries(world, group):
    client = world.client_for(world.facilitator)
    session = fill(world, group, FEW)
    url = f"/c/{world.center_a.slug}/groups/sessions/{session.uuid}/"
    few = count_queries(client, url)

    fill(world, group, MANY - FEW)
    many = count_queries(client, url)

    assert few == many


def test_the_group_list_shows_thirty_groups_a_page(world, client):
    add_groups(world, 40)
    url = f"/c/{world.center_a.slug}/groups/"

    first = client.get(url)
    second = client.get(url, {"page": 2})

    assert len(first.context["groups"]) == 30
    assert 'href="?page=2"' in first.content.decode()
    shown = [g.pk for g in first.context["groups"]] + [g.pk for g in second.context["groups"]]
    assert sorted(shown) == sorted(Group.objects.filter(center=world.center_a).values_list("pk", flat=True))
