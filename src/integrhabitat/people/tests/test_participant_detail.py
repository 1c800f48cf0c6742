"""A person's profile: the sensitive part and its audit, the audit trail, editing and consents."""


import pytest
from django.utils.html import escape

from integrhabitat.audit.models import AuditEntry
from integrhabitat.lib.testing import browser_data, shown
from integrhabitat.people.models import Consent, MobilityStatus, Participant
from integrhabitat.people.services import update_participant


def profile_url(world, person=None):
    return f"/c/{world.center_a.slug}/people/{(person or world.person_a).uuid}/"


def sensitive_reads(world):
    return AuditEntry.objects.filter(action="people.participant.sensitive_viewed",
                                     object_id=str(world.person_a.uuid))


MIGRANT = shown(MobilityStatus.MIGRANT.label)
SECTION = shown("Differential approach")


def test_it_shows_the_sensitive_section_to_a_case_worker(world):
    response = world.client_for(world.case_worker).get(profile_url(world))

    assert response.status_code == 200
    html = response.content.decode()
    assert SECTION in html
    assert f"<dd>{escape(MIGRANT)}</dd>" in html
    assert response.context["sensitive"]["mobility_status"] == MobilityStatus.MIGRANT


def test_it_audits_every_view_of_the_sensitive_section(world):
    client = world.client_for(world.case_worker)

    client.get(profile_url(world))
    client.get(profile_url(world))

    reads = list(sensitive_reads(world))
    assert len(reads) == 2
    assert {entry.actor for entry in reads} == {world.case_worker}
    assert {entry.center for entry in reads} == {world.center_a}
    assert all(entry.fields == [] for entry in reads)


@pytest.mark.parametrize("role", ["front_desk", "facilitator"])
def test_it_hides_the_sensitive_section_from_front_desk_and_facilitators(world, role):
    response = world.client_for(getattr(world, role)).get(profile_url(world))

    assert response.status_code == 200
    html = response.content.decode()
    assert world.person_a.full_name in html
    assert SECTION not in html
    assert MIGRANT not in html
    assert shown("Refugees and migrants") not in html
    assert response.context["sensitive"] is None
    assert not sensitive_reads(world).exists()


def test_it_refuses_the_profile_to_a_viewer(world):
    assert world.client_for(world.viewer).get(profile_url(world)).status_code == 403


def test_it_hides_a_person_from_another_centers_staff(world):
    assert world.client_for(world.other_coordinator).get(profile_url(world)).status_code == 404
    assert not sensitive_reads(world).exists()


def test_it_shows_the_records_audit_trail_to_the_coordinator(world):
    world.client_for(world.case_worker).get(profile_url(world))

    response = world.client_for(world.coordinator).get(profile_url(world) + "audit/")

    assert response.status_code == 200
    actions = [entry.action for entry in response.context["entries"]]
    assert "people.participant.registered" in actions
    assert "people.participant.sensitive_viewed" in actions
    html = response.content.decode()
    assert "people.participant.registered" in html
    assert world.case_worker.display_name() in html


@pytest.mark.parametrize("role", ["case_worker", "front_desk"])
def test_it_refuses_the_audit_trail_to_other_roles(world, role):
    assert world.client_for(getattr(world, role)).get(profile_url(world) + "audit/").status_code == 403


@pytest.fixture
def editor(world):
    return world.client_for(world.case_worker)


def open_edit_form(client, world):
    response = client.get(profile_url(world) + "edit/")
    assert response.status_code == 200
    return browser_data(response.context["form"])


