"""Read replicas: only code marked `reading_from_replica()` reads from one, writes never go there, and a
transaction or a write of its own keeps the marked code on the primary.

The `replica` fixture adds a replica at run time: a second connection to the test database (what
`TEST: {"MIRROR": "default"}` does when DATABASE_REPLICA_URL is set). The routing tests commit their rows
(`transactional_db`) so that this second connection sees them, as a real replica would."""

import json
import os
import subprocess
import sys
from datetime import date

import pytest
from django.db import connections, transaction
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integrhabitat.accounts.models import User
from integrhabitat.conftest import make_center
from integrhabitat.improvement.accountability import services as accountability
from integrhabitat.improvement.models import AccountabilityReport
from integrhabitat.lib import db_router
from integrhabitat.lib.db_router import PrimaryReplicaRouter, reading_from_replica, replica_aliases
from integrhabitat.network.models import Center
from integrhabitat.services.models import ServiceDelivery

router = PrimaryReplicaRouter()


@pytest.fixture
def replica(transactional_db, monkeypatch):
    """A second connection to the test database under the alias `replica`, made the one replica configured.
    (Django's test case refuses connections it did not open for an alias of settings.DATABASES; this one is
    registered on `connections` only, so the router is told about it directly.)"""
    primary = connections["default"].settings_dict
    connection = load_backend(primary["ENGINE"]).DatabaseWrapper({**primary, "TEST": {"MIRROR": "default"}},
                                                                 "replica")
    connections["replica"] = connection
    monkeypatch.setattr(db_router, "replica_aliases", lambda: ["replica"])
    try:
        yield connection
    finally:
        connection.close()
        del connections["replica"]


def tables_read(queries) -> str:
    return " ".join(query["sql"] for query in queries)


# --- One machine: no replica configured ----------------------------------------------------------------------

def test_without_a_replica_marked_code_reads_and_writes_the_primary(db):
    assert replica_aliases() == []
    with reading_from_replica(), CaptureQueriesContext(connections["default"]) as primary:
        make_center("centro-c", "CCC", "Centro C")
        assert Center.objects.filter(slug="centro-c").exists()

    assert router.db_for_read(Center) == "default"
    assert any("INSERT" in query["sql"] for query in primary.captured_queries)


def test_without_a_replica_a_marked_view_still_answers(world):
    response = world.client_for(world.network_coordinator).get(reverse("network_overview"))

    assert response.status_code == 200
    assert "Centro A" in response.content.decode()


# --- With a replica --------------------------------------------------------------------------------------------

def test_a_marked_view_reads_its_figures_from_the_replica(world, replica):
    client = world.client_for(world.network_coordinator)
    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(connections["default"]) as primary:
        response = client.get(reverse("network_overview"), {"start": "2026-01-01", "end": "2026-01-31"})

    assert response.status_code == 200
    assert "Centro A" in response.content.decode()
    assert ServiceDelivery._meta.db_table in tables_read(on_replica.captured_queries)
    # The primary still answered who is asking: the session and the user.
    assert ServiceDelivery._meta.db_table not in tables_read(primary.captured_queries)
    assert "django_session" in tables_read(primary.captured_queries)
    assert "django_session" not in tables_read(on_replica.captured_queries)


def test_the_center_dashboard_reads_from_the_replica_after_checking_access_on_the_primary(world, replica):
    client = world.client_for(world.coordinator)
    url = reverse("improvement:dashboard", kwargs={"center": world.center_a.slug})
    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(connections["default"]) as primary:
        response = client.get(url, {"start": "2026-01-01", "end": "2026-01-31"})

    assert response.status_code == 200
    assert ServiceDelivery._meta.db_table in tables_read(on_replica.captured_queries)
    assert "network_membership" in tables_read(primary.captured_queries)
    assert "network_membership" not in tables_read(on_replica.captured_queries)


def test_a_public_accountability_report_is_read_from_the_replica(world, replica):
    report = accountability.save_report({"title": "Rendición 2026", "period_start": date(2026, 1, 1),
                                         "period_end": date(2026, 1, 31), "introduction": ""},
                                        center=world.center_a, actor=world.coordinator)
    report = accountability.publish_report(report, actor=world.coordinator)
    with CaptureQueriesContext(replica) as on_replica:
        response = world.client_for(None).get(reverse("public_report", kwargs={"report_id": report.uuid}))

    assert response.status_code == 200
    assert AccountabilityReport._meta.db_table in tables_read(on_replica.captured_queries)


