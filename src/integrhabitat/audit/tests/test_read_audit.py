"""Opening a person's profile (page or API) is audited compactly: one entry per user, person and day."""

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from integrhabitat.api.services import create_token
from integrhabitat.audit import services as audit
from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_person

VIEWED = "people.participant.viewed"


def profile_url(world, person=None) -> str:
    return f"/c/{world.center_a.slug}/people/{(person or world.person_a).uuid}/"


def api_url(world, person=None) -> str:
    return f"/api/v1/centers/{world.center_a.slug}/participants/{(person or world.person_a).uuid}"


def views():
    return list(AuditEntry.objects.filter(action=VIEWED).order_by("id").values_list("actor", "object_id", "center"))


def test_opening_a_profile_records_one_entry_for_the_day(world):
    client = world.client_for(world.front_desk)

    for query in ("", "?page=2", "", "?page=3"):
        assert client.get(profile_url(world) + query).status_code == 200

    assert views() == [(world.front_desk.pk, str(world.person_a.uuid), world.center_a.pk)]


def test_the_api_and_the_page_share_the_days_entry(world):
    _token, secret = create_token(world.coordinator, name="tests", actor=world.coordinator)
    api = Client(headers={"Authorization": f"Bearer {secret}"})

    assert api.get(api_url(world)).status_code == 200
    assert api.get(api_url(world)).status_code == 200
    assert world.client_for(world.coordinator).get(profile_url(world)).status_code == 200

    assert views() == [(world.coordinator.pk, str(world.person_a.uuid), world.center_a.pk)]


def test_each_user_and_each_person_get_their_own_entry(world):
    second = make_person(world.center_a, "Luz", "Mora", actor=world.coordinator)

    world.client_for(world.front_desk).get(profile_url(world))
    world.client_for(world.coordinator).get(profile_url(world))
    world.client_for(world.front_desk).get(profile_url(world, second))

    assert views() == [
        (world.front_desk.pk, str(world.person_a.uuid), world.center_a.pk),
        (world.coordinator.pk, str(world.person_a.uuid), world.center_a.pk),
        (world.front_desk.pk, str(second.uuid), world.center_a.pk),
    ]


def test_a_new_day_gets_a_new_entry(world):
    client = world.client_for(world.front_desk)
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() - timedelta(days=1)):
        client.get(profile_url(world))

    client.get(profile_url(world))
    client.get(profile_url(world))

    days = [entry.at.date() for entry in AuditEntry.objects.filter(action=VIEWED).order_by("at")]
    assert days == [timezone.localdate() - timedelta(days=1), timezone.localdate()]


def test_record_read_returns_the_entry_only_the_first_time(world):
    first = audit.record_read(VIEWED, world.person_a, actor=world.coordinator)

    assert first is not None and first.pk is not None
    assert audit.record_read(VIEWED, world.person_a, actor=world.coordinator) is None


@pytest.mark.parametrize("who", ["outsider", "other_coordinator"])
def test_a_refused_or_missing_profile_records_nothing(world, who):
    response = world.client_for(getattr(world, who)).get(profile_url(world))

    assert response.status_code in (403, 404)
    assert views() == []
