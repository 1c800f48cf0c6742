"""Kept figures (improvement/results/snapshots.py): a dashboard's figures are kept in the database with the
fingerprint of their data; when the data changes, the page shows the kept ones with their time while the
real worker (`db_worker`) computes them again, once."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from integrhabitat.conftest import make_user
from integrhabitat.improvement.models import FigureSnapshot
from integrhabitat.improvement.results import snapshots
from integrhabitat.improvement.tests.test_dashboard import PERIOD, client_of, coordinator, dashboard
from integrhabitat.network.roles import Role
from integrhabitat.services.models import Service, ServiceDelivery
from integrhabitat.services.services import record_deliveries

NOTICE = "Los datos registrados después se están contando"


@pytest.fixture
def in_background(settings, monkeypatch):
    settings.FIGURES_IN_BACKGROUND = True
    # The worker recycles its connection between tasks; here it holds the test's transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker():
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


def people_served(response) -> int:
    rows = {r.code: r for _dimension, rows in response.context["sections"] for r in rows}
    return rows["people_served"].value


def serve_one_more(known):
    record_deliveries(known.center, Service.objects.get(center=known.center, name="Mercados"), [known.people["p5"]],
                      delivered_on=date(2026, 6, 1), actor=make_user("otra", known.center, Role.FRONT_DESK))


def test_kept_figures_outlive_the_cache_and_are_not_computed_again(known, client, django_assert_max_num_queries):
    client_of(client, coordinator(known))
    first = client.get(dashboard(known), PERIOD)
    assert FigureSnapshot.objects.filter(name__in=["rows", "charts"]).count() == 2
    cache.clear()  # a restarted server, or another server without a shared cache
    with django_assert_max_num_queries(35):  # the fingerprint, two kept rows and the page: no aggregation
        again = client.get(dashboard(known), PERIOD)
    assert people_served(again) == people_served(first) == 4
    assert again.context["figures_as_of"] is None


def test_changed_data_shows_the_kept_figures_with_their_time_until_the_worker_counts_again(known, client,
                                                                                          in_background):
    client_of(client, coordinator(known))
    client.get(dashboard(known), PERIOD)
    serve_one_more(known)

    stale = client.get(dashboard(known), PERIOD)
    assert people_served(stale) == 4
    assert stale.context["figures_as_of"] is not None
    assert NOTICE in stale.content.decode()
    assert DBTaskResult.objects.count() == 2  # the indicators and the charts, kept apart
    client.get(dashboard(known), PERIOD)  # someone else opens it meanwhile: asked once only
    assert DBTaskResult.objects.count() == 2

    run_worker()
    fresh = client.get(dashboard(known), PERIOD)
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2
    assert people_served(fresh) == 5
    assert fresh.context["figures_as_of"] is None
    assert NOTICE not in fresh.content.decode()


def test_without_a_worker_the_page_counts_them_itself_after_a_while(known, client, in_background):
    client_of(client, coordinator(known))
    client.get(dashboard(known), PERIOD)
    serve_one_more(known)
    assert people_served(client.get(dashboard(known), PERIOD)) == 4
    FigureSnapshot.objects.update(refresh_queued_at=timezone.now() - snapshots.REFRESH_GRACE - timedelta(seconds=1))

    response = client.get(dashboard(known), PERIOD)
    assert people_served(response) == 5
    assert response.context["figures_as_of"] is None


def test_off_the_figures_are_counted_while_the_page_waits(known, client, settings):
    settings.FIGURES_IN_BACKGROUND = False
    client_of(client, coordinator(known))
    client.get(dashboard(known), PERIOD)
    serve_one_more(known)
    assert people_served(client.get(dashboard(known), PERIOD)) == 5
    assert not DBTaskResult.objects.exists()


def test_figures_kept_for_a_role_that_reads_sensitive_data_are_not_shown_to_one_that_cannot(known, client):
    def mobility_charts(response) -> list:
        return [c for c in response.context["charts"] if "movilidad" in str(c.title).lower()]

    assert mobility_charts(client_of(client, coordinator(known)).get(dashboard(known), PERIOD))
    viewer = make_user("mirada", known.center, Role.VIEWER)
    response = client_of(client, viewer).get(dashboard(known), PERIOD)
    assert response.status_code == 200
    assert not mobility_charts(response)


def test_unreadable_or_old_figures_are_counted_again(known, client):
    client_of(client, coordinator(known))
    client.get(dashboard(known), PERIOD)
    FigureSnapshot.objects.filter(name="rows").update(value=b"not a pickle")
    cache.clear()
    assert people_served(client.get(dashboard(known), PERIOD)) == 4

    old = FigureSnapshot.objects.get(name="charts")
    FigureSnapshot.objects.filter(pk=old.pk).update(computed_at=timezone.now() - snapshots.KEEP - timedelta(days=1))
    client.get(dashboard(known), {**PERIOD, "start": "2026-02-01"})  # another period: computed and kept
    assert not FigureSnapshot.objects.filter(pk=old.pk).exists()


def test_a_delivery_removed_counts_as_a_change(known, client, in_background):
    client_of(client, coordinator(known))
    client.get(dashboard(known), PERIOD)
    ServiceDelivery.objects.filter(center=known.center).order_by("-pk").first().delete()
    assert client.get(dashboard(known), PERIOD).context["figures_as_of"] is not None


def test_the_usual_period_moves_a_day_and_yesterdays_figures_are_shown_while_todays_are_counted(
        known, client, in_background):
    client_of(client, coordinator(known))
    client.get(dashboard(known))  # the last twelve months, as the page opens
    FigureSnapshot.objects.update(key=Concat(F("key"), Value("-yesterday")))  # as if counted yesterday
    cache.clear()

    today = client.get(dashboard(known))
    assert today.context["figures_as_of"] is not None
    assert DBTaskResult.objects.count() == 2
    run_worker()
    assert FigureSnapshot.objects.count() == 4  # yesterday's pages, kept a while, and today's
    assert client.get(dashboard(known)).context["figures_as_of"] is None


def test_the_networks_first_count_runs_in_the_background_instead_of_holding_the_page(world, in_background):
    # A period chosen by the coordinator; the page as it opens (the headline period) never waits for the
    # worker: test_one_figure.py.
    client = world.client_for(world.network_coordinator)
    url = f"{reverse('network_overview')}?year=2025&part=q2"
    first = client.get(url)
    assert first.status_code == 200 and first.context["counting"]
    assert "se están contando por primera vez" in first.content.decode()
    client.get(url)  # opened again meanwhile: counted once
    assert DBTaskResult.objects.count() == 1  # the overview and the comparison, protected together

    run_worker()
    counted = client.get(url)
    assert not counted.context.get("counting")
    assert {c.pk for c in counted.context["centers"]} == {world.center_a.pk, world.center_b.pk}
    assert counted.context["figures_as_of"] is None
