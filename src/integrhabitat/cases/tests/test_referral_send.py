import pytest
from django.core import mail
from django.utils import translation

from integrhabitat.accounts.models import Notification
from integrhabitat.audit.models import AuditEntry
from integrhabitat.cases.models import Referral
from integrhabitat.cases.services import create_referral
from integrhabitat.cases.tests.conftest import membership
from integrhabitat.conftest import make_organization
from integrhabitat.lib.errors import Refused


def refer_url(case):
    return f"/c/centro-a/cases/{case.uuid}/refer/"


def form(world, **extra):
    return {"organization": str(world.partner_org.uuid), "reason": "Necesita control prenatal.",
            "urgency": "priority", "shared_fields": ["phone"], "action": "send", **extra}


def test_it_refuses_a_referral_to_a_partner_without_the_persons_consent_and_saves_nothing(world, case):
    response = world.client_for(world.case_worker).post(refer_url(case), form(world))

    assert response.status_code == 400
    body = response.content.decode()
    assert "no ha dado su consentimiento" in body or "has not consented" in body
    assert not Referral.objects.exists()
    assert not Notification.objects.exists()


def test_it_sends_a_referral_with_consent_and_tells_the_partner_in_the_app_and_by_email(
        world, case, consent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for(world.case_worker).post(refer_url(case), form(world))

    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.status == Referral.Status.SENT
    assert referral.consent == consent
    assert referral.sent_at is not None
    assert referral.shared_fields == ["phone"]
    notification = Notification.objects.get(user=world.partner)
    assert notification.url == f"/c/centro-a/cases/received/{referral.uuid}/"
    assert "Centro A" in notification.text
    assert [m.to for m in mail.outbox] == [["partner@aliada.example"]]
    assert "José" not in mail.outbox[0].body  # the email carries no personal data, only the link
    assert AuditEntry.objects.filter(action="cases.referral.sent", object_id=str(referral.uuid)).exists()


def test_it_lets_a_coordinator_override_the_missing_consent_with_a_written_reason_and_audits_it(world, case):
    response = world.client_for(world.coordinator).post(
        refer_url(case), form(world, override_reason="Riesgo vital; la persona está inconsciente."))

    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.status == Referral.Status.SENT
    assert referral.consent is None
    assert referral.override_by == world.coordinator
    assert AuditEntry.objects.filter(action="cases.referral.consent_overridden", actor=world.coordinator).exists()


def test_it_refuses_an_override_from_a_case_worker(world, case):
    with pytest.raises(Refused, match="coordinator"), translation.override("en"):
        create_referral(case, {"organization": world.partner_org, "reason": "x", "override_reason": "urgente"},
                        membership=membership(world, world.case_worker))

    assert not Referral.objects.exists()


def test_the_override_field_is_not_even_offered_to_a_case_worker(world, case):
    response = world.client_for(world.case_worker).get(refer_url(case))

    assert response.status_code == 200
    assert 'name="override_reason"' not in response.content.decode()


@pytest.mark.parametrize("status", ["identified", "contacted", "negotiating", "inactive"])
def test_it_refuses_a_referral_to_an_organization_without_agreement_or_active_relationship(world, case, status):
    org = make_organization(world.center_a, "Parroquia del barrio", status=status)

    response = world.client_for(world.coordinator).post(
        refer_url(case), form(world, organization=str(org.uuid), override_reason="urgente"))

    assert response.status_code == 400
    assert not Referral.objects.exists()
    with pytest.raises(Refused, match="cannot receive referrals"), translation.override("en"):
        create_referral(case, {"organization": org, "reason": "x", "override_reason": "urgente"},
                        membership=membership(world, world.coordinator))


def test_it_refuses_an_organization_of_another_center(world, case):
    org_b = make_organization(world.center_b, "Aliado de B")

    with pytest.raises(Refused):
        create_referral(case, {"organization": org_b, "reason": "x", "override_reason": "urgente"},
                        membership=membership(world, world.coordinator))

    response = world.client_for(world.coordinator).post(
        refer_url(case), form(world, organization=str(org_b.uuid), override_reason="urgente"))
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_it_answers_404_when_referring_a_case_of_another_center(world):
    from integrhabitat.cases.services import open_case

    case_b = open_case(world.person_b, assigned_to=world.other_coordinator, actor=world.other_coordinator)

    response = world.client_for(world.coordinator).post(refer_url(case_b), form(world))

    assert response.status_code == 404
    assert not Referral.objects.exists()


def test_it_refers_to_an_internal_service_without_consent_and_nothing_is_shared_outside(world, case):
    response = world.client_for(world.case_worker).post(refer_url(case), {
        "service": str(world.service_a.uuid), "reason": "Apoyo alimentario", "urgency": "routine", "action": "send"})

    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.status == Referral.Status.SENT
    assert referral.organization is None
    assert referral.shared_fields == []
    assert not Notification.objects.filter(user=world.partner).exists()


def test_it_keeps_a_draft_without_consent_and_refuses_to_send_it_until_consent_is_recorded(world, case):
    client = world.client_for(world.case_worker)
    client.post(refer_url(case), form(world, action="draft"))
    referral = Referral.objects.get()
    assert referral.status == Referral.Status.DRAFT

    refused = client.post(f"/c/centro-a/cases/referrals/{referral.uuid}/send/", follow=True)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DRAFT
    assert "consent" in refused.content.decode() or "consentimiento" in refused.content.decode()

    from integrhabitat.people.services import record_consent
    record_consent(world.person_a, purpose="referral", organization=world.partner_org, given_by="self",
                   method="signed", actor=world.case_worker)
    client.post(f"/c/centro-a/cases/referrals/{referral.uuid}/send/")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT


def test_it_suggests_the_consent_form_for_the_chosen_organization(world, case):
    response = world.client_for(world.case_worker).get(refer_url(case) + f"?organization={world.partner_org.uuid}")

    body = response.content.decode()
    assert f"purpose=referral&amp;organization={world.partner_org.uuid}" in body


def test_it_suggests_first_the_pathways_for_the_persons_greatest_needs(world, case):
    from integrhabitat.cases.services import add_assessment
    from integrhabitat.partners.models import Pathway, PathwayStep

    for need, category in [("Alimentos", "I"), ("Desalojo", "III")]:
        pathway = Pathway.objects.create(center=world.center_a, need=need, category=category)
        PathwayStep.objects.create(pathway=pathway, organization=world.partner_org)
    add_assessment(case, {"assessed_on": case.opened_on, "need_housing": 3, "need_humanitarian": 1},
                   actor=world.case_worker)

    body = world.client_for(world.case_worker).get(refer_url(case)).content.decode()

    assert body.index("Desalojo") < body.index("Alimentos")
    assert body.count('class="suggested"') == 1


def test_recording_the_consent_returns_to_the_referral_form_but_never_to_another_site(world, case):
    client = world.client_for(world.case_worker)
    consent_url = f"/c/centro-a/people/{world.person_a.uuid}/consents/new/"
    data = {"purpose": "referral", "organization": str(world.partner_org.uuid), "given_by": "self",
            "method": "verbal"}
    back = refer_url(case) + f"?organization={world.partner_org.uuid}"

    to_form = client.post(consent_url, {**data, "next": back})
    offsite = client.post(consent_url, {**data, "next": "https://evil.example/"})

    assert to_form["Location"] == back
    assert offsite["Location"] == f"/c/centro-a/people/{world.person_a.uuid}/"
    page = client.get(back).content.decode()
    assert "Fundación Aliada" in page and 'class="card warning"' not in page  # consent acknowledged


def test_a_refused_referral_can_be_kept_as_a_draft_while_the_consent_is_recorded(world, case):
    client = world.client_for(world.case_worker)

    response = client.post(refer_url(case), form(world, action="draft_consent"))

    referral = Referral.objects.get()
    assert referral.status == Referral.Status.DRAFT
    assert referral.reason == "Necesita control prenatal."
    location = response["Location"]
    assert location.startswith(f"/c/centro-a/people/{world.person_a.uuid}/consents/new/?purpose=referral")
    assert str(world.partner_org.uuid) in location
    assert f"next=%2Fc%2Fcentro-a%2Fcases%2Freferrals%2F{referral.uuid}%2F" in location


def test_the_center_answers_a_referral_to_its_own_service_and_records_the_delivery(world, case):
    from integrhabitat.services.models import ServiceDelivery

    client = world.client_for(world.case_worker)
    client.post(refer_url(case), {"service": str(world.service_a.uuid), "reason": "Apoyo alimentario",
                                  "urgency": "routine", "action": "send"})
    referral = Referral.objects.get()
    answer_url = f"/c/centro-a/cases/referrals/{referral.uuid}/answer/"
    before = ServiceDelivery.objects.filter(service=world.service_a).count()

    client.post(answer_url, {"decision": "accept", "note": "Pasa el jueves.", "version": referral.version})
    referral.refresh_from_db()
    client.post(answer_url, {"feedback": "Recibió el kit.", "service": str(world.service_a.uuid),
                             "delivered_on": case.opened_on.isoformat(), "version": referral.version})

    referral.refresh_from_db()
    assert (referral.status, referral.answer_note, referral.feedback) == (
        Referral.Status.ATTENDED, "Pasa el jueves.", "Recibió el kit.")
    assert ServiceDelivery.objects.filter(service=world.service_a).count() == before + 1
    assert referral.delivery.participant == world.person_a


def test_the_center_cannot_answer_for_a_partner(world, case, consent):
    referral = create_referral(case, {"organization": world.partner_org, "reason": "x"},
                               membership=membership(world, world.case_worker))

    world.client_for(world.coordinator).post(f"/c/centro-a/cases/referrals/{referral.uuid}/answer/",
                                             {"decision": "accept", "version": referral.version})

    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT


@pytest.mark.parametrize("value", ["not-a-uuid", "1' OR '1'='1", "%00", "0" * 40])
def test_the_referral_form_ignores_a_preselection_that_is_not_a_uuid(world, case, value):
    client = world.client_for(world.case_worker)
    for key in ("organization", "service", "pathway"):
        response = client.get(refer_url(case), {key: value})
        assert response.status_code == 200, key


def test_the_referral_form_preselects_the_organization_a_link_names(world, case):
    response = world.client_for(world.case_worker).get(refer_url(case), {"organization": str(world.partner_org.uuid)})
    assert response.status_code == 200
    assert response.context["organization"] == world.partner_org


def test_the_case_list_filtered_by_a_person_that_is_not_a_uuid_is_empty_not_an_error(world, case):
    client = world.client_for(world.case_worker)
    assert list(client.get("/c/centro-a/cases/").context["cases"]) == [case]
    response = client.get("/c/centro-a/cases/", {"person": "x"})
    assert response.status_code == 200
    assert list(response.context["cases"]) == []
