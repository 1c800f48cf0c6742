"""The backup file (`.ihbk`): an encrypted, authenticated stream of frames, written and read in chunks.

Layout: a preamble in the clear (MAGIC, the format version, a random salt, a key check), then frames
`kind (1 byte) | length (4 bytes, big-endian) | AES-256-GCM ciphertext`, in this order: one header (JSON),
the uploaded files (a tar stream), the database (the vendor's own copy or dump) and one end frame (JSON).

Each file is encrypted with its own key, derived with HKDF from INTEGRHABITAT_BACKUP_KEY (a Fernet key) and the
salt. Frame number n uses n as its nonce and authenticates the preamble and its kind, so a frame cannot be
altered, moved, dropped, or taken from another file; a file cut short lacks its end frame. The key check (also
derived from the key and salt) tells a wrong key apart from a damaged file. No frame holds more than CHUNK
bytes of plaintext: neither writing nor reading holds a multi-gigabyte dump in memory.
"""

import base64
import hmac
import io
import json
import os
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.utils.translation import gettext as _

from integrhabitat.lib.crypto import MAKE_A_KEY
from integrhabitat.lib.errors import Refused

MAGIC = b"IHBK\r\n\x1a\n"  # the \r\n and \x1a reveal a copy mangled as text
FORMAT_VERSION = 1
SALT_BYTES = 16
CHECK_BYTES = 32
PREAMBLE_BYTES = len(MAGIC) + 1 + SALT_BYTES + CHECK_BYTES
CHUNK = 1024 * 1024  # plaintext bytes per frame
TAG_BYTES = 16
HEADER, MEDIA, DATABASE, END = b"H", b"M", b"D", b"E"
ORDER = {HEADER: 0, MEDIA: 1, DATABASE: 2, END: 3}
KDF_INFO = b"integrhabitat backup v1: aes-256-gcm key and key check"



class BackupRefused(Refused):
    """A backup or restore that cannot go ahead; `message` says why and what to do."""


class WrongKey(BackupRefused):
    pass


class Damaged(BackupRefused):
    """Truncated, altered or not a backup at all."""


def backup_keys() -> list[bytes]:
    """The keys in INTEGRHABITAT_BACKUP_KEY: one Fernet key, or several separated by commas (the first encrypts
    new backups; every one is tried on restore, so that keys can be rotated). Refused when unset or malformed."""
    values = [value.strip() for value in settings.BACKUP_KEY.split(",") if value.strip()]
    if not values:
        raise BackupRefused(_(
            "INTEGRHABITAT_BACKUP_KEY is not set. Backups are encrypted with that key: make one with\n"
            "    %(command)s\n"
            "set it in the environment of IntegrHabitat, and keep a copy somewhere safe away from the backups "
            "(without the key no backup can be restored).") % {"command": MAKE_A_KEY})
    keys = []
    for number, value in enumerate(values, start=1):
        try:
            Fernet(value)
        except (ValueError, TypeError):
            raise BackupRefused(_(
                "Key %(number)s of INTEGRHABITAT_BACKUP_KEY is not a valid key (32 bytes in URL-safe base64). "
                "Make one with\n    %(command)s") % {"number": number, "command": MAKE_A_KEY}) from None
        keys.append(base64.urlsafe_b64decode(value))
    return keys


def _derive(key: bytes, salt: bytes) -> tuple[AESGCM, bytes]:
    material = HKDF(algorithm=hashes.SHA256(), length=32 + CHECK_BYTES, salt=salt, info=KDF_INFO).derive(key)
    return AESGCM(material[:32]), material[32:]


def _nonce(number: int) -> bytes:
    return number.to_bytes(12, "big")


def truncated() -> Damaged:
    return Damaged(_("The backup is incomplete: it ends before its last part, so it was cut short while being "
                     "written or copied. Use another backup."))


def altered(number: int) -> Damaged:
    return Damaged(_("The backup is damaged or was altered (part %(number)s does not check out). "
                     "Use another backup.") % {"number": number})


class ArchiveWriter:
    """Writes a backup file to `out`: `header()`, then `section(MEDIA)` and `section(DATABASE)` streams in that
    order, then `finish()`."""

    def __init__(self, out: BinaryIO, key: bytes):
        salt = os.urandom(SALT_BYTES)
        self._aead, check = _derive(key, salt)
        self._preamble = MAGIC + bytes([FORMAT_VERSION]) + salt + check
        self._out = out
        self._count = 0
        self._last = -1
        self.sizes = {MEDIA: 0, DATABASE: 0}
        out.write(self._preamble)

    def _frame(self, kind: bytes, data: bytes) -> None:
        if ORDER[kind] < self._last or (kind in (HEADER, END) and ORDER[kind] == self._last):
            raise ValueError(f"frame {kind!r} out of order")
        self._last = ORDER[kind]
        sealed = self._aead.encrypt(_nonce(self._count), data, self._preamble + kind)
        self._out.write(kind + len(sealed).to_bytes(4, "big") + sealed)
        self._count += 1
        if kind in self.sizes:
            self.sizes[kind] += len(data)

    def header(self, header: dict) -> None:
        self._frame(HEADER, json.dumps(header, sort_keys=True).encode())

    def section(self, kind: bytes) -> "SectionWriter":
        return SectionWriter(self, kind)

    def finish(self, totals: dict) -> None:
        self._frame(END, json.dumps({**totals, "media_bytes": self.sizes[MEDIA],
                                     "database_bytes": self.sizes[DATABASE]}, sort_keys=True).encode())


