"""Are these two records the same person? A score from 0 to 1 and the reasons, and the full scan.

Latin-American names vary in known ways between two registrations of one person: accents dropped
(`Pérez`/`Perez`), spelling (`Peres`, `Yorgelis`/`Yorgelys`) or a scanner's misreading (`Martíriez`), two
surnames given in the other order or only the first one, a married woman's `de Pérez`, compound given names
given in part (`María José`/`María`) or abbreviated (`Ma. José`, `J. Carlos`) or replaced by a nickname
(`Pepe`/`José`, `Chayo`/`Rosario`, `Chema`/`José María`: `people.hypocorisms`) or a diminutive (`Rosita`/`Rosa`),
particles (`de la Cruz`/`Cruz`), names typed in the other fields. People registered twice also give a
day/month swapped birth date, only their age, a new phone or another document (a Venezuelan cédula, then the
Colombian permit). Siblings, twins and namesakes share surnames, birth years and phones: different given names
(`Juan David`/`Juan Pablo`, `Daniel`/`Daniela`), second surnames or birth dates weigh against a match.

`score_pair` works on `Profile`s (the folded facts of a record, computed once) so that the scan of
100,000 people scores its candidate pairs quickly. The scan compares only records that share a
blocking key (a surname with a given name, a surname with the birth date, the birth date with the initial,
a phone, a document, an email), never every pair.
"""

import time
from collections import defaultdict
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rapidfuzz.distance import OSA

from integrhabitat.lib.phones import to_e164
from integrhabitat.lib.text import compact_document, digits, fold
from integrhabitat.people.hypocorisms import formal_names
from integrhabitat.people.models import MIN_DOCUMENT, DuplicatePair, Participant

# At this score or more, the scan stores a pair for review. Its precision and recall are measured on the
# independent labeled set of bench/data/duplicates/ (people/tests/test_duplicate_quality.py, `make bench`).
THRESHOLD = 0.8
# Added when three words or more of two names agree and nothing else is missing or speaks against them: a
# full name ("María Gabriela Yánez") is rarer than "José Pérez".
FULL_NAME_BONUS = 0.05
# Registration shows look-alikes from this score: a missed duplicate costs more there than a false alarm.
REGISTRATION_THRESHOLD = 0.6
# A blocking key shared by more records than this says little (a center's own phone, "maria|1990" in a
# big network): it is skipped, the other keys still bring those records' real duplicates together.
MAX_BLOCK = 400

PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "e", "da", "do", "dos", "das", "van", "von", "di"})

# Reason codes, stored on pairs, shown translated. Negative ones explain a low score.
REASONS = {
    "same_document": _("Same document number"),
    "similar_document": _("Document number differs by one character"),
    "different_document": _("Different document numbers"),
    "same_phone": _("Same phone"),
    "same_email": _("Same email"),
    "same_birth_date": _("Same birth date"),
    "birth_day_month_swapped": _("Birth date with day and month swapped"),
    "birth_date_typo": _("Birth date differs by one digit"),
    "birth_year_close": _("Approximate birth date, close year"),
    "different_birth_date": _("Different birth dates"),
    "different_sex": _("Different sex"),
    "same_name": _("Same name"),
    "names_equal_ignoring_accents": _("Same name except accents or capitals"),
    "name_typo": _("A name differs by one or two letters"),
    "swapped_surnames": _("Surnames in the other order"),
    "missing_second_surname": _("One record lacks a surname"),
    "family_names_missing": _("One record has no surnames"),
    "different_surname": _("A different surname"),
    "given_names_partial": _("Given names given in part"),
    "given_names_abbreviated": _("Given names abbreviated"),
    "nickname": _("A nickname of the other given name"),
    "different_given_names": _("Different given names"),
    "names_in_other_fields": _("Given names and surnames written in the other fields"),
}


def reason_labels(codes: Iterable[str]) -> list[str]:
    return [str(REASONS.get(code, code)) for code in codes]


