"""POST/GET /api/v1/centers/<slug>/deliveries: the channel of each delivery (accepted, defaulted, refused when
unknown), and a same-day repeat refused with 409 unless confirmed, as the pages ask before a second one."""

import uuid

import pytest
from django.utils import timezone

from integrhabitat.conftest import make_person
from integrhabitat.services.models import DeliveryChannel, Service, ServiceDelivery
from integrhabitat.services.services import record_deliveries, save_service


def url(world) -> str:
    return f"/api/v1/centers/{world.center_a.slug}/deliveries"


def body(world, *people, service=None, **extra) -> dict:
    return {"service": str((service or world.service_a).uuid),
            "participants": [str(p.uuid) for p in people or [world.person_a]],
            "delivered_on": timezone.localdate().isoformat(), **extra}


def todays(world) -> list[ServiceDelivery]:
    return list(ServiceDelivery.objects.filter(delivered_on=timezone.localdate()).order_by("pk"))


@pytest.fixture
def desk(world, api_as):
    return api_as(world.front_desk)


# --- The channel --------------------------------------------------------------------------------------------

def test_it_records_and_returns_the_channel_sent(world, desk):
    response = desk.post(url(world), body(world, channel="home_visit"))

    assert response.status_code == 201, response.content
    assert [d["channel"] for d in response.json()["deliveries"]] == ["home_visit"]
    assert [d.channel for d in todays(world)] == [DeliveryChannel.HOME_VISIT]
    listed = desk.get(url(world), {"date_from": timezone.localdate().isoformat()}).json()["results"]
    assert [d["channel"] for d in listed] == ["home_visit"]


def test_without_a_channel_it_takes_the_services_usual_one(world, desk):
    outreach = save_service(world.center_a, {"name": "Jornada móvil", "service_type": "I.food",
                                             "modality": Service.Modality.OUTREACH}, actor=None)

    on_site = desk.post(url(world), body(world))
    in_the_street = desk.post(url(world), body(world, service=outreach, channel=None))

    assert on_site.json()["deliveries"][0]["channel"] == "on_site"
    assert in_the_street.json()["deliveries"][0]["channel"] == "outreach"
    assert {(d.service, d.channel) for d in todays(world)} == {(world.service_a, "on_site"), (outreach, "outreach")}


@pytest.mark.parametrize("language", ["es", "en"])
def test_it_refuses_an_unknown_channel_naming_the_accepted_ones(world, api_as, language):
    client = api_as(world.front_desk, language)

    for channel in ("telepathy", "ON_SITE", 3, ""):
        response = client.post(url(world), body(world, channel=channel))

        assert response.status_code == 422, channel
        [error] = response.json()["errors"]
        assert error["loc"][-1] == "channel" and error["type"] == "delivery_channel"
        assert all(value in error["msg"] for value in DeliveryChannel.values), error["msg"]
    assert todays(world) == []


def test_the_openapi_document_lists_the_channels(world, desk):
    schema = desk.get("/api/v1/openapi.json").json()["components"]["schemas"]

    assert schema["DeliveryChannel"]["enum"] == DeliveryChannel.values
    assert "channel" in schema["DeliveryRow"]["required"]


# --- A second delivery the same day -------------------------------------------------------------------------

def test_a_same_day_repeat_is_refused_with_409_and_the_earlier_delivery(world, desk):
    [earlier] = record_deliveries(world.center_a, world.service_a, [world.person_a],
                                  delivered_on=timezone.localdate(), actor=world.coordinator)
    maria = make_person(world.center_a, "María")

    response = desk.post(url(world), body(world, world.person_a, maria))

    assert response.status_code == 409
    assert "confirm_repeat" in response.json()["detail"]
    assert [d["uuid"] for d in response.json()["earlier"]] == [str(earlier.uuid)]
    assert todays(world) == [earlier]  # all or nothing: not even María's


def test_a_same_day_repeat_is_recorded_when_confirmed(world, desk):
    record_deliveries(world.center_a, world.service_a, [world.person_a], delivered_on=timezone.localdate(),
                      actor=world.coordinator)

    response = desk.post(url(world), body(world, confirm_repeat=True))

    assert response.status_code == 201
    assert len(todays(world)) == 2


def test_sending_the_same_submission_again_is_no_repeat(world, desk):
    token = str(uuid.uuid4())

    first = desk.post(url(world), body(world, submission=token))
    again = desk.post(url(world), body(world, submission=token))

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["created"] == 0 and len(todays(world)) == 1


def test_a_delivery_of_another_day_or_service_is_no_repeat(world, desk):
    # The world's person received the food kits on 10 January 2026, not today.
    other = save_service(world.center_a, {"name": "Orientación", "service_type": "I.orientation"}, actor=None)
    record_deliveries(world.center_a, other, [world.person_a], delivered_on=timezone.localdate(), actor=None)

    assert desk.post(url(world), body(world)).status_code == 201
