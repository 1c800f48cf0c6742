import re
from datetime import date

import pytest
from django.utils import timezone

from integrhabitat.audit.models import AuditEntry
from integrhabitat.cases.models import Assessment, Case, FollowUp, Goal, Note, Referral
from integrhabitat.cases.services import open_case
from integrhabitat.cocreation.models import Comment, Meeting
from integrhabitat.conftest import make_person
from integrhabitat.improvement.feedback.services import submit_feedback
from integrhabitat.improvement.models import Feedback, Satisfaction
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.testing import shown
from integrhabitat.lib.text import fold
from integrhabitat.people.models import DuplicatePair, Household, Merge, Participant
from integrhabitat.people.services import create_household
from integrhabitat.portal.models import LoginCode
from integrhabitat.privacy.anonymization import Redactor, anonymize_participant, anonymized_at
from integrhabitat.privacy.models import DataRequest
from integrhabitat.privacy.tests.rights_support import BIRTH, DOCUMENT, GIVEN, PHONE, full_history
from integrhabitat.services.models import ServiceDelivery

ANONYMOUS, ERASED = shown("Anonymized person"), shown("[erased]")


@pytest.fixture
def history(world):
    return full_history(world)


def test_it_replaces_what_identifies_the_person_and_keeps_what_the_figures_count(world, history):
    person = anonymize_participant(history.person, reason="request", actor=world.coordinator)

    person.refresh_from_db()
    assert (person.given_names, person.family_names, person.preferred_name) == (ANONYMOUS, "", "")
    assert (person.phone, person.email, person.document_type, person.document_number) == ("", "", "", "")
    assert person.nationality == "" and person.household is None and person.household_relationship == ""
    assert "yolima" not in person.search_text and fold(person.code) in person.search_text
    # Kept: the code, the birth date, sex and gender, the differential-approach answers, the record itself.
    assert person.code == history.person.code and person.is_active
    assert person.birth_date == BIRTH
    assert (person.sex, person.gender, person.mobility_status, person.ethnicity) == ("female", "woman", "refugee",
                                                                                    "afro")
    assert (person.wg_walking, person.victim_of_violence) == (3, True)
    assert person.deliveries.count() == 5 and person.attendances.count() == 1


def test_it_removes_every_text_about_the_person_from_their_case(world, history):
    anonymize_participant(history.person, reason="request", actor=world.coordinator)

    case = Case.objects.get(pk=history.case.pk)
    assert (case.summary, case.closure_note, case.status, case.closure_reason) == ("", "", "closed", "goals_met")
    assert list(Assessment.objects.filter(case=case).values_list("notes", "need_housing")) == [("", 3)]
    assert list(Goal.objects.filter(case=case).values_list("title", "status")) == [(ERASED, "in_progress")]
    assert list(FollowUp.objects.filter(case=case).values_list("purpose", "outcome_note", "outcome")) == [
        ("", "", "reached")]
    assert list(Note.objects.filter(case=case).values_list("body", flat=True)) == [ERASED]
    referrals = Referral.objects.filter(case=case).order_by("pk")
    assert [(r.reason, r.answer_note, r.feedback, r.status) for r in referrals] == [
        (ERASED, "", "", "attended"), (ERASED, "", "", "sent")]
    assert referrals[0].answered_at is not None and referrals[0].shared_fields == ["phone"]


def test_it_takes_the_persons_names_out_of_texts_that_are_kept(world, history):
    anonymize_participant(history.person, reason="request", actor=world.coordinator)

    proposal = history.proposal
    proposal.refresh_from_db()
    assert proposal.author is None and proposal.title == "Huerta comunitaria"
    assert proposal.description == "Propuesta de […]."
    assert proposal.answer == "Gracias, […]: ya está sembrada."
    assert proposal.supports.count() == 1
    assert set(Comment.objects.filter(proposal=proposal).values_list("body", flat=True)) == {
        "La apoyo, […]", ERASED}
    assert Meeting.objects.get().minutes == "[…] ([…]) propuso la huerta."
    request = DataRequest.objects.get(participant=history.person)
    assert request.details == "[…] pide borrar sus datos ([…])."
    given = ServiceDelivery.objects.get(provided_by=history.person)
    assert given.note == "Clase dada por […]"


