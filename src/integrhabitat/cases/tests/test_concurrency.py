"""Two people acting on the same record at the same moment, on real connections (one per thread)."""

import pytest
from django.db import connection

from integrhabitat.cases.models import Case, Referral
from integrhabitat.cases.services import answer_referral, create_referral, open_case
from integrhabitat.cases.tests.conftest import membership
from integrhabitat.lib.errors import StaleEdit
from integrhabitat.lib.testing import at_once
from integrhabitat.people.services import record_consent

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="row locks across connections: PostgreSQL, the production database")


@pytest.mark.django_db(transaction=True)
def test_two_answers_to_the_same_referral_at_once_one_wins_and_the_other_is_refused(world):
    case = open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker)
    record_consent(world.person_a, purpose="referral", organization=world.partner_org, given_by="self",
                   method="verbal", actor=world.case_worker)
    referral = create_referral(case, {"organization": world.partner_org, "reason": "x"},
                               membership=membership(world, world.case_worker))

    results = at_once(
        lambda: answer_referral(referral, accept=True, note="sí", version=referral.version, actor=world.partner),
        lambda: answer_referral(referral, accept=False, note="no hay cupo", version=referral.version,
                                actor=world.partner),
    )

    assert sorted(type(r).__name__ for r in results) == ["Referral", "StaleEdit"]
    assert any(isinstance(r, StaleEdit) for r in results)
    referral.refresh_from_db()
    winner = next(r for r in results if isinstance(r, Referral))
    assert referral.status == winner.status
    assert referral.version == 3  # created at 1, sent (2), answered once (3)


@pytest.mark.django_db(transaction=True)
def test_cases_opened_at_the_same_moment_get_different_numbers(world):
    results = at_once(*[
        (lambda: open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker))
        for _ in range(4)
    ])

    assert all(isinstance(r, Case) for r in results), results
    assert sorted(Case.objects.values_list("number", flat=True)) == [1, 2, 3, 4]
