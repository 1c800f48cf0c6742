"""Keyset ("seek") pagination for the long lists: people, deliveries, the audit trail.

An offset page (`?page=400`) makes the database count and skip every row before it; a keyset page
(`?after=<cursor>`) starts right after the last row shown, through the index that serves the order, so
page 400 costs what page 1 costs. The cursor is the sort key of that row, encoded in the link: the
pages work without JavaScript, and a row added meanwhile neither repeats nor hides another.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q, QuerySet

from integrhabitat.lib.http import query_without_page

AFTER, BEFORE = "after", "before"


@dataclass
class KeysetPage:
    object_list: list
    has_next: bool
    has_previous: bool
    next_query: str
    previous_query: str
    first_query: str
    keyset = True

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def _encode(values) -> str:
    plain = [v.isoformat() if isinstance(v, date | datetime) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode(cursor: str, model, names: list[str]) -> list | None:
    """The sort key in the cursor, or None when it was tampered with or is stale (then: the first page)."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(names):
            return None
        return [model._meta.get_field(name).to_python(value) for name, value in zip(names, raw, strict=True)]
    except (ValueError, TypeError, binascii.Error, ValidationError, FieldDoesNotExist):
        return None


def _beyond(order: list[tuple[str, bool]], values: list, *, forward: bool) -> Q:
    """Rows strictly after `values` in `order` (or strictly before, going back): a lexicographic comparison."""
    condition = Q()
    for index, (name, descending) in enumerate(order):
        lookup = "lt" if descending == forward else "gt"
        condition |= Q(**{order[i][0]: values[i] for i in range(index)}, **{f"{name}__{lookup}": values[index]})
    # Implied, but an index condition the database can seek to (the OR alone is a filter on every row before).
    first, descending = order[0]
    return Q(**{f"{first}__{'lte' if descending == forward else 'gte'}": values[0]}) & condition


def keyset_page(request, queryset: QuerySet, order: list[str], per_page: int = 50) -> KeysetPage:
    """One page of `queryset` in `order` (field names, `-` for descending, ending with a unique one),
    after the `?after=` cursor or before the `?before=` one."""
    parsed = [(name.removeprefix("-"), name.startswith("-")) for name in order]
    names = [name for name, _descending in parsed]
    model = queryset.model
    after = _decode(request.GET.get(AFTER, ""), model, names) if request.GET.get(AFTER) else None
    before = _decode(request.GET.get(BEFORE, ""), model, names) if request.GET.get(BEFORE) and after is None else None
    if before is not None:
        reverse = [name[1:] if name.startswith("-") else f"-{name}" for name in order]
        rows = list(queryset.filter(_beyond(parsed, before, forward=False)).order_by(*reverse)[:per_page + 1])
        has_previous, rows = len(rows) > per_page, rows[:per_page][::-1]
        has_next = True
    else:
        if after is not None:
            queryset = queryset.filter(_beyond(parsed, after, forward=True))
        rows = list(queryset.order_by(*order)[:per_page + 1])
        has_next, rows = len(rows) > per_page, rows[:per_page]
        has_previous = after is not None
    base = query_without_page(request)

    def link(name: str, row) -> str:
        cursor = _encode([attrgetter(field)(row) for field in names])
        return f"{base}&{name}={cursor}" if base else f"{name}={cursor}"

    return KeysetPage(
        object_list=rows, has_next=has_next and bool(rows), has_previous=has_previous and bool(rows),
        next_query=link(AFTER, rows[-1]) if rows else base,
        previous_query=link(BEFORE, rows[0]) if rows else base,
        first_query=base,
    )
