"""The audit chain shows any entry changed, deleted or inserted after it was written, even by someone who
can write to the database (the tests switch its guard off) but has not got the key."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone

from integrhabitat.audit import chain
from integrhabitat.audit import services as audit
from integrhabitat.audit.models import AuditEntry, AuditSeal, UnsealedEntry
from integrhabitat.audit.tests.tamper import delete_at, entry_id_at, insert_entry, move, sql, triggers_off
from integrhabitat.cases.services import open_case
from integrhabitat.conftest import make_center, make_user
from integrhabitat.people.services import register_participants


@pytest.fixture
def sealed(world):
    """The world's activity and a little more, sealed: places 1..n."""
    open_case(world.person_a, assigned_to=world.case_worker, actor=world.coordinator)
    register_participants(world.center_a, [{"given_names": f"Ana {n}"} for n in range(5)],
                          consent={"purpose": "data_processing", "given_by": "self", "method": "verbal"},
                          actor=world.front_desk)
    audit.record("people.participant.updated", world.person_a, actor=world.coordinator, fields=["phone", "notes"])
    chain.seal()
    return AuditEntry.objects.count()


@pytest.fixture
def center(db):
    return make_center("centro-p", "PPP", "Centro P")


def places() -> list[tuple[int, int]]:
    return list(AuditSeal.objects.order_by("seq").values_list("seq", "entry_id"))


def test_the_chain_verifies_after_ordinary_activity(sealed):
    verdict = chain.verify()

    assert verdict.ok, verdict.problem
    assert verdict.verified == sealed > 10
    assert not UnsealedEntry.objects.exists()
    # In the order written.
    assert places() == list(enumerate(AuditEntry.objects.order_by("id").values_list("id", flat=True), start=1))
    assert (verdict.last_seq, verdict.last_hash) == (sealed, AuditSeal.objects.get(seq=sealed).hash)


def test_each_entry_is_sealed_after_its_predecessor(sealed):
    seals = list(AuditSeal.objects.select_related("entry").order_by("seq"))

    assert seals[0].prev_hash == chain.GENESIS
    assert all(seal.prev_hash == before.hash for before, seal in zip(seals, seals[1:], strict=False))
    assert all(seal.hash == chain.link(seal.prev_hash, seal.seq, seal.entry.mac) for seal in seals)


