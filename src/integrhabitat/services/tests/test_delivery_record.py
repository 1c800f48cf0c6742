"""Recording one service for one person from their profile: POST /c/<center>/services/deliveries/person/<uuid>/."""

import uuid
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import escape

from integrhabitat.audit.models import AuditEntry
from integrhabitat.services.models import Service, ServiceDelivery
from integrhabitat.services.services import DeliveryRefused, record_deliveries, save_service


def shown(msgid: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(translation.gettext(msgid))


def url_for(world, person):
    return f"/c/{world.center_a.slug}/services/deliveries/person/{person.uuid}/"


def profile_of(world, person):
    return f"/c/{world.center_a.slug}/people/{person.uuid}/"


@pytest.fixture
def desk(world):
    return world.client_for(world.front_desk)


def tap(world, client, *, service=None, delivered_on=None, person=None, **extra):
    """What the profile's quick buttons post: the service tapped, the date field and the form's token."""
    data = {"service": str((service or world.service_a).uuid),
            "delivered_on": (delivered_on or timezone.localdate()).isoformat(),
            "submission": str(uuid.uuid4()), **extra}
    return client.post(url_for(world, person or world.person_a), data)


def deliveries_of(person):
    return ServiceDelivery.objects.filter(participant=person)


def test_it_records_a_delivery_with_one_tap(world, desk):
    before = deliveries_of(world.person_a).count()

    response = tap(world, desk, note="Kit familiar")

    assert response.status_code == 302
    assert response.url == profile_of(world, world.person_a)
    assert deliveries_of(world.person_a).count() == before + 1
    [delivery] = [d for d in deliveries_of(world.person_a) if d.note == "Kit familiar"]  # notes are encrypted
    assert delivery.service == world.service_a
    assert delivery.center == world.center_a
    assert delivery.delivered_on == timezone.localdate()
    assert delivery.recorded_by == world.front_desk
    assert delivery.quantity == 1
    entry = AuditEntry.objects.get(action="services.delivery.recorded", object_id=str(delivery.uuid))
    assert entry.actor == world.front_desk
    assert entry.center == world.center_a
    assert "Kit familiar" not in str(entry.fields)


def test_it_shows_the_recorded_service_on_the_profile(world, desk):
    tap(world, desk, delivered_on=date(2026, 2, 3), note="Primera entrega del mes")

    response = desk.get(profile_of(world, world.person_a))

    listed = [(d.service, d.delivered_on) for d in response.context["deliveries"]]
    assert listed[0] == (world.service_a, date(2026, 2, 3))
    assert "Primera entrega del mes" in response.content.decode()


def test_it_records_a_double_tap_once(world, desk):
    before = deliveries_of(world.person_a).count()
    data = {"service": str(world.service_a.uuid), "delivered_on": timezone.localdate().isoformat(),
            "submission": str(uuid.uuid4())}

    desk.post(url_for(world, world.person_a), data)
    desk.post(url_for(world, world.person_a), data)

    assert deliveries_of(world.person_a).count() == before + 1


def test_it_answers_404_for_a_person_of_another_center(world, desk):
    before = ServiceDelivery.objects.count()

    response = tap(world, desk, person=world.person_b)

    assert response.status_code == 404
    assert ServiceDelivery.objects.count() == before


def test_it_refuses_another_centers_service_for_this_centers_person(world, desk):
    before = ServiceDelivery.objects.count()

    response = tap(world, desk, service=world.service_b)

    assert response.status_code == 302
    assert ServiceDelivery.objects.count() == before


def test_it_refuses_a_retired_service_with_a_form_error(world, desk):
    retired = save_service(world.center_a, {"name": "Antiguo taller", "service_type": "VI.cultural_activities",
                                            "status": Service.Status.RETIRED}, actor=world.coordinator)
    before = ServiceDelivery.objects.count()

    response = tap(world, desk, service=retired)

    assert ServiceDelivery.objects.count() == before
    assert response.status_code == 302
    html = desk.get(response.url).content.decode()
    assert escape(shown("Choose an active service of this center.")) in html


def test_it_refuses_a_date_in_the_future(world, desk):
    before = ServiceDelivery.objects.count()

    response = tap(world, desk, delivered_on=timezone.localdate() + timedelta(days=1))

    assert ServiceDelivery.objects.count() == before
    html = desk.get(response.url).content.decode()
    assert escape(shown("The date cannot be in the future.")) in html


def test_it_does_not_record_on_get(world, desk):
    response = desk.get(url_for(world, world.person_a))

    assert response.status_code == 405


def test_it_forbids_a_viewer_to_record(world):
    before = ServiceDelivery.objects.count()

    response = tap(world, world.client_for(world.viewer))

    assert response.status_code == 403
    assert ServiceDelivery.objects.count() == before


def test_it_sends_anonymous_visitors_to_log_in(world):
    response = tap(world, world.client_for(None))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_it_refuses_in_the_service_a_person_of_another_center(world):
    with pytest.raises(DeliveryRefused):
        record_deliveries(world.center_a, world.service_a, [world.person_b], delivered_on=date(2026, 2, 1),
                          actor=world.coordinator)

    assert not deliveries_of(world.person_b).exists()


def test_it_refuses_in_the_service_a_service_of_another_center(world):
    before = ServiceDelivery.objects.count()

    with pytest.raises(DeliveryRefused):
        record_deliveries(world.center_a, world.service_b, [world.person_a], delivered_on=date(2026, 2, 1),
                          actor=world.coordinator)

    assert ServiceDelivery.objects.count() == before


def test_it_refuses_in_the_service_a_retired_service(world):
    retired = save_service(world.center_a, {"name": "Antiguo taller", "service_type": "VI.cultural_activities",
                                            "status": Service.Status.RETIRED}, actor=world.coordinator)

    with pytest.raises(DeliveryRefused):
        record_deliveries(world.center_a, retired, [world.person_a], delivered_on=date(2026, 2, 1),
                          actor=world.coordinator)

    assert not ServiceDelivery.objects.filter(service=retired).exists()


def test_it_refuses_in_the_service_a_whole_batch_if_one_person_is_of_another_center(world):
    before = ServiceDelivery.objects.count()

    with pytest.raises(DeliveryRefused):
        record_deliveries(world.center_a, world.service_a, [world.person_a, world.person_b],
                          delivered_on=date(2026, 2, 1), actor=world.coordinator)

    assert ServiceDelivery.objects.count() == before
