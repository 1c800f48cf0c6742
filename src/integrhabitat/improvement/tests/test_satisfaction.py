import time
from decimal import Decimal
from types import SimpleNamespace

import django_ratelimit.core

from integrhabitat.improvement.models import Satisfaction
from integrhabitat.services.models import ServiceDelivery


def test_the_kiosk_takes_an_anonymous_rating_in_two_taps(world):
    client = world.client_for(None)

    response = client.post("/p/centro-a/kiosk/", {"score": "5", "service": str(world.service_a.uuid)})
    refused = client.post("/p/centro-a/kiosk/", {"score": "9"})

    assert response["Location"] == "/p/centro-a/kiosk/"
    assert refused.status_code == 400
    rating = Satisfaction.objects.get()
    assert (rating.score, rating.service, rating.channel, rating.delivery) == (5, world.service_a, "kiosk", None)


def test_staff_record_a_rating_and_see_the_average_by_service(world):
    client = world.client_for(world.front_desk)
    for score in ("4", "2"):
        client.post("/c/centro-a/satisfaction/", {"score": score, "service": str(world.service_a.uuid),
                                                  "comment": "Buen trato" if score == "4" else ""})

    body = client.get("/c/centro-a/satisfaction/").content.decode()

    assert Satisfaction.objects.filter(channel="staff").count() == 2
    assert "Kits alimentarios" in body and ("3,0" in body or "3.0" in body) and "Buen trato" in body
    assert world.client_for(world.viewer).get("/c/centro-a/satisfaction/").status_code == 403


def test_a_participant_rates_their_own_delivery_once_from_the_portal(world, client, django_capture_on_commit_callbacks):
    import re

    from integrhabitat.comms import sms
    from integrhabitat.conftest import make_person
    from integrhabitat.services.services import record_deliveries

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/p/centro-a/portal/enter/", {"identifier": "3001234567"})
    client.post("/p/centro-a/portal/enter/code/", {"code": re.search(r"\d{6}", sms.outbox[-1]["text"]).group()})
    mine = ServiceDelivery.objects.get(participant=world.person_a)
    someone = make_person(world.center_a, "Otra", "Persona")
    theirs = record_deliveries(world.center_a, world.service_a, [someone], delivered_on=mine.delivered_on,
                               actor=None)[0]

    client.post("/p/centro-a/portal/rate/", {"delivery": str(mine.uuid), "score": "3"})
    client.post("/p/centro-a/portal/rate/", {"delivery": str(mine.uuid), "score": "5"})
    other = client.post("/p/centro-a/portal/rate/", {"delivery": str(theirs.uuid), "score": "1"})

    assert other.status_code == 404
    rating = Satisfaction.objects.get()
    assert (rating.delivery, rating.score, rating.channel) == (mine, 5, "portal")


def kiosk_post(client, score: int, address: str):
    return client.post("/p/centro-a/kiosk/", {"score": str(score)}, REMOTE_ADDR=address)


def center_satisfaction(world):
    from datetime import timedelta

    from django.utils import timezone

    from integrhabitat.improvement.results.indicators import CATALOGUE, Scope

    today = timezone.localdate()
    scope = Scope((world.center_a.pk,), today - timedelta(days=30), today)
    return CATALOGUE["satisfaction"].total(scope)


def test_one_address_hammering_the_kiosk_is_stopped_after_a_few_ratings(world, settings, monkeypatch):
    settings.KIOSK_RATINGS_PER_ADDRESS = "6/m"  # the default
    # The limit counts in windows of the clock's minutes: a slow run crossing one would start counting again.
    still = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: still))
    client = world.client_for(None)
    answers = [kiosk_post(client, 1, "203.0.113.9").status_code for _ in range(100)]

    assert answers[:6] == [302] * 6
    assert set(answers[6:]) == {429}
    assert Satisfaction.objects.count() == 6
    assert kiosk_post(client, 5, "203.0.113.10").status_code == 302  # another tablet still rates


def test_a_burst_of_kiosk_ratings_from_many_addresses_is_kept_out_of_the_center_satisfaction(world, settings):
    settings.KIOSK_RATINGS_PER_ADDRESS = "6/m"  # the default
    client = world.client_for(None)
    for k in range(4):
        kiosk_post(client, 5, f"198.51.100.{k}")
    before = center_satisfaction(world)
    for k in range(100):
        kiosk_post(client, 1, f"192.0.2.{k}")

    after = center_satisfaction(world)
    assert Satisfaction.objects.count() == 104  # nothing is thrown away...
    assert Satisfaction.objects.filter(in_burst=True).count() == 99
    # Only the first of the hundred, before the minute held more than KIOSK_BURST ratings, counts.
    assert (before.mean, before.denominator) == (Decimal("5.0"), 4)
    assert (after.mean, after.denominator) == (Decimal("4.2"), 5)


def test_ratings_given_at_a_queues_pace_all_count(world, settings):
    from datetime import timedelta

    from django.utils import timezone

    client = world.client_for(None)
    for k in range(8):
        kiosk_post(client, 4, f"198.51.100.{k}")
        Satisfaction.objects.filter(pk=Satisfaction.objects.latest("pk").pk).update(
            created_at=timezone.now() - timedelta(minutes=8 - k))
    assert not Satisfaction.objects.filter(in_burst=True).exists()
    assert center_satisfaction(world).denominator == 8
