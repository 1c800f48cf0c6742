"""A person with a full history at center A, for the tests of access and erasure: registered twice and
merged, in a household, served, in a group, with a closed case (assessment, plan, follow-up, confidential
note, referrals), a proposal, a comment, a rating, a signed complaint, a data protection request, a
one-time portal code, a pair in the duplicate queue and a meeting's minutes that name her."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from integrhabitat.cases.models import Case, Referral
from integrhabitat.cases.services import (
    add_action,
    add_assessment,
    add_goal,
    add_note,
    answer_referral,
    close_case,
    create_referral,
    mark_attended,
    open_case,
    record_follow_up,
    schedule_follow_up,
)
from integrhabitat.cocreation.models import Proposal
from integrhabitat.cocreation.services import add_comment, answer_proposal, save_meeting, save_process, submit_proposal
from integrhabitat.communities.services import join_group, save_group, schedule_session, take_attendance
from integrhabitat.conftest import make_person
from integrhabitat.improvement.feedback.services import answer_feedback, rate_service, submit_feedback
from integrhabitat.improvement.models import Feedback, Satisfaction
from integrhabitat.network.models import Membership
from integrhabitat.people.groups import years_before
from integrhabitat.people.merge import merge_participants
from integrhabitat.people.models import Participant
from integrhabitat.people.services import add_household_member, create_household, record_consent
from integrhabitat.people.tests.duplicate_support import pair_of
from integrhabitat.portal.services import destination_of, request_code
from integrhabitat.privacy.services import record_request
from integrhabitat.services.services import record_deliveries

# What identifies her, as a test searches the database for it afterwards.
GIVEN, FAMILY, PREFERRED = "Yolima Andrea", "Quintero Zambrano", "Yoyi"
PHONE, EMAIL, DOCUMENT = "+57 311 987 6543", "yolima.quintero@example.org", "889120447"
# Her 60th birthday was a month ago: her age group differs between a period that ended before it and one
# that ends today, so that moving her birth date by as little as a month would change a figure.
BIRTH = years_before(timezone.localdate() - timedelta(days=30), 60)
IDENTIFYING = [f"{GIVEN} {FAMILY}", GIVEN, "Yolima", FAMILY, PREFERRED, PHONE, "311 987 6543", "3119876543",
               "573119876543", EMAIL, DOCUMENT]


@dataclass
class History:
    person: Participant
    case: Case
    proposal: Proposal
    feedback: Feedback


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def full_history(world) -> History:
    center, coordinator, worker = world.center_a, world.coordinator, world.case_worker
    person = make_person(center, GIVEN, FAMILY, actor=coordinator, preferred_name=PREFERRED,
                         birth_date=BIRTH, sex="female", gender="woman", nationality="VE",
                         mobility_status="refugee", ethnicity="afro", wg_walking=3, victim_of_violence=True,
                         phone=PHONE, email=EMAIL, document_type="permit", document_number=DOCUMENT,
                         preferred_language="en")
    # Registered a second time at the front desk, then merged: the merge keeps a copy of both records.
    again = make_person(center, "Yolima", "Quintero", phone="3119876543", birth_date=BIRTH, sex="female")
    record_deliveries(center, world.service_a, [again], delivered_on=days_ago(300), actor=coordinator)
    person.refresh_from_db()
    merge_participants(person, again, kept_version=person.version, merged_version=again.version, actor=coordinator,
                       pair=pair_of(person, again))
    person.refresh_from_db()
    # Someone else who looks like her, waiting in the duplicate queue.
    look_alike = make_person(center, "Yolanda", "Quintero", birth_date=BIRTH, sex="female")
    pair_of(person, look_alike)

    head = make_person(center, "Mario", "Lemus", actor=coordinator, sex="male", mobility_status="host")
    add_household_member(create_household(head, actor=coordinator), person, "partner", actor=coordinator)
    record_consent(person, purpose="referral", organization=world.partner_org, given_by="guardian",
                   given_by_name="Rosa Lemus", method="signed", actor=worker)

    for days in (200, 120, 40):
        record_deliveries(center, world.service_a, [person], delivered_on=days_ago(days), actor=coordinator,
                          note=f"Yolima llamó desde el {PHONE}")
    served = record_deliveries(center, world.service_a, [head], delivered_on=days_ago(30), actor=coordinator,
                               provided_by=person, note="Clase dada por Yolima Quintero")[0]
    rate_service(center, score=4, channel=Satisfaction.Channel.PORTAL,
                 delivery=person.deliveries.order_by("delivered_on").last(), comment="Gracias, soy Yolima")
    assert served.provided_by == person

    group = save_group(center, {"name": "Tejido", "kind": "workshop", "service": world.service_a}, actor=coordinator)
    join_group(group, person, actor=coordinator)
    join_group(group, head, actor=coordinator)
    take_attendance(schedule_session(group, date=days_ago(20), actor=coordinator), [person, head], actor=coordinator)

    process = save_process(center, {"title": "Parque", "kind": "diagnosis", "scope": "public_space",
                                    "status": "open"}, actor=coordinator)
    save_meeting(process, {"date": days_ago(15), "minutes": "Yolima Quintero (311 987 6543) propuso la huerta."},
                 actor=coordinator, attendees=[person, head])
    proposal = submit_proposal(center, {"title": "Huerta comunitaria", "category": "IV",
                                        "description": "Propuesta de Yolima Andrea Quintero Zambrano."},
                               author=person, actor=None)
    add_comment(proposal, "La apoyo, Yoyi", participant=head)
    add_comment(proposal, "Me ofrezco para regarla", participant=person)
    answer_proposal(proposal, status="implemented", answer="Gracias, Yolima: ya está sembrada.", progress=100,
                    version=proposal.version, actor=coordinator)
    proposal.refresh_from_db()

    feedback = submit_feedback(center, {"kind": "complaint", "category": "attention",
                                        "body": "Soy Yolima, me atendieron tarde.", "contact_name": "Yolima Quintero",
                                        "contact": "311 987 6543"})
    feedback = answer_feedback(feedback, response="Yolima, le pedimos disculpas.", close=True,
                               version=feedback.version, actor=coordinator)

    case = open_case(person, assigned_to=worker, actor=worker, summary="Yolima Quintero llegó sin documentos.",
                     opened_on=days_ago(100))
    add_assessment(case, {"assessed_on": days_ago(99), "need_housing": 3, "integration": 2,
                          "notes": "Yolima vive con Mario Lemus."}, actor=worker)
    goal = add_goal(case, {"title": "Vivienda para Yolima", "category": "III"}, actor=worker)
    add_action(goal, description="Llamada al 3119876543", done_on=days_ago(90), actor=worker)
    follow_up = schedule_follow_up(case, due_on=days_ago(80), channel="phone", purpose="Llamar a Yoyi",
                                   assigned_to=worker, actor=worker)
    record_follow_up(follow_up, outcome="reached", note="Yolima consiguió cupo", actor=worker)
    worker_membership = Membership.objects.get(center=center, user=worker)
    add_note(case, "Nota confidencial: Yolima Quintero teme a su expareja.", membership=worker_membership)
    referral = create_referral(case, {"organization": world.partner_org, "reason": "Salud para Yolima Quintero",
                                      "shared_fields": ["phone"]}, membership=worker_membership)
    referral = answer_referral(referral, accept=True, note="Recibimos a Yolima", version=referral.version,
                               actor=world.partner)
    mark_attended(referral, feedback="Yolima fue atendida", version=referral.version, actor=world.partner)
    internal = create_referral(case, {"service": world.service_a, "reason": "Kit para Yoyi"},
                               membership=worker_membership)
    assert internal.status == Referral.Status.SENT
    case.refresh_from_db()
    case = close_case(case, reason="goals_met", note="Yolima se mudó", version=case.version, actor=worker)

    record_request(person, {"kind": "erasure", "received_on": timezone.localdate(), "made_by": "",
                            "details": "Yolima Andrea Quintero Zambrano pide borrar sus datos (311 987 6543)."},
                   actor=coordinator)
    request_code(center, destination_of("3119876543", center.country.code))
    person.refresh_from_db()
    return History(person=person, case=case, proposal=proposal, feedback=feedback)