def name_tokens(text: str) -> tuple[str, ...]:
    """Folded words of a name without particles: `María de la Cruz` → ("maria", "cruz")."""
    return tuple(word for word in fold(text).split() if word not in PARTICLES)


_SOUNDS = (("ll", "y"), ("ch", "x"), ("qu", "k"), ("ce", "se"), ("ci", "si"), ("ge", "je"), ("gi", "ji"),
           ("gue", "ge"), ("gui", "gi"), ("c", "k"), ("z", "s"), ("v", "b"), ("w", "gu"), ("h", ""))


@lru_cache(maxsize=50_000)
def sound(word: str) -> str:
    """A rough Spanish phonetic key: `Yorgelys`/`Llorgelis`, `Peres`/`Pérez`, `Vélez`/`Beles` agree."""
    for written, said in _SOUNDS:
        word = word.replace(written, said)
    if word.endswith("y"):
        word = word[:-1] + "i"
    out = []
    for ch in word:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


_ABBREVIATIONS = {"ma": "maria", "fco": "francisco", "gmo": "guillermo", "jse": "jose"}

# Letters a scanner or a hurried hand puts for digits in a document number ("1O23", "S5I").
_DIGIT_LOOKALIKES = str.maketrans({"o": "0", "d": "0", "i": "1", "l": "1", "s": "5", "b": "8", "g": "6", "z": "2"})
# What is written before a number to say which document it is: Venezuelan V/E, Colombian CC, CE, TI, RC, PPT, PEP,
# Peruvian DNI, Ecuadorian CI.
_DOCUMENT_PREFIXES = frozenset({"", "v", "e", "cc", "ce", "ti", "rc", "ppt", "pep", "dni", "ci", "nuip"})


def document_key(text: str) -> str:
    """A document number as compared: compacted (`V-12.345.678` → `v12345678`); a number of digits with a
    letter prefix ("V", "E", "CC", "PPT") or a digit misread as a letter inside is compared by its digits,
    so that `V-12345678`, `12.345.678` and `12345S78` are one number. Passports and other numbers that are
    letters and digits stay as they are."""
    compact = compact_document(text)
    body = compact.lstrip("abcdefghijklmnopqrstuvwxyz")
    if compact[:len(compact) - len(body)] in _DOCUMENT_PREFIXES and len(body) >= MIN_DOCUMENT:
        candidate = body.translate(_DIGIT_LOOKALIKES)
        if candidate.isdigit():
            return candidate
    return compact


# Letters an OCR reading of a printed name confuses: "Martínez" read "Martíriez", "Darwin" read "Darwiri".
_SCANNED = (("rn", "m"), ("ri", "n"), ("cl", "d"), ("ii", "u"), ("vv", "w"), ("0", "o"), ("1", "l"), ("5", "s"))


@lru_cache(maxsize=50_000)
def scanned(word: str) -> str:
    """`word` with the letters a scanner confuses read one way: `martiriez` and `martinez` agree."""
    for seen, meant in _SCANNED:
        word = word.replace(seen, meant)
    return word


_DIMINUTIVES = ("citos", "citas", "cito", "cita", "itos", "itas", "ito", "ita", "illo", "illa")


@lru_cache(maxsize=50_000)
def diminutive_bases(word: str) -> frozenset[str]:
    """The names a Spanish diminutive may stand for: `rosita` → rosa, `carlitos` → carlos, `miguelito` →
    miguel, `carmencita` → carmen, `juanito` → juan; nothing for a word that is no diminutive."""
    for ending in _DIMINUTIVES:
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 3:
            plural = "s" if ending.endswith("s") else ""
            return frozenset({stem + plural, stem + "a" + plural, stem + "o" + plural, stem + "e" + plural})
    return frozenset()


def _married_surname(family_names: str) -> str:
    """"Gómez de Pérez" → "perez": the husband's surname some women carry (a "de" before one last word,
    after a surname; "de la Cruz", "del Río" and "de los Ríos" are surnames of their own)."""
    words = fold(family_names).split()
    if len(words) >= 3 and words[-2] == "de" and words[-3] not in PARTICLES:
        return words[-1]
    return ""


