"""The center's duplicate queue (/c/<center>/people/duplicates/) and the network's (/network/duplicates/)."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from integrhabitat.accounts.models import Notification
from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import make_person
from integrhabitat.lib.testing import shown
from integrhabitat.people import duplicates, tasks
from integrhabitat.people.models import DuplicatePair, Merge, Participant
from integrhabitat.people.services import update_participant
from integrhabitat.people.tests.duplicate_support import cross_center_pair, look_alike_pair, look_alikes, pair_of
from integrhabitat.services.models import ServiceDelivery
from integrhabitat.services.services import record_deliveries


def queue(world) -> str:
    return f"/c/{world.center_a.slug}/people/duplicates/"


def test_it_lists_the_centers_pairs_with_score_and_reasons(world):
    pair = look_alike_pair(world.center_a)
    look_alike_pair(world.center_b)

    response = world.client_for(world.coordinator).get(queue(world))

    body = response.content.decode()
    assert list(response.context["page"].object_list) == [pair]
    assert "Marta Lucía Quintero Ospina" in body and pair.second.code in body
    assert "same_birth_date" in pair.reasons
    assert str(duplicates.REASONS["same_birth_date"]) in body


def test_it_answers_404_for_another_centers_pair_and_403_to_a_case_worker(world):
    other = look_alike_pair(world.center_b)
    ours = look_alike_pair(world.center_a)
    coordinator = world.client_for(world.coordinator)

    assert coordinator.get(f"{queue(world)}{other.uuid}/").status_code == 404
    assert coordinator.post(f"{queue(world)}{other.uuid}/distinct/").status_code == 404
    assert world.client_for(world.case_worker).get(f"{queue(world)}{ours.uuid}/").status_code == 403
    assert DuplicatePair.objects.get(pk=other.pk).status == DuplicatePair.Status.OPEN


def test_the_comparison_shows_sensitive_fields_to_a_coordinator_and_audits_the_read(world):
    pair = pair_of(world.person_a, make_person(world.center_a, "Jose", "Perez", birth_date=date(1990, 5, 17)))

    response = world.client_for(world.coordinator).get(f"{queue(world)}{pair.uuid}/")

    assert "mobility_status" in [row["name"] for row in response.context["rows"]]
    assert AuditEntry.objects.filter(action="people.participant.sensitive_viewed",
                                     object_id=str(world.person_a.uuid)).exists()


def test_it_merges_from_the_form_keeping_the_chosen_record_and_values(world):
    first, second = look_alikes(world.center_a)
    record_deliveries(world.center_a, world.service_a, [second], delivered_on=date(2026, 2, 1), actor=None)
    pair = pair_of(first, second)
    client = world.client_for(world.coordinator)

    response = client.post(f"{queue(world)}{pair.uuid}/merge/", {
        "kept": "second", "first_version": first.version, "second_version": second.version,
        "field_given_names": "first", "field_family_names": "first", "field_phone": "second",
    })

    assert response.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.given_names, second.family_names, second.phone) == ("Marta Lucía", "Quintero Ospina",
                                                                      "3205550199")
    assert (first.is_active, first.merged_into) == (False, second)
    assert ServiceDelivery.objects.filter(participant=second).count() == 1
    assert client.get(queue(world)).context["page"].paginator.count == 0


def test_it_refuses_the_merge_clearly_when_someone_edited_a_record_meanwhile(world):
    first, second = look_alikes(world.center_a)
    pair = pair_of(first, second)
    update_participant(second, {"phone": "3001112233"}, version=second.version, actor=world.front_desk)

    response = world.client_for(world.coordinator).post(f"{queue(world)}{pair.uuid}/merge/", {
        "kept": "first", "first_version": first.version, "second_version": 1})

    assert response.status_code == 409
    assert "Otra persona modificó uno de los dos registros" in response.content.decode()
    assert Merge.objects.count() == 0 and Participant.objects.get(pk=second.pk).is_active


def test_it_marks_a_pair_distinct_and_a_rescan_does_not_bring_it_back(world):
    pair = look_alike_pair(world.center_a)
    client = world.client_for(world.coordinator)

    client.post(f"{queue(world)}{pair.uuid}/distinct/")
    client.post(f"{queue(world)}scan/")

    pair.refresh_from_db()
    assert (pair.status, pair.decided_by) == (DuplicatePair.Status.DISTINCT, world.coordinator)
    assert client.get(queue(world)).context["page"].paginator.count == 0


def test_it_undoes_a_merge_from_the_queue(world):
    first, second = look_alikes(world.center_a)
    pair = pair_of(first, second)
    client = world.client_for(world.coordinator)
    client.post(f"{queue(world)}{pair.uuid}/merge/", {"kept": "first", "first_version": first.version,
                                                      "second_version": second.version})
    merge = Merge.objects.get()

    response = client.post(f"{queue(world)}merges/{merge.uuid}/undo/")

    assert response.status_code == 302
    assert Participant.objects.get(pk=second.pk).is_active
    assert list(client.get(queue(world)).context["page"].object_list) == [pair]


def test_the_people_list_links_to_the_queue_with_its_count_for_coordinators_only(world):
    look_alike_pair(world.center_a)
    url = f"/c/{world.center_a.slug}/people/"

    assert "Posibles duplicados (1)" in world.client_for(world.coordinator).get(url).content.decode()
    assert "Possible duplicates" not in world.client_for(world.case_worker).get(url).content.decode()


# --- the network queue ----------------------------------------------------------------------------------------


def test_the_network_queue_shows_cross_center_pairs_without_personal_data(world):
    pair = cross_center_pair(world)
    look_alike_pair(world.center_a)  # a center's own pair is the center's business

    response = world.client_for(world.network_coordinator).get("/network/duplicates/")

    body = response.content.decode()
    assert [row["pair"] for row in response.context["rows"]] == [pair]
    assert pair.first.code in body and pair.second.code in body and "Centro B" in body
    for personal in ("Wilmer", "Colmenares", "Urdaneta", "Marta", "Quintero", "1979-11-02", "2 Nov"):
        assert personal not in body, personal


def test_the_network_queue_shows_neither_initials_nor_birth_year_nor_why_the_records_match(world):
    """The network coordinator sees no personal data: a shared document, birth date or name is the
    people's data, and initials with a birth year narrow a person down."""
    first = make_person(world.center_a, "Wilmer", "Colmenares", birth_date=date(1979, 11, 2),
                        document_type="national_id", document_number="80123456")
    second = make_person(world.center_b, "Wilmer", "Colmenares Urdaneta", birth_date=date(1979, 11, 2),
                         document_type="national_id", document_number="80123456")
    pair = pair_of(first, second)
    assert {"same_document", "same_birth_date"} <= set(pair.reasons)

    response = world.client_for(world.network_coordinator).get("/network/duplicates/")

    body = response.content.decode()
    assert response.context["rows"][0]["sides"] == [(world.center_a.name, first.code),
                                                    (world.center_b.name, second.code)]
    for personal in ("W.C.", "W.C.U.", "1979", "80123456", *duplicates.reason_labels(pair.reasons)):
        assert personal not in body, personal
    assert shown("Strong match") in body
    assert f"{pair.score:.2f}".replace(".", ",") not in body


