"""A person's phone stays as staff wrote it; the same number in E.164, read with the center's country, is what
the portal and the search compare exactly (through its blind index: the phone itself is encrypted)."""

from integrhabitat.conftest import make_center, make_person
from integrhabitat.people.merge import MERGE_FIELDS
from integrhabitat.people.models import Participant
from integrhabitat.people.search import search
from integrhabitat.people.services import register_participants, update_participant


def test_a_phone_is_kept_as_written_and_normalized_with_the_centers_country(world):
    lima = make_center("lima", "LIM", "Centro Lima")
    lima.country = "PE"
    lima.save()

    bogota = make_person(world.center_a, "Ana", "Uno", phone="(300) 555-0101")
    peru = make_person(lima, "Rosa", "Dos", phone="987 555 123")
    visitor = make_person(world.center_a, "Luis", "Tres", phone="+58 412 555 0101")
    unreadable = make_person(world.center_a, "Sin", "Número", phone="12 34")

    assert [p.phone for p in (bogota, peru, visitor)] == ["(300) 555-0101", "987 555 123", "+58 412 555 0101"]
    assert [p.phone_e164 for p in (bogota, peru, visitor, unreadable)] == [
        "+573005550101", "+51987555123", "+584125550101", ""]


def test_changing_the_phone_changes_its_normalized_form_and_search_still_finds_it(world):
    person = update_participant(world.person_a, {"phone": "311 000 1111"}, version=world.person_a.version,
                                actor=world.coordinator)

    assert person.phone_e164 == "+573110001111"
    people = Participant.objects.in_center(world.center_a)
    assert search(people, "311 000 1111", country="CO") == [person.pk]
    assert search(people, "3110001111", country="CO") == [person.pk]


def test_people_registered_many_at_once_get_it_too(world):
    people = register_participants(world.center_a, [{"given_names": "Uno", "phone": "300 555 0102"},
                                                    {"given_names": "Dos", "phone": ""}],
                                   consent={"purpose": "data_processing", "given_by": "self", "method": "verbal"},
                                   actor=world.coordinator)

    assert [p.phone_e164 for p in Participant.objects.filter(pk__in=[p.pk for p in people])
            .order_by("pk")] == ["+573005550102", ""]


def test_the_blind_indexes_are_not_fields_to_choose_when_merging_two_records():
    assert {"phone_index", "email_index", "document_index"}.isdisjoint(MERGE_FIELDS) and "phone" in MERGE_FIELDS
