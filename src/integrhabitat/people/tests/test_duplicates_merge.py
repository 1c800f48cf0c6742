"""Merging two records of one person moves everything to the kept one; undo restores exactly."""

from datetime import date

import pytest
from django.apps import apps

from integrhabitat.audit.models import AuditEntry
from integrhabitat.cases.services import open_case
from integrhabitat.cocreation.models import Proposal
from integrhabitat.cocreation.services import add_comment, submit_proposal, support_proposal
from integrhabitat.communities.models import Member
from integrhabitat.communities.services import join_group, save_group, schedule_session, take_attendance
from integrhabitat.conftest import make_person
from integrhabitat.lib.errors import Refused, StaleEdit
from integrhabitat.people.merge import _references, merge_participants, trail_with_merged, undo_merge
from integrhabitat.people.models import DuplicatePair, Participant
from integrhabitat.people.services import update_participant
from integrhabitat.people.tests.duplicate_support import pair_of
from integrhabitat.services.models import ServiceDelivery
from integrhabitat.services.services import record_deliveries


def _pointing_to(person) -> dict[str, set[int]]:
    """Every row of every app that points to `person`, by model and field."""
    rows = {}
    for model, field in _references():
        pks = set(model._default_manager.filter(**{field.name: person}).values_list("pk", flat=True))
        if pks:
            rows[f"{model._meta.label_lower}.{field.name}"] = pks
    return rows


@pytest.fixture
def two_records(world):
    """José registered twice, each record with its own history, some of it shared (same group, same session,
    an active consent for the same purpose, a support to the same proposal)."""
    kept = world.person_a
    merged = make_person(world.center_a, "Jose", "Perez", birth_date=date(1990, 5, 17), phone="3115550000",
                         email="jose@example.org", document_type="passport", document_number="AB123456")
    actor = world.coordinator
    record_deliveries(world.center_a, world.service_a, [merged], delivered_on=date(2026, 2, 1), actor=actor)
    open_case(merged, assigned_to=world.case_worker, actor=actor)
    group = save_group(world.center_a, {"name": "Costura", "kind": "workshop"}, actor=actor)
    join_group(group, kept, actor=actor)
    join_group(group, merged, actor=actor)
    other_group = save_group(world.center_a, {"name": "Huerta", "kind": "workshop"}, actor=actor)
    join_group(other_group, merged, actor=actor)
    session = schedule_session(group, date=date(2026, 3, 1), actor=actor)
    take_attendance(session, [kept, merged], actor=actor)
    proposal = submit_proposal(world.center_a, {"title": "Luces", "description": "x", "category": "IV"},
                               author=merged, actor=actor)
    support_proposal(proposal, kept, actor=actor)
    support_proposal(proposal, merged, actor=actor)
    add_comment(proposal, "De acuerdo", participant=merged)
    return kept, merged


def test_it_moves_every_row_of_the_merged_record_to_the_kept_one_except_those_breaking_a_unique_rule(
        world, two_records):
    kept, merged = two_records
    before_kept, before_merged = _pointing_to(kept), _pointing_to(merged)

    merge = merge_participants(kept, merged, kept_version=kept.version, merged_version=merged.version,
                               actor=world.coordinator)

    left = _pointing_to(merged)
    # Left behind, each for a unique rule: the second membership of one group, the second attendance of one
    # session, the second support of one proposal, the second active consent to data processing.
    assert {label: len(pks) for label, pks in left.items()} == {
        "communities.member.participant": 1, "communities.attendance.participant": 1,
        "cocreation.support.participant": 1, "people.consent.participant": 1,
    }
    assert ServiceDelivery.objects.filter(participant=kept).count() == 2
    assert (kept.cases.count(), Proposal.objects.filter(author=kept).count()) == (1, 1)
    assert Member.objects.filter(participant=kept).count() == 2  # its own group and the other one
    moved = {label: set(pks) for label, pks in merge.moved.items()}
    for label, pks in before_merged.items():
        assert pks == moved.get(label, set()) | left.get(label, set()), label
    after_kept = _pointing_to(kept)
    for label, pks in before_kept.items():
        assert pks <= after_kept[label]
    merged.refresh_from_db()
    assert (merged.is_active, merged.merged_into) == (False, kept)


