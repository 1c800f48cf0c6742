"""Registering many people at once (imports): `people.services.register_participants`."""

from datetime import date

from integrhabitat.audit.models import AuditEntry
from integrhabitat.conftest import CONSENT
from integrhabitat.network.models import Center
from integrhabitat.people import services
from integrhabitat.people.models import Consent, Participant


def rows(how_many: int, start: int = 0) -> list[dict]:
    return [{"given_names": f"Persona{number}", "family_names": f"Zúñiga {number}",
             "birth_date": date(1980, 1, 1 + number % 28), "phone": "" if number % 2 else f"300 555 {number:04d}"}
            for number in range(start, start + how_many)]


def number_of(code: str) -> int:
    return int(code.rsplit("-", 1)[1])


def test_it_registers_each_person_with_consecutive_codes_a_consent_and_an_audit_entry(world):
    center = world.center_b
    seq = Center.objects.get(pk=center.pk).participant_seq

    people = services.register_participants(center, rows(5), consent=CONSENT, actor=world.other_coordinator)

    assert [p.code for p in people] == [f"{center.code}-{n:05d}" for n in range(seq + 1, seq + 6)]
    assert Center.objects.get(pk=center.pk).participant_seq == seq + 5
    stored = {p.uuid: p for p in Participant.objects.filter(pk__in=[p.pk for p in people])}
    assert [stored[p.uuid].given_names for p in people] == [f"Persona{n}" for n in range(5)]
    for person in people:
        saved = stored[person.uuid]
        assert saved.code == person.code and saved.created_by == world.other_coordinator
        expected = Participant(given_names=saved.given_names, family_names=saved.family_names, code=saved.code,
                               phone=saved.phone)
        expected.refresh_derived()
        assert saved.search_text == expected.search_text and "zuniga" in saved.search_text
        consent = saved.consents.get()
        assert (consent.purpose, consent.given_by, consent.method, consent.recorded_by) == (
            Consent.Purpose.DATA_PROCESSING, "self", "verbal", world.other_coordinator)
        assert consent.given_at == saved.created_at
        entry = AuditEntry.objects.get(action="people.participant.registered", object_id=str(person.uuid))
        assert (entry.actor, entry.center) == (world.other_coordinator, center)


def test_its_audit_entries_name_the_same_fields_as_one_registration_would(world):
    data = {"given_names": "Rosa", "family_names": "", "phone": "300 555 0101", "birth_date": None,
            "mobility_status": "refugee", "victim_of_violence": True, "living_on_street": False}
    single, _created = services.register_participant(world.center_a, data, consent=CONSENT, actor=world.coordinator)
    [many] = services.register_participants(world.center_a, [data], consent=CONSENT, actor=world.coordinator)

    fields = {p.uuid: AuditEntry.objects.get(action="people.participant.registered", object_id=str(p.uuid)).fields
              for p in (single, many)}

    assert fields[single.uuid] == fields[many.uuid] == ["given_names", "phone"]  # sensitive ones never named
    assert Participant.objects.get(pk=many.pk).mobility_status == "refugee"


def test_codes_stay_unique_and_without_gaps_between_single_and_batch_registrations(world):
    center = world.center_a
    first, _created = services.register_participant(center, rows(1)[0], consent=CONSENT, actor=world.coordinator)
    batch = services.register_participants(center, rows(3, start=1), consent=CONSENT, actor=world.coordinator)
    last, _created = services.register_participant(center, rows(1, start=4)[0], consent=CONSENT,
                                                   actor=world.coordinator)

    numbers = [number_of(p.code) for p in (first, *batch, last)]
    assert numbers == list(range(numbers[0], numbers[0] + 5))
    codes = list(Participant.objects.filter(center=center).values_list("code", flat=True))
    assert len(codes) == len(set(codes))


def test_it_writes_people_larger_than_one_insert_in_several_inserts(world, monkeypatch):
    monkeypatch.setattr(services, "BATCH_SIZE", 2)

    people = services.register_participants(world.center_a, rows(5), consent=CONSENT, actor=world.coordinator)

    assert all(p.pk for p in people) and len({p.pk for p in people}) == 5
    assert Consent.objects.filter(participant__in=people).count() == 5
    assert AuditEntry.objects.filter(action="people.participant.registered",
                                     object_id__in=[str(p.uuid) for p in people]).count() == 5


def test_an_empty_list_registers_nobody_and_takes_no_code(world):
    seq = Center.objects.get(pk=world.center_a.pk).participant_seq

    assert services.register_participants(world.center_a, [], consent=CONSENT, actor=world.coordinator) == []
    assert Center.objects.get(pk=world.center_a.pk).participant_seq == seq
