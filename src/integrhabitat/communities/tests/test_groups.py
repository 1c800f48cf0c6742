from datetime import timedelta

import pytest
from django.utils import timezone

from integrhabitat.audit.models import AuditEntry
from integrhabitat.communities.models import Attendance, Group, Member
from integrhabitat.communities.services import (
    check_in,
    join_group,
    leave_group,
    save_group,
    schedule_session,
    take_attendance,
)
from integrhabitat.conftest import make_person
from integrhabitat.lib.errors import Refused
from integrhabitat.services.models import ServiceDelivery
from integrhabitat.services.services import save_service


@pytest.fixture
def service(world):
    return save_service(world.center_a, {"name": "Taller de costura", "service_type": "V.vocational_training",
                                         "relationship": "community"}, actor=world.coordinator)


@pytest.fixture
def group(world, service):
    return save_group(world.center_a, {"name": "Costura solidaria", "kind": Group.Kind.WORKSHOP, "service": service,
                                       "capacity": 2, "status": Group.Status.RUNNING}, actor=world.facilitator)


def people(world, n):
    return [make_person(world.center_a, f"Persona{i}", "Prueba") for i in range(n)]


def test_a_full_group_puts_newcomers_on_the_waiting_list_and_a_leaving_member_lets_the_first_in(world, group):
    a, b, c, d = people(world, 4)
    for person in (a, b, c, d):
        join_group(group, person, actor=world.facilitator)

    statuses = dict(Member.objects.values_list("participant_id", "status"))
    assert [statuses[p.pk] for p in (a, b, c, d)] == ["active", "active", "waiting", "waiting"]

    leave_group(Member.objects.get(participant=a), actor=world.facilitator)

    statuses = dict(Member.objects.values_list("participant_id", "status"))
    assert [statuses[p.pk] for p in (a, b, c, d)] == ["left", "active", "active", "waiting"]


def test_joining_twice_changes_nothing(world, group):
    join_group(group, world.person_a, actor=world.facilitator)
    join_group(group, world.person_a, actor=world.facilitator)

    assert Member.objects.filter(group=group).count() == 1


def test_a_person_of_another_center_cannot_join(world, group):
    with pytest.raises(Refused):
        join_group(group, world.person_b, actor=world.facilitator)


def test_attendance_counts_as_the_groups_service_once_and_unticking_removes_it(world, group, service):
    a, b = people(world, 2)
    session = schedule_session(group, date=timezone.localdate(), actor=world.facilitator)

    take_attendance(session, [a, b], actor=world.facilitator)
    take_attendance(session, [a, b], actor=world.facilitator)  # saved twice
    assert ServiceDelivery.objects.filter(service=service).count() == 2
    assert Attendance.objects.filter(session=session).count() == 2

    take_attendance(session, [a], actor=world.facilitator)

    assert list(ServiceDelivery.objects.filter(service=service).values_list("participant", flat=True)) == [a.pk]
    assert list(Attendance.objects.filter(session=session).values_list("participant", flat=True)) == [a.pk]
    assert AuditEntry.objects.filter(action="services.delivery.deleted").count() == 1


def test_attendance_is_refused_before_the_session_and_for_people_of_another_center(world, group):
    future = schedule_session(group, date=timezone.localdate() + timedelta(days=2), actor=world.facilitator)
    today = schedule_session(group, date=timezone.localdate(), actor=world.facilitator)

    with pytest.raises(Refused):
        take_attendance(future, [world.person_a], actor=world.facilitator)
    with pytest.raises(Refused):
        take_attendance(today, [world.person_b], actor=world.facilitator)
    assert not Attendance.objects.exists()


def test_check_in_by_the_code_on_the_card(world, group):
    session = schedule_session(group, date=timezone.localdate(), actor=world.facilitator)

    person = check_in(session, f"  {world.person_a.code.lower()} ", actor=world.facilitator)

    assert person == world.person_a
    assert Attendance.objects.filter(session=session, participant=world.person_a).exists()
    with pytest.raises(Refused):
        check_in(session, world.person_b.code, actor=world.facilitator)


def test_a_facilitator_takes_attendance_for_thirty_people_with_one_tap(world, group):
    group.capacity = None
    group.save()
    crowd = people(world, 30)
    for person in crowd:
        join_group(group, person, actor=world.facilitator)
    session = schedule_session(group, date=timezone.localdate(), actor=world.facilitator)
    client = world.client_for(world.facilitator)

    page = client.get(f"/c/centro-a/groups/sessions/{session.uuid}/").content.decode()
    response = client.post(f"/c/centro-a/groups/sessions/{session.uuid}/", {"action": "all"})

    assert page.count('name="present"') == 30
    assert response.status_code == 302
    assert Attendance.objects.filter(session=session).count() == 30


