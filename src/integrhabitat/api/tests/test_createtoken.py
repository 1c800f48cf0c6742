from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from integrhabitat.api.models import ApiToken, hash_token
from integrhabitat.api.tests.conftest import ApiClient


def run(*args) -> str:
    out = StringIO()
    call_command("createtoken", *args, stdout=out)
    return out.getvalue().strip()


def test_it_prints_a_new_working_token_for_the_user(world):
    secret = run(world.coordinator.username, "--name", "Sincronización")

    token = ApiToken.objects.get(user=world.coordinator)
    assert token.name == "Sincronización"
    assert token.secret_hash == hash_token(secret)
    assert ApiClient(secret).get("/api/v1/centers").status_code == 200


def test_it_creates_another_token_each_time(world):
    first, second = run(world.coordinator.username), run(world.coordinator.username)

    assert first != second
    assert list(ApiToken.objects.filter(user=world.coordinator).values_list("name", flat=True)) == [
        "command line", "command line"]


def test_it_refuses_an_unknown_or_inactive_user(world):
    world.outsider.is_active = False
    world.outsider.save()

    with pytest.raises(CommandError):
        run("nobody")
    with pytest.raises(CommandError):
        run(world.outsider.username)
    assert not ApiToken.objects.exists()


def test_it_gives_the_token_the_default_lifetime_or_the_days_asked(world):
    run(world.coordinator.username, "--name", "Por defecto")
    run(world.coordinator.username, "--name", "Una semana", "--days", "7")

    lifetimes = {token.name: token.expires_at - timezone.now() for token in ApiToken.objects.all()}
    assert timedelta(days=89, hours=23) < lifetimes["Por defecto"] <= timedelta(days=90)
    assert timedelta(days=6, hours=23) < lifetimes["Una semana"] <= timedelta(days=7)


@pytest.mark.parametrize("days", ["0", "-3", "366"])
def test_it_refuses_days_outside_one_to_a_year(world, days):
    with pytest.raises(CommandError, match="between 1 and 365"):
        run(world.coordinator.username, "--days", days)
    assert not ApiToken.objects.exists()


def test_it_has_help_text():
    from integrhabitat.api.management.commands.createtoken import Command

    assert "token" in Command.help
