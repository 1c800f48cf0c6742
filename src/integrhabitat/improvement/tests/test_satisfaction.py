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
