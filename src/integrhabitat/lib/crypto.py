"""Field-level encryption of what is written about people, and blind indexes to find it again.

What staff write about a person (case notes, referral reasons, feedback messages…) and the identifiers that
reach them (phone, email, document number) are stored as Fernet tokens (AES-128-CBC with HMAC-SHA256, from
`cryptography`): a copy of the database or of a backup shows them only to whoever also holds the keys.

- **Keys**: INTEGRHABITAT_FIELD_KEYS, one Fernet key or several separated by commas. The first encrypts, every
  one decrypts: to rotate, put a new key first, run `integrhabitat rotate_keys` (it encrypts everything again
  with the first key), then drop the old one.
- **Blind indexes**: where the platform must find a person by an identifier (a document number for duplicates
  and imports, a phone or an email for the portal), a keyed hash of the normalized value is stored beside the
  token: HMAC-SHA256 with INTEGRHABITAT_INDEX_KEYS (several allowed, the first writes, all are looked up, so
  that `rotate_keys` can move to a new one while the platform runs), labelled by purpose and cut to 128 bits.
  Equal values give equal hashes; without the key nobody can compute the hash of a guess.
- Without those variables, keys are derived from SECRET_KEY (development, tests, `make demo`); `integrhabitat
  serve` refuses to start without them, so that production never depends on a key also used for sessions.

Encrypted fields answer only `isnull` and `= ""` (blank or not) in queries: any other comparison would silently
compare tokens, so it raises instead. Find people by identifier through their blind index.
"""

import base64
import hashlib
import hmac
import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django import forms
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.lookups import Exact, IsNull

MAKE_A_KEY = 'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - every Fernet token: version byte 0x80 and a timestamp that fits in 40 bits
INDEX_LENGTH = 32  # hex characters of a blind index: 128 bits


def _split(raw: str) -> list[str]:
    return [value.strip() for value in raw.split(",") if value.strip()]


def _derived(label: bytes) -> str:
    """A development key: derived from SECRET_KEY, used only when the environment names none."""
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(settings.SECRET_KEY.encode())
    return base64.urlsafe_b64encode(key).decode()


def keys_configured() -> bool:
    """Whether both kinds of keys come from the environment (`serve` refuses to start otherwise)."""
    return bool(_split(settings.FIELD_KEYS) and _split(settings.INDEX_KEYS))


def keys_in_use() -> dict[str, str]:
    """The keys this process encrypts and indexes with, as environment variables: for another process (the
    load test's server) that must read the same data whatever SECRET_KEY it is given."""
    return {"INTEGRHABITAT_FIELD_KEYS": settings.FIELD_KEYS or _derived(b"integrhabitat field key v1"),
            "INTEGRHABITAT_INDEX_KEYS": settings.INDEX_KEYS or _derived(b"integrhabitat blind index key v1")}


@lru_cache(maxsize=4)
def _fernet(raw: str, secret: str) -> MultiFernet:
    fernets = []
    for number, value in enumerate(_split(raw) or [_derived(b"integrhabitat field key v1")], start=1):
        try:
            fernets.append(Fernet(value))
        except (ValueError, TypeError):
            raise ImproperlyConfigured(
                f"Key {number} of INTEGRHABITAT_FIELD_KEYS is not a valid key (32 bytes in URL-safe base64). "
                f"Make one with\n    {MAKE_A_KEY}") from None
    return MultiFernet(fernets)


@lru_cache(maxsize=4)
def _index_keys(raw: str, secret: str) -> tuple[bytes, ...]:
    values = _split(raw) or [_derived(b"integrhabitat blind index key v1")]
    for number, value in enumerate(values, start=1):
        if len(value) < 32:
            raise ImproperlyConfigured(
                f"Key {number} of INTEGRHABITAT_INDEX_KEYS is too short: use 32 random characters or more, "
                f"for example the output of\n    {MAKE_A_KEY}")
    return tuple(value.encode() for value in values)


def fernet() -> MultiFernet:
    return _fernet(settings.FIELD_KEYS, settings.SECRET_KEY)


def encrypt(text: str) -> str:
    """`text` as a token; "" stays "" (a blank field is not a secret, and stays findable as blank)."""
    return fernet().encrypt(text.encode()).decode() if text else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "A value in the database does not open with INTEGRHABITAT_FIELD_KEYS: the key it was encrypted "
            "with is missing from that list (or the value was altered).") from None


def reencrypt(token: str) -> str:
    """`token` encrypted again with the first key (what `rotate_keys` does to every value)."""
    return fernet().rotate(token.encode()).decode() if token else ""


