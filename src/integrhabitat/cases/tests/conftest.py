import pytest

from integrhabitat.cases.services import open_case
from integrhabitat.network.models import Membership
from integrhabitat.people.services import record_consent


@pytest.fixture
def case(world):
    """José's case in center A, held by the case worker."""
    return open_case(world.person_a, assigned_to=world.case_worker, actor=world.case_worker,
                     summary="Llegó hace dos semanas; busca atención en salud.")


@pytest.fixture
def consent(world):
    """José's consent to share his data with Fundación Aliada."""
    return record_consent(world.person_a, purpose="referral", organization=world.partner_org, given_by="self",
                          method="verbal", actor=world.case_worker)


def membership(world, user) -> Membership:
    return Membership.objects.get(center=world.center_a, user=user)
