"""List pages run the same number of queries for 5 rows as for 60, so that N+1 cannot come back."""

from datetime import date, timedelta

import pytest

from integrhabitat.conftest import make_center, make_person, make_user
from integrhabitat.lib.testing import count_queries
from integrhabitat.network.roles import Role
from integrhabitat.people.models import Participant
from integrhabitat.people.tests.duplicate_support import pair_of
from integrhabitat.services.models import Service, ServiceDelivery


def add_people(world, how_many: int, given: str = "Ana") -> list[Participant]:
    """`how_many` more people in center A, each having received a service."""
    start = Participant.objects.filter(center=world.center_a).count()
    people = []
    for number in range(start, start + how_many):
        person = Participant(center=world.center_a, given_names=given, family_names=f"Zúñiga{number}",
                             birth_date=date(1980, 1, 1) + timedelta(days=number))
        person.code = f"AAA-{50000 + number:05d}"
        person.refresh_derived()
        people.append(person)
    people = Participant.objects.bulk_create(people)
    ServiceDelivery.objects.bulk_create(
        ServiceDelivery(center=world.center_a, service=world.service_a, participant=person,
                        delivered_on=date(2026, 2, 1), recorded_by=world.coordinator)
        for person in Participant.objects.filter(pk__in=[p.pk for p in people])
    )
    return people


def add_services(world, how_many: int) -> None:
    start = Service.objects.filter(center=world.center_a).count()
    types = ["I.food", "II.childcare", "III.rental_advice", "IV.community_organization", "I.legal"]
    for number in range(start, start + how_many):
        service = Service(center=world.center_a, name=f"Servicio {number}", service_type=types[number % len(types)])
        service.save()
        ServiceDelivery.objects.create(center=world.center_a, service=service, participant=world.person_a,
                                       delivered_on=date(2026, 2, 1), recorded_by=world.coordinator)


@pytest.fixture
def client(world):
    return world.client_for(world.coordinator)


@pytest.mark.parametrize("query", [None, {"q": "ana"}], ids=["browsing", "searching"])
def test_it_lists_people_in_a_constant_number_of_queries(world, client, query):
    url = f"/c/{world.center_a.slug}/people/"
    add_people(world, 5)
    few = count_queries(client, url, query)

    add_people(world, 55)
    many = count_queries(client, url, query)

    assert few == many


def test_it_filters_people_by_group_and_service_in_a_constant_number_of_queries(world, client):
    url = f"/c/{world.center_a.slug}/people/"
    filters = {"group": "women", "age": "29_59", "service": str(world.service_a.uuid)}
    add_people(world, 5)
    Participant.objects.update(sex="female")
    few = count_queries(client, url, filters)

    add_people(world, 55)
    Participant.objects.update(sex="female")
    many = count_queries(client, url, filters)

    assert few == many


def test_it_shows_a_profile_with_many_deliveries_in_a_constant_number_of_queries(world, client):
    url = f"/c/{world.center_a.slug}/people/{world.person_a.uuid}/"
    recorders = [make_user(f"rec{n}", world.center_a, Role.FRONT_DESK) for n in range(3)]
    services = [_service(world, n) for n in range(4)]

    def deliver(how_many):
        ServiceDelivery.objects.bulk_create(
            ServiceDelivery(center=world.center_a, service=services[n % len(services)], participant=world.person_a,
                            delivered_on=date(2026, 1, 1) + timedelta(days=n), recorded_by=recorders[n % 3],
                            note=f"n{n}")
            for n in range(how_many)
        )

    deliver(5)
    few = count_queries(client, url)
    ServiceDelivery.objects.filter(participant=world.person_a).delete()
    deliver(60)
    many = count_queries(client, url)

    assert few == many


def _service(world, number: int) -> Service:
    service = Service(center=world.center_a, name=f"Taller {number}", service_type="I.orientation")
    service.save()
    return service


def test_it_shows_the_bulk_delivery_page_in_a_constant_number_of_queries(world, client):
    url = f"/c/{world.center_a.slug}/services/deliveries/bulk/"
    add_people(world, 5)
    few = count_queries(client, url)

    add_people(world, 55)
    many = count_queries(client, url)

    assert few == many


def test_it_searches_the_bulk_delivery_list_in_a_constant_number_of_queries(world, client):
    url = f"/c/{world.center_a.slug}/services/deliveries/bulk/"

    def search_with_ticks(people):
        return {"action": "search", "q": "ana", "service": str(world.service_a.uuid),
                "delivered_on": "2026-02-01", "quantity": "1", "people": [str(p.uuid) for p in people]}

    few_people = add_people(world, 5)
    few = count_queries(client, url, search_with_ticks(few_people[:3]), method="post")

    many_people = few_people + add_people(world, 55)
    many = count_queries(client, url, search_with_ticks(many_people[:40]), method="post")

    assert few == many


def test_it_lists_services_in_a_constant_number_of_queries(world, client):
    url = f"/c/{world.center_a.slug}/services/"
    add_services(world, 4)  # the world's service makes 5
    few = count_queries(client, url)

    add_services(world, 55)
    many = count_queries(client, url)

    assert Service.objects.filter(center=world.center_a).count() == 60
    assert few == many


def test_the_network_duplicates_queue_takes_as_many_queries_for_many_pairs_as_for_few(world):
    client = world.client_for(world.network_coordinator)

    def pairs(how_many):
        start = Participant.objects.count()
        for number in range(start, start + how_many):
            other = make_center(f"otro-{number}", "OX" + chr(65 + number // 26 % 26) + chr(65 + number % 26),
                                f"Otro {number}")
            first = make_person(world.center_a, "Wilmer", f"Colmenares{number}", birth_date=date(1979, 11, 2))
            second = make_person(other, "Wilmer", f"Colmenares{number} Urdaneta", birth_date=date(1979, 11, 2))
            pair_of(first, second)

    pairs(4)
    few = count_queries(client, "/network/duplicates/")
    pairs(8)
    many = count_queries(client, "/network/duplicates/")

    assert few == many
