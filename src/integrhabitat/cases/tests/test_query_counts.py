"""The case pages run as many queries for 12 rows as for 4, so that N+1 cannot come back."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from integrhabitat.cases.models import Case, FollowUp, Referral
from integrhabitat.lib.testing import MANY, queries_as_rows_grow
from integrhabitat.network.models import Center
from integrhabitat.people.tests.test_query_counts import add_people


def add_cases(world, how_many: int) -> list[Case]:
    """`how_many` more open cases in center A, each with an overdue follow-up and a referral per status."""
    people = add_people(world, how_many, given="Caso")
    today = timezone.localdate()
    cases = []
    for person in people:
        number = Center.objects.get(pk=world.center_a.pk).case_seq + 1
        Center.objects.filter(pk=world.center_a.pk).update(case_seq=number)
        cases.append(Case.objects.create(center=world.center_a, number=number, participant=person,
                                         assigned_to=world.case_worker, opened_on=date(2026, 1, 5)))
    FollowUp.objects.bulk_create(
        FollowUp(case=case, due_on=today - timedelta(days=n % 3), assigned_to=world.case_worker, purpose=f"p{n}")
        for n, case in enumerate(cases)
    )
    now = timezone.now()
    Referral.objects.bulk_create(
        Referral(center=world.center_a, case=case, participant=case.participant, organization=world.partner_org,
                 reason=f"motivo {n}", status=[Referral.Status.SENT, Referral.Status.ACCEPTED,
                                               Referral.Status.CLOSED][n % 3],
                 created_by=world.case_worker, sent_at=now - timedelta(days=n),
                 override_reason="Urgencia vital", override_by=world.case_worker)
        for n, case in enumerate(cases)
    )
    return cases


@pytest.mark.parametrize(("who", "path", "query"), [
    ("coordinator", "cases/", None),
    ("case_worker", "cases/", None),
    ("coordinator", "cases/", {"status": "all"}),
    ("case_worker", "cases/agenda/", None),
    ("coordinator", "cases/referrals/", None),
    ("case_worker", "cases/referrals/", {"status": "sent"}),
    ("partner", "cases/received/", None),
], ids=["case list", "caseload", "every case", "agenda", "referrals", "sent referrals", "partner inbox"])
def test_its_list_pages_take_as_many_queries_for_many_cases_as_for_few(world, who, path, query):
    client = world.client_for(getattr(world, who))
    url = f"/c/{world.center_a.slug}/{path}"
    few, many = queries_as_rows_grow(lambda n: add_cases(world, n), client, url, query)

    assert Case.objects.filter(center=world.center_a).count() == MANY
    assert few == many
