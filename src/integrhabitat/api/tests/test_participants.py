import uuid

from django.utils import timezone

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_person
from integrhabitat.people.groups import years_before
from integrhabitat.people.models import Consent, Participant

SENSITIVE_KEYS = set(Participant.SENSITIVE_FIELDS)


def people_url(world, center=None) -> str:
    return f"/api/v1/centers/{(center or world.center_a).slug}/participants"


def person_url(world, person, center=None) -> str:
    return f"{people_url(world, center)}/{person.uuid}"


def test_it_lists_the_people_of_the_center_only(world, api_as):
    response = api_as(world.front_desk).get(people_url(world))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [row["uuid"] for row in body["results"]] == [str(world.person_a.uuid)]
    assert "Bustos" not in response.content.decode()


def test_it_answers_404_for_another_centers_list_and_person(world, api_as):
    client = api_as(world.coordinator)

    assert client.get(people_url(world, world.center_b)).status_code == 404
    other = client.get(person_url(world, world.person_b))
    missing = client.get(f"{people_url(world)}/{uuid.uuid4()}")
    assert other.status_code == missing.status_code == 404
    assert other.json() == missing.json()
    assert "Berta" not in other.content.decode()


def test_it_answers_404_for_a_center_that_does_not_exist(world, api_as):
    assert api_as(world.coordinator).get("/api/v1/centers/no-such-center/participants").status_code == 404


def test_it_answers_403_to_a_role_that_does_not_find_people(world, api_as):
    response = api_as(world.viewer).get(people_url(world))

    assert response.status_code == 403
    assert response.json()["detail"]


def test_it_gives_the_network_coordinator_no_personal_data(world, api_as):
    client = api_as(world.network_coordinator)

    assert client.get(people_url(world)).status_code == 404
    assert client.get(person_url(world, world.person_a)).status_code == 404
    centers = client.get("/api/v1/centers").json()
    assert {c["slug"] for c in centers} == {"centro-a", "centro-b"}
    assert all(c["role"] is None and c["permissions"] == [] for c in centers)


def test_it_paginates_newest_first(world, api_as):
    for n in range(4):
        make_person(world.center_a, f"Persona{n}", "Prueba")
    client = api_as(world.front_desk)

    first = client.get(people_url(world), {"page_size": 2}).json()
    third = client.get(people_url(world), {"page_size": 2, "page": 3}).json()
    beyond = client.get(people_url(world), {"page_size": 2, "page": 9}).json()

    assert first["count"] == 5
    assert [r["given_names"] for r in first["results"]] == ["Persona3", "Persona2"]
    assert [r["given_names"] for r in third["results"]] == ["José"]
    assert beyond["results"] == []


def test_it_finds_people_with_the_typo_tolerant_search(world, api_as):
    make_person(world.center_a, "María", "Gómez")
    client = api_as(world.front_desk)

    found = client.get(people_url(world), {"q": "jose peres"}).json()

    assert [r["code"] for r in found["results"]] == [world.person_a.code]


def test_it_filters_by_age_group_and_service(world, api_as):
    make_person(world.center_a, "Niña", "Ruiz", birth_date=years_before(timezone.localdate(), 3))
    client = api_as(world.front_desk)

    children = client.get(people_url(world), {"age": "0_5"}).json()
    served = client.get(people_url(world), {"service": str(world.service_a.uuid)}).json()

    assert [r["given_names"] for r in children["results"]] == ["Niña"]
    assert [r["given_names"] for r in served["results"]] == ["José"]


def test_it_refuses_a_sensitive_filter_to_the_front_desk_and_audits_it_for_a_case_worker(world, api_as):
    assert api_as(world.front_desk).get(people_url(world), {"mobility": "migrant"}).status_code == 403
    assert api_as(world.front_desk).get(people_url(world), {"group": "refugees_migrants"}).status_code == 403

    response = api_as(world.case_worker).get(people_url(world), {"mobility": "migrant"})

    assert [r["given_names"] for r in response.json()["results"]] == ["José"]
    assert AuditEntry.objects.filter(action="people.participant.sensitive_filtered", actor=world.case_worker).exists()


