"""The dashboards' figures, kept in the database (`FigureSnapshot`) and refreshed when their data changes.

A center's results page reads a year of deliveries: a second or two at network scale (`make bench`), too
long to wait for on every visit, and the data changes with every service recorded. So each computed page of
figures is kept with the fingerprint of the data it came from (`data_version`, a handful of cheap
aggregates), in the cache and in the database:

- same fingerprint: the kept figures are the current ones, shown at once;
- another fingerprint (someone recorded a service since): the kept figures are shown with the time they
  were computed, and the background worker (`integrhabitat db_worker`) computes them again, once, however
  many people open the page meanwhile. If no worker picks the refresh up within `REFRESH_GRACE`, or
  `FIGURES_IN_BACKGROUND` is off, the page computes them while the user waits;
- never computed (a new period, a new center): computed while the user waits, and kept; but the usual
  period (the last twelve months) moves every day, so a page not counted yet for today's is shown with the
  last figures of the same page while the worker counts today's.

The network's pages read every center's data: their exact fingerprint would cost as much as a dashboard, so
their figures are counted again every `NETWORK_MINUTES` instead (the page says when they were counted).

Only the page of a period is refreshed, not the rest of the network: a change in one center never
recomputes another's figures (each center's fingerprint is its own).
"""

import hashlib
import pickle  # noqa: S403 - our own objects, written by this module only
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.tasks import task
from django.utils import timezone, translation

from integrhabitat.improvement.models import FigureSnapshot
from integrhabitat.network.models import Center

REFRESH_GRACE = timedelta(minutes=5)
# The network's figures are counted again at most this often (they read every center's data).
NETWORK_MINUTES = 10
CACHE_SECONDS = 24 * 3600
# Periods ending "today" make a new page of figures every day: the ones not computed for a month go.
KEEP = timedelta(days=30)


def _computations() -> dict:
    from integrhabitat.improvement.network import figures as network_figures
    from integrhabitat.improvement.results import dashboard
    from integrhabitat.improvement.results.periods import CalendarPeriod

    return {
        "rows": lambda centers, start, end: dashboard.indicator_rows(centers[0], start, end),
        "charts": lambda centers, start, end, sensitive: dashboard.main_charts(centers[0], start, end,
                                                                                sensitive=sensitive),
        # Protected as a whole: the page and its download show these, never figures counted apart.
        "network_figures": lambda centers, start, end: network_figures.compute(centers,
                                                                               CalendarPeriod(start, end)),
    }


@dataclass(frozen=True)
class Kept:
    """Figures, when they were computed, and whether the data has changed since (then they are refreshing)."""

    value: object
    computed_at: datetime
    current: bool = True


def as_of(*kept: Kept) -> datetime | None:
    """When the oldest of figures shown together was computed, if the data has changed since (else None)."""
    if all(k.current for k in kept):
        return None
    return min(k.computed_at for k in kept)


def every(minutes: int) -> str:
    """A fingerprint that changes every `minutes`: for the network's figures, which read every center's data
    (their exact fingerprint would cost as much as a small dashboard), counted again at most that often."""
    return f"t{int(timezone.now().timestamp() // (minutes * 60))}"


def _request(name: str, centers: list[Center], start: date, end: date, options: dict) -> dict:
    return {"name": name, "centers": [c.pk for c in centers], "start": start.isoformat(), "end": end.isoformat(),
            "options": dict(sorted(options.items())), "language": translation.get_language()}


def _key(request: dict, *, period: bool = True) -> str:
    """The page of figures; without `period`, the page whatever its period (its family)."""
    if not period:
        request = {k: v for k, v in request.items() if k not in ("start", "end")}
    return hashlib.sha256(repr(sorted(request.items())).encode()).hexdigest()[:40]


