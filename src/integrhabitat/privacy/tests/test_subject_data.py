import json
import re

import pytest
from django.utils import translation

from integrhabitat.audit.models import AuditEntry
from integrhabitat.cases.models import Case
from integrhabitat.cases.services import open_case
from integrhabitat.conftest import make_person
from integrhabitat.improvement.feedback.services import submit_feedback
from integrhabitat.lib.testing import pdf_text
from integrhabitat.people.models import Participant
from integrhabitat.privacy import subject_data
from integrhabitat.privacy.tests.rights_support import EMAIL, GIVEN, full_history

BASE = "/p/centro-a/portal"


@pytest.fixture
def history(world):
    return full_history(world)


def own(person: Participant) -> dict:
    return subject_data.build(person, sensitive={name: getattr(person, name) for name in Participant.SENSITIVE_FIELDS})


def part(document: dict, key: str) -> dict:
    found = [p for p in document["parts"] if p["key"] == key]
    assert len(found) == 1, key
    return found[0]


def values(entry: dict) -> dict:
    return {field["key"]: field["value"] for field in entry["fields"]}


def enter_portal(client, django_capture_on_commit_callbacks, identifier="311 987 6543"):
    from integrhabitat.comms import sms

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}/enter/", {"identifier": identifier})
    code = re.search(r"\b(\d{6})\b", sms.outbox[-1]["text"]).group(1)
    response = client.post(f"{BASE}/enter/code/", {"code": code})
    assert response.status_code == 302
    return client


def test_it_holds_everything_the_center_has_about_the_person_in_their_language(world, history):
    document = own(history.person)

    assert document["language"] == "en" and document["format"] == "integrhabitat-subject-data/1"
    identity = values(part(document, "identity")["entries"][0])
    assert (identity["given_names"], identity["email"], identity["document_number"]) == (GIVEN, EMAIL, "889120447")
    sex = next(f for f in part(document, "identity")["entries"][0]["fields"] if f["key"] == "sex")
    assert (sex["label"], sex["value"], sex["code"]) == ("Sex", "Female", "female")
    differential = values(part(document, "differential_approach")["entries"][0])
    assert (differential["mobility_status"], differential["victim_of_violence"]) == ("Refugee", "Yes")
    assert values(part(document, "household")["entries"][0]) == {"household_relationship": "Spouse or partner"}
    # The record merged into hers is listed, and what stayed on it (its consent) is hers too.
    assert [values(e)["given_names"] for e in part(document, "merged_records")["entries"]] == ["Yolima"]
    assert len(part(document, "consents")["entries"]) == 3
    # Three services, one delivered on the merged record, and the group's session.
    assert len(part(document, "services_received")["entries"]) == 5
    assert [values(e)["group"] for e in part(document, "groups")["entries"]] == ["Tejido"]
    assert len(part(document, "attendance")["entries"]) == 1
    assert values(part(document, "proposals")["entries"][0])["title"] == "Huerta comunitaria"
    assert values(part(document, "feedback")["entries"][0])["body"] == "Soy Yolima, me atendieron tarde."
    assert values(part(document, "data_protection_requests")["entries"][0])["kind"] == "Erasure of the data"


def test_it_gives_the_case_with_its_plan_and_referrals_but_withholds_confidential_notes(world, history):
    case = part(own(history.person), "cases")["entries"][0]

    assert values(case)["summary"] == "Yolima Quintero llegó sin documentos."
    assert "1 confidential note" in case["note"]
    inner = {p["key"]: p for p in case["parts"]}
    assert values(inner["assessments"]["entries"][0])["notes"] == "Yolima vive con Mario Lemus."
    assert values(inner["goals"]["entries"][0])["title"] == "Vivienda para Yolima"
    assert values(inner["follow_ups"]["entries"][0])["outcome_note"] == "Yolima consiguió cupo"
    referral = values(inner["referrals"]["entries"][0])
    assert (referral["destination"], referral["answer_note"], referral["with_consent"]) == (
        "Fundación Aliada", "Recibimos a Yolima", "Yes")
    assert values(inner["referrals"]["entries"][1])["with_consent"] is None  # internal: no consent needed
    assert "teme a su expareja" not in json.dumps(case, ensure_ascii=False, default=str)


def test_it_leaves_out_other_peoples_data(world, history):
    text = subject_data.as_json(own(history.person))

    assert "Mario" not in text.replace("Yolima vive con Mario Lemus.", "")  # the other member, but her own notes
    assert "Lemus" not in text.replace("Yolima vive con Mario Lemus.", "").replace("Rosa Lemus", "")
    assert "La apoyo" not in text  # another person's comment on her proposal