def test_it_answers_422_with_clear_errors_for_bad_query_parameters(world, api_as):
    client = api_as(world.front_desk)

    for params in ({"page": "x"}, {"page": 0}, {"page_size": 1000}, {"age": "old"}, {"service": "nope"},
                   {"service": str(uuid.uuid4())}, {"q": "a\x00b"}):
        response = client.get(people_url(world), params)
        assert response.status_code == 422, params
        assert response.json()["errors"], params


def test_it_hides_sensitive_data_from_the_front_desk_and_does_not_audit_a_read(world, api_as):
    before = AuditEntry.objects.filter(action="people.participant.sensitive_viewed").count()

    response = api_as(world.front_desk).get(person_url(world, world.person_a))

    body = response.json()
    assert response.status_code == 200
    assert body["sensitive"] is None
    assert SENSITIVE_KEYS.isdisjoint(body)
    assert "migrant" not in response.content.decode()
    assert "refugees_migrants" not in body["groups"]
    assert AuditEntry.objects.filter(action="people.participant.sensitive_viewed").count() == before


def test_it_shows_sensitive_data_to_a_case_worker_and_audits_the_read(world, api_as):
    response = api_as(world.case_worker).get(person_url(world, world.person_a))

    body = response.json()
    assert body["sensitive"]["mobility_status"] == "migrant"
    assert "refugees_migrants" in body["groups"]
    entry = AuditEntry.objects.get(action="people.participant.sensitive_viewed", actor=world.case_worker)
    assert entry.object_id == str(world.person_a.uuid)
    assert entry.center == world.center_a


def registration(**extra) -> dict:
    return {"given_names": "Ana", "family_names": "Lucía Torres", "birth_date": "1999-03-04",
            "phone": "+57 301 000 0000", "mobility_status": "refugee",
            "consent": {"data_processing": True, "method": "signed"}, **extra}


def test_it_registers_a_person_through_the_registration_rules_and_audits_it(world, api_as):
    response = api_as(world.front_desk).post(people_url(world), registration())

    assert response.status_code == 201, response.content
    person = Participant.objects.get(uuid=response.json()["uuid"])
    assert person.center == world.center_a
    assert person.code == response.json()["code"] == "AAA-00002"
    assert person.mobility_status == "refugee"  # entered once by the front desk...
    assert response.json()["sensitive"] is None  # ...and not read back
    assert person.consents.get().method == Consent.Method.SIGNED
    entry = AuditEntry.objects.get(action="people.participant.registered", object_id=str(person.uuid))
    assert entry.actor == world.front_desk
    assert "mobility_status" not in entry.fields


def test_it_registers_once_when_the_same_registration_token_is_sent_twice(world, api_as):
    client = api_as(world.front_desk)
    token = str(uuid.uuid4())

    first = client.post(people_url(world), registration(registration_token=token))
    again = client.post(people_url(world), registration(registration_token=token))

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["uuid"] == again.json()["uuid"]
    assert Participant.objects.filter(given_names="Ana").count() == 1


def test_it_asks_to_confirm_a_look_alike_with_409(world, api_as):
    client = api_as(world.front_desk)
    look_alike = registration(given_names="Jose", family_names="Perez Rodriguez", birth_date="1990-05-17")

    response = client.post(people_url(world), look_alike)

    assert response.status_code == 409
    assert [p["code"] for p in response.json()["possible_duplicates"]] == [world.person_a.code]
    assert Participant.objects.filter(center=world.center_a).count() == 1
    assert client.post(people_url(world), {**look_alike, "confirm_new": True}).status_code == 201


