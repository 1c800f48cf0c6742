"""On PostgreSQL: tell the planner that pg_trgm's similarity operators are expensive.

pg_trgm declares them at the default cost of any C function, so for a name search within one center the
planner would rather test `search_text %> 'word'` on each of the center's 20,000 people (300 ms at bench
scale) than ask the trigram index (30–130 ms). With their real cost declared it asks the index. Where the
database user does not own the extension (some managed services), the costs stay as they were and the
migration only says so: search still works, more slowly on large centers.
"""

from django.db import migrations

# Measured at bench scale: one `%>` test costs about 7 µs, a few hundred times an ordinary operator. At 250
# a center of 20,000 people asks the index even for common names ("maria gomez": 310 ms → 130 ms), while a
# center of a few hundred still tests its own people, which is then faster than the network-wide index.
COST = 250
OPERATORS = ("similarity_op", "word_similarity_op", "word_similarity_commutator_op",
             "strict_word_similarity_op", "strict_word_similarity_commutator_op")


def _set_cost(cost: int):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        statements = " ".join(f"ALTER FUNCTION {name}(text, text) COST {cost};" for name in OPERATORS)
        schema_editor.execute(
            "DO $$ BEGIN " + statements + " EXCEPTION WHEN insufficient_privilege THEN "
            "RAISE NOTICE 'pg_trgm operator costs left as they are: the extension belongs to another user'; END $$"
        )
    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0006_add_hot_filter_indexes")]

    operations = [migrations.RunPython(_set_cost(COST), _set_cost(1), elidable=False)]
