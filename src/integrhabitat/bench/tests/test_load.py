"""The load test: its pieces, a short run against the test server (in `make test`), and the real thing —
`integrhabitat serve` in a subprocess — in `make bench` (on PostgreSQL: a subprocess cannot see SQLite's
in-memory test database)."""

import random
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.urls import reverse

from integrhabitat.accounts.models import User
from integrhabitat.bench import load
from integrhabitat.network.models import Membership
from integrhabitat.people.tests.browser import _reload_middleware
from integrhabitat.services.models import ServiceDelivery

REAL_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher",
                "django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def test_it_picks_the_kinds_of_request_in_the_announced_proportions():
    rng = random.Random(3)
    counted = Counter(load.choose_kind(rng) for _ in range(20_000))
    for kind, weight in load.MIX:
        assert abs(counted[kind] / 20_000 * 100 - weight) < 1.5, kind


def test_it_reads_the_csrf_and_submission_tokens_of_the_real_bulk_delivery_form(world):
    client = world.client_for(world.front_desk)
    page = client.get(reverse("services:delivery_bulk", kwargs={"center": world.center_a.slug})).content.decode()

    csrf = load.hidden_value(page, "csrfmiddlewaretoken")
    submission = load.hidden_value(page, "submission")

    assert csrf and len(csrf) == 64
    assert submission and len(submission) == 36 and submission.count("-") == 4
    assert load.hidden_value(page, "no-such-field") is None


def test_the_summary_gives_percentiles_throughput_errors_and_kinds():
    tally = load.Tally()
    for ms in range(1, 101):  # 1..100 ms
        tally.add("search" if ms % 2 else "profile", float(ms), True)
    tally.add("delivery_save", 500.0, False, url="/c/x/services/deliveries/bulk/", status=400, message="bad")

    result = load.summary(tally, elapsed=10.0)

    assert result["requests"] == 101
    assert result["throughput_rps"] == 10.1
    assert (result["p50_ms"], result["p95_ms"], result["p99_ms"]) == (51.0, 96.0, 100.0)
    assert result["errors"] == {"count": 1, "first": [
        {"kind": "delivery_save", "url": "/c/x/services/deliveries/bulk/", "status": 400, "message": "bad"}]}
    assert result["by_kind"]["search"] == {"count": 50, "p95_ms": 95.0}
    assert result["by_kind"]["delivery_save"] == {"count": 1, "p95_ms": 500.0}


def test_the_bench_staff_get_a_new_password_each_run_and_their_roles_in_the_center(world):
    first = dict(load.prepare_staff(world.center_a))
    second = dict(load.prepare_staff(world.center_a))

    assert set(first) == {"bench-load-coordinator", "bench-load-caseworker"}
    for username in first:
        assert first[username] != second[username]
        user = User.objects.get(username=username)
        assert not user.check_password(first[username])
        assert user.check_password(second[username])
    roles = dict(Membership.objects.filter(center=world.center_a, user__username__startswith="bench-load-")
                 .values_list("user__username", "role"))
    assert roles == {"bench-load-coordinator": "coordinator", "bench-load-caseworker": "case_worker"}


def test_a_short_run_signs_in_through_the_form_and_uses_every_page_of_the_mix_without_error(
        world, live_server, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # as `measure_load` runs the server
    settings.SECURE_SSL_REDIRECT = True
    _reload_middleware(live_server)
    url = urlsplit(live_server.url)
    plan = load.prepare_plan(world.center_a)
    accounts = load.prepare_staff(world.center_a)
    delivered_before = ServiceDelivery.objects.filter(center=world.center_a).count()
    # Django's test server shares SQLite's in-memory connection between its threads: one user at a time there.
    users = 3 if connection.vendor == "postgresql" else 1

    result = load.run_load(host=url.hostname, port=url.port, plan=plan, accounts=accounts, users=users, seconds=3,
                           trivial_seconds=1)

    assert result["errors"] == {"count": 0, "first": []}
    assert result["requests"] == sum(kind["count"] for kind in result["by_kind"].values())
    assert {"search", "profile", "delivery_form", "delivery_save"} <= set(result["by_kind"])
    assert any(kind.startswith("list_") for kind in result["by_kind"])
    assert result["trivial_rps"] > 0 and result["trivial_errors"] == 0
    assert result["throughput_ratio"] > 0
    recorded = ServiceDelivery.objects.filter(center=world.center_a).count() - delivered_before
    assert recorded == result["by_kind"]["delivery_save"]["count"]
    assert set(ServiceDelivery.objects.filter(center=world.center_a, recorded_by__username__startswith="bench-load-")
               .values_list("participant", flat=True)) == {world.person_a.pk}


def test_a_refused_sign_in_stops_the_run_before_it_starts(world, live_server, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    _reload_middleware(live_server)
    url = urlsplit(live_server.url)

    with pytest.raises(RuntimeError, match="could not sign in"):
        load.sign_in_all(url.hostname, url.port, 2, [("bench-load-coordinator", "wrong password")])


@pytest.mark.bench
@pytest.mark.django_db(transaction=True)
def test_measure_load_runs_integrhabitat_serve_and_stops_it(world, settings):
    if connection.vendor != "postgresql":
        pytest.skip("The server subprocess cannot see SQLite's in-memory test database: run on PostgreSQL.")
    settings.PASSWORD_HASHERS = REAL_HASHERS  # the server checks the bench staff's passwords with these
    db = connection.settings_dict
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    database_url = f"postgres://{db['USER']}:{db['PASSWORD']}@{host}/{db['NAME']}"
    port = load.free_port()

    result = load.measure_load(center_slug=world.center_a.slug, users=3, seconds=3, port=port,
                               env={"DATABASE_URL": database_url}, workers=2, think=0)

    assert result["errors"]["count"] == 0, result["errors"]
    assert result["requests"] > 0 and result["p95_ms"] > 0 and result["throughput_ratio"] > 0
    assert result["server"] == {"workers": 2, "threads": 4, "worker_class": "gthread"}
    assert not load.port_is_taken(port)  # stopped
