"""Optimistic locking: THE way to change a row that has a `version`.

A page (or API client) that edits such a row carries the version it was opened at. A service changes
the row in one transaction, in three steps:

    current = locked_current(obj, version)    # the row as it is now, locked; `StaleEdit` if someone saved since
    ...check and change `current`...
    save_versioned(current, fields)           # written with `version + 1`, and read back

so that a save over someone else's changes is refused (with the one `StaleEdit` message every page
shows) instead of silently undoing them, and of two edits at the same moment exactly one wins.
When the refused page is shown again, `rebased_form` keeps what the person typed over the current row.
"""

from collections.abc import Iterable

from django import forms
from django.db import models
from django.db.models import F

from integrhabitat.lib.errors import StaleEdit


def locked[M: models.Model](obj: M) -> M:
    """`obj`'s row read again under a row lock held to the end of the transaction (a new instance;
    `obj` is left as it was). For trusted callers that change a row without a version to check
    (imports, the demo); pages and the API go through `locked_current`."""
    # The base manager: a known row is re-read by its key, whatever the default manager filters out.
    return type(obj)._base_manager.select_for_update().get(pk=obj.pk)


def locked_current[M: models.Model](obj: M, version: int | None) -> M:
    """`obj`'s row as it is now, locked to the end of the transaction, if its version is still
    `version` (the one the edit began from); otherwise `StaleEdit`, and nothing is written. No version
    (`None`) is stale too: an edit that cannot say where it began never overwrites anything."""
    current = locked(obj)
    if current.version != version:
        raise StaleEdit
    return current


def save_versioned[M: models.Model](obj: M, fields: Iterable[str] | None = None) -> M:
    """Save `obj` (only `fields`, or every field) with its version one higher, counted in SQL, and read
    it back so that `obj.version` is the new number. Call it on the row `locked_current` (or `locked`)
    returned, inside the same transaction."""
    obj.version = F("version") + 1
    obj.save(update_fields=None if fields is None else [*fields, "version"])
    obj.refresh_from_db()
    return obj


def rebased_form[Form: forms.BaseForm](form: Form, current: models.Model, refusal: StaleEdit) -> Form:
    """The refused `form` again, over `current` (the row as it is now): what the person typed is kept,
    the version is the current one so that a new submit replaces the other person's changes knowingly,
    and the refusal is shown at the top. For the ModelForms of `lib.forms.OpenedVersionMixin`."""
    data = form.data.copy()
    data[form.add_prefix("version")] = str(current.version)
    rebased = type(form)(data, instance=current, center=form.center, prefix=form.prefix)
    rebased.is_valid()
    rebased.add_error(None, refusal.message)
    return rebased
