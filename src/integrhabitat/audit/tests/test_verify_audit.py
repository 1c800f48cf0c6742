"""`integrhabitat verify_audit` walks the chain: "N entries verified" (exit 0), or the first problem (exit 1)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from integrhabitat.audit import services as audit
from integrhabitat.audit.management.commands import verify_audit
from integrhabitat.audit.models import AuditEntry, AuditSeal, UnsealedEntry
from integrhabitat.audit.tests.tamper import delete_at, entry_id_at, sql, triggers_off


def verify(**options) -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out, **options)
    return out.getvalue()


def test_it_seals_the_entries_waiting_then_verifies_them_all(world):
    count = AuditEntry.objects.count()

    output = verify()

    assert f"{count} entries waiting to be sealed were sealed." in output
    last = AuditSeal.objects.get(seq=count)
    assert f"{count} entries verified in " in output
    assert output.rstrip().endswith(f"Last entry #{count}, hash {last.hash}.")
    assert AuditSeal.objects.count() == count
    assert not UnsealedEntry.objects.exists()


def test_it_is_idempotent(world):
    verify()

    assert "sealed" not in verify()


def test_it_verifies_an_empty_log(db):
    assert verify().startswith("0 entries verified")


def test_it_fails_with_the_first_entry_changed(world):
    verify()
    with triggers_off():
        sql("UPDATE audit_auditentry SET object_id = 'someone-else' WHERE id = %s", [entry_id_at(3)])

    with pytest.raises(CommandError) as failure:
        verify()

    assert failure.value.returncode == 1
    assert str(failure.value).startswith("Entry #3 (id ")
    assert str(failure.value).endswith("(2 entries verified before it.)")


def test_it_fails_with_the_first_entry_deleted(world):
    verify()
    with triggers_off():
        delete_at(2)

    with pytest.raises(CommandError, match=r"^Entry #2 is missing"):
        verify()


def test_it_shows_its_progress_through_a_long_chain(world, monkeypatch):
    audit.record_many("network.center.updated", [(world.center_a, [str(n)]) for n in range(4000)], actor=None)
    monkeypatch.setattr(verify_audit, "PROGRESS_EVERY", 2000)
    total = AuditEntry.objects.count()

    lines = verify().splitlines()

    assert lines[1].startswith(f"  2,000 of {total:,} entries verified (")
    assert lines[2].startswith(f"  4,000 of {total:,} entries verified (")
    assert lines[-1].startswith(f"{total} entries verified")
