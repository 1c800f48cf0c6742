"""Figures 2 and 3: the participant profile page, the center's results page (12 months) and the network
overview, as their users get them (the test client, logged in). Both keep their figures
(improvement/results/snapshots.py): measured cold (never computed: cache and kept figures cleared before each
request), warm (data unchanged) and right after a service is recorded (kept figures shown while the worker
counts again)."""

from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from integrhabitat.bench.measure import Context, Figure, below, ok, timed
from integrhabitat.bench.measure_search import sample_people
from integrhabitat.improvement.models import FigureSnapshot
from integrhabitat.services.models import Service
from integrhabitat.services.services import record_deliveries


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
        return [Figure("profile", "Participant profile page", None, "ms", "p95 < 150 ms", measured=False,
                       note="The center has no participants.")]
    urls = [reverse("people:participant_detail", kwargs={"center": ctx.center.slug, "participant_id": p.uuid})
            for p in people]
    timing = timed([lambda url=url: ok(client.get(url)) for url in urls], ctx.runs)
    return [Figure("profile", "Participant profile page (GET as coordinator)", round(timing.p95, 1), "ms",
                   "p95 < 150 ms", below(timing.p95, 150), detail=timing.as_dict())]


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


def _page_figures(key: str, label: str, url: str, client: Client, ctx: Context, limit: float, target: str,
                  requests: int, *, cold_requests: int, cold_label: str) -> list[Figure]:
    actions = [lambda: ok(client.get(url))] * requests
    with override_settings(FIGURES_IN_BACKGROUND=False):  # the page itself counts, as the worker would
        cold = timed([actions[0]] * cold_requests, 1, warm_up=False, before_each=_forget_figures)
    warm = timed(actions, ctx.runs)
    changed = _after_a_change(url, client, ctx, requests)
    figures = [
        Figure(key, f"{label}, warm (data unchanged)", round(warm.p95, 1), "ms", target, below(warm.p95, limit),
               detail=warm.as_dict()),
        Figure(f"{key}_cold", f"{label}, {cold_label}", round(cold.p95, 1), "ms",
               f"(shown; counted once per period, then kept: {target} applies to the others)", None,
               detail=cold.as_dict()),
    ]
    if changed is not None:
        figures.append(Figure(
            f"{key}_changed", f"{label}, right after a service is recorded (kept figures, refreshed by the worker)",
            round(changed.p95, 1), "ms", target, below(changed.p95, limit), detail=changed.as_dict()))
    return figures


def measure_dashboard(ctx: Context) -> list[Figure]:
    requests = max(3, ctx.sizes["samples"] // 4)
    center_url = reverse("improvement:dashboard", kwargs={"center": ctx.center.slug})
    network_url = reverse("network_overview")
    return [
        *_page_figures("dashboard", "Center results page, the headline quarter (/c/…/results/)", center_url,
                       client_for(ctx.coordinator), ctx, 300, "p95 < 300 ms", requests, cold_requests=5,
                       cold_label="cold (a period never counted: the page counts while the user waits)"),
        # The network's first count takes a minute at full scale. For the headline period (the last quarter
        # ended, what the page opens with) the page counts while the coordinator waits, once a quarter, so
        # that the first visit is never empty; for another period the worker counts and the page says so.
        *_page_figures("network_overview", "Network overview (/network/)", network_url,
                       client_for(ctx.network_coordinator), ctx, 1000, "p95 < 1 s", requests, cold_requests=2,
                       cold_label="first count of a period (the headline one: the page waits, once a quarter)"),
    ]
