"""The tokens made before expiry existed get one, 90 days from the migration."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("api", "0002_add_token_expiry_and_last_used_ip")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_tokens_an_expiry_90_days_away(settings):
    settings.API_TOKEN_DAYS = 30  # the migration's 90 days do not depend on the setting
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state([*(node for node in leaves if node[0] != "api"), *BEFORE]).apps
    user = old.get_model("accounts", "User").objects.create(username="antigua")
    old.get_model("api", "ApiToken").objects.create(user_id=user.pk, name="Kobo", secret_hash="0" * 64,
                                                    prefix="ih_antiguo")
    before = timezone.now()

    executor = MigrationExecutor(connection)
    executor.migrate(leaves)

    from integrhabitat.api.models import ApiToken

    token = ApiToken.objects.get(name="Kobo")
    assert before + timedelta(days=90) <= token.expires_at <= timezone.now() + timedelta(days=90)