def test_a_weaker_pair_reads_as_a_possible_match(world):
    cross_center_pair(world)
    DuplicatePair.objects.update(score=0.82)

    body = world.client_for(world.network_coordinator).get("/network/duplicates/").content.decode()

    assert shown("Possible match") in body and shown("Strong match") not in body


def test_the_network_coordinator_tells_both_centers_which_see_only_the_other_centers_name_and_code(world):
    pair = cross_center_pair(world)
    ours = pair.first if pair.first.center == world.center_a else pair.second
    theirs = pair.second if ours == pair.first else pair.first

    response = world.client_for(world.network_coordinator).post(f"/network/duplicates/{pair.uuid}/notify/")

    assert response.status_code == 302
    told = Notification.objects.filter(user__in=[world.coordinator, world.other_coordinator])
    assert told.count() == 2
    assert "Wilmer" not in " ".join(told.values_list("text", flat=True))
    body = world.client_for(world.coordinator).get(queue(world)).content.decode()
    assert "Centro B" in body and theirs.code in body and ours.full_name in body
    assert "Urdaneta" not in body and str(theirs.uuid) not in body


def test_the_network_coordinator_marks_a_cross_center_pair_distinct(world):
    pair = cross_center_pair(world)

    world.client_for(world.network_coordinator).post(f"/network/duplicates/{pair.uuid}/distinct/")
    duplicates.scan(None)

    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.DISTINCT
    assert world.client_for(world.network_coordinator).get("/network/duplicates/").context["rows"] == []


def test_the_network_queue_is_for_the_network_coordinator_only(world):
    assert world.client_for(world.coordinator).get("/network/duplicates/").status_code == 403
    assert world.client_for(None).get("/network/duplicates/").status_code == 302


def test_a_large_centers_scan_runs_in_the_background(world, monkeypatch):
    monkeypatch.setattr(tasks, "INLINE_SCAN_MAX", 0)
    make_person(world.center_a, "Jose", "Perez", birth_date=date(1990, 5, 17))

    response = world.client_for(world.coordinator).post(f"{queue(world)}scan/")

    assert response.status_code == 302
    assert DuplicatePair.objects.count() == 0
    result = DBTaskResult.objects.get()
    assert result.task_path == "integrhabitat.people.tasks.scan_duplicates"
    assert tasks.scan_duplicates.call(world.center_a.pk)["found"] == 1
    assert DuplicatePair.objects.count() == 1


def test_the_queue_takes_as_many_queries_for_many_pairs_as_for_one(world):
    client = world.client_for(world.coordinator)
    look_alike_pair(world.center_a)
    client.get(queue(world))  # the session and the center are cached from here on
    with CaptureQueriesContext(connection) as one:
        client.get(queue(world))
    for _more in range(4):
        look_alike_pair(world.center_a)
    with CaptureQueriesContext(connection) as five:
        response = client.get(queue(world))

    assert response.context["page"].paginator.count == 5
    assert len(five) == len(one)


def test_the_profile_of_a_merged_away_record_leads_to_the_kept_one_in_its_center_only(world):
    first, second = look_alikes(world.center_a)
    world.client_for(world.coordinator).post(f"{queue(world)}{pair_of(first, second).uuid}/merge/", {
        "kept": "first", "first_version": first.version, "second_version": second.version})

    response = world.client_for(world.front_desk).get(f"/c/{world.center_a.slug}/people/{second.uuid}/")
    through_b = world.client_for(world.other_coordinator).get(f"/c/{world.center_b.slug}/people/{second.uuid}/")

    assert response.status_code == 302 and response["Location"].endswith(f"/people/{first.uuid}/")
    assert through_b.status_code == 404