def remembered(name: str, centers: list[Center], start: date, end: date, *, version: str | None = None,
               usual_period: bool = False, may_wait: bool = True, **options) -> Kept:
    """The figures `name` of `centers` over the period, for data of fingerprint `version`: kept ones when
    they are current, or (the data having changed) while the worker counts them again; otherwise counted
    now. The usual period (the last twelve months) moves every day: a page not yet counted for today's is
    shown with yesterday's figures while the worker counts today's. Pages that must not wait
    (`may_wait=False`) get no figures (`value` None) while the worker counts them for the first time."""
    version = version or version_of(name, centers)
    request = _request(name, centers, start, end, options)
    key = _key(request)
    found = cache.get(f"figures:{key}:{version}")
    if found is not None:
        return found
    snapshot = FigureSnapshot.objects.filter(key=key).first()
    if snapshot is None and usual_period:
        snapshot = FigureSnapshot.objects.filter(family=_key(request, period=False)).order_by("-computed_at").first()
    value = _load(snapshot) if snapshot is not None else None
    if value is not None and snapshot.key == key and snapshot.version == version:
        kept = Kept(value, snapshot.computed_at)
        cache.set(f"figures:{key}:{version}", kept, CACHE_SECONDS)
        return kept
    if value is not None and settings.FIGURES_IN_BACKGROUND and _queue_refresh(snapshot, request):
        return Kept(value, snapshot.computed_at, current=False)
    if value is None and not may_wait and settings.FIGURES_IN_BACKGROUND:
        # Too long to count while the page waits (a network's first count: a minute at bench scale).
        if cache.add(f"figures-queued:{key}", True, int(REFRESH_GRACE.total_seconds())):
            refresh_figures.enqueue(request)
        return Kept(None, timezone.now(), current=False)
    return _compute(request, version)


def _load(snapshot: FigureSnapshot):
    """The kept value, or None when it cannot be read back (written by an older version of the code)."""
    try:
        return pickle.loads(snapshot.value)  # noqa: S301 - written by `_compute` only
    except Exception:  # noqa: BLE001 - any unreadable value is simply computed again
        return None


def _queue_refresh(snapshot: FigureSnapshot, request: dict) -> bool:
    """Ask the worker to count the figures of `request` again, once (`snapshot` is what is shown meanwhile):
    False when that was asked long ago and nothing came of it (no worker is running), so that the page
    counts them itself."""
    now = timezone.now()
    if snapshot.refresh_queued_at is not None:
        return now - snapshot.refresh_queued_at < REFRESH_GRACE
    claimed = FigureSnapshot.objects.filter(pk=snapshot.pk, refresh_queued_at__isnull=True).update(
        refresh_queued_at=now)
    if claimed:
        refresh_figures.enqueue(request)
    return True


def _compute(request: dict, version: str | None = None) -> Kept:
    """Count the figures of `request` and keep them, by `version` (by default, the data's as it is now)."""
    centers = list(Center.objects.filter(pk__in=request["centers"]))
    centers.sort(key=lambda c: request["centers"].index(c.pk))
    version = version or version_of(request["name"], centers)
    with translation.override(request["language"]):
        value = _computations()[request["name"]](centers, date.fromisoformat(request["start"]),
                                                 date.fromisoformat(request["end"]), **request["options"])
    now = timezone.now()
    key, family = _key(request), _key(request, period=False)
    FigureSnapshot.objects.filter(computed_at__lt=now - KEEP).delete()
    FigureSnapshot.objects.update_or_create(key=key, defaults={
        "name": request["name"], "family": family, "request": request, "version": version,
        "value": pickle.dumps(value), "computed_at": now, "refresh_queued_at": None,
    })
    # The page shown meanwhile (yesterday's period) may be asked again.
    FigureSnapshot.objects.filter(family=family).exclude(key=key).update(refresh_queued_at=None)
    kept = Kept(value, now)
    cache.set(f"figures:{key}:{version}", kept, CACHE_SECONDS)
    return kept


@task()
def refresh_figures(request: dict) -> str:
    """Count a page of figures again, over the data as it is now (run by `integrhabitat db_worker`)."""
    _compute(request)
    return "refreshed"


def version_of(name: str, centers: list[Center]) -> str:
    """The fingerprint figures of `name` are kept by: the data's, or the clock's for the network's."""
    from integrhabitat.improvement.results.dashboard import data_version

    return every(NETWORK_MINUTES) if name.startswith("network_") else data_version(centers)
