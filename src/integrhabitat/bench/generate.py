"""The bench network: a synthetic, network-scale dataset to measure the platform on (issue 7).

`generate("full")` writes 50 centers with a million participants, ten million service deliveries,
100,000 cases with 300,000 referrals and 20,000 groups with their sessions and attendance, with the
names, portfolios, partners and groups of the demo catalogues. On PostgreSQL the rows go in with
`COPY FROM STDIN` in one transaction; SQLite takes only the "tiny" scale (through `bulk_create`),
enough to prove the harness in `make test`.

Bench data lives only in centers whose slug starts with `bench-` (and their staff, whose usernames
start with `bench-`): a second run refuses while they exist, and `replace=True` deletes them, and
nothing else, first.
"""

import json
import time
from collections.abc import Callable
from dataclasses import astuple, dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from integrhabitat.bench.generate_rows import CenterDrawer, Ids, Sizes, center_identity
from integrhabitat.lib.crypto import ENCRYPTED_FIELDS
from integrhabitat.network.models import Center

# Sizes of each scale: centers, participants, service deliveries, cases, referrals, groups.
SCALES: dict[str, Sizes] = {
    "tiny": Sizes(centers=2, participants=500, deliveries=5_000, cases=100, referrals=300, groups=20),
    "small": Sizes(centers=5, participants=20_000, deliveries=200_000, cases=2_000, referrals=6_000, groups=400),
    "medium": Sizes(centers=20, participants=200_000, deliveries=2_000_000, cases=20_000, referrals=60_000,
                    groups=4_000),
    "full": Sizes(centers=50, participants=1_000_000, deliveries=10_000_000, cases=100_000, referrals=300_000,
                  groups=20_000),
}
SLUG_PREFIX = "bench-"
USERNAME_PREFIX = "bench-"
BENCH_PASSWORD = "integrhabitat-bench"  # noqa: S105 - the published password of the synthetic staff
# Tables in the order they are written (parents first).
TABLES = [
    "network.center", "accounts.user", "network.membership", "partners.organization", "services.service",
    "people.participant", "people.consent", "services.servicedelivery", "cases.case", "cases.referral",
    "communities.group", "communities.member", "communities.session", "communities.attendance",
]
COPY_BATCH = 50_000  # rows per COPY statement


class BenchError(Exception):
    """The bench data cannot be generated as asked (already there, scale too big for SQLite...)."""


def resolve_scale(scale: str | float) -> tuple[str, Sizes]:
    """A scale name of `SCALES`, or a number multiplying the full sizes (`0.05`)."""
    name = str(scale).strip().lower()
    if name in SCALES:
        return name, SCALES[name]
    try:
        factor = float(name)
    except ValueError:
        raise BenchError(f"Unknown scale {scale!r}: use one of {', '.join(SCALES)} or a number like 0.05.") from None
    if not 0 < factor <= 10:
        raise BenchError(f"The scale factor must be above 0 and at most 10, not {scale!r}.")
    full = SCALES["full"]
    return name, Sizes(*(max(1, round(value * factor)) for value in astuple(full)))


def bench_centers() -> models.QuerySet:
    return Center.objects.filter(slug__startswith=SLUG_PREFIX)


def bench_exists() -> bool:
    return bench_centers().exists()


