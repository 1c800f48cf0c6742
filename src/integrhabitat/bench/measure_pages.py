"""Figures 2 and 3: the participant profile page, the center's results page (12 months) and the network
overview, as their users get them (the test client, logged in). The results page keeps its figures
(improvement/dashboard.py `remembered`): measured cold (cache cleared before each request) and warm."""

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from integrhabitat.bench.measure import Context, Figure, below, ok, timed
from integrhabitat.bench.measure_search import sample_people


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


def _page_figures(key: str, label: str, url: str, client: Client, ctx: Context, limit: float, target: str,
                  requests: int) -> list[Figure]:
    actions = [lambda: ok(client.get(url))] * requests
    cold = timed(actions, max(1, ctx.runs // 2), warm_up=False, before_each=cache.clear)
    warm = timed(actions, ctx.runs)
    return [
        Figure(key, f"{label}, warm", round(warm.p95, 1), "ms", target, below(warm.p95, limit),
               detail=warm.as_dict()),
        Figure(f"{key}_cold", f"{label}, cold (figures not cached)", round(cold.p95, 1), "ms",
               f"(shown; the target applies warm: {target})", None, detail=cold.as_dict()),
    ]


def measure_dashboard(ctx: Context) -> list[Figure]:
    requests = max(3, ctx.sizes["samples"] // 4)
    center_url = reverse("improvement:dashboard", kwargs={"center": ctx.center.slug})
    network_url = reverse("network_overview")
    return [
        *_page_figures("dashboard", "Center results page, 12 months (/c/…/results/)", center_url,
                       client_for(ctx.coordinator), ctx, 300, "p95 < 300 ms", requests),
        *_page_figures("network_overview", "Network overview (/network/)", network_url,
                       client_for(ctx.network_coordinator), ctx, 1000, "p95 < 1 s", requests),
    ]