def test_it_refuses_an_edit_begun_before_someone_else_saved(world, editor):
    form = open_edit_form(editor, world)
    update_participant(world.person_a, {"given_names": "Josué"}, version=form_version(form), actor=world.coordinator)

    response = editor.post(profile_url(world) + "edit/", {**form, "family_names": "Pérez Gómez"})

    assert response.status_code == 400
    html = response.content.decode()
    assert escape(shown("Someone else changed this person's data while you were editing. "
                        "Open the profile again to see their changes, then repeat yours.")) in html
    person = Participant.objects.get(pk=world.person_a.pk)
    assert (person.given_names, person.family_names, person.version) == ("Josué", "Pérez Rodríguez", 2)
    assert not AuditEntry.objects.filter(action="people.participant.updated", actor=world.case_worker).exists()


def form_version(form) -> int:
    return int(form["version"])


def test_it_saves_a_fresh_edit_and_bumps_the_version(world, editor):
    form = open_edit_form(editor, world)

    response = editor.post(profile_url(world) + "edit/", {**form, "family_names": "Pérez Gómez"})

    assert response.status_code == 302
    assert response.url == profile_url(world)
    person = Participant.objects.get(pk=world.person_a.pk)
    assert person.family_names == "Pérez Gómez"
    assert person.version == form_version(form) + 1
    assert person.mobility_status == MobilityStatus.MIGRANT
    assert "gomez" in person.search_text.split()
    entry = AuditEntry.objects.get(action="people.participant.updated", object_id=str(person.uuid))
    assert entry.fields == ["family_names"]
    assert entry.actor == world.case_worker


def test_it_accepts_the_next_edit_after_a_saved_one(world, editor):
    editor.post(profile_url(world) + "edit/", {**open_edit_form(editor, world), "family_names": "Pérez Gómez"})
    second = open_edit_form(editor, world)

    response = editor.post(profile_url(world) + "edit/", {**second, "preferred_name": "Pepe"})

    assert response.status_code == 302
    person = Participant.objects.get(pk=world.person_a.pk)
    assert (person.family_names, person.preferred_name, person.version) == ("Pérez Gómez", "Pepe", 3)


def test_it_refuses_the_edit_form_to_the_facilitator(world):
    response = world.client_for(world.facilitator).post(profile_url(world) + "edit/", {"given_names": "X"})

    assert response.status_code == 403
    assert Participant.objects.get(pk=world.person_a.pk).given_names == "José"


def test_it_lets_the_front_desk_correct_basic_data_but_not_sensitive_answers(world):
    desk = world.client_for(world.front_desk)
    form = desk.get(profile_url(world) + "edit/").context["form"]
    assert "mobility_status" not in form.fields and "lgbtqi" not in form.fields
    data = {**browser_data(form), "given_names": "Josué", "mobility_status": "host", "lgbtqi": "yes"}

    response = desk.post(profile_url(world) + "edit/", data)

    assert response.status_code == 302
    person = Participant.objects.get(pk=world.person_a.pk)
    assert person.given_names == "Josué"
    assert (person.mobility_status, person.lgbtqi) == ("migrant", "")
    assert not AuditEntry.objects.filter(action="people.participant.sensitive_viewed", actor=world.front_desk).exists()


@pytest.fixture
def desk(world):
    return world.client_for(world.front_desk)


def test_it_records_a_consent_to_be_contacted(world, desk):
    response = desk.post(profile_url(world) + "consents/new/",
                         {"purpose": "contact", "given_by": "self", "method": "verbal"})

    assert response.status_code == 302
    consent = Consent.objects.get(participant=world.person_a, purpose=Consent.Purpose.CONTACT)
    assert consent.is_active
    assert (consent.given_by, consent.method, consent.recorded_by) == ("self", "verbal", world.front_desk)
    entry = AuditEntry.objects.get(action="people.consent.recorded", object_id=str(consent.uuid))
    assert entry.center == world.center_a
    assert entry.fields == ["contact"]