def generate(scale: str = "full", *, seed: int = 7, stdout=None, replace: bool = False,
             today: date | None = None) -> dict:
    """Write the bench network at `scale` and return what it wrote: rows per table (`counts`), seconds
    per table (`seconds`: drawing and writing, plus VACUUM and ANALYZE on PostgreSQL) and in all (`total_seconds`),
    the bench centers' slugs and the staff password. The same seed (and day) gives the same data."""
    name, sizes = resolve_scale(scale)
    say = _printer(stdout)
    postgres = connection.vendor == "postgresql"
    if not postgres and sizes.participants > SCALES["tiny"].participants:
        raise BenchError(f"SQLite takes only the tiny bench scale; run the {name!r} scale on PostgreSQL "
                         "(DATABASE_URL=postgres://...).")
    started = time.perf_counter()
    seconds: dict[str, float] = dict.fromkeys(TABLES, 0.0)
    counts: dict[str, int] = dict.fromkeys(TABLES, 0)
    today = today or timezone.localdate()
    with transaction.atomic():
        if postgres:
            _lock(TABLES)
        unchecked = postgres and _skip_link_checks()
        if bench_exists():
            if not replace:
                raise BenchError("Bench data already exists (centers whose slug starts with 'bench-'); "
                                 "run again with --replace to delete it first.")
            clock = time.perf_counter()
            deleted = delete_bench()
            seconds["delete"] = time.perf_counter() - clock
            say(f"Deleted the previous bench data ({deleted:,} rows) in {seconds['delete']:.1f} s.")
        writer = _CopyWriter() if postgres else _BulkWriter()
        if postgres:
            connection.cursor().execute("SET LOCAL synchronous_commit = off")
        ids = Ids({label: _first_free_id(label) for label in TABLES})
        first_ids = dict(ids.next)
        taken = set(Center.objects.values_list("code", flat=True))
        password_hash = make_password(BENCH_PASSWORD)
        slugs = []
        say(f"Generating the {name} bench network: {sizes.centers} centers, {sizes.participants:,} participants, "
            f"{sizes.deliveries:,} deliveries, {sizes.cases:,} cases, {sizes.referrals:,} referrals, "
            f"{sizes.groups:,} groups.")
        rebuild = _drop_indexes(sizes) if postgres else []
        if rebuild:
            say(f"Writing without {len(rebuild)} secondary indexes of the big tables; they are rebuilt at the end.")
        for index in range(sizes.centers):
            clock = time.perf_counter()
            identity = center_identity(index, taken)
            slugs.append(identity["slug"])
            drawer = CenterDrawer(index=index, identity=identity, sizes=sizes, ids=ids, seed=seed, today=today,
                                  password_hash=password_hash)
            rows = drawer.run().rows
            drawn = time.perf_counter() - clock
            total = sum(len(table_rows) for table_rows in rows.values()) or 1
            for label in TABLES:
                table_rows = rows.get(label, [])
                # Drawing time is shared among the tables by their number of rows.
                seconds[label] += drawn * len(table_rows) / total
                clock = time.perf_counter()
                writer.write(label, table_rows)
                seconds[label] += time.perf_counter() - clock
                counts[label] += len(table_rows)
            say(f"  {identity['slug']}: {sum(len(r) for r in rows.values()):,} rows "
                f"({time.perf_counter() - started:.0f} s so far)")
        if rebuild:
            clock = time.perf_counter()
            _restore_indexes(rebuild)
            seconds["indexes"] = time.perf_counter() - clock
            say(f"Rebuilt the indexes in {seconds['indexes']:.1f} s.")
        if postgres:
            _reset_sequences(TABLES)
            if unchecked:
                clock = time.perf_counter()
                _check_links(TABLES, first_ids)
                seconds["check links"] = time.perf_counter() - clock
                say(f"Checked every link of the new rows in {seconds['check links']:.1f} s.")
        clock = time.perf_counter()
    seconds["commit"] = time.perf_counter() - clock
    if postgres:
        # A network that has been running is vacuumed by autovacuum: its visibility map lets counts read
        # indexes alone. Done now rather than whenever autovacuum wakes up in the middle of a measure. (Inside
        # a transaction, as in the tests, VACUUM cannot run: statistics only.)
        settle = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            for label in TABLES:
                clock = time.perf_counter()
                cursor.execute(f"{settle} {_table(label)}")
                seconds[label] += time.perf_counter() - clock
    total_seconds = time.perf_counter() - started
    result = {
        "scale": name, "seed": seed, "sizes": sizes.__dict__.copy(), "counts": counts,
        "seconds": {label: round(value, 2) for label, value in seconds.items()},
        "total_seconds": round(total_seconds, 2), "centers": slugs, "password": BENCH_PASSWORD,
    }
    rows = sum(counts.values())
    say(f"Wrote {rows:,} rows in {total_seconds:.1f} s ({rows / max(total_seconds, 1e-9):,.0f} rows/s).")
    return result


def _printer(stdout) -> Callable[[str], None]:
    def say(text: str) -> None:
        if stdout is not None:
            stdout.write(text + "\n")
            if hasattr(stdout, "flush"):
                stdout.flush()

    return say


def _model(label: str) -> type[models.Model]:
    return apps.get_model(label)


