from datetime import timedelta

import pytest
from django.utils import timezone

from integrhabitat.communities.certificates import certified_members, eligible
from integrhabitat.communities.models import Group, Member
from integrhabitat.communities.services import join_group, save_group, schedule_session, take_attendance
from integrhabitat.conftest import make_person


@pytest.fixture
def course(world):
    group = save_group(world.center_a, {"name": "Curso de emprendimiento", "kind": Group.Kind.COURSE,
                                        "status": "running"}, actor=None)
    today = timezone.localdate()
    sessions = [schedule_session(group, date=today - timedelta(days=7 * i), actor=None) for i in range(4)]
    return group, sessions


def test_a_member_who_attended_three_of_four_sessions_earns_the_certificate_and_one_who_came_twice_not(
        world, course):
    group, sessions = course
    steady, absent = make_person(world.center_a, "Constante", "Prueba"), make_person(world.center_a, "Ausente", "X")
    for person in (steady, absent):
        join_group(group, person, actor=None)
    for i, session in enumerate(sessions):
        take_attendance(session, [steady, absent] if i < 2 else ([steady] if i == 2 else []), actor=None)

    assert eligible(Member.objects.get(participant=steady))
    assert not eligible(Member.objects.get(participant=absent))
    assert certified_members(group) == {steady.pk}


def test_a_club_gives_no_certificate(world):
    club = save_group(world.center_a, {"name": "Club", "kind": Group.Kind.CLUB, "status": "running"}, actor=None)
    join_group(club, world.person_a, actor=None)
    take_attendance(schedule_session(club, date=timezone.localdate(), actor=None), [world.person_a], actor=None)

    assert not eligible(Member.objects.get(group=club))


def test_the_certificate_is_a_pdf_for_an_eligible_member_and_404_otherwise(world, course):
    group, sessions = course
    member = join_group(group, world.person_a, actor=None)
    client = world.client_for(world.facilitator)
    url = f"/c/centro-a/groups/{group.uuid}/members/{member.pk}/certificate.pdf"
    assert client.get(url).status_code == 404

    for session in sessions:
        take_attendance(session, [world.person_a], actor=None)
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert url.encode() in client.get(f"/c/centro-a/groups/{group.uuid}/").content


def test_the_participant_card_is_a_pdf_with_the_code(world):
    response = world.client_for(world.front_desk).get(f"/c/centro-a/people/{world.person_a.uuid}/card.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert world.client_for(world.viewer).get(f"/c/centro-a/people/{world.person_a.uuid}/card.pdf").status_code == 403
