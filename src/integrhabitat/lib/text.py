"""Text helpers without models: normalization for search."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation: `José  PÉREZ-Núñez` → `jose perez nunez`."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", ascii_only.lower().replace("ñ", "n")).strip()


def digits(text: str) -> str:
    return "".join(ch for ch in (text or "") if ch.isdigit())