def test_it_fills_empty_fields_and_takes_the_chosen_values_then_undo_restores_both_records_exactly(
        world, two_records):
    kept, merged = two_records
    kept_before = Participant.objects.filter(pk=kept.pk).values().get()
    merged_before = Participant.objects.filter(pk=merged.pk).values().get()
    before = {"kept": _pointing_to(kept), "merged": _pointing_to(merged)}

    merge = merge_participants(kept, merged, kept_version=kept.version, merged_version=merged.version,
                               take_from_merged={"phone"}, actor=world.coordinator)
    kept.refresh_from_db()
    assert (kept.phone, kept.email, kept.document_number, kept.family_names) == (
        "3115550000", "jose@example.org", "AB123456", "Pérez Rodríguez")
    assert set(merge.changed_fields) == {"phone", "email", "document_type", "document_number"}

    undo_merge(merge, actor=world.coordinator)

    ignore = {"version", "updated_at"}
    after_kept = Participant.objects.filter(pk=kept.pk).values().get()
    after_merged = Participant.objects.filter(pk=merged.pk).values().get()
    assert {k: v for k, v in after_kept.items() if k not in ignore} == {
        k: v for k, v in kept_before.items() if k not in ignore}
    assert {k: v for k, v in after_merged.items() if k not in ignore} == {
        k: v for k, v in merged_before.items() if k not in ignore}
    assert {"kept": _pointing_to(kept), "merged": _pointing_to(merged)} == before
    merge.refresh_from_db()
    assert merge.undone_at is not None and merge.undone_by == world.coordinator
    with pytest.raises(Refused):
        undo_merge(merge, actor=world.coordinator)


def test_it_refuses_the_merge_when_a_record_changed_since_it_was_read(world, two_records):
    kept, merged = two_records
    version = merged.version
    update_participant(merged, {"phone": "3009998877"}, version=version, actor=world.case_worker)

    with pytest.raises(StaleEdit):
        merge_participants(kept, merged, kept_version=kept.version, merged_version=version, actor=world.coordinator)

    assert Participant.objects.get(pk=merged.pk).is_active
    assert ServiceDelivery.objects.filter(participant=merged).count() == 1


def test_it_refuses_records_of_two_centers(world):
    with pytest.raises(Refused):
        merge_participants(world.person_a, world.person_b, kept_version=world.person_a.version,
                           merged_version=world.person_b.version, actor=world.coordinator)


def test_it_audits_the_merge_on_both_records_and_keeps_both_histories_reachable(world, two_records):
    kept, merged = two_records
    pair = pair_of(kept, merged)

    merge_participants(kept, merged, kept_version=kept.version, merged_version=merged.version,
                       actor=world.coordinator, pair=pair)

    actions = set(trail_with_merged(kept).values_list("action", flat=True))
    assert {"people.participant.merged", "people.participant.merged_away", "people.participant.registered"} <= actions
    assert AuditEntry.objects.filter(action="people.participant.merged_away", object_id=str(merged.uuid)).exists()
    pair.refresh_from_db()
    assert (pair.status, pair.decided_by) == (DuplicatePair.Status.MERGED, world.coordinator)


def test_it_finds_every_foreign_key_to_a_person_in_the_project():
    labels = {f"{model._meta.label_lower}.{field.name}" for model, field in _references()}
    declared = {
        f"{model._meta.label_lower}.{field.name}"
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.concrete_fields
        if field.is_relation and field.remote_field.model is Participant
        and model._meta.label_lower not in ("people.duplicatepair", "people.merge")
    }
    assert labels == declared
    assert {"services.servicedelivery.participant", "cases.case.participant", "communities.member.participant",
            "communities.attendance.participant", "people.consent.participant", "cocreation.support.participant",
            "people.participant.merged_into"} <= labels