def test_it_refuses_a_registration_without_consent_or_with_bad_data_and_saves_nothing(world, api_as):
    client = api_as(world.front_desk, language="en")

    no_consent = client.post(people_url(world), registration(consent={"data_processing": False}))
    future = client.post(people_url(world), registration(birth_date="2999-01-01"))
    blank = client.post(people_url(world), registration(given_names="   "))

    assert no_consent.status_code == future.status_code == blank.status_code == 422
    assert {"body", "consent_data_processing"} <= set(no_consent.json()["errors"][0]["loc"])
    assert future.json()["errors"][0]["msg"] == "The date cannot be in the future."
    assert Participant.objects.filter(center=world.center_a).count() == 1


def test_it_answers_400_to_malformed_json_and_422_to_wrong_types(world, api_as):
    client = api_as(world.front_desk, language="en")

    malformed = client.post(people_url(world), raw='{"given_names": "Ana",')
    wrong_type = client.post(people_url(world), registration(given_names=["Ana"], birth_date="yesterday"))
    not_an_object = client.post(people_url(world), raw="[1, 2]")

    assert malformed.status_code == 400
    assert malformed.json()["detail"] == "The request body is not valid JSON."
    assert wrong_type.status_code == 422
    messages = {tuple(e["loc"]): e["msg"] for e in wrong_type.json()["errors"]}
    assert messages[("body", "payload", "given_names")] == "Expected text."
    assert messages[("body", "payload", "birth_date")] == "Expected a date as YYYY-MM-DD."
    assert not_an_object.status_code == 400
    assert not_an_object.json()["detail"] == "The request body must be a JSON object."
    assert Participant.objects.filter(center=world.center_a).count() == 1


def test_it_answers_403_to_a_role_that_does_not_register(world, api_as):
    response = api_as(world.viewer).post(people_url(world), registration())

    assert response.status_code == 403
    assert not Participant.objects.filter(given_names="Ana").exists()


def test_the_api_stores_names_without_invisible_characters_and_refuses_an_invisible_name(world, api_as):
    client = api_as(world.front_desk, language="en")

    created = client.post(people_url(world), registration(given_names="A\u200bna", family_names="\u202eTorres"))
    invisible = client.post(people_url(world), registration(given_names="\u200b\u2060"))

    assert created.status_code == 201, created.content
    person = Participant.objects.get(uuid=created.json()["uuid"])
    assert (person.given_names, person.family_names) == ("Ana", "Torres")
    assert invisible.status_code in (400, 422)
    assert "name" in invisible.content.decode().lower()
    assert not Participant.objects.filter(center=world.center_a, given_names="").exists()


def test_the_api_hides_a_document_type_that_tells_the_mobility_status_from_the_front_desk(world, api_as):
    world.person_a.document_type, world.person_a.document_number = "permit", "PPT-1"
    world.person_a.save()
    url = f"{people_url(world)}/{world.person_a.uuid}"

    desk = api_as(world.front_desk).get(url).json()
    worker = api_as(world.case_worker).get(url).json()

    assert (desk["document_type"], desk["document_number"]) == ("", "PPT-1")
    assert worker["document_type"] == "permit"


def test_a_minors_consent_is_a_guardians_through_the_api_as_on_the_form(world, api_as):
    client = api_as(world.front_desk, language="en")
    birth = years_before(timezone.localdate(), 13).isoformat()

    own = client.post(people_url(world), registration(given_names="Mía", birth_date=birth))
    guardian = client.post(people_url(world), registration(
        given_names="Mía", birth_date=birth,
        consent={"data_processing": True, "method": "signed", "given_by": "guardian",
                 "given_by_name": "Rosa Torres"}))

    assert own.status_code == 422  # a 13-year-old does not consent alone
    assert guardian.status_code == 201, guardian.content
    consent = Participant.objects.get(uuid=guardian.json()["uuid"]).consents.get()
    assert (consent.given_by, consent.given_by_name) == (Consent.GivenBy.GUARDIAN, "Rosa Torres")
