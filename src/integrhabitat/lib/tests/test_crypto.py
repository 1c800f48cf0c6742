"""Field-level encryption and blind indexes (lib/crypto.py)."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from integrhabitat.conftest import make_person
from integrhabitat.lib import crypto
from integrhabitat.people.models import Participant

KEY_A, KEY_B = "a" * 43 + "=", "b" * 43 + "="


def test_a_value_comes_back_and_the_same_value_never_gives_the_same_token(settings):
    settings.FIELD_KEYS = KEY_A
    first, second = crypto.encrypt("Relato confidencial"), crypto.encrypt("Relato confidencial")
    assert first != second and first.startswith(crypto.TOKEN_PREFIX)
    assert crypto.decrypt(first) == crypto.decrypt(second) == "Relato confidencial"
    assert crypto.encrypt("") == crypto.decrypt("") == ""  # blank stays blank, findable as blank


def test_older_keys_still_open_and_rotation_moves_a_token_to_the_first_key(settings):
    settings.FIELD_KEYS = KEY_A
    old = crypto.encrypt("3001234567")
    settings.FIELD_KEYS = f"{KEY_B},{KEY_A}"
    assert crypto.decrypt(old) == "3001234567"
    rotated = crypto.reencrypt(old)
    settings.FIELD_KEYS = KEY_B
    assert crypto.decrypt(rotated) == "3001234567"
    with pytest.raises(ImproperlyConfigured, match="INTEGRHABITAT_FIELD_KEYS"):
        crypto.decrypt(old)


def test_a_malformed_key_is_refused_with_how_to_make_one(settings):
    settings.FIELD_KEYS = "not-a-key"
    with pytest.raises(ImproperlyConfigured, match="Key 1 of INTEGRHABITAT_FIELD_KEYS"):
        crypto.encrypt("x")
    settings.INDEX_KEYS = "short"
    with pytest.raises(ImproperlyConfigured, match="Key 1 of INTEGRHABITAT_INDEX_KEYS is too short"):
        crypto.blind_index("phone", "+573001234567")


def test_a_blind_index_is_equal_for_equal_values_only_and_depends_on_key_and_purpose(settings):
    settings.INDEX_KEYS = "k" * 40
    phone = crypto.blind_index("phone", "+573001234567")
    assert phone == crypto.blind_index("phone", "+573001234567")
    assert len(phone) == crypto.INDEX_LENGTH and "3001234567" not in phone
    assert phone != crypto.blind_index("phone", "+573001234568")
    assert phone != crypto.blind_index("document", "+573001234567")
    assert crypto.blind_index("phone", "") == "" and crypto.blind_indexes("phone", "") == []
    settings.INDEX_KEYS = f"{'n' * 40},{'k' * 40}"
    assert crypto.blind_indexes("phone", "+573001234567") == [crypto.blind_index("phone", "+573001234567"), phone]
    assert crypto.blind_index("phone", "+573001234567") != phone


def test_keys_are_configured_only_when_the_environment_names_both(settings):
    settings.FIELD_KEYS, settings.INDEX_KEYS = "", ""
    assert not crypto.keys_configured()
    settings.FIELD_KEYS = KEY_A
    assert not crypto.keys_configured()
    settings.INDEX_KEYS = "i" * 40
    assert crypto.keys_configured()
    assert crypto.keys_in_use() == {"INTEGRHABITAT_FIELD_KEYS": KEY_A, "INTEGRHABITAT_INDEX_KEYS": "i" * 40}


def test_the_migration_helpers_encrypt_what_is_in_clear_once_and_can_undo_it(world):
    person = make_person(world.center_a, "Ana", "Clara", phone="300 555 0101")
    table = Participant._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET phone = %s WHERE id = %s", ["300 555 0101", person.pk])  # noqa: S608

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT phone FROM {table} WHERE id = %s", [person.pk])  # noqa: S608
            return cursor.fetchone()[0]

    editor = SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name)  # what they use of it
    crypto.encrypt_columns(table, "phone")(None, editor)
    once = raw()
    crypto.encrypt_columns(table, "phone")(None, editor)  # run twice (a migration re-run): unchanged
    assert raw() == once and once.startswith(crypto.TOKEN_PREFIX)
    assert Participant.objects.get(pk=person.pk).phone == "300 555 0101"
    crypto.decrypt_columns(table, "phone")(None, editor)
    assert raw() == "300 555 0101"