def test_entries_are_sealed_once_their_transaction_commits_with_one_callback(center,
                                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for n in range(3):
            audit.record("network.center.updated", center, actor=None, fields=[str(n)])
        audit.record_many("network.center.updated", [(center, ["x"]), (center, ["y"])], actor=None)
        assert UnsealedEntry.objects.count() == 5

    assert len(callbacks) == 1
    assert [seq for seq, _id in places()] == [1, 2, 3, 4, 5]
    assert not UnsealedEntry.objects.exists()
    assert chain.verify().ok


def test_a_rolled_back_savepoint_does_not_lose_the_seal_of_the_entries_kept(center,
                                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        with transaction.atomic():
            audit.record("network.center.updated", center, actor=None)
            transaction.set_rollback(True)
        kept = audit.record("network.center.updated", center, actor=None)

    assert places() == [(1, kept.pk)]


def test_sealing_is_idempotent(sealed):
    assert chain.seal() == 0
    assert len(places()) == sealed


def test_it_finds_an_entry_whose_fields_were_changed(sealed):
    with triggers_off():
        sql("UPDATE audit_auditentry SET fields = %s WHERE id = %s", ['["phone"]', entry_id_at(7)])

    verdict = chain.verify()

    assert not verdict.ok
    assert verdict.problem.startswith(f"Entry #7 (id {entry_id_at(7)}, ")
    assert "was changed" in verdict.problem
    assert verdict.verified == 6


@pytest.mark.parametrize("column, value", [
    ("action", "people.participant.viewed"), ("actor_id", None), ("object_id", "someone-else"),
    ("at", "2026-01-01 00:00:00"), ("center_id", None), ("request_id", "1d9f8bb4a7a04c1e9a1c0b3e0f6f2a11"),
])
def test_it_finds_any_column_changed(sealed, column, value):
    with triggers_off():
        sql(f"UPDATE audit_auditentry SET {column} = %s WHERE id = %s", [value, entry_id_at(3)])  # noqa: S608

    verdict = chain.verify()

    assert (verdict.ok, verdict.verified) == (False, 2)
    assert "Entry #3 " in verdict.problem


def test_it_finds_a_change_whose_seals_were_computed_again_without_the_key(sealed, settings):
    settings.AUDIT_KEY = "a guess at the key"
    with triggers_off():
        sql("UPDATE audit_auditentry SET object_id = 'someone-else' WHERE id = %s", [entry_id_at(4)])
        prev = AuditSeal.objects.get(seq=3).hash
        for seal in AuditSeal.objects.filter(seq__gte=4).select_related("entry").order_by("seq"):
            mac = chain.entry_mac(*(getattr(seal.entry, name) for name in chain.CONTENT))
            sealed_again = chain.link(prev, seal.seq, mac)
            sql("UPDATE audit_auditentry SET mac = %s WHERE id = %s", [mac, seal.entry_id])
            sql("UPDATE audit_auditseal SET prev_hash = %s, hash = %s WHERE seq = %s", [prev, sealed_again, seal.seq])
            prev = sealed_again
    settings.AUDIT_KEY = ""

    verdict = chain.verify()

    assert (verdict.ok, verdict.verified) == (False, 3)
    assert "Entry #4 " in verdict.problem


def test_it_finds_a_deleted_entry(sealed):
    with triggers_off():
        delete_at(5)

    verdict = chain.verify()

    assert (verdict.ok, verdict.verified) == (False, 4)
    assert verdict.problem == "Entry #5 is missing: deleted from the chain before entry #6."


def test_it_finds_deleted_entries_even_when_the_later_ones_are_renumbered(sealed):
    with triggers_off():
        delete_at(5, 6)
        for place in range(7, sealed + 1):
            move(place, place - 2)

    verdict = chain.verify()

    assert (verdict.ok, verdict.verified) == (False, 4)
    assert "Entry #5 " in verdict.problem and "not where it was sealed" in verdict.problem


def test_it_finds_the_oldest_entries_deleted(sealed):
    with triggers_off():
        delete_at(1, 2)

    verdict = chain.verify()

    assert (verdict.ok, verdict.problem) == (False, "Entries #1 to #2 are missing: deleted from the chain before "
                                                    "entry #3.")


def test_it_finds_entries_swapped(sealed):
    with triggers_off():
        move(4, -1)
        move(5, 4)
        move(-1, 5)

    verdict = chain.verify()

    assert (verdict.ok, verdict.verified) == (False, 3)
    assert "Entry #4 " in verdict.problem


def test_it_finds_an_entry_inserted_out_of_place(sealed):
    with triggers_off():
        for place in range(sealed, 6, -1):
            move(place, place + 1)
        forged = insert_entry(mac="f" * 64)
        sql("INSERT INTO audit_auditseal (seq, entry_id, prev_hash, hash) VALUES (7, %s, %s, %s)",
            [forged, AuditSeal.objects.get(seq=6).hash, "e" * 64])

    verdict = chain.verify()

    assert (verdict.ok, verdict.verified) == (False, 6)
    assert f"Entry #7 (id {forged}, cases.case.closed" in verdict.problem


def test_an_entry_inserted_without_the_key_is_sealed_as_it_is_and_found(sealed):
    forged = insert_entry(mac="f" * 64, queued=True)

    assert chain.seal() == 1
    verdict = chain.verify()

    assert (verdict.ok, verdict.verified) == (False, sealed)
    assert f"Entry #{sealed + 1} (id {forged}, " in verdict.problem and "was changed" in verdict.problem


def test_an_entry_inserted_outside_the_chain_is_found(sealed):
    forged = insert_entry(mac="f" * 64)

    chain.seal()
    verdict = chain.verify()

    assert (verdict.ok, verdict.verified) == (False, sealed)
    assert verdict.problem.startswith(f"Entry id {forged} (cases.case.closed at ")
    assert "in no place of the chain" in verdict.problem


def test_another_key_fails_at_the_first_entry_and_says_so(sealed, settings):
    settings.AUDIT_KEY = "not the key"

    verdict = chain.verify()

    assert (verdict.ok, verdict.verified) == (False, 0)
    assert "Entry #1 " in verdict.problem and "INTEGRHABITAT_AUDIT_KEY" in verdict.problem


def test_the_audit_key_falls_back_to_the_secret_key(settings):
    content = (timezone.now(), 1, 2, "people.participant.updated", "people.participant", "x", ["phone"], None)
    settings.AUDIT_KEY = ""
    with_secret = chain.entry_mac(*content)
    settings.AUDIT_KEY = "the audit key"
    with_audit_key = chain.entry_mac(*content)
    settings.SECRET_KEY = "another secret"

    assert with_secret != with_audit_key
    assert chain.entry_mac(*content) == with_audit_key
    settings.AUDIT_KEY = ""
    assert chain.entry_mac(*content) != with_secret


def record_at(when, center) -> AuditEntry:
    with mock.patch("django.utils.timezone.now", return_value=when):
        return audit.record("network.center.updated", center, actor=None)


def test_a_purge_deletes_the_old_entries_and_the_chain_still_verifies(center):
    coordinator = make_user("network", is_network_coordinator=True)
    old = [record_at(timezone.now() - timedelta(days=400), center) for _n in range(3)]
    recent = record_at(timezone.now() - timedelta(days=10), center)

    deleted = audit.purge_entries(timezone.now() - timedelta(days=365), actor=coordinator)
    chain.seal()

    assert deleted == 3
    assert not AuditEntry.objects.filter(pk__in=[e.pk for e in old]).exists()
    purge = AuditEntry.objects.get(action=chain.PURGED)
    assert (purge.actor, purge.object_id, purge.fields) == (coordinator, "4", ["deleted:3"])
    assert places() == [(4, recent.pk), (5, purge.pk)]
    verdict = chain.verify()
    assert (verdict.ok, verdict.verified) == (True, 2), verdict.problem


def test_a_purge_keeps_the_last_entry_at_least(center):
    record_at(timezone.now() - timedelta(days=500), center)
    last = record_at(timezone.now() - timedelta(days=400), center)

    assert audit.purge_entries(timezone.now(), actor=None) == 1
    chain.seal()

    assert places()[0] == (2, last.pk)
    assert chain.verify().ok


def test_entries_deleted_beyond_a_purge_are_found(center):
    record_at(timezone.now() - timedelta(days=400), center)
    record_at(timezone.now(), center)
    record_at(timezone.now(), center)
    audit.purge_entries(timezone.now() - timedelta(days=365), actor=None)
    chain.seal()
    assert chain.verify().ok

    with chain.purging():
        delete_at(2)

    verdict = chain.verify()
    assert (verdict.ok, verdict.verified) == (False, 0)
    assert verdict.problem == "Entry #2 is missing: deleted from the chain before entry #3."


def test_a_purge_with_nothing_old_deletes_nothing(sealed):
    assert audit.purge_entries(timezone.now() - timedelta(days=365), actor=None) == 0
    assert not AuditEntry.objects.filter(action=chain.PURGED).exists()
