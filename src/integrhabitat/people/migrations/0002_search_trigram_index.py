"""On PostgreSQL: pg_trgm and unaccent, and a trigram index on the folded search column."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

FORWARD = (
    "CREATE INDEX IF NOT EXISTS participant_search_trgm "
    "ON people_participant USING gin (search_text gin_trgm_ops)"
)
BACKWARD = "DROP INDEX IF EXISTS participant_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