def test_it_replaces_the_active_consent_of_the_same_purpose(world, desk):
    first = Consent.objects.get(participant=world.person_a, purpose=Consent.Purpose.DATA_PROCESSING)

    desk.post(profile_url(world) + "consents/new/",
              {"purpose": "data_processing", "given_by": "representative", "given_by_name": "Lucía Pérez",
               "method": "signed"})

    first.refresh_from_db()
    assert first.withdrawn_at is not None
    active = Consent.objects.get(participant=world.person_a, purpose="data_processing", withdrawn_at__isnull=True)
    assert (active.given_by, active.given_by_name) == ("representative", "Lucía Pérez")


def test_it_refuses_a_consent_given_by_someone_else_without_their_name(world, desk):
    before = Consent.objects.count()

    response = desk.post(profile_url(world) + "consents/new/",
                         {"purpose": "image", "given_by": "guardian", "method": "signed"})

    assert response.status_code == 400
    assert "given_by_name" in response.context["form"].errors
    assert Consent.objects.count() == before


def test_it_withdraws_a_consent(world, desk):
    consent = Consent.objects.get(participant=world.person_a, purpose=Consent.Purpose.DATA_PROCESSING)

    response = desk.post(profile_url(world) + f"consents/{consent.uuid}/withdraw/")

    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert consent.withdrawn_by == world.front_desk
    assert AuditEntry.objects.filter(action="people.consent.withdrawn", object_id=str(consent.uuid),
                                     actor=world.front_desk).count() == 1
    html = desk.get(profile_url(world)).content.decode()
    assert f"{profile_url(world)}consents/{consent.uuid}/withdraw/" not in html


def test_it_withdraws_a_consent_only_once(world, desk):
    consent = Consent.objects.get(participant=world.person_a, purpose=Consent.Purpose.DATA_PROCESSING)
    url = profile_url(world) + f"consents/{consent.uuid}/withdraw/"

    desk.post(url)
    withdrawn_at = Consent.objects.get(pk=consent.pk).withdrawn_at
    desk.post(url)

    assert Consent.objects.get(pk=consent.pk).withdrawn_at == withdrawn_at
    assert AuditEntry.objects.filter(action="people.consent.withdrawn", object_id=str(consent.uuid)).count() == 1


def test_it_does_not_withdraw_a_consent_on_get(world, desk):
    consent = Consent.objects.get(participant=world.person_a, purpose=Consent.Purpose.DATA_PROCESSING)

    response = desk.get(profile_url(world) + f"consents/{consent.uuid}/withdraw/")

    assert response.status_code == 405
    assert Consent.objects.get(pk=consent.pk).is_active


def test_it_does_not_withdraw_another_persons_consent_through_this_profile(world):
    other = Consent.objects.get(participant=world.person_b)
    url = profile_url(world) + f"consents/{other.uuid}/withdraw/"

    response = world.client_for(world.coordinator).post(url)

    assert response.status_code == 404
    assert Consent.objects.get(pk=other.pk).is_active


@pytest.mark.parametrize("document_type", ["permit", "foreigner_id"])
def test_a_document_type_that_tells_the_mobility_status_is_shown_only_to_roles_that_read_sensitive_data(
        world, document_type):
    world.person_a.document_type, world.person_a.document_number = document_type, "X-7788"
    world.person_a.save()
    url = f"/c/centro-a/people/{world.person_a.uuid}/"
    label = str(Participant(document_type=document_type).get_document_type_display())

    desk = world.client_for(world.front_desk).get(url).content.decode()
    worker = world.client_for(world.case_worker).get(url).content.decode()

    assert "X-7788" in desk and escape(label) not in desk
    assert f"{escape(label)} X-7788" in worker


def test_a_national_id_is_shown_to_the_front_desk_with_its_type(world):
    world.person_a.document_type, world.person_a.document_number = "national_id", "1032456789"
    world.person_a.save()
    page = world.client_for(world.front_desk).get(f"/c/centro-a/people/{world.person_a.uuid}/").content.decode()
    assert f"{escape(str(Participant(document_type='national_id').get_document_type_display()))} 1032456789" in page
