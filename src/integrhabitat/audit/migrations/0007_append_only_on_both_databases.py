"""The database refuses to change or delete audit entries and their seals, on PostgreSQL and now on SQLite
too; deletes are let through only inside `chain.purging()` (a retention purge: `services.purge_entries`).

SQLite drops a table's triggers when a migration rebuilds the table (most AlterField on SQLite): a later
migration of these tables must create them again (`SQLITE` below); test_append_only.py fails until it does.
"""

from django.db import migrations

TABLES = ("audit_auditentry", "audit_auditseal")

POSTGRESQL = [
    """
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('integrhabitat.audit_purge', true) = 'on' THEN
        RETURN OLD;  -- chain.purging()
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql
""",
    """CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_auditseal
       FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()""",
]
POSTGRESQL_BEFORE = [
    "DROP TRIGGER IF EXISTS audit_seal_append_only ON audit_auditseal",
    """
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_auditentry is append-only';
END;
$$ LANGUAGE plpgsql
""",
]

SQLITE = [
    # A row here (only ever inside a purging transaction, which removes it again) lets deletes through.
    "CREATE TABLE IF NOT EXISTS audit_purge (id INTEGER PRIMARY KEY)",
    *(statement for table in TABLES for statement in (
        f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""",
        f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} WHEN NOT EXISTS (SELECT 1 FROM audit_purge)
            BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""",  # noqa: S608 (our own table names)
    )),
]
SQLITE_BEFORE = [
    *(f"DROP TRIGGER IF EXISTS {table}_{change}" for table in TABLES for change in ("no_update", "no_delete")),
    "DROP TABLE IF EXISTS audit_purge",
]


def run(statements: dict):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_require_entry_mac")]

    operations = [
        migrations.RunPython(run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
                             run({"postgresql": POSTGRESQL_BEFORE, "sqlite": SQLITE_BEFORE}), elidable=False),
    ]
