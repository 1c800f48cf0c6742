"""One way to download any list a user sees, as the page filters it: `?as=xlsx` or `?as=csv` on the list's own
URL (same view, same filters, same permission). It lives in the kernel because it reads the role and writes the
audit trail; `lib/spreadsheets.py` only writes the files.

A list declares its `Column`s: a label, how to read the value from a row, and the permission a role needs to
read it. The download holds only the columns the user's role may read, every row the filters select (not only
the page shown) up to `EXPORT_LIMIT`, and, when asked with `?hxl=1`, a row of HXL hashtags under the header so
that humanitarian tools (HDX, HXL Proxy) understand the columns.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from integrhabitat.audit import services as audit
from integrhabitat.lib.spreadsheets import Cell, csv_response, xlsx_response
from integrhabitat.network.access import has_perm

FORMATS = ("xlsx", "csv")
# A download holds at most this many rows (the list's filters narrow it).
EXPORT_LIMIT = 20_000

# An HXL tag: a hashtag, then attributes; lower case letters, digits and underscores
# (hxlstandard.org/standard/1-1final/ "tagging conventions").
HXL_TAG = re.compile(r"^#[a-z][a-z0-9_]*(?:\s*\+[a-z][a-z0-9_]*)*$")


@dataclass(frozen=True)
class Column:
    """One column of a list's download. `perm`: the permission a role needs to get it (None: whoever sees the
    list). `hxl`: its HXL hashtag with attributes, e.g. "#org +name" (empty: left untagged)."""

    name: str
    label: Any
    value: Callable[[Any], Cell]
    perm: str | None = None
    hxl: str = ""


def wants_download(request) -> bool:
    """Whether the list was asked for as a file (`?as=`) instead of as a page."""
    return "as" in request.GET


def download_format(request) -> str:
    fmt = request.GET.get("as", "xlsx")
    if fmt not in FORMATS:
        raise Http404
    return fmt


def visible_columns(request, columns: Sequence[Column]) -> list[Column]:
    """The columns the user's role may read."""
    return [c for c in columns if c.perm is None or has_perm(request, c.perm)]


def hxl_row(columns: Sequence[Column]) -> list[str]:
    return [c.hxl for c in columns]


def table(columns: Sequence[Column], rows: Iterable[Any], *, hxl: bool = False) -> tuple[list[str], list[list]]:
    """(header, rows) of the columns for the rows; with `hxl`, the hashtag row leads the rows."""
    header = [str(c.label) for c in columns]
    body = [hxl_row(columns)] if hxl else []
    body += [[c.value(row) for c in columns] for row in rows]
    return header, body


def too_many(request, limit: int, list_path: str | None = None):
    """Nothing is downloaded: back to the list (`list_path`, or the same URL), its filters kept, with a
    message asking to narrow it."""
    messages.error(request, _("This list has more than %(limit)s rows: narrow it with the filters to "
                              "download it.") % {"limit": f"{limit:,}".replace(",", " ")})
    params = request.GET.copy()
    for name in ("as", "hxl", "page"):
        params.pop(name, None)
    query = params.urlencode()
    path = list_path or request.path
    return redirect(f"{path}?{query}" if query else path)


def list_download(request, rows: Iterable[Any], columns: Sequence[Column], *, filename: str, title: str,
                  audit_code: str | None = None, audit_object=None, center=None,
                  limit: int | None = None, list_path: str | None = None) -> HttpResponse:
    """The rows as an `?as=xlsx` (default) or `?as=csv` download with the columns the role may read.

    More rows than `limit`: nothing is downloaded, the user goes back to the list (`list_path` when the
    download has a URL of its own) with a message asking to narrow it. With `audit_code` (lists of personal
    data), the download is recorded on `audit_object` (or the center) with the names of the columns it held."""
    fmt = download_format(request)
    limit = limit or EXPORT_LIMIT
    chosen = visible_columns(request, columns)
    found = list(rows[: limit + 1]) if hasattr(rows, "query") or isinstance(rows, list) else list(rows)
    if len(found) > limit:
        return too_many(request, limit, list_path)
    with_hxl = request.GET.get("hxl") == "1" and any(c.hxl for c in chosen)
    header, body = table(chosen, found, hxl=with_hxl)
    if audit_code:
        audit.record(audit_code, audit_object or center, actor=request.user, center=center,
                     fields=[c.name for c in chosen])
    name = f"{slugify(filename)}-{timezone.localdate()}"
    if fmt == "csv":
        return csv_response(header, body, f"{name}.csv")
    return xlsx_response([(title, header, body)], f"{name}.xlsx")


def choice(field: str) -> Callable[[Any], Cell]:
    """The display label of a choice field (`get_<field>_display`), or empty."""
    def value(row):
        return str(getattr(row, f"get_{field}_display")()) if getattr(row, field) not in (None, "") else ""
    return value


def attr(path: str, default: Cell = "") -> Callable[[Any], Cell]:
    """The value at a dotted attribute path (`"service.name"`), or `default` along a missing link."""
    parts = path.split(".")

    def value(row):
        for part in parts:
            row = getattr(row, part, None)
            if row is None:
                return default
        return row() if callable(row) else row  # a method such as `display_name`
    return value


def joined(path: str, attribute: str = "name") -> Callable[[Any], Cell]:
    """The names of a (prefetched) many-to-many or reverse relation, comma-separated."""
    def value(row):
        return ", ".join(str(getattr(item, attribute)) for item in getattr(row, path).all())
    return value


def field(model, name: str, *, perm: str | None = None, hxl: str = "", label=None) -> Column:
    """A column for one model field: its verbose name, its display label for choices, a related row's name."""
    from django.utils.text import capfirst

    model_field = model._meta.get_field(name)
    if model_field.choices:
        value = choice(name)
    elif model_field.is_relation:
        value = attr(f"{name}.name") if _has_field(model_field.related_model, "name") else attr(name)
        value = _as_text(value)
    else:
        value = attr(name, default=None)
    return Column(name, label or capfirst(str(model_field.verbose_name)), value, perm, hxl)


def _as_text(read: Callable[[Any], Any]) -> Callable[[Any], Cell]:
    def value(row):
        found = read(row)
        return "" if found in (None, "") else str(found)
    return value


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())
