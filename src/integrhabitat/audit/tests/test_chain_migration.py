"""The entries written before the chain existed are sealed into it by the migration, in the order written."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from integrhabitat.audit import chain
from integrhabitat.audit.tests.tamper import sql

BEFORE = [("audit", "0003_add_hot_filter_indexes")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_seals_the_existing_entries_in_order():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state([*(node for node in leaves if node[0] != "audit"), *BEFORE]).apps
    OldEntry = old.get_model("audit", "AuditEntry")
    written = [OldEntry.objects.create(action="people.participant.updated", object_type="people.participant",
                                       object_id=str(n), fields=["phone", n]).pk
               for n in range(5)]

    MigrationExecutor(connection).migrate(leaves)

    from integrhabitat.audit.models import AuditSeal

    assert list(AuditSeal.objects.order_by("seq").values_list("entry_id", flat=True)) == written
    verdict = chain.verify()
    assert (verdict.ok, verdict.verified) == (True, 5), verdict.problem
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("UPDATE audit_auditentry SET object_id = 'x' WHERE id = %s", [written[0]])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("DELETE FROM audit_auditentry WHERE id = %s", [written[0]])
