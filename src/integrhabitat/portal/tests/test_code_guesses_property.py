"""Property: whatever spellings of a person's number or email someone types (formats, prefixes, spaces,
country codes, emails in other cases), in whatever order, codes are checked for that person at most
`PORTAL_WRONG_CODES_PER_HOUR` times an hour; after that not even the right code opens."""

import tempfile
from contextlib import suppress
from pathlib import Path

from django.db import transaction
from hypothesis import HealthCheck, event, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from integrhabitat.lib.errors import Refused
from integrhabitat.portal import services
from integrhabitat.portal.services import CodeNotRight, destination_of, people_at, request_code, verify_code

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "integrhabitat-hypothesis")

LIMIT = 3
RIGHT, WRONG = "123456", "654321"
EMAIL = "jose.perez@example.org"

blanks = st.text(" \t", max_size=2)
phone_spellings = st.builds(
    lambda before, prefix, groups, separator, after: before + prefix + separator.join(groups) + after,
    blanks,
    st.one_of(st.sampled_from(["", "+57", "+57 ", "57", "57 ", "(+57) ", "+ 57 ", "0057", "+1", "1", "+58 ",
                               "+1 (999) ", "999", "0", "00"]),
              st.text("0123456789+() -", max_size=6)),
    st.sampled_from([("300", "123", "4567"), ("300", "1234567"), ("3001234567",), ("(300)", "123", "4567"),
                     ("30", "01", "23", "45", "67"), ("123", "4567"), ("3001234567", "0")]),
    st.sampled_from(["", " ", "-", ".", "  "]),
    blanks,
)
email_spellings = st.builds(
    lambda before, upper, after: before + "".join(
        c.upper() if u else c for c, u in zip(EMAIL, upper, strict=True)) + after,
    blanks, st.lists(st.booleans(), min_size=len(EMAIL), max_size=len(EMAIL)), blanks,
)
steps = st.lists(st.tuples(st.one_of(phone_spellings, email_spellings), st.integers(0, 4)), min_size=1, max_size=12)


@examples(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(attempts=steps)
def test_any_sequence_of_spellings_gets_at_most_the_limit_of_code_guesses_per_person_an_hour(
        world, monkeypatch, settings, attempts):
    settings.PORTAL_WRONG_CODES_PER_HOUR = LIMIT
    settings.PORTAL_CODES_PER_HOUR = 50  # so that only the person's limit can stop the guessing
    monkeypatch.setattr(services.secrets, "randbelow", lambda _n: int(RIGHT))
    center, person = world.center_a, world.person_a
    with transaction.atomic():
        type(person).objects.filter(pk=person.pk).update(email=EMAIL)
        checked = 0
        for identifier, guesses in attempts:
            destination = destination_of(identifier, "CO")
            if destination is None:  # the form refuses it before any code
                continue
            with suppress(Refused):
                request_code(center, destination)
            for _ in range(guesses):
                try:
                    verify_code(center, destination, WRONG)
                except CodeNotRight:
                    checked += person in people_at(center, destination)
                except Refused:
                    pass

        event(f"codes checked for the person: {checked}")
        assert checked <= LIMIT
        if checked == LIMIT:
            for destination in ("+573001234567", EMAIL):
                try:
                    request_code(center, destination)
                    entered = verify_code(center, destination, RIGHT)
                except Refused:
                    entered = []
                assert person not in entered
        transaction.set_rollback(True)  # each example starts from the same world