def _abbreviation(word: str) -> str:
    return _ABBREVIATIONS.get(word, word)


@dataclass(slots=True)
class Profile:
    """The facts of one record that matter to the scorer, folded once."""

    pk: int
    center_id: int
    raw_name: str
    given: tuple[str, ...]
    family: tuple[str, ...]
    birth: date | None
    estimated: bool
    sex: str
    phone: str
    document: str
    email: str
    married: str = ""  # a married woman's "de Pérez" at the end of her surnames, which other records leave out

    @classmethod
    def of(cls, pk=None, center_id=None, given_names="", family_names="", birth_date=None, birth_date_estimated=False,
           sex="", phone="", document_number="", email="") -> "Profile":
        phone_digits, document = digits(phone), document_key(document_number)
        return cls(
            pk=pk, center_id=center_id, raw_name=f"{given_names} {family_names}".strip(),
            given=tuple(_abbreviation(w) for w in name_tokens(given_names)), family=name_tokens(family_names),
            birth=birth_date, estimated=bool(birth_date_estimated), sex=sex or "",
            phone=phone_digits[-7:] if len(phone_digits) >= 7 else "",
            document=document if len(document) >= MIN_DOCUMENT else "",
            email=(email or "").strip().lower(), married=_married_surname(family_names),
        )

    @classmethod
    def of_participant(cls, person: Participant) -> "Profile":
        return cls.of(**{name: getattr(person, name) for name in PROFILE_FIELDS if name not in ("pk", "center_id")},
                      pk=person.pk, center_id=person.center_id)


PROFILE_FIELDS = ("pk", "center_id", "given_names", "family_names", "birth_date", "birth_date_estimated", "sex",
                  "phone", "document_number", "email")


@dataclass
class Match:
    score: float
    reasons: list[str] = field(default_factory=list)


# How two words of a name may pair, tried in this order. Surnames have no nicknames.
FAMILY_NAME_KINDS = ("exact", "typo", "abbreviation")
# A nickname before an abbreviation: "juanca" is "Juan Carlos", not "Juan" abbreviated the wrong way round.
GIVEN_NAME_KINDS = ("exact", "typo", "nickname", "abbreviation")


def _align(a: tuple[str, ...], b: tuple[str, ...],
           kinds: tuple[str, ...]) -> tuple[list[tuple[int, int, str]], set[int], set[int]]:
    """Pair the words of two names: exact first, then one or two typos or the same sound, then (given
    names) a nickname and its formal name (`pepe`/`jose`, `paco`/`pancho`), then abbreviations
    (`j`/`jose`, `alex`/`alexander`). Returns the pairs (i, j, kind) and the unpaired."""
    left, right = set(range(len(a))), set(range(len(b)))
    pairs = []
    for kind in kinds:
        for i in sorted(left):
            for j in sorted(right):
                x, y = a[i], b[j]
                if kind == "exact":
                    ok = x == y
                elif kind == "typo":
                    ok = _typo(x, y)
                elif kind == "nickname":
                    ok = _nickname(x, y)
                else:
                    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
                    ok = long_.startswith(short) and not _gendered_pair(x, y)
                if ok:
                    pairs.append((i, j, kind))
                    left.discard(i)
                    right.discard(j)
                    break
    return pairs, left, right


def _nickname(x: str, y: str) -> bool:
    """A nickname or a diminutive of the other name (`pepe`/`jose`, `rosita`/`rosa`), the name typed with
    a typo too (`chucho`/`jesuus`)."""
    formal_x, formal_y = formal_names(x), formal_names(y)
    if not (formal_x | diminutive_bases(x)).isdisjoint(formal_y | diminutive_bases(y)):
        return True
    return any(_typo(name, y) for name in formal_x - {x}) or any(_typo(name, x) for name in formal_y - {y})


