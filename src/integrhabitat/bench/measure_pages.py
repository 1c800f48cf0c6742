"""Figures 2 and 3: the participant profile page, the center's results page (12 months) and the network
overview, as their users get them (the test client, logged in). Both keep their figures
(improvement/results/snapshots.py): measured cold (never computed: cache and kept figures cleared before each
request, the page counting while its user waits), warm (data unchanged) and right after a service is
recorded (kept figures shown while the worker counts again). Each is held to a target: the center's page
< 300 ms cold as warm; the network overview < 1 s warm and < 3 s for its first count."""

from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from integrhabitat.bench.measure import Context, Figure, below, not_measured, ok, timed
from integrhabitat.bench.measure_search import sample_people
from integrhabitat.improvement.models import FigureSnapshot
from integrhabitat.services.models import Service
from integrhabitat.services.services import record_deliveries

PROFILE_MS = 150
CENTER_RESULTS_MS = 300  # warm, right after a change and cold alike
NETWORK_MS, NETWORK_FIRST_COUNT_MS = 1000, 3000


class HttpsClient(Client):
    """A browser over HTTPS, as deployed: over plain HTTP every page would only be a redirect."""

    def get(self, path, data=None, **extra):
        extra.setdefault("secure", True)
        return super().get(path, data, **extra)


def client_for(user) -> HttpsClient:
    """A browser logged in as `user` (anonymous for None)."""
    client = HttpsClient()
    if user is not None:
        client.force_login(user)
    return client


def measure_profile(ctx: Context) -> list[Figure]:
    client = client_for(ctx.coordinator)
    people = sample_people(ctx.center, ctx.sizes["samples"], seed=11)
    if not people:
        return [not_measured("profile", "Participant profile page", f"p95 < {PROFILE_MS} ms",
                             "The center has no participants.", "ms")]
    urls = [reverse("people:participant_detail", kwargs={"center": ctx.center.slug, "participant_id": p.uuid})
            for p in people]
    timing = timed([lambda url=url: ok(client.get(url)) for url in urls], ctx.runs)
    return [Figure("profile", "Participant profile page (GET as coordinator)", round(timing.p95, 1), "ms",
                   f"p95 < {PROFILE_MS} ms", below(timing.p95, PROFILE_MS), detail=timing.as_dict())]


def _forget_figures() -> None:
    """Cold: neither the cache nor the kept figures (improvement/results/snapshots.py) know the page."""
    cache.clear()
    FigureSnapshot.objects.all().delete()


class ServiceRecorder:
    """Before each request, a service recorded for someone of the center: the page's data has changed."""

    def __init__(self, ctx: Context):
        self.ctx, self.people = ctx, sample_people(ctx.center, 50, seed=23)
        self.service = Service.objects.filter(center=ctx.center, status=Service.Status.ACTIVE).first()
        self.recorded = 0

    def __call__(self) -> None:
        person = self.people[self.recorded % len(self.people)]
        record_deliveries(self.ctx.center, self.service, [person], delivered_on=timezone.localdate(),
                          actor=self.ctx.coordinator)
        self.recorded += 1


def _after_a_change(url: str, client: Client, ctx: Context, requests: int):
    """The page right after someone recorded a service: the kept figures, shown with their time while the
    worker is asked to count again (no worker runs here: the refreshes asked for are removed afterwards)."""
    recorder = ServiceRecorder(ctx)
    if recorder.service is None or not recorder.people:
        return None
    with override_settings(FIGURES_IN_BACKGROUND=True):
        timing = timed([lambda: ok(client.get(url))] * requests, ctx.runs, before_each=recorder)
    DBTaskResult.objects.filter(task_path__endswith="refresh_figures", status="READY").delete()
    FigureSnapshot.objects.update(refresh_queued_at=None)
    return timing


def _page_figures(key: str, label: str, url: str, client: Client, ctx: Context, limit: float, requests: int, *,
                  cold_limit: float, cold_requests: int, cold_label: str) -> list[Figure]:
    actions = [lambda: ok(client.get(url))] * requests
    with override_settings(FIGURES_IN_BACKGROUND=False):  # the page itself counts, as the worker would
        cold = timed([actions[0]] * cold_requests, 1, warm_up=False, before_each=_forget_figures)
    warm = timed(actions, ctx.runs)
    changed = _after_a_change(url, client, ctx, requests)
    target, changed_label = f"p95 < {limit:,} ms", f"{label}, right after a service is recorded (kept figures)"
    figures = [
        Figure(key, f"{label}, warm (data unchanged)", round(warm.p95, 1), "ms", target, below(warm.p95, limit),
               detail=warm.as_dict()),
        Figure(f"{key}_cold", f"{label}, {cold_label}", round(cold.p95, 1), "ms", f"p95 < {cold_limit:,} ms",
               below(cold.p95, cold_limit), detail=cold.as_dict()),
    ]
    if changed is None:
        figures.append(not_measured(f"{key}_changed", changed_label, target,
                                    "No active service or no participant to record a service for.", "ms"))
    else:
        figures.append(Figure(f"{key}_changed", changed_label, round(changed.p95, 1), "ms", target,
                              below(changed.p95, limit), detail=changed.as_dict()))
    return figures


def measure_dashboard(ctx: Context) -> list[Figure]:
    requests = max(3, ctx.sizes["samples"] // 4)
    center_url = reverse("improvement:dashboard", kwargs={"center": ctx.center.slug})
    network_url = reverse("network_overview")
    return [
        *_page_figures("dashboard", "Center results page, the headline quarter (/c/…/results/)", center_url,
                       client_for(ctx.coordinator), ctx, CENTER_RESULTS_MS, requests,
                       cold_limit=CENTER_RESULTS_MS, cold_requests=5,
                       cold_label="cold (a period never counted: the page counts while the user waits)"),
        # For the headline period (the last quarter ended, what the page opens with) the page counts while the
        # coordinator waits, once a quarter, so that the first visit is never empty: that wait is held to 3 s.
        *_page_figures("network_overview", "Network overview (/network/)", network_url,
                       client_for(ctx.network_coordinator), ctx, NETWORK_MS, requests,
                       cold_limit=NETWORK_FIRST_COUNT_MS, cold_requests=2,
                       cold_label="first count with an empty cache (the headline period: the page waits)"),
    ]