def test_a_message_signed_with_a_shared_phone_needs_the_name_too(world):
    mother = make_person(world.center_a, "Luz", "Mina", phone="3205550123")
    son = make_person(world.center_a, "Kevin", "Mina", phone="3205550123")
    submit_feedback(world.center_a, {"kind": "suggestion", "body": "Más talleres", "contact_name": "Luz Mina",
                                     "contact": "320 555 0123"})

    assert [f.body for f in subject_data.feedback_of(mother)[0]] == ["Más talleres"]
    assert subject_data.feedback_of(son) == ([], [])


def test_a_case_worker_gets_the_cases_they_follow_and_is_told_of_the_others(world):
    mine = open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker)
    open_case(world.person_a, assigned_to=world.coordinator, actor=world.coordinator)
    visible = Case.objects.visible_to(world.case_worker, see_all=False)

    cases = part(subject_data.build(world.person_a, sensitive=None, cases=visible), "cases")

    assert len(cases["entries"]) == 1 and mine.reference in cases["entries"][0]["title"]
    assert cases["note"] and "1" in cases["note"]


def test_staff_download_the_json_and_the_pdf_from_the_profile_and_each_copy_is_recorded(world, history):
    client = world.client_for(world.coordinator)
    base = f"/c/centro-a/privacy/people/{history.person.uuid}"

    as_json = client.get(f"{base}/data.json")
    as_pdf = client.get(f"{base}/data.pdf")

    assert as_json.status_code == 200 and as_json["Content-Type"].startswith("application/json")
    assert as_json["Content-Disposition"].startswith("attachment;")
    document = json.loads(as_json.content)
    assert document["language"] == "en" and values(part(document, "identity")["entries"][0])["email"] == EMAIL
    assert as_pdf.status_code == 200 and as_pdf["Content-Type"] == "application/pdf"
    text = pdf_text(as_pdf.content)
    assert GIVEN in text and "Huerta comunitaria" in text and "Identity and contact" in text
    entries = AuditEntry.objects.filter(action="privacy.subject_data.downloaded", object_id=str(history.person.uuid))
    assert sorted(tuple(e.fields) for e in entries) == [("channel:staff", "format:json"),
                                                        ("channel:staff", "format:pdf")]
    assert {e.actor for e in entries} == {world.coordinator}
    # The differential-approach answers went through the sensitive-data gate, which records the read.
    assert AuditEntry.objects.filter(action="people.participant.sensitive_viewed", actor=world.coordinator).exists()


def test_the_profile_links_to_the_data_and_to_a_request_only_for_those_who_handle_requests(world):
    url = f"/c/centro-a/people/{world.person_a.uuid}/"

    worker = world.client_for(world.case_worker).get(url).content.decode()
    desk = world.client_for(world.front_desk).get(url).content.decode()
    coordinator = world.client_for(world.coordinator).get(url).content.decode()

    assert f"/c/centro-a/privacy/people/{world.person_a.uuid}/data.pdf" in worker
    assert f"/c/centro-a/privacy/requests/new/{world.person_a.uuid}/" in worker
    assert "/anonymize/" not in worker and "/anonymize/" in coordinator
    assert "data.pdf" not in desk and "/privacy/" not in desk


def test_the_participant_downloads_their_own_data_from_the_portal(world, history, client,
                                                                  django_capture_on_commit_callbacks):
    enter_portal(client, django_capture_on_commit_callbacks)

    as_json = client.get(f"{BASE}/me/data.json")
    as_pdf = client.get(f"{BASE}/me/data.pdf")
    page = client.get(f"{BASE}/me/").content.decode()

    document = json.loads(as_json.content)
    assert values(part(document, "identity")["entries"][0])["code"] == history.person.code
    assert values(part(document, "differential_approach")["entries"][0])["ethnicity"] == "Afro-descendant"
    assert "Huerta comunitaria" in pdf_text(as_pdf.content)
    assert f"{BASE}/me/data.pdf" in page and f"{BASE}/me/data.json" in page
    entries = AuditEntry.objects.filter(action="privacy.subject_data.downloaded")
    assert sorted(tuple(e.fields) for e in entries) == [("channel:portal", "format:json"),
                                                        ("channel:portal", "format:pdf")]
    assert all(e.actor is None and e.object_id == str(history.person.uuid) for e in entries)


def test_the_portal_gives_nothing_without_a_participant_signed_in(world, client):
    for name in ("data.json", "data.pdf"):
        response = client.get(f"{BASE}/me/{name}")
        assert response.status_code == 302 and response["Location"] == f"{BASE}/enter/"
    staff = world.client_for(world.coordinator).get(f"{BASE}/me/data.json")
    assert staff.status_code == 302
    assert not AuditEntry.objects.filter(action="privacy.subject_data.downloaded").exists()


def test_the_document_is_printed_in_spanish_for_a_spanish_speaker(world):
    with translation.override("en"):
        html = subject_data.as_html(subject_data.build(world.person_a, sensitive=None))

    assert 'lang="es"' in html and "Pérez Rodríguez" in html