def _typo(x: str, y: str) -> bool:
    """One word typed, heard or scanned as another: one or two letters off (by length), the same sound, or
    letters a scanner confuses. Not a name and its other gender (`daniel`/`daniela`, `angel`/`angela`,
    `mario`/`maria`): those are two names."""
    if _gendered_pair(x, y):
        return False
    shortest = min(len(x), len(y))
    allowed = 2 if shortest >= 8 else 1 if shortest >= 4 or (shortest == 3 and len(x) != len(y)) else 0
    return bool(allowed and OSA.distance(x, y, score_cutoff=allowed) <= allowed) or (
        shortest >= 3 and (sound(x) == sound(y) or scanned(x) == scanned(y)))


def _gendered_pair(x: str, y: str) -> bool:
    """A name and its form for the other sex: `daniel`/`daniela`, `mario`/`maria` (not `sofi`/`sofia`)."""
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    if long_ == short + "a" and len(short) >= 3 and short[-1] not in "aeiouy":
        return True
    return len(x) == len(y) >= 3 and x[:-1] == y[:-1] and {x[-1], y[-1]} == {"a", "o"}


def _family_score(a: tuple[str, ...], b: tuple[str, ...], reasons: list[str]) -> float:
    if not a or not b:
        if a or b:
            reasons.append("family_names_missing")
        return 0.6
    pairs, left, right = _align(a, b, FAMILY_NAME_KINDS)
    if not pairs:
        return 0.0
    value = 1.0
    for _i, _j, kind in pairs:
        if kind == "typo":
            value -= 0.08
            _add(reasons, "name_typo")
        elif kind == "abbreviation":
            value -= 0.2
    if sorted(pairs, key=lambda p: p[0]) != sorted(pairs, key=lambda p: p[1]) or (
            len(pairs) == 1 and pairs[0][0] != pairs[0][1]):
        value -= 0.04
        reasons.append("swapped_surnames")
    if left and right:
        value -= 0.5 * min(len(left), len(right))
        reasons.append("different_surname")
    elif left or right:
        value -= 0.1
        reasons.append("missing_second_surname")
    return max(value, 0.0)


