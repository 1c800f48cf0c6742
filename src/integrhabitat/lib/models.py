"""Helpers for model instances (no models here)."""

from collections.abc import Mapping
from typing import Any


def assign(obj, data: Mapping[str, Any]) -> list[str]:
    """Set the values of `data` on `obj` and return the names of those that changed (for the audit)."""
    changed = [name for name, value in data.items() if getattr(obj, name, None) != value]
    for name in changed:
        setattr(obj, name, data[name])
    return changed
