"""Read replicas, used only where it is safe: figures that may lag the primary by a few seconds.

Settings turn `DATABASE_REPLICA_URL` (one URL, or several separated by commas) into the database aliases
`replica`, `replica_2`... The router below keeps every write on the primary (`default`) and, by default,
every read too. Only code marked with `reading_from_replica()` (a decorator or a `with` block: the results
dashboard, the network overview and comparison, their exports, the public accountability reports) reads
from a replica, and even then the primary answers when:

- no replica is configured (one machine, the tests);
- the primary is inside a transaction (`transaction.atomic()`): its uncommitted rows exist only there;
- the marked code has written something already: what it reads next must include it (read-your-writes);
- the table is one of `PRIMARY_ONLY_APPS` (sessions, accounts, login throttling, the task queue) or
  `PRIMARY_ONLY_MODELS` (kept figures): a session or a permission a few seconds old must count at once,
  whatever the page. Writing these does not count as the page's writes: they are read from the primary.

A replica lags its primary (usually well under a second, more under load or after a long outage), so mark
only pages that show aggregates nobody has just changed on the same request. See docs/scaling.md.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_PREFIX = "replica"
# Tables whose rows must be read as they are now, even on a page marked replica-safe: whole apps, and the
# dashboards' kept figures (improvement/results/snapshots.py), which a marked page reads and writes as it goes.
PRIMARY_ONLY_APPS = frozenset({"sessions", "accounts", "auth", "axes", "django_tasks_db", "contenttypes"})
PRIMARY_ONLY_MODELS = frozenset({"improvement.figuresnapshot"})


def _primary_only(model) -> bool:
    return model._meta.app_label in PRIMARY_ONLY_APPS or model._meta.label_lower in PRIMARY_ONLY_MODELS


@dataclass
class _Scope:
    wrote: bool = False


_scope: ContextVar[_Scope | None] = ContextVar("integrhabitat_replica_scope", default=None)


def replica_aliases() -> list[str]:
    """The configured replicas' aliases, in settings order (none on one machine)."""
    return [alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX)]


@contextmanager
def reading_from_replica() -> Iterator[None]:
    """Mark code whose reads may come from a replica: `with reading_from_replica():`, or as a decorator
    (`@reading_from_replica()`, a fresh context on every call).

    On a view, put it below the access decorators (`center_view`, `network_view`), so that who may see the
    page is still decided on the primary."""
    token = _scope.set(_scope.get() or _Scope())  # nested: one scope, so a write inside counts outside
    try:
        yield
    finally:
        _scope.reset(token)


def _replica_for(model) -> str | None:
    scope = _scope.get()
    if scope is None or scope.wrote or _primary_only(model):
        return None
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return None
    aliases = replica_aliases()
    return random.choice(aliases) if aliases else None  # noqa: S311 - spreading load, not a secret


class PrimaryReplicaRouter:
    """`DATABASE_ROUTERS`: writes and migrations on the primary, marked reads on a replica (see above)."""

    def db_for_read(self, model, **hints) -> str:
        return _replica_for(model) or DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        scope = _scope.get()
        # A primary-only table is read from the primary anyway: writing it (keeping figures, queueing
        # their refresh) leaves the page's other reads on the replica.
        if scope is not None and not _primary_only(model):
            scope.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # The replicas hold the same rows as the primary: an object read from one may point to the other's.
        pool = {DEFAULT_DB_ALIAS, *replica_aliases()}
        if obj1._state.db in pool and obj2._state.db in pool:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS
