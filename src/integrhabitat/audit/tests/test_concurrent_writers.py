"""On PostgreSQL, writers in parallel transactions (threads, each with its own connection) keep one chain:
no fork, no gap, and nobody waits for another's transaction to end."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from integrhabitat.audit import chain
from integrhabitat.audit import services as audit
from integrhabitat.audit.models import AuditEntry, AuditSeal, UnsealedEntry
from integrhabitat.conftest import make_center

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite lets one writer at a time"),
    pytest.mark.django_db(transaction=True),
]


def in_thread(work, errors: list) -> threading.Thread:
    def run():
        try:
            work()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_parallel_writers_keep_one_chain():
    center = make_center("centro-c", "CCC", "Centro C")
    start, errors = threading.Barrier(3), []

    def write(name: str):
        start.wait()
        for n in range(30):
            with transaction.atomic():
                audit.record("network.center.updated", center, actor=None, fields=[f"{name}{n}"])
            if n % 10 == 0:
                audit.record_many("network.center.updated", [(center, [f"{name}{n}-{i}"]) for i in range(5)],
                                  actor=None)

    threads = [in_thread(lambda name=name: write(name), errors) for name in "abc"]
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    total = 3 * (30 + 3 * 5)
    assert AuditEntry.objects.count() == total
    assert list(AuditSeal.objects.order_by("seq").values_list("seq", flat=True)) == list(range(1, total + 1))
    assert not UnsealedEntry.objects.exists()
    verdict = chain.verify()
    assert (verdict.ok, verdict.verified) == (True, total), verdict.problem


def test_a_long_transaction_holds_up_nobody_elses_entries():
    center = make_center("centro-c", "CCC", "Centro C")
    written, release, errors = threading.Event(), threading.Event(), []

    def long_import():
        with transaction.atomic():
            audit.record_many("network.center.updated", [(center, [str(n)]) for n in range(100)], actor=None)
            written.set()
            release.wait(timeout=30)

    importer = in_thread(long_import, errors)
    assert written.wait(timeout=30)
    started = time.monotonic()
    meanwhile = in_thread(lambda: audit.record("network.center.updated", center, actor=None), errors)
    meanwhile.join(timeout=30)
    waited = time.monotonic() - started
    release.set()
    importer.join(timeout=30)

    assert errors == []
    assert waited < 5  # the import's transaction was still open
    assert AuditSeal.objects.get(seq=1).entry.fields == []  # sealed first: committed first
    assert AuditSeal.objects.count() == 101
    assert chain.verify().ok