def _table(label: str) -> str:
    return connection.ops.quote_name(_model(label)._meta.db_table)


def _lock(labels: list[str]) -> None:
    """Nobody else writes these tables while the bench takes its block of ids."""
    tables = ", ".join(_table(label) for label in labels)
    connection.cursor().execute(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE")


def _first_free_id(label: str) -> int:
    return (_model(label).objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1


# Tables whose secondary indexes are dropped while writing when the bench rows outnumber the rows
# already there: building an index once over sorted data is several times faster than keeping it up
# to date row by row (above all the random uuid and the trigram GIN indexes).
BIG_TABLES = ["people.participant", "people.consent", "services.servicedelivery", "communities.attendance"]
REBUILD_FROM_ROWS = 100_000  # deliveries: smaller bench networks keep every index


def _drop_indexes(sizes: Sizes) -> list[tuple[str, str]]:
    """Drop the secondary indexes (and unique constraints) of the big tables, in this transaction, and
    return the statements that create them again exactly. Nothing is dropped for small networks, nor
    from a table that already holds more than twice the rows the bench adds."""
    if sizes.deliveries < REBUILD_FROM_ROWS:
        return []
    restore: list[tuple[str, str]] = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        planned = {"people.participant": sizes.participants, "people.consent": sizes.participants,
                   "services.servicedelivery": sizes.deliveries, "communities.attendance": sizes.groups * 50}
        for label in BIG_TABLES:
            table = _model(label)._meta.db_table
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
            if cursor.fetchone()[0] > 2 * planned[label]:  # mostly other data: keep its indexes live
                continue
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), c.conname, "
                "pg_get_constraintdef(c.oid) FROM pg_index i LEFT JOIN pg_constraint c "
                "ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('u', 'x') "
                "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary", [table],
            )
            quoted = connection.ops.quote_name(table)
            for index_name, index_def, constraint, constraint_def in cursor.fetchall():
                if constraint:
                    name = connection.ops.quote_name(constraint)
                    restore.append((f"ALTER TABLE {quoted} ADD CONSTRAINT {name} {constraint_def}",
                                    f"ALTER TABLE {quoted} DROP CONSTRAINT {name}"))
                else:
                    restore.append((index_def, f"DROP INDEX {index_name}"))
        for _create, drop in restore:
            cursor.execute(drop)
    return restore


def _restore_indexes(restore: list[tuple[str, str]]) -> None:
    with connection.cursor() as cursor:
        for create, _drop in restore:
            cursor.execute(create)


def _skip_link_checks() -> bool:
    """Foreign keys are checked at commit, one lookup per row and key: tens of millions at full scale.
    A superuser can skip them for this transaction (`session_replication_role`); `_check_links`
    then checks every link of the new rows at once. Without the right, the database checks them."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        return False
    return True


def _check_links(labels: list[str], first_ids: dict[str, int]) -> None:
    """Every foreign key of the bench rows points at a row that exists (one anti-join per key)."""
    with connection.cursor() as cursor:
        for label in labels:
            model = _model(label)
            table = _table(label)
            for field in model._meta.concrete_fields:
                if not (field.is_relation and (field.many_to_one or field.one_to_one)):
                    continue
                target = field.related_model._meta
                column = connection.ops.quote_name(field.column)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {table} t WHERE t.{column} IS NOT NULL AND t.id >= %s AND NOT EXISTS "  # noqa: S608
                    f"(SELECT 1 FROM {connection.ops.quote_name(target.db_table)} p "
                    f"WHERE p.{connection.ops.quote_name(target.pk.column)} = t.{column})",
                    [first_ids[label]],
                )
                broken = cursor.fetchone()[0]
                if broken:
                    raise BenchError(f"{broken} rows of {label} point to a missing {field.name}: nothing was saved.")


def _reset_sequences(labels: list[str]) -> None:
    """The ids were given here: the tables' sequences go on after the highest one."""
    with connection.cursor() as cursor:
        for label in labels:
            table = _model(label)._meta.db_table
            cursor.execute(
                # Table names come from the models, never from input.
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE((SELECT MAX(id) FROM {_table(label)}), 1),"  # noqa: S608
                f" (SELECT MAX(id) FROM {_table(label)}) IS NOT NULL)", [table],
            )


