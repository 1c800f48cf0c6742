"""Password checks that work offline, beside Django's own (length, common list, similarity, digits only).

Django's list of 20,000 common passwords catches `password123` but not the same word dressed up:
`Password2024!`, `C0ntr4seña#1`, `iloveyouiloveyou`. These are what people type when asked for twelve
characters, and what attackers try first. Nor does any of them reject a password that holds the user's
own name or username.
"""

import re
import unicodedata
from functools import cache

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Words Spanish speakers of the region use, and this platform's own, that Django's (English) list lacks.
REGIONAL_COMMON = frozenset({
    "contrasena", "contrasenia", "clave", "miclave", "claveclave", "teamo", "teamomucho", "tequiero", "amor",
    "amormio", "miamor", "familia", "felicidad", "dios", "diosesamor", "jesus", "jesucristo", "princesa",
    "mariposa", "corazon", "estrella", "futbol", "america", "colombia", "venezuela", "ecuador", "peru", "chile",
    "argentina", "bolivia", "mexico", "bogota", "medellin", "cali", "lima", "quito", "caracas", "millonarios",
    "nacional", "santafe", "barcelona", "realmadrid", "bienvenido", "bienvenida", "hola", "holahola", "holamundo",
    "abcdefg", "qwertyuiop", "asdfghjkl", "administrador", "admin", "usuario", "integrhabitat", "centro",
    "comunidad", "migrante", "refugiado", "trabajo", "oficina", "secreto", "cambiame", "cambiar", "nuevaclave",
})
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
_EDGES = re.compile(r"^[^a-z]+|[^a-z]+$")
_NOT_LETTERS = re.compile(r"[^a-z0-9]+")


def _plain(text: str) -> str:
    """Lower case, without accents or spaces: `José María` → `josemaria`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _NOT_LETTERS.sub("", "".join(c for c in decomposed if not unicodedata.combining(c)))


@cache
def _common_words() -> frozenset[str]:
    return frozenset(CommonPasswordValidator().passwords) | REGIONAL_COMMON


def _core(password: str) -> str:
    """The word under the disguise: digits and symbols at both ends dropped, look-alike digits read as
    letters. `P@ssw0rd2024!` → `password`."""
    lowered = unicodedata.normalize("NFKD", password.casefold())
    lowered = "".join(c for c in lowered if not unicodedata.combining(c))
    stripped = _EDGES.sub("", lowered)
    return _NOT_LETTERS.sub("", stripped.translate(_LEET))


def _repeats_a_word(core: str, words: frozenset[str]) -> bool:
    """`iloveyouiloveyou`, `hola hola hola`: a common word said again and again."""
    for size in range(3, len(core) // 2 + 1):
        if len(core) % size == 0 and core[:size] * (len(core) // size) == core and core[:size] in words:
            return True
    return False


class CommonPasswordVariantValidator:
    """Refuse a common password behind capitals, look-alike digits, a year or symbols, or said twice."""

    def validate(self, password: str, user=None) -> None:
        words = _common_words()
        core = _core(password)
        if _plain(password) in words or core in words or _repeats_a_word(core, words):
            raise ValidationError(
                _("This password is a common one with a few changes: it is among the first that attackers try."),
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return _("Your password cannot be a common password with a few changes (capitals, a year, symbols).")


class PersonalDataValidator:
    """Refuse a password that holds the user's username, a name or the first part of their email address:
    whoever knows them can guess it. Parts shorter than four letters are too common to refuse."""

    MIN_PART = 4

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        plain = _plain(password)
        leet = _plain(password.translate(_LEET))
        for part in self._parts(user):
            if part in plain or part in leet:
                raise ValidationError(
                    _("Your password cannot contain your username, your name or your email address."),
                    code="password_has_personal_data",
                )

    def _parts(self, user) -> set[str]:
        email = getattr(user, "email", "") or ""
        texts = [getattr(user, "username", "") or "", email.partition("@")[0]]
        for name in (getattr(user, "first_name", ""), getattr(user, "last_name", "")):
            texts.extend((name or "").split())
        texts.extend(re.split(r"[._\-+]", email.partition("@")[0]))
        texts.extend(re.split(r"[._\-+]", getattr(user, "username", "") or ""))
        return {plain for plain in map(_plain, texts) if len(plain) >= self.MIN_PART}

    def get_help_text(self) -> str:
        return _("Your password cannot contain your username, your name or your email address.")
