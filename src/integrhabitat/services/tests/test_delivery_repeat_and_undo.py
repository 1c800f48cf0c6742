"""Double taps: a second delivery of the same service to the same person on the same day is confirmed
first (profile and bulk page), and its recorder may undo a delivery for a short while:
POST /c/<center>/services/deliveries/person/<uuid>/ and …/person/<uuid>/<delivery uuid>/undo/."""

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import escape

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_person
from integrhabitat.improvement.results.figures import center_day
from integrhabitat.services.models import UNDO_MINUTES, UNDO_WINDOW, ServiceDelivery
from integrhabitat.services.services import ALREADY_REMOVED, record_deliveries


def shown(msgid: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(translation.gettext(msgid))


def record_url(world, person=None):
    return f"/c/{world.center_a.slug}/services/deliveries/person/{(person or world.person_a).uuid}/"


def undo_url(world, delivery):
    return f"/c/{world.center_a.slug}/services/deliveries/person/{delivery.participant.uuid}/{delivery.uuid}/undo/"


def profile_of(world, person=None):
    return f"/c/{world.center_a.slug}/people/{(person or world.person_a).uuid}/"


@pytest.fixture
def desk(world):
    return world.client_for(world.front_desk)


def tap(world, client, *, submission=None, **extra):
    """What the profile's quick buttons post for today's food kit: each page shown has its own token."""
    return client.post(record_url(world), {
        "service": str(world.service_a.uuid), "delivered_on": timezone.localdate().isoformat(),
        "submission": str(submission or uuid.uuid4()), **extra,
    })


def todays(world):
    return ServiceDelivery.objects.filter(participant=world.person_a, service=world.service_a,
                                          delivered_on=timezone.localdate())


def recorded_today_by(world, user) -> ServiceDelivery:
    [delivery] = record_deliveries(world.center_a, world.service_a, [world.person_a],
                                   delivered_on=timezone.localdate(), actor=user)
    return delivery


def page_of(client, url) -> str:
    return client.get(url).content.decode()


# --- A second tap on the same day -----------------------------------------------------------------------

def test_it_asks_before_recording_a_second_delivery_of_the_day_from_another_tap(world, desk):
    first = recorded_today_by(world, world.front_desk)

    response = tap(world, desk)

    assert response.status_code == 200
    assert response.templates[0].name == "services/delivery_confirm.html"
    assert list(todays(world)) == [first]
    html = response.content.decode()
    when = timezone.localtime(first.recorded_at).strftime("%H:%M")
    line = shown("Recorded today at %(time)s by %(name)s.") % {"time": when, "name": world.front_desk.display_name()}
    assert escape(line) in html
    assert 'name="again" value="1"' in html


def test_it_records_the_second_delivery_once_confirmed(world, desk):
    recorded_today_by(world, world.coordinator)
    token = uuid.uuid4()
    tap(world, desk, submission=token, note="Segundo kit: familia grande")

    response = tap(world, desk, submission=token, note="Segundo kit: familia grande", again="1")

    assert response.status_code == 302
    assert response.url == profile_of(world)
    assert todays(world).count() == 2
    assert todays(world).filter(submission=token, recorded_by=world.front_desk).exists()


def test_it_records_a_double_clicked_confirmation_once(world, desk):
    recorded_today_by(world, world.coordinator)
    token = uuid.uuid4()

    tap(world, desk, submission=token, again="1")
    tap(world, desk, submission=token, again="1")

    assert todays(world).count() == 2


def test_it_keeps_the_token_on_the_confirmation_page_when_the_tap_had_none(world, desk):
    recorded_today_by(world, world.coordinator)

    response = desk.post(record_url(world), {"service": str(world.service_a.uuid),
                                             "delivered_on": timezone.localdate().isoformat()})

    token = response.context["submission"]
    assert isinstance(token, uuid.UUID)
    assert f'name="submission" value="{token}"' in response.content.decode()


def test_it_records_without_asking_when_the_earlier_delivery_was_another_day(world, desk):
    # The world's person got the service on 10 January 2026.
    response = tap(world, desk)

    assert response.status_code == 302
    assert todays(world).count() == 1


def test_it_asks_about_the_date_given_not_today_when_recording_for_an_earlier_day(world, desk):
    earlier_day = timezone.localdate() - timedelta(days=3)
    record_deliveries(world.center_a, world.service_a, [world.person_a], delivered_on=earlier_day,
                      actor=world.coordinator)

    response = tap(world, desk, delivered_on=earlier_day.isoformat())

    assert response.status_code == 200
    assert ServiceDelivery.objects.filter(participant=world.person_a, delivered_on=earlier_day).count() == 1


# --- The bulk page ---------------------------------------------------------------------------------------

@pytest.fixture
def bulk_url(world):
    return f"/c/{world.center_a.slug}/services/deliveries/bulk/"


def bulk_data(world, people, *, submission, **extra):
    return {"action": "save", "service": str(world.service_a.uuid), "delivered_on": timezone.localdate().isoformat(),
            "quantity": "1", "submission": str(submission), "people": [str(p.uuid) for p in people], "q": "",
            **extra}


@pytest.fixture
def three(world):
    return [make_person(world.center_a, f"Vecina{n}", "Jornada") for n in range(3)]


def test_it_lists_the_ticked_people_already_served_today_and_records_nobody(world, desk, bulk_url, three):
    served = recorded_today_by(world, world.coordinator)

    response = desk.post(bulk_url, bulk_data(world, [world.person_a, *three], submission=uuid.uuid4()))

    assert response.status_code == 200
    assert [d.pk for d in response.context["repeats"]] == [served.pk]
    assert world.person_a.full_name in response.content.decode()
    assert not ServiceDelivery.objects.filter(participant__in=three).exists()
    assert todays(world).count() == 1


def test_it_records_everyone_ticked_when_confirmed(world, desk, bulk_url, three):
    recorded_today_by(world, world.coordinator)
    data = bulk_data(world, [world.person_a, *three], submission=uuid.uuid4())
    desk.post(bulk_url, data)
    del data["action"]  # the confirmation is its own button

    response = desk.post(bulk_url, {**data, "again": "1"})

    assert response.status_code == 302
    assert ServiceDelivery.objects.filter(participant__in=three, delivered_on=timezone.localdate()).count() == 3
    assert todays(world).count() == 2


def test_it_records_the_others_once_the_served_are_unticked(world, desk, bulk_url, three):
    recorded_today_by(world, world.coordinator)
    token = uuid.uuid4()
    desk.post(bulk_url, bulk_data(world, [world.person_a, *three], submission=token))

    response = desk.post(bulk_url, bulk_data(world, three, submission=token))

    assert response.status_code == 302
    assert ServiceDelivery.objects.filter(participant__in=three, delivered_on=timezone.localdate()).count() == 3
    assert todays(world).count() == 1


# --- Undo ------------------------------------------------------------------------------------------------

def test_its_recorder_undoes_a_delivery_just_recorded_and_it_is_audited(world, desk):
    tap(world, desk)
    delivery = todays(world).get()

    response = desk.post(undo_url(world, delivery))

    assert response.status_code == 302
    assert response.url == profile_of(world)
    assert not ServiceDelivery.objects.filter(pk=delivery.pk).exists()
    entry = AuditEntry.objects.get(action="services.delivery.undone")
    assert (entry.object_id, entry.actor, entry.center) == (str(delivery.uuid), world.front_desk, world.center_a)


def test_the_message_after_recording_says_it_can_be_undone_and_the_profile_offers_it(world, desk):
    response = tap(world, desk)
    delivery = todays(world).get()

    html = page_of(desk, response.url)

    minutes = UNDO_MINUTES
    with translation.override(settings.LANGUAGE_CODE):
        message = translation.ngettext(
            "Recorded: %(service)s for %(name)s. You can undo it for %(minutes)d minute under “Services received”.",
            "Recorded: %(service)s for %(name)s. You can undo it for %(minutes)d minutes under “Services received”.",
            minutes) % {"service": world.service_a.name, "name": world.person_a.full_name, "minutes": minutes}
    assert escape(message) in html
    assert f'action="{undo_url(world, delivery)}"' in html


def test_the_profile_offers_no_undo_to_someone_else_nor_after_the_window(world, desk):
    delivery = recorded_today_by(world, world.front_desk)

    assert undo_url(world, delivery) not in page_of(world.client_for(world.case_worker), profile_of(world))

    ServiceDelivery.objects.filter(pk=delivery.pk).update(recorded_at=timezone.now() - UNDO_WINDOW)
    assert undo_url(world, delivery) not in page_of(desk, profile_of(world))


def test_it_refuses_to_undo_someone_elses_delivery(world, desk):
    delivery = recorded_today_by(world, world.coordinator)

    response = desk.post(undo_url(world, delivery), follow=True)

    assert ServiceDelivery.objects.filter(pk=delivery.pk).exists()
    assert not AuditEntry.objects.filter(action="services.delivery.undone").exists()
    assert escape(shown("Only the person who recorded a delivery can undo it.")) in response.content.decode()


def test_it_refuses_to_undo_after_the_window(world, desk):
    delivery = recorded_today_by(world, world.front_desk)
    ServiceDelivery.objects.filter(pk=delivery.pk).update(recorded_at=timezone.now() - UNDO_WINDOW)

    response = desk.post(undo_url(world, delivery), follow=True)

    assert ServiceDelivery.objects.filter(pk=delivery.pk).exists()
    assert not AuditEntry.objects.filter(action="services.delivery.undone").exists()
    minutes = UNDO_MINUTES
    with translation.override(settings.LANGUAGE_CODE):
        message = translation.ngettext(
            "A delivery can only be undone in the first %(minutes)d minute after recording it. If it is a "
            "mistake, ask someone who can remove deliveries, such as a coordinator.",
            "A delivery can only be undone in the first %(minutes)d minutes after recording it. If it is a "
            "mistake, ask someone who can remove deliveries, such as a coordinator.", minutes) % {"minutes": minutes}
    assert escape(message) in response.content.decode()


def test_it_says_a_delivery_undone_twice_is_already_undone(world, desk):
    delivery = recorded_today_by(world, world.front_desk)
    desk.post(undo_url(world, delivery))

    response = desk.post(undo_url(world, delivery), follow=True)

    assert response.status_code == 200
    assert escape(shown(str(ALREADY_REMOVED))) in response.content.decode()
    assert AuditEntry.objects.filter(action="services.delivery.undone").count() == 1


def test_it_answers_404_to_undo_a_delivery_that_never_existed(world, desk):
    response = desk.post(f"/c/{world.center_a.slug}/services/deliveries/person/{world.person_a.uuid}/"
                         f"{uuid.uuid4()}/undo/")

    assert response.status_code == 404


def test_it_does_not_undo_on_get(world, desk):
    delivery = recorded_today_by(world, world.front_desk)

    assert desk.get(undo_url(world, delivery)).status_code == 405
    assert ServiceDelivery.objects.filter(pk=delivery.pk).exists()


def test_an_undone_delivery_leaves_the_figures(world, desk):
    before = center_day(world.center_a, timezone.localdate())
    tap(world, desk)
    assert center_day(world.center_a, timezone.localdate())["deliveries_today"] == before["deliveries_today"] + 1

    desk.post(undo_url(world, todays(world).get()))

    assert center_day(world.center_a, timezone.localdate()) == before
    service_page = world.client_for(world.coordinator).get(
        f"/c/{world.center_a.slug}/services/{world.service_a.uuid}/")
    assert service_page.context["figures"]["total"] == 1  # the world's delivery of January only


def test_a_coordinator_still_removes_a_delivery_after_the_window(world):
    delivery = recorded_today_by(world, world.front_desk)
    ServiceDelivery.objects.filter(pk=delivery.pk).update(recorded_at=timezone.now() - UNDO_WINDOW)

    world.client_for(world.coordinator).post(f"/c/{world.center_a.slug}/services/deliveries/{delivery.uuid}/delete/")

    assert not ServiceDelivery.objects.filter(pk=delivery.pk).exists()
