"""A person's phone stays as staff wrote it; beside it the same number in E.164, read with the center's
country, which the portal compares exactly. People registered before it existed get it from a migration."""

from importlib import import_module

from django.apps import apps

from integrhabitat.conftest import make_center, make_person
from integrhabitat.people.merge import MERGE_FIELDS
from integrhabitat.people.models import Participant
from integrhabitat.people.search import search
from integrhabitat.people.services import register_participants, update_participant

normalize_phones = import_module("integrhabitat.people.migrations.0010_normalize_participant_phones").normalize_phones


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
    assert search(people, "311 000 1111") == [person.pk]
    assert search(people, "3110001111") == [person.pk]


def test_people_registered_many_at_once_get_it_too(world):
    people = register_participants(world.center_a, [{"given_names": "Uno", "phone": "300 555 0102"},
                                                    {"given_names": "Dos", "phone": ""}],
                                   consent={"purpose": "data_processing", "given_by": "self", "method": "verbal"},
                                   actor=world.coordinator)

    assert [p.phone_e164 for p in Participant.objects.filter(pk__in=[p.pk for p in people])
            .order_by("pk")] == ["+573005550102", ""]


def test_the_migration_normalizes_the_phones_already_stored_and_leaves_unreadable_ones_empty(world, monkeypatch):
    monkeypatch.setattr(import_module("integrhabitat.people.migrations.0010_normalize_participant_phones"),
                        "BATCH_SIZE", 2)
    typed = ["300 555 0101", "+57 (300) 555-0102", "no tiene", "", "+51 987 555 123"]
    people = [make_person(world.center_a, f"Persona {i}", phone=phone) for i, phone in enumerate(typed)]
    Participant.objects.update(phone_e164="")  # as before the column existed

    normalize_phones(apps, None)

    stored = dict(Participant.objects.filter(pk__in=[p.pk for p in people]).values_list("phone", "phone_e164"))
    assert stored == {"300 555 0101": "+573005550101", "+57 (300) 555-0102": "+573005550102", "no tiene": "",
                      "": "", "+51 987 555 123": "+51987555123"}
    assert Participant.objects.get(pk=world.person_a.pk).phone_e164 == "+573001234567"


def test_the_normalized_phone_is_not_a_field_to_choose_when_merging_two_records():
    assert "phone_e164" not in MERGE_FIELDS and "phone" in MERGE_FIELDS
