"""Schemathesis over the whole OpenAPI document, in process through WSGI, as a coordinator and as the front desk:
no server error, every answer declared (status, content type, body schema), bad input refused, authentication
enforced."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from integrhabitat.api.models import ApiToken, hash_token

SECRETS = {"coordinator": "ih_schemathesis-coordinator", "front_desk": "ih_schemathesis-front-desk"}


def config(role: str) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict({
        "headers": {"Authorization": f"Bearer {SECRETS[role]}"},
        # Random slugs would only ever meet 404: the operations are tested inside the actor's center.
        "parameters": {"path.center_slug": "centro-a"},
        # Few examples per operation, always the same ones: the suite stays fast and never flakes.
        "generation": {"max-examples": 3, "deterministic": True, "database": "none"},
        "checks": {
            # Rules the schema cannot express (an active service of this center, a birth date not in the future,
            # a phone that looks like one) answer 422 to data the schema allows.
            "positive_data_acceptance": {"expected-statuses": ["2xx", "401", "403", "404", "409", "422"]},
        },
    })


# The application is made once, without the HTTPS redirect (its middleware reads the setting when made);
# the schema is read from it at collection, when no database is needed yet.
with override_settings(SECURE_SSL_REDIRECT=False):
    APP = get_wsgi_application()
    AS_COORDINATOR = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP, config=config("coordinator"))
    AS_FRONT_DESK = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP, config=config("front_desk"))



@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: the end of a request must not close the connection that holds the
    test's transaction (on PostgreSQL it would lose the fixture world)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


HYPOTHESIS = settings(max_examples=3, derandomize=True, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))


def give_token(user, role: str) -> None:
    secret = SECRETS[role]
    ApiToken.objects.get_or_create(user=user, secret_hash=hash_token(secret),
                                   defaults={"name": "schemathesis", "prefix": secret[:10]})


@AS_COORDINATOR.parametrize()
@HYPOTHESIS
def test_the_api_keeps_its_contract_for_a_coordinator(case, world):
    give_token(world.coordinator, "coordinator")
    case.call_and_validate()


@AS_FRONT_DESK.parametrize()
@HYPOTHESIS
def test_the_api_keeps_its_contract_for_the_front_desk(case, world):
    give_token(world.front_desk, "front_desk")
    case.call_and_validate()


def test_the_api_keeps_its_contract_across_linked_calls(world):
    """Stateful: what one operation returns (a registered person's uuid) feeds the next (their profile)."""
    give_token(world.coordinator, "coordinator")
    machine = AS_COORDINATOR.as_state_machine()

    machine.run(settings=settings(max_examples=3, stateful_step_count=3, derandomize=True, deadline=None,
                                  database=None, suppress_health_check=list(HealthCheck)))
