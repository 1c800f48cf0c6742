import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from integrhabitat.cocreation.models import Proposal, Support
from integrhabitat.comms import sms
from integrhabitat.communities.models import Group, Member
from integrhabitat.communities.services import save_group
from integrhabitat.conftest import make_person
from integrhabitat.people.models import Participant
from integrhabitat.portal.models import LoginCode

BASE = "/p/centro-a/portal"


def code_sent() -> str:
    text = sms.outbox[-1]["text"] if sms.outbox else mail.outbox[-1].body
    return re.search(r"\b(\d{6})\b", text).group(1)


def enter(client, identifier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}/enter/", {"identifier": identifier})
    return client.post(f"{BASE}/enter/code/", {"code": code_sent()})


@pytest.fixture
def signed_in(world, client, django_capture_on_commit_callbacks):
    response = enter(client, "300 123 4567", django_capture_on_commit_callbacks)
    assert response["Location"] == f"{BASE}/"
    return client


def test_a_participant_enters_with_a_code_sent_by_sms_to_their_phone(world, signed_in):
    assert sms.outbox[0]["to"] == "+573001234567"  # the number on record, in E.164
    assert "Centro A" in sms.outbox[0]["text"]
    body = signed_in.get(f"{BASE}/").content.decode()
    assert "José" in body and world.person_a.code in body


def test_the_code_can_come_by_email(world, client, django_capture_on_commit_callbacks):
    make_person(world.center_a, "Lucía", "Correo", email="lucia@example.org")

    response = enter(client, "Lucia@Example.org", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert mail.outbox[0].to == ["lucia@example.org"]
    assert "Lucía" in client.get(f"{BASE}/").content.decode()


def test_an_unknown_number_gets_the_same_answer_and_no_message(world, client):
    response = client.post(f"{BASE}/enter/", {"identifier": "+1 202 555 0123"})

    assert response["Location"] == f"{BASE}/enter/code/"
    assert sms.outbox == [] and mail.outbox == []


def test_a_code_is_used_once_expires_and_allows_few_wrong_tries(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}/enter/", {"identifier": "3001234567"})
    code = code_sent()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        assert client.post(f"{BASE}/enter/code/", {"code": wrong}).status_code == 400
    assert client.post(f"{BASE}/enter/code/", {"code": code}).status_code == 400  # spent by the wrong tries

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}/enter/", {"identifier": "3001234567"})
    LoginCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.post(f"{BASE}/enter/code/", {"code": code_sent()}).status_code == 400


def test_codes_are_rate_limited_per_number(world, client, settings):
    settings.PORTAL_CODES_PER_HOUR = 2
    for _ in range(2):
        client.post(f"{BASE}/enter/", {"identifier": "3001234567"})

    response = client.post(f"{BASE}/enter/", {"identifier": "300-123-4567"})  # another spelling, the same number

    assert response.status_code == 429
    assert LoginCode.objects.count() == 2


def test_a_family_sharing_a_phone_chooses_who_enters(world, client, django_capture_on_commit_callbacks):
    child = make_person(world.center_a, "Mateo", "Pérez", phone="+57 300 123 4567")

    response = enter(client, "3001234567", django_capture_on_commit_callbacks)
    assert response["Location"] == f"{BASE}/enter/who/"
    client.post(f"{BASE}/enter/who/", {"person": str(child.uuid)})

    assert "Mateo" in client.get(f"{BASE}/").content.decode()


def test_portal_pages_need_a_participant_of_that_center(world, signed_in):
    assert world.client_for(None).get(f"{BASE}/").status_code == 302
    other_center = signed_in.get("/p/centro-b/portal/")
    assert other_center.status_code == 302
    assert other_center["Location"] == "/p/centro-b/portal/enter/"
    # A staff sign-in is not a participant sign-in.
    assert world.client_for(world.coordinator).get(f"{BASE}/")["Location"] == f"{BASE}/enter/"


def test_signing_up_respects_capacity_and_puts_the_rest_on_the_waiting_list(world, signed_in):
    group = save_group(world.center_a, {"name": "Yoga", "kind": "club", "capacity": 1,
                                        "status": Group.Status.RUNNING}, actor=None)
    from integrhabitat.communities.services import join_group
    join_group(group, make_person(world.center_a, "Ana", "Primera"), actor=None)

    signed_in.post(f"{BASE}/activities/", {"group": str(group.uuid)})
    signed_in.post(f"{BASE}/activities/", {"group": str(group.uuid)})

    member = Member.objects.get(group=group, participant=world.person_a)
    assert member.status == Member.Status.WAITING
    assert group.members.count() == 2