def _join_compound_names(words: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
    """`words` with two neighbours joined into one when they are the compound name a word of `other` is
    a nickname of: ("jose", "maria") → ("jose maria",) next to "chema", so that the nickname pairs both."""
    compounds = {name for word in other for name in formal_names(word) if " " in name}
    if not compounds:
        return words
    joined: list[str] = []
    for word in words:
        if joined and f"{joined[-1]} {word}" in compounds:
            joined[-1] = f"{joined[-1]} {word}"
        else:
            joined.append(word)
    return tuple(joined)


def _given_score(a: tuple[str, ...], b: tuple[str, ...], reasons: list[str]) -> float:
    if not a or not b:
        return 0.5
    a, b = _join_compound_names(a, b), _join_compound_names(b, a)
    pairs, left, right = _align(a, b, GIVEN_NAME_KINDS)
    if not pairs:
        reasons.append("different_given_names")
        return 0.0
    value = 1.0
    for _i, _j, kind in pairs:
        if kind == "typo":
            value -= 0.08
            _add(reasons, "name_typo")
        elif kind == "abbreviation":
            value -= 0.12
            _add(reasons, "given_names_abbreviated")
        elif kind == "nickname":
            value -= 0.12  # as sure as an abbreviation: the table holds only common, known nicknames
            _add(reasons, "nickname")
    if left and right:
        # "Juan David" and "Juan Pablo": two given names that differ are two people (brothers, twins).
        value -= 0.6 * min(len(left), len(right))
        reasons.append("different_given_names")
    elif left or right:
        value -= 0.12
        reasons.append("given_names_partial")
    if pairs[0][:2] != (0, 0) and not (left and right):
        value -= 0.05  # "Carlos" for "Juan Carlos": the second given name only
    return max(value, 0.0)


def _add(reasons: list[str], code: str) -> None:
    if code not in reasons:
        reasons.append(code)


def _name_score(a: Profile, b: Profile, reasons: list[str]) -> float:
    if a.given + a.family == b.given + b.family and a.given and a.family:
        reasons.append("same_name" if a.raw_name == b.raw_name else "names_equal_ignoring_accents")
        return 1.0
    given_reasons: list[str] = []
    family_reasons: list[str] = []
    value = _given_score(a.given, b.given, given_reasons) * _family_score(
        *_without_married(a, b), family_reasons)
    # Written in the other fields ("Pérez Gómez, José" typed as given names "Pérez"…, the whole name in one
    # field, the second given name typed as a surname): compare the whole names, split anew.
    whole_a, whole_b = a.given + a.family, b.given + b.family
    if value < 0.6 and sorted(whole_a) == sorted(whole_b) and len(whole_a) >= 2:
        reasons.append("names_in_other_fields")
        return 0.9
    if value < 0.7 and _across_fields(a, b) and _alike_words(whole_a, whole_b):
        resplit = 0.95 * max(
            [_given_score(a.given, given, []) * _family_score(a.family, family, []) for given, family in _splits(b)]
            + [_given_score(given, b.given, []) * _family_score(family, b.family, []) for given, family in _splits(a)],
            default=0.0)
        if resplit > value:
            reasons.append("names_in_other_fields")
            return resplit
    for code in given_reasons + family_reasons:
        _add(reasons, code)
    return value


def _without_married(a: Profile, b: Profile) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The surnames to compare: a married surname ("de Pérez") only one of the two records has is left out."""
    family_a, family_b = a.family, b.family
    if a.married and a.married not in family_b and family_a[-1:] == (a.married,):
        family_a = family_a[:-1]
    if b.married and b.married not in family_a and family_b[-1:] == (b.married,):
        family_b = family_b[:-1]
    return family_a, family_b


def _across_fields(a: Profile, b: Profile) -> bool:
    """Whether the names look typed in other fields: one record without surnames, or a given name of one
    found among the other's surnames (or the reverse)."""
    if not (a.family and b.family):
        return True
    return any(word in b.family for word in a.given) or any(word in a.family for word in b.given)


def _alike_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether all but one of the words of the shorter name have a like word in the other (cheap: tried
    before splitting names anew)."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) < 2:
        return False
    keys = {sound(scanned(word)) for word in longer}
    return sum(sound(scanned(word)) in keys for word in shorter) >= len(shorter) - 1


def _splits(p: Profile):
    """The ways `p`'s whole name may be split into given names and surnames, in either order."""
    whole = p.given + p.family
    for words in (whole, p.family + p.given):
        for cut in range(1, len(words)):
            yield words[:cut], words[cut:]


def _birth(a: Profile, b: Profile, reasons: list[str]) -> float:
    if a.birth is None or b.birth is None:
        return -0.05 if a.birth or b.birth else 0.0
    x, y = a.birth, b.birth
    if x == y:
        reasons.append("same_birth_date")
        return 0.2
    same_year, same_month, same_day = x.year == y.year, x.month == y.month, x.day == y.day
    if same_year and x.day == y.month and x.month == y.day:
        reasons.append("birth_day_month_swapped")
        return 0.12
    if a.estimated or b.estimated:
        if abs(x.year - y.year) <= 2:
            reasons.append("birth_year_close")
            # An age given twice points to one year (or the next, had a birthday passed): some evidence.
            return (0.06, 0.02, 0.0)[abs(x.year - y.year)]
    elif same_year + same_month + same_day == 2 and (
            (same_month and same_day and abs(x.year - y.year) == 1)
            or sum(cx != cy for cx, cy in zip(x.isoformat(), y.isoformat(), strict=True)) == 1):
        reasons.append("birth_date_typo")  # one digit typed wrong, or the year one off
        return 0.08
    reasons.append("different_birth_date")
    return -0.45


def score_pair(a: Profile, b: Profile, min_score: float = 0.0) -> Match | None:
    """The chance-like score (0–1) that `a` and `b` are one person, with the reason codes.

    With `min_score`, answers None as soon as the pair cannot reach it (the scan's fast path); without it,
    always a Match, however low.
    """
    reasons: list[str] = []
    evidence = _birth(a, b, reasons)
    same_document = False
    if a.document and b.document:
        if a.document == b.document:
            same_document = True
            reasons.append("same_document")
        elif OSA.distance(a.document, b.document, score_cutoff=1) <= 1:
            evidence += 0.1
            reasons.append("similar_document")
        else:
            # Two numbers of one kind of document (same length) say two people; numbers of different kinds (a
            # Venezuelan cédula, then the Colombian permit) are what migrants carry over the years.
            evidence -= 0.3 if len(a.document) == len(b.document) else 0.1
            reasons.append("different_document")
    if a.phone and a.phone == b.phone:
        evidence += 0.15
        reasons.append("same_phone")
    if a.email and a.email == b.email:
        evidence += 0.15
        reasons.append("same_email")
    if a.sex in ("female", "male") and b.sex in ("female", "male") and a.sex != b.sex:
        evidence -= 0.3
        reasons.append("different_sex")
    if min_score and not same_document and 0.8 + (FULL_NAME_BONUS if evidence >= 0 else 0) + evidence < min_score:
        return None  # even identical names would not reach it
    names = _name_score(a, b, reasons)
    value = 0.2 + 0.6 * names + evidence
    if evidence >= 0 and names >= 0.85 and min(len(a.given) + len(a.family), len(b.given) + len(b.family)) >= 3:
        value += FULL_NAME_BONUS
    if same_document:
        value = max(value + 0.3, 0.9) if names >= 0.3 else value + 0.3
    value = round(min(max(value, 0.0), 1.0), 3)
    if value < min_score:
        return None
    return Match(value, _ordered(reasons))


def _ordered(reasons: list[str]) -> list[str]:
    order = list(REASONS)
    return sorted(dict.fromkeys(reasons), key=order.index)


def compare(first: Participant, second: Participant) -> Match:
    return score_pair(Profile.of_participant(first), Profile.of_participant(second))


# --- blocking and the scan -------------------------------------------------------------------------


DECADES = range(190, 203)


def blocking_keys(p: Profile) -> set[str]:
    """Keys under which `p` is compared with others: two records are scored if they share one.

    Each key joins two facts, so that a common surname or a common birth year alone never makes a
    huge block; each variation of a name keeps at least one key unchanged: a surname with a given name
    or the formal name it is a nickname of (typos elsewhere, swapped or missing surnames, partial given
    names, `Pepe`/`José`), both surnames with the initial (a typo in the given name), a surname with the
    birth date (a typo in the given name's first letter, `Yesica`/`Jesica`), the birth date with the
    initial (a surname typed differently), the day and month with the start of the given name (a year
    typo), the given names with the start of the first surname (no birth date), phone, document, email.
    Day and month are taken in either order in the birth date keys.
    """
    keys = set()
    given = [sound(word) for word in p.given]
    initial = given[0][:1] if given else ""
    family = [sound(word) for word in p.family]
    # A nickname is keyed as itself and as its formal names: "chema" as "jose" and "maria" too.
    named = {sound(part) for word in p.given for name in formal_names(word) for part in name.split()}
    # A surname and a given name are common together ("rodriges|maria"): split by decade of birth;
    # someone without a birth date is compared in every decade.
    decades = [p.birth.year // 10] if p.birth else DECADES
    for said in family:
        for word in named:
            if len(word) >= 2:
                keys.update(f"fg:{said}|{word}|{decade}" for decade in decades)
    if len(family) >= 2:
        keys.add(f"ff:{'|'.join(sorted(family[:2]))}|{initial}")
    if p.birth:
        day, month = sorted((p.birth.day, p.birth.month))
        born = f"{p.birth.year}-{day}-{month}"
        keys.add(f"b:{born}|{initial}")
        # A surname and a birth date are rarely shared by more than a family's twins. Every word of the name
        # is taken, given names too: a name typed in the other fields keeps these keys.
        keys.update(f"fb:{said}|{born}" for said in family + given)
        keys.add(f"bm:{p.birth.month}-{p.birth.day}|{given[0][:2] if given else ''}")
    if given:
        keys.add(f"g:{'|'.join(given)}|{family[0][:3] if family else ''}")
    if len(given) + len(family) >= 2:
        keys.add(f"w:{'|'.join(sorted(given + family))}")  # the same words in other fields
    if p.phone:
        keys.add(f"p:{p.phone}")
    if p.document:
        keys.add(f"d:{p.document}")
    if p.email:
        keys.add(f"e:{p.email}")
    return keys


def candidate_pairs(profiles: list[Profile], threshold: float = THRESHOLD) -> dict[tuple[int, int], Match]:
    """Every pair of `profiles` scoring at least `threshold`, keyed by (lower pk, higher pk)."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, profile in enumerate(profiles):
        for key in blocking_keys(profile):
            blocks[key].append(index)
    seen: set[int] = set()
    size = len(profiles)
    found: dict[tuple[int, int], Match] = {}
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for position, i in enumerate(members):
            a = profiles[i]
            for j in members[position + 1:]:
                pair_key = i * size + j if i < j else j * size + i
                if pair_key in seen:
                    continue
                seen.add(pair_key)
                b = profiles[j]
                match = score_pair(a, b, threshold)
                if match is not None:
                    found[(a.pk, b.pk) if a.pk < b.pk else (b.pk, a.pk)] = match
    return found


@dataclass
class ScanResult:
    people: int
    found: int
    created: int
    updated: int
    removed: int
    seconds: float


def load_profiles(people) -> list[Profile]:
    return [Profile.of(*row) for row in people.values_list(*PROFILE_FIELDS).iterator(chunk_size=5000)]


def scan(center=None, *, threshold: float = THRESHOLD) -> ScanResult:
    """Find and store the possible duplicates of `center`'s active people, or of the whole network
    (`center=None`, also across centers). Idempotent: a pair is stored once; its score and reasons
    are refreshed while it is open; a pair decided (distinct, merged) is never reopened; an open pair
    no longer found (someone corrected a record) is dropped."""
    started = time.monotonic()
    people = Participant.objects.active()
    if center is not None:
        people = people.filter(center=center)
    profiles = load_profiles(people)
    centers = {p.pk: p.center_id for p in profiles}
    found = candidate_pairs(profiles, threshold)
    now = timezone.now()
    scope = DuplicatePair.objects.all()
    if center is not None:
        scope = scope.filter(first_center=center, second_center=center)
    created = updated = 0
    with transaction.atomic():
        existing = {(first, second): (pk, status, score, reasons) for pk, first, second, status, score, reasons
                    in scope.values_list("pk", "first_id", "second_id", "status", "score", "reasons")}
        # Pairs decided under another scope (a center's pair during a network scan) are in `scope` too,
        # except cross-center ones during a center scan, which that scan cannot find anyway.
        to_create, to_update = [], []
        for (first, second), match in found.items():
            known = existing.get((first, second))
            if known is None:
                to_create.append(DuplicatePair(
                    first_id=first, second_id=second, first_center_id=centers[first],
                    second_center_id=centers[second], score=match.score, reasons=match.reasons, found_at=now,
                    scanned_at=now,
                ))
            elif known[1] == DuplicatePair.Status.OPEN and (known[2] != match.score or known[3] != match.reasons):
                to_update.append(DuplicatePair(pk=known[0], score=match.score, reasons=match.reasons, scanned_at=now))
        DuplicatePair.objects.bulk_create(to_create, batch_size=1000, ignore_conflicts=True)
        DuplicatePair.objects.bulk_update(to_update, ["score", "reasons", "scanned_at"], batch_size=1000)
        created, updated = len(to_create), len(to_update)
        stale = [pk for key, (pk, status, _s, _r) in existing.items()
                 if status == DuplicatePair.Status.OPEN and key not in found
                 and key[0] in centers and key[1] in centers]
        removed = 0
        for start in range(0, len(stale), 1000):
            removed += DuplicatePair.objects.filter(pk__in=stale[start:start + 1000]).delete()[0]
    return ScanResult(len(profiles), len(found), created, updated, removed, time.monotonic() - started)


def open_pairs(center):
    """The center's own open pairs (both records active), best first."""
    return DuplicatePair.objects.filter(
        first_center=center, second_center=center, status=DuplicatePair.Status.OPEN,
        first__is_active=True, second__is_active=True,
    )


def cross_center_flags(center):
    """Open cross-center pairs involving `center` that the network coordinator sent to both centers."""
    return DuplicatePair.objects.filter(
        Q(first_center=center) | Q(second_center=center), status=DuplicatePair.Status.OPEN,
        notified_at__isnull=False, first__is_active=True, second__is_active=True,
    ).exclude(first_center=F("second_center"))


def network_pairs():
    """Open pairs across two centers, for the network coordinator."""
    return DuplicatePair.objects.filter(
        status=DuplicatePair.Status.OPEN, first__is_active=True, second__is_active=True,
    ).exclude(first_center=F("second_center"))


@lru_cache(maxsize=50_000)
def _profile_of(values: tuple) -> Profile:
    """The profile of a record's `PROFILE_FIELDS` values, folded once: an import checks row after row
    against largely the same candidates."""
    return Profile.of(*values)


def registration_candidates(center, data: dict, limit: int = 5) -> list[tuple[Participant, Match]]:
    """People of `center` who may be the person about to be registered from `data`, best first."""
    new = Profile.of(**{name: data.get(name) or default for name, default in (
        ("given_names", ""), ("family_names", ""), ("birth_date", None), ("birth_date_estimated", False),
        ("sex", ""), ("phone", ""), ("document_number", ""), ("email", ""))})
    people = Participant.objects.active().in_center(center)
    condition = Q(pk__in=[])
    # A nickname finds its formal names too: "Pepe" looks for "jose".
    given = {part for word in new.given for name in formal_names(word) for part in name.split()}
    for word in sorted(set(new.family) | given):
        if len(word) >= 3:
            condition |= Q(search_text__contains=word[:4])
    if new.birth:
        condition |= Q(birth_date=new.birth)
        if new.birth.day <= 12:
            with suppress(ValueError):
                condition |= Q(birth_date=new.birth.replace(day=new.birth.month, month=new.birth.day))
    # The same phone, document or email, found through their blind indexes (they are encrypted).
    condition |= Participant.by_identifier("phone", to_e164(data.get("phone") or "", center.country.code))
    condition |= Participant.by_identifier("document", data.get("document_number") or "")
    condition |= Participant.by_identifier("email", new.email)
    found = []
    # Scored from their profiles (an import checks thousands of rows against thousands of candidates);
    # only the few returned are loaded whole.
    for values in people.filter(condition).values_list(*PROFILE_FIELDS)[:2000]:
        other = _profile_of(values)
        # The same phone or document is worth a look even under another name (as it always was here); any
        # other look-alike must reach the threshold, so the scorer may give up on it early.
        kept_anyway = bool(new.phone and new.phone == other.phone or new.document and new.document == other.document)
        match = score_pair(new, other, 0.0 if kept_anyway else REGISTRATION_THRESHOLD)
        if match is not None and (kept_anyway or match.score >= REGISTRATION_THRESHOLD):
            found.append((other.pk, match))
    found.sort(key=lambda item: -item[1].score)
    found = found[:limit]
    loaded = Participant.objects.in_bulk([pk for pk, _match in found])
    return [(loaded[pk], match) for pk, match in found]
