"""Recording one service for many people at once: /c/<center>/services/deliveries/bulk/."""

import uuid
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import escape

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_person
from integrhabitat.services.models import Service, ServiceDelivery
from integrhabitat.services.services import save_service


def shown(msgid: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(translation.gettext(msgid))


@pytest.fixture
def url(world):
    return f"/c/{world.center_a.slug}/services/deliveries/bulk/"


@pytest.fixture
def desk(world):
    return world.client_for(world.front_desk)


@pytest.fixture
def forty(world):
    return [make_person(world.center_a, f"Persona{n}", "Jornada") for n in range(40)]


def form_data(world, people, *, action="save", submission=None, **extra):
    return {
        "action": action, "service": str(world.service_a.uuid), "delivered_on": "2026-02-14", "quantity": "2",
        "submission": str(submission or uuid.uuid4()), "people": [str(p.uuid) for p in people], "q": "", **extra,
    }


def test_it_records_the_service_for_every_ticked_person(world, desk, url, forty):
    response = desk.post(url, form_data(world, forty))

    assert response.status_code == 302
    assert response.url == url
    recorded = ServiceDelivery.objects.filter(service=world.service_a, delivered_on=date(2026, 2, 14))
    assert recorded.count() == 40
    assert set(recorded.values_list("participant", flat=True)) == {p.pk for p in forty}
    assert set(recorded.values_list("quantity", "recorded_by", "center")) == {
        (2, world.front_desk.pk, world.center_a.pk)
    }
    assert AuditEntry.objects.filter(action="services.delivery.recorded",
                                     object_id__in=[str(u) for u in recorded.values_list("uuid", flat=True)],
                                     actor=world.front_desk).count() == 40


def test_it_records_a_double_submitted_batch_once(world, desk, url, forty):
    data = form_data(world, forty)

    desk.post(url, data)
    second = desk.post(url, data)

    assert second.status_code == 302
    assert ServiceDelivery.objects.filter(delivered_on=date(2026, 2, 14)).count() == 40
    assert AuditEntry.objects.filter(action="services.delivery.recorded").count() == 40 + 1  # + the world's


def test_it_records_only_the_people_added_to_a_resubmitted_batch(world, desk, url, forty):
    token = uuid.uuid4()
    desk.post(url, form_data(world, forty[:30], submission=token))

    desk.post(url, form_data(world, forty, submission=token))

    assert ServiceDelivery.objects.filter(delivered_on=date(2026, 2, 14)).count() == 40


def test_it_keeps_ticked_people_checked_when_searching(world, desk, url, forty):
    ticked = forty[:3]

    response = desk.post(url, {"action": "search", "q": "persona1", "people": [str(p.uuid) for p in ticked],
                               "submission": str(uuid.uuid4())})

    assert response.status_code == 200
    html = response.content.decode()
    for person in ticked:
        assert f'name="people" value="{person.uuid}" id="p-{person.uuid}" checked' in html
    assert {p.pk for p in response.context["ticked"]} == {p.pk for p in ticked}
    assert not response.context["form"].errors
    assert 'class="error"' not in html
    assert 'role="alert"' not in html
    assert not ServiceDelivery.objects.filter(participant__in=forty).exists()


def test_it_finds_people_to_tick_without_listing_the_ticked_twice(world, desk, url, forty):
    response = desk.post(url, {"action": "search", "q": "persona12", "people": [str(forty[12].uuid)]})

    candidates = {p.pk for p in response.context["candidates"]}
    assert forty[12].pk not in candidates
    assert response.content.decode().count(f'value="{forty[12].uuid}"') == 1


def test_it_refuses_a_person_of_another_center_and_saves_nothing(world, desk, url, forty):
    before = ServiceDelivery.objects.count()

    response = desk.post(url, form_data(world, [*forty[:5], world.person_b]))

    assert response.status_code == 400
    assert "people" in response.context["form"].errors
    assert escape(shown("One of the people is not of this center.")) in response.content.decode()
    assert ServiceDelivery.objects.count() == before


def test_it_refuses_an_unknown_person_and_saves_nothing(world, desk, url, forty):
    before = ServiceDelivery.objects.count()

    response = desk.post(url, {**form_data(world, forty[:5]), "people": [str(forty[0].uuid), str(uuid.uuid4())]})

    assert response.status_code == 400
    assert "people" in response.context["form"].errors
    assert ServiceDelivery.objects.count() == before


def test_it_asks_to_tick_someone_before_saving(world, desk, url):
    before = ServiceDelivery.objects.count()

    response = desk.post(url, form_data(world, []))

    assert response.status_code == 400
    assert escape(shown("Tick at least one person.")) in response.content.decode()
    assert ServiceDelivery.objects.count() == before


def test_it_refuses_another_centers_service(world, desk, url, forty):
    response = desk.post(url, {**form_data(world, forty[:5]), "service": str(world.service_b.uuid)})

    assert response.status_code == 400
    assert "service" in response.context["form"].errors
    assert not ServiceDelivery.objects.filter(participant__in=forty).exists()


def test_it_refuses_a_retired_service(world, desk, url, forty):
    retired = save_service(world.center_a, {"name": "Jornada pasada", "service_type": "I.hygiene",
                                            "status": Service.Status.RETIRED}, actor=world.coordinator)

    response = desk.post(url, {**form_data(world, forty[:5]), "service": str(retired.uuid)})

    assert response.status_code == 400
    assert escape(shown("Choose an active service of this center.")) in response.content.decode()
    assert not ServiceDelivery.objects.filter(service=retired).exists()


def test_it_refuses_a_date_in_the_future(world, desk, url, forty):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = desk.post(url, {**form_data(world, forty[:5]), "delivered_on": tomorrow})

    assert response.status_code == 400
    assert "delivered_on" in response.context["form"].errors
    assert not ServiceDelivery.objects.filter(participant__in=forty).exists()


def test_it_forbids_a_viewer_to_record(world, url, forty):
    response = world.client_for(world.viewer).post(url, form_data(world, forty))

    assert response.status_code == 403
    assert not ServiceDelivery.objects.filter(participant__in=forty).exists()


def test_it_hides_the_page_from_another_centers_staff(world, url):
    assert world.client_for(world.other_coordinator).get(url).status_code == 404


def test_a_service_given_by_a_participant_to_the_others_is_recorded_with_its_provider(world):
    from django.utils import timezone

    from integrhabitat.conftest import make_person
    from integrhabitat.services.models import ServiceDelivery

    neighbour = make_person(world.center_a, "Vecina", "Peluquera")
    response = world.client_for(world.front_desk).post("/c/centro-a/services/deliveries/bulk/", {
        "action": "save", "service": str(world.service_a.uuid), "delivered_on": timezone.localdate().isoformat(),
        "quantity": "1", "people": [str(world.person_a.uuid)], "provider_code": neighbour.code,
        "submission": "5f0d2a62-11c4-4a0d-9a0f-1e0d7b3c2a10"})

    assert response.status_code == 302
    assert ServiceDelivery.objects.get(submission="5f0d2a62-11c4-4a0d-9a0f-1e0d7b3c2a10").provided_by == neighbour