def test_the_tick_list_saves_exactly_who_is_ticked(world, group):
    a, b = people(world, 2)
    for person in (a, b):
        join_group(group, person, actor=world.facilitator)
    session = schedule_session(group, date=timezone.localdate(), actor=world.facilitator)

    world.client_for(world.front_desk).post(f"/c/centro-a/groups/sessions/{session.uuid}/",
                                            {"action": "save", "present": [str(b.uuid)]})

    assert list(Attendance.objects.values_list("participant", flat=True)) == [b.pk]


def test_the_group_shows_whether_it_mixes_host_community_and_human_mobility(world, group):
    group.capacity = None
    group.save()
    host = make_person(world.center_a, "Hortensia", "Local", mobility_status="host")
    join_group(group, host, actor=world.facilitator)
    client = world.client_for(world.facilitator)
    mixed = 'class="tag"'  # the mark a mixed group carries in the list, in any language
    assert mixed not in client.get("/c/centro-a/groups/").content.decode()

    join_group(group, world.person_a, actor=world.facilitator)  # José is a migrant

    assert client.get("/c/centro-a/groups/").content.decode().count(mixed) == 1


def test_a_facilitator_creates_a_group_and_adds_a_member_by_code(world, service):
    client = world.client_for(world.facilitator)
    response = client.post("/c/centro-a/groups/new/", {"name": "Club de lectura", "kind": "club",
                                                       "service": service.pk, "status": "running",
                                                       "capacity": "15"})
    group = Group.objects.get(name="Club de lectura")
    assert response["Location"] == f"/c/centro-a/groups/{group.uuid}/"

    added = client.post(f"/c/centro-a/groups/{group.uuid}/members/", {"code": world.person_a.code.lower()})
    unknown = client.post(f"/c/centro-a/groups/{group.uuid}/members/", {"code": world.person_b.code})

    assert added.status_code == 302
    assert unknown.status_code == 400
    assert list(group.members.values_list("participant", flat=True)) == [world.person_a.pk]


def test_a_group_of_another_center_is_404(world):
    other = save_group(world.center_b, {"name": "Grupo B", "kind": "club"}, actor=world.other_coordinator)

    response = world.client_for(world.coordinator).get(f"/c/centro-a/groups/{other.uuid}/")

    assert response.status_code == 404


def test_the_front_desk_sees_groups_but_cannot_create_them(world):
    client = world.client_for(world.front_desk)

    assert client.get("/c/centro-a/groups/").status_code == 200
    assert client.get("/c/centro-a/groups/new/").status_code == 403


def test_checking_someone_in_keeps_the_people_ticked_so_far_and_an_unknown_code_is_shown_on_the_field(
        world, group):
    group.capacity = None
    group.save()
    a, b = people(world, 2)
    for person in (a, b):
        join_group(group, person, actor=world.facilitator)
    session = schedule_session(group, date=timezone.localdate(), actor=world.facilitator)
    client = world.client_for(world.facilitator)
    url = f"/c/centro-a/groups/sessions/{session.uuid}/"

    client.post(url, {"action": "checkin", "code": world.person_a.code, "present": [str(a.uuid)]})
    unknown = client.post(url, {"action": "checkin", "code": "ZZZ-99999", "present": [str(a.uuid), str(b.uuid)]})

    assert set(Attendance.objects.values_list("participant", flat=True)) == {a.pk, world.person_a.pk}
    assert unknown.status_code == 400
    body = unknown.content.decode()
    assert 'id="id_code_error"' in body and "ZZZ-99999" in body
    assert body.count("checked") >= 2  # both ticks survive the refused check-in


def test_a_participant_can_facilitate_a_group_for_the_others(world, service):
    client = world.client_for(world.facilitator)
    client.post("/c/centro-a/groups/new/", {"name": "Barbería solidaria", "kind": "workshop",
                                            "status": "running", "participant_codes": world.person_a.code.lower()})
    group = Group.objects.get(name="Barbería solidaria")
    refused = client.post(f"/c/centro-a/groups/{group.uuid}/edit/", {
        "name": "Barbería solidaria", "kind": "workshop", "status": "running",
        "participant_codes": world.person_b.code})

    assert list(group.participant_facilitators.all()) == [world.person_a]
    assert refused.status_code == 400
    assert "José Pérez Rodríguez" in client.get(f"/c/centro-a/groups/{group.uuid}/").content.decode()


def test_a_leader_is_added_with_their_role_and_a_session_may_be_elsewhere(world, group):
    client = world.client_for(world.facilitator)

    client.post(f"/c/centro-a/groups/{group.uuid}/members/", {"code": world.person_a.code, "role": "leader"})
    client.post(f"/c/centro-a/groups/{group.uuid}/sessions/", {"date": timezone.localdate().isoformat(),
                                                               "topic": "Feria", "place": "Parque Timiza"})

    assert Member.objects.get(group=group).role == Member.Role.LEADER
    assert group.sessions.get().place == "Parque Timiza"


def test_only_community_services_are_offered_for_a_group(world, service):
    from integrhabitat.communities.forms import GroupForm

    form = GroupForm(center=world.center_a)

    assert list(form.fields["service"].queryset) == [service]  # Kits alimentarios is personal assistance
