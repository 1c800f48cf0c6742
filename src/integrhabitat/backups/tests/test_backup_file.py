"""The backup file: encrypted in chunks, every chunk authenticated with its place, so that a wrong key, a file cut
short and any change to it are told apart and refused before anything is restored."""

import base64
import io
import itertools

import pytest
from cryptography.fernet import Fernet
from django.utils import translation

from integrhabitat.backups import archive
from integrhabitat.backups.archive import (
    DATABASE,
    END,
    MEDIA,
    ArchiveReader,
    ArchiveWriter,
    BackupRefused,
    Damaged,
    WrongKey,
    backup_keys,
)

CHUNK = 64  # small frames, so that a few hundred bytes make many of them


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch):
    monkeypatch.setattr(archive, "CHUNK", CHUNK)


def written(key: bytes, *, media: bytes = b"m" * 150, database: bytes = bytes(range(256)) * 2) -> bytes:
    out = io.BytesIO()
    backup = ArchiveWriter(out, key)
    backup.header({"vendor": "sqlite", "tables": {"people_participant": 3}})
    with backup.section(MEDIA) as section:
        section.write(media)
    with backup.section(DATABASE) as section:
        for start in range(0, len(database), 100):  # written in pieces that do not match the frames
            section.write(database[start:start + 100])
    backup.finish({"media_files": 1})
    return out.getvalue()


def read(data: bytes, keys: list[bytes]) -> tuple[dict, bytes, bytes, dict]:
    backup = ArchiveReader(io.BytesIO(data), keys)
    media = backup.section(MEDIA).read()
    database = backup.section(DATABASE).read()
    return backup.header, media, database, backup.finish()


def frame_offsets(data: bytes) -> list[int]:
    """Where each frame starts (and where the file ends)."""
    offsets, position = [], archive.PREAMBLE_BYTES
    while position < len(data):
        offsets.append(position)
        position += 5 + int.from_bytes(data[position + 1: position + 5], "big")
    return [*offsets, len(data)]


def test_what_is_written_in_many_chunks_reads_back_whole(keys):
    data = written(keys[0])

    header, media, database, end = read(data, keys)

    assert header == {"vendor": "sqlite", "tables": {"people_participant": 3}}
    assert media == b"m" * 150
    assert database == bytes(range(256)) * 2
    assert end == {"media_files": 1, "media_bytes": 150, "database_bytes": 512}
    assert len(frame_offsets(data)) - 1 == 1 + 3 + 8 + 1  # header, media and database chunks, end
    assert b"people_participant" not in data  # the header is encrypted too


def test_a_file_written_with_another_key_is_refused_as_such(keys):
    data = written(base64.urlsafe_b64decode(Fernet.generate_key()))

    with translation.override("en"), pytest.raises(WrongKey, match="encrypted with another key"):
        read(data, keys)


def test_an_older_key_listed_after_the_current_one_still_opens_its_backups(settings, keys):
    old = Fernet.generate_key().decode()
    data = written(backup_keys()[0])
    settings.BACKUP_KEY = f"{old}, {settings.BACKUP_KEY}"

    assert read(data, backup_keys())[2] == bytes(range(256)) * 2


def test_a_file_cut_short_anywhere_is_refused_as_incomplete(keys):
    data = written(keys[0])
    # Every frame boundary (the end frame missing, and more), and the middle of every frame.
    offsets = frame_offsets(data)
    cuts = {archive.PREAMBLE_BYTES - 1, *offsets[:-1], *((a + b) // 2 for a, b in itertools.pairwise(offsets))}

    for cut in sorted(cuts):
        with translation.override("en"), pytest.raises(Damaged, match="incomplete"):
            read(data[:cut], keys)


def test_a_changed_byte_anywhere_is_refused(keys):
    data = written(keys[0])

    for position in range(len(archive.MAGIC), len(data)):
        changed = bytearray(data)
        changed[position] ^= 0x01
        with pytest.raises(BackupRefused):  # a changed salt or key check reads as another key
            read(bytes(changed), keys)


def test_a_changed_byte_in_a_chunk_names_that_chunk(keys):
    data = written(keys[0])
    changed = bytearray(data)
    changed[frame_offsets(data)[4] + 20] ^= 0x80  # in the database's first chunk: the fifth frame

    with translation.override("en"), pytest.raises(Damaged, match=r"damaged or was altered \(part 5 "):
        read(bytes(changed), keys)


def test_chunks_swapped_dropped_or_added_are_refused(keys):
    data = written(keys[0])
    offsets = frame_offsets(data)
    frames = [data[a:b] for a, b in itertools.pairwise(offsets)]
    preamble = data[: archive.PREAMBLE_BYTES]
    swapped = [*frames[:5], frames[6], frames[5], *frames[7:]]
    dropped = frames[:5] + frames[6:]
    doubled = frames[:6] + frames[5:]

    for frames_now in (swapped, dropped, doubled):
        with translation.override("en"), pytest.raises(Damaged, match="damaged or was altered"):
            read(preamble + b"".join(frames_now), keys)
    with translation.override("en"), pytest.raises(Damaged, match="damaged or was altered"):
        read(data + frames[-1], keys)  # anything after the end


def test_the_frames_of_another_backup_made_with_the_same_key_do_not_fit(keys):
    first, second = written(keys[0]), written(keys[0], database=b"x" * 512)
    offsets = frame_offsets(first)
    spliced = first[: offsets[5]] + second[offsets[5]: offsets[6]] + first[offsets[6]:]

    with pytest.raises(Damaged):
        read(spliced, keys)


def test_a_file_that_is_no_backup_and_a_newer_format_are_refused_with_their_reason(keys):
    newer = bytearray(written(keys[0]))
    newer[len(archive.MAGIC)] = 2

    with translation.override("en"):
        with pytest.raises(Damaged, match="not an IntegrHabitat backup"):
            read(b"SQLite format 3\x00" + bytes(100), keys)
        with pytest.raises(Damaged, match="not an IntegrHabitat backup"):
            read(b"", keys)
        with pytest.raises(BackupRefused, match="format version 2"):
            read(bytes(newer), keys)


def test_without_a_key_it_says_how_to_make_one(settings):
    settings.BACKUP_KEY = ""

    with pytest.raises(BackupRefused) as refusal:
        backup_keys()

    assert archive.MAKE_A_KEY in refusal.value.message
    assert "Fernet.generate_key().decode()" in archive.MAKE_A_KEY


def test_a_malformed_key_is_refused_with_how_to_make_one(settings):
    settings.BACKUP_KEY = "my-secret-password"

    with translation.override("en"), pytest.raises(BackupRefused, match="not a valid key") as refusal:
        backup_keys()

    assert archive.MAKE_A_KEY in refusal.value.message


def test_end_frame_kind_is_last_and_only_once(keys):
    out = io.BytesIO()
    backup = ArchiveWriter(out, keys[0])
    backup.header({})
    backup.finish({})

    with pytest.raises(ValueError, match="out of order"):
        backup.finish({})
    assert list(ArchiveReader(io.BytesIO(out.getvalue()), keys).frames())[-1][0] == END