def test_an_unmarked_page_reads_only_the_primary(world, replica):
    client = world.client_for(world.coordinator)
    with CaptureQueriesContext(replica) as on_replica:
        response = client.get(reverse("people:participant_list", kwargs={"center": world.center_a.slug}))

    assert response.status_code == 200
    assert "José" in response.content.decode()
    assert on_replica.captured_queries == []


def test_writes_never_go_to_the_replica(replica):
    with CaptureQueriesContext(replica) as on_replica, reading_from_replica():
        assert router.db_for_write(Center) == "default"
        center = make_center("centro-c", "CCC", "Centro C")
        Center.objects.filter(pk=center.pk).update(name="Centro C renombrado")

    assert Center.objects.using("default").get(pk=center.pk).name == "Centro C renombrado"
    assert not any(word in tables_read(on_replica.captured_queries) for word in ("INSERT", "UPDATE", "DELETE"))


def test_marked_code_reads_its_own_writes_from_the_primary(replica):
    with reading_from_replica():
        assert router.db_for_read(Center) == "replica"
        make_center("centro-c", "CCC", "Centro C")
        with CaptureQueriesContext(replica) as on_replica:
            assert Center.objects.filter(slug="centro-c").exists()

    assert on_replica.captured_queries == []


def test_a_write_in_nested_marked_code_keeps_the_outer_code_on_the_primary(replica):
    with reading_from_replica():
        with reading_from_replica():
            make_center("centro-c", "CCC", "Centro C")
        assert router.db_for_read(Center) == "default"
        with reading_from_replica():
            assert router.db_for_read(Center) == "default"


def test_inside_a_transaction_that_has_written_marked_code_reads_the_primary(replica):
    with transaction.atomic():
        make_center("centro-c", "CCC", "Centro C")  # not committed: a replica could not see it
        with reading_from_replica(), CaptureQueriesContext(replica) as on_replica:
            assert router.db_for_read(Center) == "default"
            assert Center.objects.filter(slug="centro-c").exists()

    assert on_replica.captured_queries == []


def test_sessions_and_accounts_are_read_from_the_primary_even_in_marked_code(replica):
    with reading_from_replica():
        assert router.db_for_read(User) == "default"
        assert router.db_for_read(Center) == "replica"
    assert router.db_for_read(Center) == "default"


def test_objects_read_from_the_replica_may_point_to_objects_of_the_primary(world, replica):
    with reading_from_replica():
        center = Center.objects.get(pk=world.center_a.pk)
    assert center._state.db == "replica"

    assert router.allow_relation(center, world.person_a) is True


def test_migrations_run_only_on_the_primary():
    assert router.allow_migrate("default", "people") is True
    assert router.allow_migrate("replica", "people") is False
    assert router.allow_migrate("replica_2", "services", model_name="servicedelivery") is False


# --- Settings ----------------------------------------------------------------------------------------------------

def settings_with(**env) -> dict:
    code = ("import json, django; django.setup(); from django.conf import settings; "
            "print(json.dumps({'databases': {alias: [db['HOST'], db['NAME'], db.get('TEST', {}).get('MIRROR')] "
            "for alias, db in settings.DATABASES.items()}, 'cache': settings.CACHES['default']['BACKEND'], "
            "'routers': settings.DATABASE_ROUTERS}))")
    inherited = {k: v for k, v in os.environ.items() if k not in ("DATABASE_REPLICA_URL", "INTEGRHABITAT_CACHE_URL")}
    environ = {**inherited, "DJANGO_SETTINGS_MODULE": "integrhabitat.settings",
               "DATABASE_URL": "postgres://app@primary:5432/integrhabitat", **env}
    done = subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True)  # noqa: S603
    return json.loads(done.stdout)


def test_settings_make_one_alias_per_replica_url_each_mirroring_the_primary_in_tests():
    found = settings_with(DATABASE_REPLICA_URL="postgres://app@replica1:5432/integrhabitat, "
                                               "postgres://app@replica2,replica3:5432/integrhabitat")

    assert found["databases"] == {
        "default": ["primary", "integrhabitat", None],
        "replica": ["replica1", "integrhabitat", "default"],
        "replica_2": ["replica2,replica3", "integrhabitat", "default"],
    }
    assert found["routers"] == ["integrhabitat.lib.db_router.PrimaryReplicaRouter"]


def test_settings_without_replicas_or_cache_url_have_one_database_and_a_local_cache():
    found = settings_with()

    assert list(found["databases"]) == ["default"]
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"


def test_settings_use_a_shared_redis_cache_when_a_cache_url_is_given():
    found = settings_with(INTEGRHABITAT_CACHE_URL="redis://cache:6379/0")

    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