class SectionWriter(io.RawIOBase):
    """A writable stream that cuts what it is given into frames of one kind (CHUNK bytes each)."""

    def __init__(self, archive: ArchiveWriter, kind: bytes):
        self._archive, self._kind, self._buffer = archive, kind, bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        while len(self._buffer) >= CHUNK:
            self._archive._frame(self._kind, bytes(self._buffer[:CHUNK]))
            del self._buffer[:CHUNK]
        return len(data)

    def close(self) -> None:
        if not self.closed and self._buffer:
            self._archive._frame(self._kind, bytes(self._buffer))
            self._buffer.clear()
        super().close()


class ArchiveReader:
    """Reads a backup file: `header` on opening, then `section(MEDIA)` and `section(DATABASE)` streams in that
    order (or `frames()` for everything), then `finish()`, which returns the end frame. Every frame is
    authenticated before any of it is returned."""

    def __init__(self, file: BinaryIO, keys: list[bytes]):
        self._file = file
        preamble = file.read(PREAMBLE_BYTES)
        if not preamble.startswith(MAGIC[: len(preamble)]) or len(preamble) <= len(MAGIC):
            raise Damaged(_("This file is not an IntegrHabitat backup."))
        if preamble[len(MAGIC)] != FORMAT_VERSION:
            raise BackupRefused(_("This backup has format version %(found)s; this version of IntegrHabitat reads "
                                  "version %(known)s. Restore it with the version that made it.")
                                % {"found": preamble[len(MAGIC)], "known": FORMAT_VERSION})
        if len(preamble) < PREAMBLE_BYTES:
            raise truncated()
        salt, check = preamble[len(MAGIC) + 1: -CHECK_BYTES], preamble[-CHECK_BYTES:]
        for key in keys:
            aead, expected = _derive(key, salt)
            if hmac.compare_digest(expected, check):
                break
        else:
            raise WrongKey(_("This backup was encrypted with another key: INTEGRHABITAT_BACKUP_KEY does not open "
                             "it. Set the key that was in use when the backup was made (several keys may be "
                             "given, separated by commas)."))
        self._aead, self._preamble = aead, preamble
        self._count, self._last = 0, -1
        self._pending: tuple[bytes, bytes] | None = None
        self.sizes = {MEDIA: 0, DATABASE: 0}
        kind, data = self._next()
        if kind != HEADER:
            raise altered(0)
        self.header = json.loads(data)

    def _read(self, size: int) -> bytes:
        data = self._file.read(size)
        while data and len(data) < size:
            more = self._file.read(size - len(data))
            if not more:
                break
            data += more
        return data

    def _next(self) -> tuple[bytes, bytes]:
        if self._pending is not None:
            frame, self._pending = self._pending, None
            return frame
        number = self._count + 1
        head = self._read(5)
        if len(head) < 5:
            raise truncated()
        kind, length = head[:1], int.from_bytes(head[1:], "big")
        if kind not in ORDER or not TAG_BYTES <= length <= CHUNK + TAG_BYTES:
            raise altered(number)
        sealed = self._read(length)
        if len(sealed) < length:
            raise truncated()
        try:
            data = self._aead.decrypt(_nonce(self._count), sealed, self._preamble + kind)
        except InvalidTag:
            raise altered(number) from None
        if ORDER[kind] < self._last or (kind in (HEADER, END) and ORDER[kind] == self._last):
            raise altered(number)
        self._count, self._last = number, ORDER[kind]
        if kind in self.sizes:
            self.sizes[kind] += len(data)
        return kind, data

    def frames(self) -> Iterator[tuple[bytes, bytes]]:
        """The remaining frames, each authenticated, up to and including the end frame."""
        while True:
            kind, data = self._next()
            yield kind, data
            if kind == END:
                return

    def _next_of(self, kind: bytes) -> bytes | None:
        """The next frame's plaintext if it is of `kind`; else None, keeping that frame for later."""
        frame = self._next()
        if frame[0] == kind:
            return frame[1]
        self._pending = frame
        return None

    def section(self, kind: bytes) -> "SectionReader":
        return SectionReader(self, kind)

    def finish(self) -> dict:
        """Read up to the end frame (skipping what was not read) and check nothing follows it; its totals."""
        for kind, data in self.frames():
            if kind == END:
                end = json.loads(data)
                break
        if self._file.read(1):
            raise altered(self._count + 1)
        if (end.get("media_bytes"), end.get("database_bytes")) != (self.sizes[MEDIA], self.sizes[DATABASE]):
            raise altered(self._count)
        return end


class SectionReader(io.RawIOBase):
    """A readable stream over the consecutive frames of one kind."""

    def __init__(self, archive: ArchiveReader, kind: bytes):
        self._archive, self._kind = archive, kind
        self._buffer, self._position, self._done = memoryview(b""), 0, False

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while self._position >= len(self._buffer):
            if self._done:
                return 0
            data = self._archive._next_of(self._kind)
            if data is None:
                self._done = True
                return 0
            self._buffer, self._position = memoryview(data), 0
        size = min(len(target), len(self._buffer) - self._position)
        target[:size] = self._buffer[self._position: self._position + size]
        self._position += size
        return size

    def drain(self) -> None:
        """Skip what is left of the section (a tar reader stops before the padding at its end)."""
        while self.read(CHUNK):
            pass
