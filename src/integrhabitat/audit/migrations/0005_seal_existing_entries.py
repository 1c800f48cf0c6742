"""Seal the entries written before the chain existed into it, in the order they were written (by id), a
batch at a time. PostgreSQL's trigger (0002) refuses every update of an entry: it is switched off for this
migration's transaction only, and refuses updates again when the migration commits (or fails)."""

from django.db import migrations

from integrhabitat.audit import chain

BATCH = 2000


def seal_existing_entries(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    AuditSeal = apps.get_model("audit", "AuditSeal")
    connection = schema_editor.connection
    entries = AuditEntry.objects.using(connection.alias).order_by("id")
    postgresql = connection.vendor == "postgresql"
    seq, prev, last_id = 0, chain.GENESIS, 0
    with connection.cursor() as cursor:
        if postgresql:
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
        while batch := list(entries.filter(id__gt=last_id).values_list("id", *chain.CONTENT)[:BATCH]):
            macs, seals = [], []
            for pk, *content in batch:
                mac = chain.entry_mac(*content)
                seq += 1
                macs.append((mac, pk))
                seals.append(AuditSeal(seq=seq, entry_id=pk, prev_hash=prev, hash=chain.link(prev, seq, mac)))
                prev = seals[-1].hash
            cursor.executemany("UPDATE audit_auditentry SET mac = %s WHERE id = %s", macs)
            AuditSeal.objects.using(connection.alias).bulk_create(seals)
            last_id = batch[-1][0]
        if postgresql:
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only")


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_add_chain_tables")]

    operations = [migrations.RunPython(seal_existing_entries, migrations.RunPython.noop, elidable=False)]