def test_it_erases_the_messages_the_person_signed_and_their_rating_comments(world, history):
    other = submit_feedback(world.center_a, {"kind": "suggestion", "body": "Más talleres", "contact": "3005550000"})

    anonymize_participant(history.person, reason="request", actor=world.coordinator)

    feedback = Feedback.objects.get(pk=history.feedback.pk)
    assert (feedback.body, feedback.contact_name, feedback.contact, feedback.response) == (
        ERASED, "", "", ERASED)
    assert (feedback.kind, feedback.status, feedback.responded_at) == ("complaint", "closed",
                                                                       history.feedback.responded_at)
    other.refresh_from_db()
    assert (other.body, other.contact) == ("Más talleres", "3005550000")
    rating = Satisfaction.objects.get()
    assert (rating.score, rating.comment) == (4, "")
    assert not ServiceDelivery.objects.filter(participant=history.person).exclude(note="").exists()


def test_it_withdraws_consents_unlinks_the_household_and_deletes_codes_and_pairs(world, history):
    household = history.person.household

    anonymize_participant(history.person, reason="request", actor=world.coordinator)

    consents = history.person.consents.all()
    assert consents.count() == 2
    assert all(c.withdrawn_at is not None and c.given_by_name == "" for c in consents)
    household.refresh_from_db()
    assert household.name == "Lemus" and household.members.count() == 1  # the other member's household stays
    assert not LoginCode.objects.exists()
    assert not DuplicatePair.objects.exists()
    merge = Merge.objects.get()
    assert merge.kept_before["given_names"] == merge.merged_before["given_names"] == ANONYMOUS
    assert merge.kept_before["phone"] == "" and merge.kept_before["birth_date"] == BIRTH.isoformat()
    merged_away = Participant.objects.get(pk=merge.merged_id)
    assert (merged_away.given_names, merged_away.family_names, merged_away.phone) == (ANONYMOUS, "", "")


def test_a_published_report_keeps_its_figures_and_loses_her_name_from_a_proposal_title(world):
    from integrhabitat.cocreation.services import answer_proposal, submit_proposal
    from integrhabitat.improvement.accountability.services import publish_report, save_report

    person = make_person(world.center_a, "Nubia", "Caicedo")
    proposal = submit_proposal(world.center_a, {"title": "Huerta de Nubia Caicedo", "description": "x",
                                                "category": "IV"}, author=person, actor=None)
    answer_proposal(proposal, status="implemented", answer="Hecho", progress=100, version=proposal.version,
                    actor=None)
    today = timezone.localdate()
    report = publish_report(save_report({"title": "Año", "period_start": today.replace(day=1), "period_end": today,
                                         "introduction": ""}, center=world.center_a, actor=None), actor=None)
    figures = {key: report.published[key] for key in ("indicators", "tables")}

    anonymize_participant(person, reason="request", actor=world.coordinator)

    report.refresh_from_db()
    assert report.published["implemented"] == ["Huerta de […]"]
    assert {key: report.published[key] for key in ("indicators", "tables")} == figures


def test_a_household_left_without_members_loses_its_name_and_address(world):
    head = make_person(world.center_a, "Nubia", "Caicedo")
    household = create_household(head, actor=None, address="Calle 3 # 4-5, casa de Nubia")

    anonymize_participant(head, reason="no_longer_needed", actor=world.coordinator)

    household.refresh_from_db()
    assert (household.name, household.address) == (shown("Anonymized household"), "")
    assert Household.objects.count() == 1


def test_it_records_the_anonymization_with_its_reason_and_no_personal_data(world, history):
    anonymize_participant(history.person, reason="consent_withdrawn", actor=world.coordinator)

    entry = AuditEntry.objects.get(action="privacy.participant.anonymized")
    assert (entry.actor, entry.center, entry.object_id) == (world.coordinator, world.center_a,
                                                            str(history.person.uuid))
    assert "reason:consent_withdrawn" in entry.fields and "records:2" in entry.fields
    assert "cases.note" in entry.fields and "portal.logincode" in entry.fields
    assert anonymized_at(history.person) == entry.at


def test_an_open_case_is_a_legal_hold_and_nothing_is_changed(world):
    person = world.person_a
    case = open_case(person, assigned_to=world.case_worker, actor=world.case_worker)
    audit_before = AuditEntry.objects.count()

    with pytest.raises(Refused, match=case.reference):
        anonymize_participant(person, reason="request", actor=world.coordinator)

    person.refresh_from_db()
    assert person.given_names == "José" and person.phone == "+57 300 123 4567"
    assert AuditEntry.objects.count() == audit_before


