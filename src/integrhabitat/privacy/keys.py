"""Key rotation for the field-level encryption (`lib.crypto`).

To rotate: put a new key first in INTEGRHABITAT_FIELD_KEYS (and/or INTEGRHABITAT_INDEX_KEYS), keeping the old
ones after it, restart, run `integrhabitat rotate_keys`, then remove the old keys and restart again. While it
runs the platform keeps working: every key still decrypts, and lookups try every index key. Rows are taken a
batch at a time, locked while they are rewritten, so that an edit made meanwhile is not overwritten.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import connection, models, transaction

from integrhabitat.lib.crypto import ENCRYPTED_FIELDS


@dataclass
class Rotated:
    label: str  # app_label.model
    rows: int


def encrypted_models() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with encrypted fields, and the fields `rotate_keys` rewrites: those, and the ones derived
    from them (`DERIVED_FIELDS`, recomputed by the model's `refresh_derived`: blind indexes)."""
    found = []
    for model in apps.get_models():
        fields = [field.name for field in model._meta.concrete_fields if isinstance(field, ENCRYPTED_FIELDS)]
        if fields:
            found.append((model, fields + list(getattr(model, "DERIVED_FIELDS", ()))))
    return found


def _batch(model: type[models.Model], after, size: int) -> list:
    rows = model._base_manager.filter(pk__gt=after).order_by("pk")
    if any(field.name == "center" for field in model._meta.concrete_fields):
        rows = rows.select_related("center")  # what derived values read (a phone in the center's country)
        if connection.features.has_select_for_update_of:
            return list(rows.select_for_update(of=("self",))[:size])
    return list(rows.select_for_update()[:size])


def rotate_keys(batch_size: int = 1000) -> list[Rotated]:
    """Encrypt every encrypted value again with the first field key and recompute every blind index with the
    first index key."""
    done = []
    for model, fields in encrypted_models():
        count, after = 0, 0
        while True:
            with transaction.atomic():
                rows = _batch(model, after, batch_size)
                if not rows:
                    break
                for row in rows:
                    if hasattr(row, "refresh_derived"):
                        row.refresh_derived()
                # Saving writes each value through its field: encrypted with the first key.
                model._base_manager.bulk_update(rows, fields, batch_size=batch_size)
            count, after = count + len(rows), rows[-1].pk
        done.append(Rotated(model._meta.label_lower, count))
    return done
