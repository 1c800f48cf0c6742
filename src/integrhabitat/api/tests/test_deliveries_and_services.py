import uuid
from datetime import date, timedelta

from django.utils import timezone

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_person
from integrhabitat.services.models import Service, ServiceDelivery
from integrhabitat.services.services import record_deliveries, save_service


def url(world, tail: str, center=None) -> str:
    return f"/api/v1/centers/{(center or world.center_a).slug}/{tail}"


def test_it_lists_the_portfolio_with_a_status_filter_to_a_viewer(world, api_as):
    save_service(world.center_a, {"name": "Taller viejo", "service_type": "I.food", "status": "retired"},
                 actor=None)
    client = api_as(world.viewer)

    everything = client.get(url(world, "services")).json()
    retired = client.get(url(world, "services"), {"status": "retired"}).json()

    assert {s["name"] for s in everything["results"]} == {"Kits alimentarios", "Taller viejo"}
    assert [s["name"] for s in retired["results"]] == ["Taller viejo"]
    assert client.get(url(world, "services"), {"status": "gone"}).status_code == 422


def test_it_shows_a_service_with_its_figures_and_hides_another_centers(world, api_as):
    client = api_as(world.viewer)

    detail = client.get(url(world, f"services/{world.service_a.uuid}")).json()

    assert (detail["deliveries"], detail["people"], detail["last_delivery"]) == (1, 1, "2026-01-10")
    assert client.get(url(world, f"services/{world.service_b.uuid}")).status_code == 404


def test_it_lists_deliveries_filtered_by_service_person_and_dates(world, api_as):
    other = save_service(world.center_a, {"name": "Ropa", "service_type": "I.food"}, actor=None)
    maria = make_person(world.center_a, "María")
    record_deliveries(world.center_a, other, [maria], delivered_on=date(2026, 2, 1), actor=None)
    record_deliveries(world.center_b, world.service_b, [world.person_b], delivered_on=date(2026, 2, 1), actor=None)
    client = api_as(world.front_desk)

    every = client.get(url(world, "deliveries")).json()
    by_service = client.get(url(world, "deliveries"), {"service": str(other.uuid)}).json()
    by_person = client.get(url(world, "deliveries"), {"participant": str(world.person_a.uuid)}).json()
    in_january = client.get(url(world, "deliveries"), {"date_from": "2026-01-01", "date_to": "2026-01-31"}).json()

    assert every["count"] == 2  # never center B's
    assert [d["participant_code"] for d in by_service["results"]] == [maria.code]
    assert [d["service"] for d in by_person["results"]] == [str(world.service_a.uuid)]
    assert [d["delivered_on"] for d in in_january["results"]] == ["2026-01-10"]
    assert client.get(url(world, "deliveries"), {"date_from": "enero"}).status_code == 422
    assert api_as(world.viewer).get(url(world, "deliveries")).status_code == 403


def test_it_records_deliveries_through_the_service_and_audits_them(world, api_as):
    maria = make_person(world.center_a, "María")
    today = timezone.localdate()
    client = api_as(world.front_desk)

    response = client.post(url(world, "deliveries"), {
        "service": str(world.service_a.uuid), "participants": [str(world.person_a.uuid), str(maria.uuid)],
        "delivered_on": today.isoformat(), "quantity": 2, "note": "Jornada",
    })

    assert response.status_code == 201, response.content
    assert response.json()["created"] == 2
    made = ServiceDelivery.objects.filter(delivered_on=today, service=world.service_a)
    assert {d.participant for d in made} == {world.person_a, maria}
    assert {(d.quantity, d.note, d.recorded_by) for d in made} == {(2, "Jornada", world.front_desk)}
    assert AuditEntry.objects.filter(action="services.delivery.recorded", actor=world.front_desk).count() == 2


def test_it_records_each_person_once_when_the_same_submission_is_sent_twice(world, api_as):
    client = api_as(world.front_desk)
    body = {"service": str(world.service_a.uuid), "participants": [str(world.person_a.uuid)],
            "delivered_on": timezone.localdate().isoformat(), "submission": str(uuid.uuid4())}

    first, again = client.post(url(world, "deliveries"), body), client.post(url(world, "deliveries"), body)

    assert (first.json()["created"], again.json()["created"]) == (1, 0)
    assert first.json()["deliveries"] == again.json()["deliveries"]
    assert ServiceDelivery.objects.filter(delivered_on=timezone.localdate()).count() == 1


def test_it_refuses_deliveries_against_the_rules_and_saves_nothing(world, api_as):
    retired = save_service(world.center_a, {"name": "Viejo", "service_type": "I.food", "status": "retired"},
                           actor=None)
    client = api_as(world.front_desk)
    base = {"service": str(world.service_a.uuid), "participants": [str(world.person_a.uuid)],
            "delivered_on": timezone.localdate().isoformat()}
    before = ServiceDelivery.objects.count()

    for change in ({"service": str(retired.uuid)}, {"service": str(world.service_b.uuid)},
                   {"participants": [str(world.person_b.uuid)]}, {"participants": []},
                   {"delivered_on": (timezone.localdate() + timedelta(days=1)).isoformat()},
                   {"quantity": 0}, {"note": "a\x00b"}):
        response = client.post(url(world, "deliveries"), {**base, **change})
        assert response.status_code == 422, change
        assert response.json()["errors"], change
    assert client.post(url(world, "deliveries"), raw="{").status_code == 400
    assert ServiceDelivery.objects.count() == before
    assert Service.objects.get(pk=retired.pk).deliveries.count() == 0


def test_it_answers_403_to_a_viewer_and_404_under_another_center(world, api_as):
    body = {"service": str(world.service_a.uuid), "participants": [str(world.person_a.uuid)],
            "delivered_on": timezone.localdate().isoformat()}
    before = ServiceDelivery.objects.count()

    assert api_as(world.viewer).post(url(world, "deliveries"), body).status_code == 403
    assert api_as(world.front_desk).post(url(world, "deliveries", world.center_b), body).status_code == 404
    assert ServiceDelivery.objects.count() == before


def test_it_takes_writes_from_programs_without_a_csrf_token(world):
    from django.test import Client

    from integrhabitat.api.services import create_token

    _token, secret = create_token(world.front_desk, name="Kobo", actor=None)
    client = Client(enforce_csrf_checks=True)

    response = client.post(url(world, "deliveries"), {
        "service": str(world.service_a.uuid), "participants": [str(world.person_a.uuid)],
        "delivered_on": timezone.localdate().isoformat()}, content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"})

    assert response.status_code == 201