def test_a_group_of_another_center_cannot_be_joined(world, signed_in):
    other = save_group(world.center_b, {"name": "Grupo B", "kind": "club", "status": "running"}, actor=None)

    response = signed_in.post(f"{BASE}/activities/", {"group": str(other.uuid)})

    assert response.status_code == 404
    assert not Member.objects.exists()


def test_proposing_and_supporting_once(world, signed_in):
    signed_in.post(f"{BASE}/proposals/", {"action": "propose", "title": "Más luz en el parque",
                                          "description": "Está oscuro.", "category": "IV"})
    proposal = Proposal.objects.get()
    signed_in.post(f"{BASE}/proposals/", {"action": "support", "proposal": str(proposal.uuid)})
    signed_in.post(f"{BASE}/proposals/", {"action": "support", "proposal": str(proposal.uuid)})

    assert proposal.author == world.person_a
    assert Support.objects.filter(proposal=proposal).count() == 1


def test_the_participant_corrects_their_contact_data_and_language(world, signed_in):
    response = signed_in.post(f"{BASE}/me/", {"phone": "+57 311 000 1111", "email": "jose@example.org",
                                              "preferred_language": "en", "version": world.person_a.version})

    assert response.status_code == 302
    world.person_a.refresh_from_db()
    assert (world.person_a.phone, world.person_a.email, world.person_a.preferred_language) == (
        "+57 311 000 1111", "jose@example.org", "en")
    assert signed_in.get(f"{BASE}/me/").content.decode().count('lang="en"') >= 1


def test_a_new_phone_in_the_profile_must_be_a_number_the_portal_can_reach(world, signed_in):
    data = {"email": "", "preferred_language": "es", "version": world.person_a.version}

    refused = signed_in.post(f"{BASE}/me/", {**data, "phone": "+1 (999) 573001234567"})
    Participant.objects.filter(pk=world.person_a.pk).update(phone="300 123 45")  # as the center wrote it
    unchanged = signed_in.post(f"{BASE}/me/", {**data, "phone": "300 123 45",
                                               "version": Participant.objects.get(pk=world.person_a.pk).version})

    assert refused.status_code == 400 and "phone" in refused.context["form"].errors
    assert unchanged.status_code == 302


def test_portal_pages_are_light(world, signed_in):
    import gzip

    for path in ("/", "/activities/", "/proposals/", "/me/"):
        body = signed_in.get(f"{BASE}{path}").content
        assert len(gzip.compress(body)) < 50_000
        assert b"<script" not in body  # they need no JavaScript at all


def test_the_participant_downloads_their_card_and_only_their_own_certificate(world, signed_in):
    from django.utils import timezone

    from integrhabitat.communities.services import join_group, schedule_session, take_attendance

    course = save_group(world.center_a, {"name": "Curso", "kind": "course", "status": "running"}, actor=None)
    join_group(course, world.person_a, actor=None)
    other = save_group(world.center_a, {"name": "Otro curso", "kind": "course", "status": "running"}, actor=None)
    someone = make_person(world.center_a, "Otra", "Persona")
    join_group(other, someone, actor=None)
    for group, person in ((course, world.person_a), (other, someone)):
        take_attendance(schedule_session(group, date=timezone.localdate(), actor=None), [person], actor=None)

    card = signed_in.get(f"{BASE}/me/card.pdf")
    mine = signed_in.get(f"{BASE}/groups/{course.uuid}/certificate.pdf")
    theirs = signed_in.get(f"{BASE}/groups/{other.uuid}/certificate.pdf")

    assert card["Content-Type"] == "application/pdf" and card.content.startswith(b"%PDF")
    assert mine.status_code == 200 and mine.content.startswith(b"%PDF")
    assert theirs.status_code == 404


def test_a_participant_comments_and_the_comment_is_inert_and_hidden_ones_are_not_shown(world, signed_in):
    from integrhabitat.cocreation.models import Comment
    from integrhabitat.cocreation.services import moderate_comment, submit_proposal

    proposal = submit_proposal(world.center_a, {"title": "Huerta", "description": "x", "category": "IV"},
                               author=None, actor=world.coordinator)

    signed_in.post(f"{BASE}/proposals/", {"action": "comment", "proposal": str(proposal.uuid),
                                          "body": "<b>Me encanta</b>"})
    comment = Comment.objects.get()
    page = signed_in.get(f"{BASE}/proposals/").content.decode()
    assert comment.participant == world.person_a
    assert "&lt;b&gt;Me encanta&lt;/b&gt;" in page

    moderate_comment(comment, hidden=True, actor=world.coordinator)
    assert "Me encanta" not in signed_in.get(f"{BASE}/proposals/").content.decode()
