"""A full name written in one cell, split into given names and surnames.

Spanish and Portuguese speakers of the region carry one or two given names and, usually, two surnames
(the father's first, then the mother's): "Ana María Pérez Gómez". A surname may open with a particle
that belongs to it ("de la Cruz", "del Río", "dos Santos"), and so may a given name ("María de los
Ángeles"). Lists also write the surnames first ("PÉREZ GÓMEZ ANA MARÍA"), or with a comma
("Pérez Gómez, Ana María"), which settles it. A name that opens with a word not commonly given and
ends with one that is, is read surnames first.

The split counts the name's parts (a particle joins the word after it) and keeps the last two as
surnames, the first ones as given names; with three parts, the middle one is a given name when it is one
commonly given and the last one is not ("Juan Carlos Pérez"), else a surname ("José Pérez Gómez"). Names
this gets wrong are shown in the import's preview, where the order can be changed; nothing here is
guessed silently.
"""

from integrhabitat.lib.text import fold
from integrhabitat.people.hypocorisms import HYPOCORISMS

PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "e", "da", "das", "do", "dos", "di", "van", "von",
                       "san", "santa"})
# Given names common in the region besides those the nickname table knows (`people.hypocorisms`).
COMMON_GIVEN = frozenset({
    "ana", "maria", "jose", "juan", "luis", "carlos", "jorge", "pedro", "pablo", "andres", "david", "daniel",
    "miguel", "angel", "antonio", "manuel", "alejandro", "alejandra", "andrea", "daniela", "valentina",
    "camila", "sofia", "isabel", "lucia", "paula", "laura", "carolina", "fernanda", "gabriela", "gabriel",
    "sebastian", "santiago", "mateo", "samuel", "diego", "felipe", "eduardo", "enrique", "alberto", "fernando",
    "elena", "teresa", "carmen", "rosa", "luz", "marina", "cristina", "patricia", "victoria", "esther",
    "jesus", "elizabeth", "yolanda", "milagros", "alexander", "alexandra", "jhon", "john", "yeison", "yuliana",
    "karen", "katherine", "natalia", "estefania", "stefany", "adriana", "beatriz", "veronica", "monica", "julia",
    "julio", "cesar", "ramon", "rafael", "ricardo", "roberto", "mario", "oscar", "victor", "hugo", "francisco",
    "eugenia", "emilia", "antonia", "josefina", "guadalupe", "del carmen", "de los angeles",
    "de jesus", "del pilar", "del rosario", "de fatima", "joao", "ana paula", "vitoria",
    # Frequent in Venezuela and Colombia's popular registers, often spelled as heard.
    "wilmer", "wilson", "alexis", "yorman", "jorman", "yeferson", "jeferson", "brayan", "bryan", "kevin", "jhonny",
    "yohan", "johan", "yonathan", "jonathan", "deivis", "darwin", "edwin", "freddy", "frank", "nelson",
    "yusmary", "yusleidy", "yesenia", "yessica", "jessica", "leidy", "deisy", "nayeli", "yamileth",
    "dayana", "yenny", "jenny", "yulimar", "mariangel", "maryuri", "keila", "genesis", "neymar", "dilan",
})
_GIVEN = COMMON_GIVEN | {part for names in HYPOCORISMS.values() for name in names for part in name.split()}


def _parts(words: list[str]) -> list[str]:
    """Words grouped so that particles stay with the word after them: "de la Cruz" is one part."""
    parts, waiting = [], []
    for word in words:
        if fold(word) in PARTICLES:
            waiting.append(word)
            continue
        parts.append(" ".join([*waiting, word]))
        waiting = []
    if waiting:  # a name ending on a particle: kept with the last part
        parts[-1:] = [" ".join([*(parts[-1:] or []), *waiting])]
    return parts


def _is_given(part: str) -> bool:
    return fold(part) in _GIVEN


def split_full_name(text: str, *, family_first: bool = False) -> tuple[str, str]:
    """`("Ana María", "Pérez Gómez")` from "Ana María Pérez Gómez"; with `family_first`, from
    "Pérez Gómez Ana María". A comma separates surnames (before it) from given names."""
    text = " ".join(text.split())
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return (given, family) if given else (family, "")
    parts = _parts(text.split())
    if not family_first and len(parts) >= 3 and not _is_given(parts[0]) and _is_given(parts[-1]):
        family_first = True  # "PÉREZ GÓMEZ ANA": a surname first, a given name last
    if family_first:
        parts = parts[::-1]
    count = len(parts)
    if count <= 1:
        given_count = count
    elif count == 2:
        given_count = 1
    elif count == 3:
        given_count = 2 if _is_given(parts[1]) and not _is_given(parts[2]) else 1
    else:
        given_count = count - 2
    given, family = parts[:given_count], parts[given_count:]
    if family_first:
        given, family = given[::-1], family[::-1]
    return " ".join(given), " ".join(family)
