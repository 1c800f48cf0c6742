"""Each delivery records its own channel (on site, home visit, outreach day, virtual), from the profile's buttons
and the bulk page alike; left empty, the service's usual one."""

import importlib
import uuid
from datetime import date

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import timezone, translation

from integrhabitat.conftest import make_person
from integrhabitat.improvement.results.figures import center_day
from integrhabitat.services.models import DeliveryChannel, Service, ServiceDelivery
from integrhabitat.services.services import DeliveryRefused, record_deliveries, save_service


@pytest.fixture
def desk(world):
    return world.client_for(world.front_desk)


@pytest.fixture
def home_visits(world):
    return save_service(world.center_a, {"name": "Acompañamiento en casa", "service_type": "I.psychosocial",
                                         "modality": Service.Modality.HOME_VISIT}, actor=world.coordinator)


def tap(world, client, service, **extra):
    """What the profile's quick buttons post."""
    return client.post(f"/c/{world.center_a.slug}/services/deliveries/person/{world.person_a.uuid}/", {
        "service": str(service.uuid), "delivered_on": timezone.localdate().isoformat(),
        "submission": str(uuid.uuid4()), **extra})


def bulk(world, client, service, people, **extra):
    return client.post(f"/c/{world.center_a.slug}/services/deliveries/bulk/", {
        "action": "save", "service": str(service.uuid), "delivered_on": "2026-02-14", "quantity": "1",
        "submission": str(uuid.uuid4()), "people": [str(p.uuid) for p in people], "q": "", **extra})


def todays(world, service) -> list[ServiceDelivery]:
    return list(ServiceDelivery.objects.filter(service=service, participant=world.person_a,
                                               delivered_on=timezone.localdate()))


# --- The profile's buttons ----------------------------------------------------------------------------------

def test_a_delivery_from_the_profile_records_the_channel_chosen(world, desk):
    response = tap(world, desk, world.service_a, channel="outreach")

    assert response.status_code == 302
    [delivery] = todays(world, world.service_a)
    assert delivery.channel == DeliveryChannel.OUTREACH


def test_a_delivery_without_a_channel_takes_the_services_usual_one(world, desk, home_visits):
    tap(world, desk, home_visits)
    tap(world, desk, world.service_a)  # an on-site service (the default modality)

    assert [d.channel for d in todays(world, home_visits)] == [DeliveryChannel.HOME_VISIT]
    assert [d.channel for d in todays(world, world.service_a)] == [DeliveryChannel.ON_SITE]


def test_a_service_whose_modality_is_no_channel_is_given_on_site(world):
    partner_service = save_service(world.center_a, {"name": "Por aliado", "service_type": "I.legal",
                                                    "modality": Service.Modality.PARTNER}, actor=None)
    radio = save_service(world.center_a, {"name": "Radio", "service_type": "I.orientation",
                                          "modality": Service.Modality.LOCAL_MEDIA}, actor=None)

    assert (partner_service.usual_channel, radio.usual_channel) == (DeliveryChannel.ON_SITE, DeliveryChannel.ON_SITE)


def test_an_unknown_channel_is_refused_and_nothing_is_recorded(world, desk):
    response = tap(world, desk, world.service_a, channel="telepathy")

    assert response.status_code == 302
    assert todays(world, world.service_a) == []
    with pytest.raises(DeliveryRefused):
        record_deliveries(world.center_a, world.service_a, [world.person_a], delivered_on=timezone.localdate(),
                          actor=None, channel="telepathy")
    assert todays(world, world.service_a) == []


def test_the_same_day_confirmation_keeps_the_channel_chosen(world, desk):
    record_deliveries(world.center_a, world.service_a, [world.person_a], delivered_on=timezone.localdate(),
                      actor=world.coordinator)

    asked = tap(world, desk, world.service_a, channel="virtual")

    assert asked.templates[0].name == "services/delivery_confirm.html"
    assert '<input type="hidden" name="channel" value="virtual">' in asked.content.decode()
    confirmed = tap(world, desk, world.service_a, channel="virtual", again="1")
    assert confirmed.status_code == 302
    assert sorted(d.channel for d in todays(world, world.service_a)) == ["on_site", "virtual"]


# --- The bulk page ------------------------------------------------------------------------------------------

def test_the_bulk_page_offers_the_channels_and_records_the_one_chosen_for_everyone(world, desk):
    maria, marta = make_person(world.center_a, "María"), make_person(world.center_a, "Marta")
    page = desk.get(f"/c/{world.center_a.slug}/services/deliveries/bulk/").content.decode()
    assert 'name="channel"' in page and '<option value="home_visit">' in page

    response = bulk(world, desk, world.service_a, [maria, marta], channel="outreach")

    assert response.status_code == 302
    recorded = ServiceDelivery.objects.filter(service=world.service_a, delivered_on=date(2026, 2, 14))
    assert {(d.participant, d.channel) for d in recorded} == {(maria, "outreach"), (marta, "outreach")}


def test_the_bulk_page_without_a_channel_uses_the_services_usual_one(world, desk, home_visits):
    maria = make_person(world.center_a, "María")

    bulk(world, desk, home_visits, [maria])

    assert list(ServiceDelivery.objects.filter(service=home_visits).values_list("channel", flat=True)) == [
        "home_visit"]


def test_the_bulk_page_refuses_an_unknown_channel_with_the_error_on_the_field(world, desk):
    maria = make_person(world.center_a, "María")

    response = bulk(world, desk, world.service_a, [maria], channel="telepathy")

    assert response.status_code == 400
    assert response.context["form"].errors["channel"]
    assert not ServiceDelivery.objects.filter(participant=maria).exists()


# --- Lists and figures --------------------------------------------------------------------------------------

def test_the_services_page_lists_each_delivery_with_its_channel(world):
    record_deliveries(world.center_a, world.service_a, [world.person_a], delivered_on=date(2026, 2, 1),
                      actor=None, channel="home_visit")

    page = world.client_for(world.coordinator).get(
        f"/c/{world.center_a.slug}/services/{world.service_a.uuid}/").content.decode()

    with translation.override(settings.LANGUAGE_CODE):
        home_visit, on_site = str(DeliveryChannel.HOME_VISIT.label), str(DeliveryChannel.ON_SITE.label)
    rows = page.split("<tbody")[1]
    assert rows.index(home_visit) < rows.index(on_site)  # 1 February's home visit, then 10 January's kit


def test_the_channel_does_not_change_the_days_figures(world):
    day = date(2026, 2, 1)
    record_deliveries(world.center_a, world.service_a, [world.person_a], delivered_on=day, actor=None)
    before = center_day(world.center_a, day)
    ServiceDelivery.objects.filter(delivered_on=day).update(channel="virtual")

    assert center_day(world.center_a, day) == before


# --- Deliveries recorded before the channel existed ---------------------------------------------------------

def test_older_deliveries_take_their_services_usual_channel(world, home_visits):
    fill = importlib.import_module("integrhabitat.services.migrations.0009_fill_delivery_channel")
    record_deliveries(world.center_a, home_visits, [world.person_a], delivered_on=date(2026, 2, 1), actor=None)
    ServiceDelivery.objects.update(channel="on_site")  # as the schema migration left every row

    fill.fill_channel_from_service(apps, None)

    assert dict(ServiceDelivery.objects.values_list("service__name", "channel")) == {
        "Acompañamiento en casa": "home_visit", "Kits alimentarios": "on_site"}