class _Columns:
    """The columns of one table: those the drawer gives, then every other one at its default, so that
    a field added to a model later gets a value without touching the generator."""

    def __init__(self, label: str, given: list[str]) -> None:
        model = _model(label)
        self.model = model
        self.given = given
        self.fields = {field.attname: field for field in model._meta.concrete_fields}
        unknown = set(given) - set(self.fields)
        if unknown:
            raise BenchError(f"{label} has no columns {sorted(unknown)}")
        self.rest: list[str] = []
        rest_values: list[Any] = []
        now = timezone.now()
        for attname, field in self.fields.items():
            if attname in given:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            elif field.has_default() or field.null or field.empty_strings_allowed:
                value = field.get_default()
            else:
                raise BenchError(f"The bench generator does not fill {label}.{attname}, which needs a value.")
            if value is None and not field.null:
                raise BenchError(f"The bench generator does not fill {label}.{attname}, which needs a value.")
            if field.unique and not field.primary_key and value is not None:
                raise BenchError(f"The bench generator does not fill {label}.{attname}, which must be unique.")
            rest_values.append(value)
            self.rest.append(attname)
        self.rest_values = rest_values
        self.encrypted: list[tuple[int, models.Field]] = []  # (index in `given`, field), set by the writer

    @property
    def names(self) -> list[str]:
        return self.given + self.rest


class _CopyWriter:
    """PostgreSQL: COPY FROM STDIN, in batches, in the surrounding transaction."""

    def __init__(self) -> None:
        self.columns: dict[str, _Columns] = {}

    def write(self, label: str, rows: list[dict]) -> None:
        if not rows:
            return
        columns = self.columns.get(label)
        if columns is None:
            columns = self.columns[label] = _Columns(label, list(rows[0]))
            fields = columns.fields
            columns.rest_values = [
                fields[name].get_db_prep_save(value, connection) if isinstance(fields[name], ENCRYPTED_FIELDS)
                else json.dumps(value) if isinstance(fields[name], models.JSONField) else value
                for name, value in zip(columns.rest, columns.rest_values, strict=True)]
            # What is encrypted in the database is drawn in clear: encrypted here, as the ORM would.
            columns.encrypted = [(index, fields[name]) for index, name in enumerate(columns.given)
                                 if isinstance(fields[name], ENCRYPTED_FIELDS)]
        given, rest, encrypted = columns.given, tuple(columns.rest_values), columns.encrypted
        names = ", ".join(connection.ops.quote_name(columns.fields[name].column) for name in columns.names)
        sql = f"COPY {_table(label)} ({names}) FROM STDIN"
        with connection.cursor() as cursor:
            for start in range(0, len(rows), COPY_BATCH):
                with cursor.copy(sql) as copy:
                    write_row = copy.write_row
                    for row in rows[start:start + COPY_BATCH]:
                        values = [row.get(name) for name in given]
                        for index, field in encrypted:
                            values[index] = field.get_db_prep_save(values[index], connection)
                        write_row(values + list(rest))


class _BulkWriter:
    """SQLite (tiny scale only): the ORM's bulk_create."""

    def write(self, label: str, rows: list[dict]) -> None:
        model = _model(label)
        json_fields = {f.attname for f in model._meta.concrete_fields if isinstance(f, models.JSONField)}
        objects = []
        for row in rows:
            data = {key: json.loads(value) if key in json_fields and isinstance(value, str) else value
                    for key, value in row.items()}
            objects.append(model(**data))
        # bulk_create would stamp auto_now fields with the present moment: keep the dates drawn.
        stamped = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)
                   or getattr(f, "auto_now_add", False)]
        saved = [(f, f.auto_now, f.auto_now_add) for f in stamped]
        try:
            for f in stamped:
                f.auto_now = f.auto_now_add = False
            model.objects.bulk_create(objects, batch_size=500)
        finally:
            for f, auto_now, auto_now_add in saved:
                f.auto_now, f.auto_now_add = auto_now, auto_now_add


# --- Deleting the bench data -------------------------------------------------------------------------