def test_it_refuses_to_anonymize_twice_a_merged_away_record_or_without_a_reason(world, history):
    with pytest.raises(Refused):
        anonymize_participant(history.person, reason="because", actor=world.coordinator)
    merged_away = Participant.objects.get(merged_into=history.person)
    merged_message = shown("This record was merged into another one: anonymize the record it was merged into.")
    with pytest.raises(Refused, match=re.escape(merged_message)):
        anonymize_participant(merged_away, reason="request", actor=world.coordinator)

    anonymize_participant(history.person, reason="request", actor=world.coordinator)

    with pytest.raises(Refused, match=re.escape(shown("This person was anonymized already."))):
        anonymize_participant(history.person, reason="request", actor=world.coordinator)
    assert AuditEntry.objects.filter(action="privacy.participant.anonymized").count() == 1


def test_two_anonymized_people_are_not_taken_for_duplicates(world):
    from integrhabitat.people import duplicates

    first = make_person(world.center_a, "Ana", "Uno", birth_date=date(1990, 1, 1), sex="female")
    second = make_person(world.center_a, "Eva", "Dos", birth_date=date(1990, 1, 1), sex="female")
    for person in (first, second):
        anonymize_participant(person, reason="request", actor=world.coordinator)
    first.refresh_from_db()
    second.refresh_from_db()

    assert duplicates.compare(first, second).score < duplicates.THRESHOLD


@pytest.mark.parametrize(("text", "expected"), [
    ("Habló Yolima Andrea Quintero Zambrano.", "Habló […]."),
    ("habló yolima quintero", "habló […] […]"),
    ("La señora QUINTERO-ZAMBRANO llamó", "La señora […] llamó"),
    ("Yolimar no es ella", "Yolimar no es ella"),
    (f"Su teléfono: {PHONE}, o 311-987-6543, o (311) 9876543", "Su teléfono: […], o […], o […]"),
    (f"Documento {DOCUMENT[:3]}.{DOCUMENT[3:6]}.{DOCUMENT[6:]}", "Documento […]"),
    ("Escribió desde YOLIMA.QUINTERO@example.org", "Escribió desde […]"),
    ("Yoyi vino con Mario", "[…] vino con Mario"),
])
def test_the_redactor_finds_names_and_numbers_however_they_were_written(world, history, text, expected):
    assert Redactor([history.person])(text) == expected


def test_a_text_is_erased_even_when_the_person_had_no_phone_or_document(world):
    person = make_person(world.center_a, "Lía", "", sex="female")

    assert Redactor([person])("Lia y Lía") == "[…] y […]"
    assert Redactor([make_person(world.center_a, "Al")])("Al centro") == "Al centro"  # too short to tell apart


def test_the_confirmation_page_asks_for_the_code_and_then_anonymizes(world, history):
    client = world.client_for(world.coordinator)
    url = f"/c/centro-a/privacy/people/{history.person.uuid}/anonymize/"

    page = client.get(url)
    wrong = client.post(url, {"reason": "request", "code": "AAA-99999"})
    right = client.post(url, {"reason": "request", "code": history.person.code.lower()})

    assert page.status_code == 200 and 'name="code"' in page.content.decode()
    assert wrong.status_code == 400
    assert right.status_code == 302
    assert right["Location"] == f"/c/centro-a/people/{history.person.uuid}/"
    assert AuditEntry.objects.filter(action="privacy.participant.anonymized", actor=world.coordinator).count() == 1
    profile = client.get(right["Location"]).content.decode()
    assert ANONYMOUS in profile and GIVEN not in profile
    assert 'name="code"' not in client.get(url).content.decode()


def test_a_wrong_code_anonymizes_nobody(world, history):
    response = world.client_for(world.coordinator).post(
        f"/c/centro-a/privacy/people/{history.person.uuid}/anonymize/", {"reason": "request", "code": "AAA-99999"})

    assert response.status_code == 400
    assert Participant.objects.get(pk=history.person.pk).given_names == GIVEN
    assert anonymized_at(history.person) is None


def test_the_confirmation_page_shows_the_legal_hold_instead_of_the_form(world):
    case = open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker,
                     opened_on=timezone.localdate())
    client = world.client_for(world.coordinator)
    url = f"/c/centro-a/privacy/people/{world.person_a.uuid}/anonymize/"

    page = client.get(url).content.decode()
    posted = client.post(url, {"reason": "request", "code": world.person_a.code})

    assert case.reference in page and 'name="code"' not in page
    assert posted.status_code == 400
    assert Participant.objects.get(pk=world.person_a.pk).given_names == "José"
