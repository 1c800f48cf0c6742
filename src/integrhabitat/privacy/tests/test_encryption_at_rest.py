"""What a stolen copy of the database shows, and key rotation (lib/crypto.py, privacy/keys.py).

The database is read as a thief would read it: every text column of every table, in raw SQL, without the
platform's keys. A person with a full history (case notes, referrals, feedback, a data request, a merge, a
portal code) must not be found there by her phone, email or document number, nor by what staff wrote about
her; what the threat model in the README says stays readable (names, coded answers) does.
"""

from io import StringIO

import pytest
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from integrhabitat.cases.models import Note
from integrhabitat.lib.crypto import TOKEN_PREFIX, keys_in_use
from integrhabitat.people.models import Participant
from integrhabitat.people.search import search
from integrhabitat.portal.services import people_at
from integrhabitat.privacy.keys import encrypted_models
from integrhabitat.privacy.tests.rights_support import DOCUMENT, EMAIL, full_history

# Identifiers and what staff wrote about her in the history.
SECRETS = {
    "phone": "987 6543", "phone digits": "9876543", "email": EMAIL, "document": DOCUMENT,
    "confidential note": "teme a su expareja", "case summary": "llegó sin documentos",
    "assessment": "vive con Mario", "referral reason": "Salud para Yolima", "referral answer": "Recibimos a Yolima",
    "complaint": "me atendieron tarde", "data request": "pide borrar sus datos", "goal": "Vivienda para Yolima",
    "follow-up": "consiguió cupo", "closure": "se mudó",
}
# Free text the platform does not encrypt: a co-creation meeting's minutes are the community's record (the
# history's minutes name her phone, as a facilitator might).
CLEAR_BY_DESIGN = {("cocreation_meeting", "minutes")}

KEY_A, KEY_B = "a" * 43 + "=", "b" * 43 + "="
INDEX_A, INDEX_B = "index key A " * 4, "index key B " * 4


def raw_texts():
    """(table, column, value) of every non-empty text column of every table, read without the ORM's fields."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
            cursor.execute(f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, str) and value:
                        yield table, column, value
                    elif isinstance(value, bytes | memoryview):
                        yield table, column, bytes(value).decode("utf-8", "ignore")
                    elif isinstance(value, dict | list):  # PostgreSQL's jsonb, decoded by the driver
                        yield table, column, str(value)


def places_of(secrets: dict[str, str]) -> dict[str, set[tuple[str, str]]]:
    found = {name: set() for name in secrets}
    for table, column, value in raw_texts():
        for name, secret in secrets.items():
            if secret.casefold() in value.casefold():
                found[name].add((table, column))
    return found


@pytest.fixture
def history(world):
    return full_history(world)


def test_a_stolen_database_shows_no_identifier_nor_what_staff_wrote_about_a_person(world, history):
    places = places_of(SECRETS)

    # Only the co-creation minutes, which are not encrypted, show her phone; nothing else shows anything.
    assert places.pop("phone") == CLEAR_BY_DESIGN and places.pop("phone digits") == set()
    assert places == {name: set() for name in places}


def test_the_platform_still_reads_all_of_it_and_the_names_and_coded_answers_stay_in_clear(world, history):
    person = Participant.objects.get(pk=history.person.pk)
    assert (person.phone, person.email, person.document_number) == ("+57 311 987 6543", EMAIL, DOCUMENT)
    assert "teme a su expareja" in Note.objects.get(case=history.case).body
    # The threat model's other half: names, dates and coded answers are readable in a stolen copy.
    places = places_of({"name": "Quintero Zambrano"})
    assert ("people_participant", "family_names") in places["name"]
    assert Participant.objects.filter(pk=person.pk, mobility_status=person.mobility_status).exists()


def test_every_encrypted_column_holds_tokens_only(world, history):
    quote = connection.ops.quote_name
    checked = 0
    with connection.cursor() as cursor:
        for model, _fields in encrypted_models():
            for field in model._meta.concrete_fields:
                if field.name not in _fields or field.name in getattr(model, "DERIVED_FIELDS", ()):
                    continue
                cursor.execute(f"SELECT {quote(field.column)} FROM {quote(model._meta.db_table)} "  # noqa: S608
                               f"WHERE {quote(field.column)} <> ''")
                values = [value for (value,) in cursor.fetchall()]
                assert all(value.startswith(TOKEN_PREFIX) for value in values), (model, field.name)
                checked += len(values)
    assert checked >= 20


def test_rotating_the_keys_leaves_everything_readable_and_findable_with_the_new_keys_only(world, settings):
    # The world was written with the development keys: first everything moves to key A.
    development = keys_in_use()
    settings.FIELD_KEYS = f"{KEY_A},{development['INTEGRHABITAT_FIELD_KEYS']}"
    settings.INDEX_KEYS = f"{INDEX_A},{development['INTEGRHABITAT_INDEX_KEYS']}"
    history = full_history(world)
    call_command("rotate_keys", stdout=StringIO())
    settings.FIELD_KEYS, settings.INDEX_KEYS = KEY_A, INDEX_A
    before = {(table, column, value) for table, column, value in raw_texts() if value.startswith(TOKEN_PREFIX)}

    settings.FIELD_KEYS, settings.INDEX_KEYS = KEY_B, INDEX_B
    with pytest.raises(ImproperlyConfigured, match="INTEGRHABITAT_FIELD_KEYS"):
        Participant.objects.get(pk=history.person.pk)  # the new key alone opens nothing yet

    settings.FIELD_KEYS, settings.INDEX_KEYS = f"{KEY_B},{KEY_A}", f"{INDEX_B},{INDEX_A}"
    center = history.person.center
    assert people_at(center, "+573119876543")  # while rotating: found under the old index key
    call_command("rotate_keys", batch_size=3, stdout=StringIO())

    settings.FIELD_KEYS, settings.INDEX_KEYS = KEY_B, INDEX_B
    after = {(table, column, value) for table, column, value in raw_texts() if value.startswith(TOKEN_PREFIX)}
    assert before and not before & after  # every token written again
    for model, _fields in encrypted_models():
        list(model._base_manager.all())  # every row opens with the new key alone
    person = Participant.objects.get(pk=history.person.pk)
    assert person.document_number == DOCUMENT
    assert [p.pk for p in people_at(center, "+573119876543")] == [person.pk]
    assert person.pk in search(Participant.objects.in_center(center), DOCUMENT, country=center.country.code)
    assert "teme a su expareja" in Note.objects.get(case=history.case).body


def test_a_lookup_that_would_compare_tokens_is_refused():
    for condition in ({"phone": "3001234567"}, {"email__iexact": "a@b.co"}, {"document_number__contains": "12"}):
        with pytest.raises(FieldError):
            Participant.objects.filter(**condition)
    assert str(Participant.objects.filter(phone="").query)  # blank or not stays a question one can ask
