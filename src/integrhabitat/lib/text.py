"""Text helpers without models: normalization for search, and what people may type in a name."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation: `José  PÉREZ-Núñez` → `jose perez nunez`."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", ascii_only.lower().replace("ñ", "n")).strip()


def compact_document(text: str) -> str:
    """A document number as one token, whatever its spelling: `V-12.345.678` → `v12345678`."""
    return fold(text).replace(" ", "")


def digits(text: str) -> str:
    return "".join(ch for ch in (text or "") if ch.isdigit())


# Characters that change how text is shown without being seen: bidirectional overrides and isolates
# (U+202A–U+202E, U+2066–U+2069: "‮Pérez" displays reversed), marks, zero-width spaces, the BOM, soft
# hyphens... all of Unicode's "format" category (Cf). The zero-width joiner and non-joiner are kept
# between two letters of a script that needs them (Persian, Arabic, Indic names), nowhere else.
_JOINERS = {"\u200c", "\u200d"}


def _needs_joiner(before: str, after: str) -> bool:
    return all(ch.isalpha() and not ch.isascii() and "LATIN" not in unicodedata.name(ch, "LATIN")
               for ch in (before, after))


def visible_text(text: str) -> str:
    """`text` in Unicode's composed form (NFC) without invisible format characters or control
    characters, its spaces collapsed: what a name, a document number or a phone may hold. Two names
    that look the same are then stored the same, and none can spoof how a list or a PDF shows it."""
    text = unicodedata.normalize("NFC", text or "")
    kept = []
    for index, ch in enumerate(text):
        category = unicodedata.category(ch)
        if ch in _JOINERS:
            before = text[index - 1] if index else ""
            after = text[index + 1] if index + 1 < len(text) else ""
            if before and after and _needs_joiner(before, after):
                kept.append(ch)
            continue
        if category == "Cf":
            continue
        kept.append(" " if category in ("Cc", "Zl", "Zp", "Zs") else ch)
    # Composed again: taking a character out may have put a letter next to its accent ("e\u200b\u0301").
    return unicodedata.normalize("NFC", " ".join("".join(kept).split()))


# What people write in a cell or a field to say there is nothing to write there, folded (see `fold`):
# whole answers, and the first words of longer ones ("no tiene", "sin documento", "não possui").
_NOTHING_ANSWERS = frozenset({
    "na", "n a", "nd", "n d", "sd", "s d", "sn", "s n", "ns", "nr", "ns nr", "nsnr", "nada", "vacio", "vazio",
    "none", "null", "nulo", "nula", "nil", "nan", "empty", "blank", "unknown", "desconocido", "desconocida",
    "indocumentado", "indocumentada",
})
_NOTHING_OPENINGS = (
    "no", "sin", "sem", "nao", "not", "without", "ningun", "ninguno", "ninguna", "nenhum", "nenhuma",
    "pendiente", "pendente", "tramite", "en tramite", "em tramite", "en proceso", "por confirmar", "por definir",
)


def no_value(text: str) -> bool:
    """Whether a document number, phone or email as typed means "there is none": blank, only punctuation
    (`-`, `—`, `?`), zeros, `x`s, or an answer such as `N/A`, `no tiene`, `sin documento`, `s/d`,
    `en trámite`, `não possui`. Such a text is no identifier: taken as one, it would make everybody who
    wrote it the same person. Text with a digit other than 0 always counts as a value; a quantity, where
    `0` means zero, is not for this test."""
    folded = fold(text)
    if not folded.replace("0", "").replace("x", "").strip():
        return True
    if any(ch.isdigit() for ch in folded):
        return False
    return folded in _NOTHING_ANSWERS or any(folded == opening or folded.startswith(f"{opening} ")
                                             for opening in _NOTHING_OPENINGS)