def delete_bench() -> int:
    """Delete every row that belongs to the bench centers or their staff, and nothing else.

    Rows hang off the bench centers through foreign keys, sometimes several steps away (an attendance
    → its session → its group → the center), and other helpers add tables: so the tables and their
    links are read from the models, and each table is deleted with one SQL statement, children first.
    A link that is set to NULL on delete is set to NULL in rows outside the bench data.
    """
    centers = list(bench_centers().values_list("pk", flat=True))
    if not centers:
        return 0
    User = _model("accounts.user")  # noqa: N806 - a model class
    listed = ", ".join(str(int(pk)) for pk in centers)
    memberships = connection.ops.quote_name(_model("network.membership")._meta.db_table)
    outside_staff = ("username LIKE %s AND id NOT IN "  # noqa: S608 - names from the models, ids from the database
                     f"(SELECT user_id FROM {memberships} WHERE center_id NOT IN ({listed}))")
    roots = {
        # Ids read from the database, written inline: the same SQL runs on PostgreSQL and SQLite.
        Center: (f"id IN ({listed})", []),
        # Bench staff: a `bench-` user who also works in a center outside the bench stays.
        User: (outside_staff, [USERNAME_PREFIX + "%"]),
    }
    plan = _deletion_plan(roots)
    deleted = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for model, field, (condition, params), own in plan.nullify:
            table = connection.ops.quote_name(model._meta.db_table)
            column = connection.ops.quote_name(field.column)
            # Only rows that stay: the bench rows themselves are deleted below anyway.
            keep, keep_params = (f" AND NOT COALESCE(({own[0]}), FALSE)", own[1]) if own else ("", [])
            cursor.execute(f"UPDATE {table} SET {column} = NULL WHERE {column} IN ({condition}){keep}",  # noqa: S608
                           params + keep_params)
        for model, (condition, params) in plan.delete:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE {condition}", params)  # noqa: S608
            deleted += cursor.rowcount
    return deleted


def _pk(model) -> str:
    return connection.ops.quote_name(model._meta.pk.column)


@dataclass
class _Plan:
    delete: list  # (model, (condition of its bench rows, params)), children first
    nullify: list  # (model, field, (SELECT of the bench pks it points to, params), its own condition or None)


def _deletion_plan(roots: dict) -> _Plan:
    all_models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]
    links: dict[type, list] = {m: [] for m in all_models}  # model → its foreign keys to other models
    for model in all_models:
        for field in model._meta.concrete_fields:
            if field.is_relation and (field.many_to_one or field.one_to_one):
                target = field.related_model._meta.concrete_model
                if target is not model:
                    links[model].append((field, target))
    owned: dict[type, tuple[str, list]] = {}  # model → SELECT of its bench pks
    where: dict[type, tuple[str, list]] = {}  # model → the condition of its bench rows
    order: list[type] = []

    def select(model, visiting: frozenset = frozenset()) -> tuple[str, list] | None:
        if model in owned:
            return owned[model]
        table = connection.ops.quote_name(model._meta.db_table)
        parts, params = [], []
        if model in roots:
            condition, root_params = roots[model]
            parts.append(condition)
            params += root_params
        # A row with a center (or a user) is bench data when its center is (or its user): its other links
        # need not be followed.
        to_center = [(f, t) for f, t in links.get(model, []) if t in roots and not _sets_null(f)]
        for field, target in to_center or links.get(model, []):
            if target in visiting or _sets_null(field):
                continue
            parent = select(target, visiting | {model})
            if parent is not None:
                parts.append(f"{connection.ops.quote_name(field.column)} IN ({parent[0]})")
                params += parent[1]
        if not parts:
            return None
        where[model] = (" OR ".join(parts), params)
        owned[model] = (f"SELECT {_pk(model)} FROM {table} WHERE {where[model][0]}", params)  # noqa: S608
        order.append(model)
        return owned[model]

    for model in all_models:
        select(model)
    nullify = []
    for model in all_models:
        for field, target in links[model]:
            if _sets_null(field) and target in owned:
                nullify.append((model, field, owned[target], where.get(model)))
    # A table is owned after the tables it points to: delete in the reverse order, children first.
    return _Plan(delete=[(model, where[model]) for model in reversed(order)], nullify=nullify)


def _sets_null(field) -> bool:
    on_delete = getattr(field.remote_field, "on_delete", None)
    return field.null and on_delete in (models.SET_NULL, models.DO_NOTHING, models.SET_DEFAULT)