def _hash(key: bytes, purpose: str, value: str) -> str:
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()[:INDEX_LENGTH]


def blind_index(purpose: str, value: str) -> str:
    """The keyed hash that stands for `value` (already normalized) in equality lookups; "" for "".
    `purpose` ("phone", "email", "document"…) keeps equal values of different kinds apart."""
    if not value:
        return ""
    return _hash(_index_keys(settings.INDEX_KEYS, settings.SECRET_KEY)[0], purpose, value)


def blind_indexes(purpose: str, value: str) -> list[str]:
    """Every hash `value` may be stored under while index keys rotate: look up with `__in`."""
    if not value:
        return []
    return [_hash(key, purpose, value) for key in _index_keys(settings.INDEX_KEYS, settings.SECRET_KEY)]


def destination_key(destination: str) -> str:
    """What stands for a phone in E.164 or a lower-cased email where only equality matters and nothing is sent
    (the portal's codes and wrong tries): its blind index under the current key."""
    return blind_index("destination", destination)


# --- Model fields ------------------------------------------------------------------------------------------

class _BlankOnlyExact(Exact):
    def __init__(self, lhs, rhs):
        if rhs not in ("", None):
            raise FieldError(f"{lhs.target.name} is encrypted: it can be compared only with \"\"; "
                             "find a value through its blind index.")
        super().__init__(lhs, rhs)


class EncryptedMixin:
    """Stored as a token in a text column; read and written as plain text by the rest of the code."""

    def get_internal_type(self) -> str:
        return "TextField"

    def from_db_value(self, value, expression, connection):
        return value if value is None else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value is None else encrypt(str(value))

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return IsNull
        if lookup_name == "exact":
            return _BlankOnlyExact
        return None

    def get_transform(self, lookup_name):
        return None


class EncryptedCharField(EncryptedMixin, models.CharField):
    """A one-line text (a phone, a document number): `max_length` bounds what is typed, not the token."""


class EncryptedEmailField(EncryptedMixin, models.EmailField):
    pass


class EncryptedTextField(EncryptedMixin, models.TextField):
    pass


class EncryptedJSONField(models.TextField):
    """A JSON value (a snapshot of a record, the cells an import left out) stored as one token."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else json.loads(decrypt(value))

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        return None if value is None else encrypt(json.dumps(value, cls=DjangoJSONEncoder))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj), cls=DjangoJSONEncoder)

    def get_lookup(self, lookup_name):
        return IsNull if lookup_name == "isnull" else None

    def get_transform(self, lookup_name):
        return None

    def formfield(self, **kwargs):
        return forms.JSONField(**kwargs)


ENCRYPTED_FIELDS = (EncryptedMixin, EncryptedJSONField)


def encrypted_fields(model) -> list[str]:
    """The column names of `model` holding tokens."""
    return [field.column for field in model._meta.concrete_fields if isinstance(field, ENCRYPTED_FIELDS)]


# --- Migrations --------------------------------------------------------------------------------------------

def _convert_columns(schema_editor, table: str, columns: list[str], convert) -> None:
    """Apply `convert` to every non-blank value of `columns` of `table`, in place, with plain SQL (a migration's
    historical models would decrypt what is not encrypted yet)."""
    quote = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        # Names from the migration's own code, quoted; values as parameters.
        cursor.execute(f"SELECT id, {', '.join(quote(c) for c in columns)} FROM {quote(table)}")  # noqa: S608
        rows = cursor.fetchall()
        for pk, *values in rows:
            changed = {column: convert(value) for column, value in zip(columns, values, strict=True) if value}
            changed = {column: value for column, value in changed.items() if value is not None}
            if changed:
                assignments = ", ".join(f"{quote(column)} = %s" for column in changed)
                cursor.execute(f"UPDATE {quote(table)} SET {assignments} WHERE id = %s",  # noqa: S608
                               [*changed.values(), pk])


def encrypt_columns(table: str, *columns: str):
    """A migration operation's function: encrypt the values of `columns` not encrypted yet."""
    def forwards(apps, schema_editor):
        _convert_columns(schema_editor, table, list(columns),
                         lambda value: None if value.startswith(TOKEN_PREFIX) else encrypt(value))
    return forwards


def decrypt_columns(table: str, *columns: str):
    """The reverse of `encrypt_columns`."""
    def backwards(apps, schema_editor):
        _convert_columns(schema_editor, table, list(columns),
                         lambda value: decrypt(value) if value.startswith(TOKEN_PREFIX) else None)
    return backwards
