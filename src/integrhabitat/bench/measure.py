"""`make bench`: measure the platform on the bench data, through the code paths users go through.

Each measure (search, profile, dashboard, aggregates, import, duplicates, load, weight) lives in a
`measure_*.py` module and gives `Figure`s: a value with its unit, the target it is held to and whether
it is met. Times are taken after a warm-up, over a set of samples (queries, people, pages), several
runs; a figure's p50/p95 is the median over the runs of each run's p50/p95.

Every figure is a target, met or missed: a figure without a verdict, one that could not be measured and a
measure that crashed are all misses (`settle`), counted in the total, so the bench cannot pass by leaving
a figure out. The command exits non-zero when any target is missed.

The measured center is the bench center (slug `bench-…`) with the most participants, or, without
bench data, the center with the most participants (a demo database, the tests' world).
"""

import os
import platform
import statistics
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.models import Count
from django.test import override_settings

from integrhabitat.accounts.models import User
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import Role

BENCH_PREFIX = "bench-"
MEASURES = ("search", "profile", "dashboard", "aggregates", "import", "duplicates", "load", "weight")

# How much each scale measures where the size is the harness's choice (rows imported, people scanned).
SIZES = {
    "tiny": {"samples": 5, "import_rows": 200, "duplicate_people": 400},
    "small": {"samples": 20, "import_rows": 10_000, "duplicate_people": 10_000},
    "medium": {"samples": 30, "import_rows": 50_000, "duplicate_people": 50_000},
    "full": {"samples": 40, "import_rows": 100_000, "duplicate_people": 100_000},
}


def sizes(scale: str) -> dict:
    if scale in SIZES:
        return SIZES[scale]
    people = float(scale) * 1_000_000  # a factor of the full scale, as the generator reads it
    chosen = "tiny" if people < 10_000 else "small" if people < 200_000 else "medium" if people < 800_000 else "full"
    return SIZES[chosen]


@dataclass
class Figure:
    """One figure held to its target. A measure may leave `met` None (no verdict reached); `settle` makes
    that a miss, as it does a figure not measured or without a target."""

    key: str  # its name in results.json: stable, e.g. "dashboard_cold"
    label: str
    value: float | None
    unit: str
    target: str = ""  # in words, e.g. "< 100 ms (p95, at 1,000,000 participants)"
    met: bool | None = None
    measured: bool = True
    note: str = ""
    detail: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.key

    def as_dict(self) -> dict:
        row = asdict(self)
        return {"name": row.pop("key"), **row}


def not_measured(key: str, label: str, target: str, why: str, unit: str = "") -> Figure:
    """A figure that could not be measured: a miss, with why."""
    return Figure(key, label, None, unit, target, False, measured=False, note=why)


def settle(figure: Figure) -> Figure:
    """Only a measured value within a stated target is met: anything else is a miss, with the reason."""
    reasons = []
    if not figure.target.strip():
        reasons.append("No target stated: counted as a miss.")
    if not figure.measured or figure.value is None:
        figure.measured = False
        reasons.append("Not measured: counted as a miss.")
    elif figure.met is None:
        reasons.append("No verdict reached: counted as a miss.")
    if reasons or figure.met is not True:
        figure.met = False
    if reasons:
        figure.note = " ".join([figure.note, *reasons]).strip()
    return figure


def below(value: float | None, limit: float) -> bool | None:
    return None if value is None else value < limit


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th smallest)."""
    ordered = sorted(values)
    rank = max(1, -(-int(fraction * 100) * len(ordered) // 100))  # ceil(fraction * n)
    return ordered[min(rank, len(ordered)) - 1]


def ok(response):
    """A page answered as it should; anything else would make its time meaningless."""
    if response.status_code != 200:
        raise RuntimeError(f"{response.request['PATH_INFO']} answered {response.status_code}")
    return response


def time_ms(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


@dataclass
class Timing:
    p50: float
    p95: float
    samples: int
    runs: int

    def as_dict(self) -> dict:
        return {"p50_ms": round(self.p50, 2), "p95_ms": round(self.p95, 2), "samples": self.samples,
                "runs": self.runs}


def timed(actions: list[Callable[[], object]], runs: int, *, warm_up: bool = True,
          before_each: Callable[[], object] | None = None) -> Timing:
    """Run every action once to warm up, then `runs` times: median over the runs of each run's p50 and p95.
    `before_each` runs untimed before each action (clearing a cache, for cold figures)."""
    if warm_up:
        for action in actions:
            if before_each:
                before_each()
            action()
    p50s, p95s = [], []
    for _run in range(max(1, runs)):
        times = []
        for action in actions:
            if before_each:
                before_each()
            times.append(time_ms(action))
        p50s.append(statistics.median(times))
        p95s.append(percentile(times, 0.95))
    return Timing(statistics.median(p50s), statistics.median(p95s), len(actions), max(1, runs))


# --- What is measured, by whom ----------------------------------------------------------------------------

@dataclass
class Context:
    scale: str
    runs: int
    center: Center
    coordinator: User
    network_coordinator: User
    participants: int  # of the measured center
    network_participants: int
    sizes: dict
    stdout: object = None

    def say(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text)


def measured_center() -> Center:
    from integrhabitat.people.models import Participant

    counted = (Participant.objects.values("center_id").annotate(n=Count("id")).order_by("-n", "center_id"))
    bench = counted.filter(center__slug__startswith=BENCH_PREFIX).first()
    chosen = bench or counted.first()
    if chosen is not None:
        return Center.objects.get(pk=chosen["center_id"])
    center = Center.objects.order_by("pk").first()
    if center is None:
        raise LookupError("There is no center to measure: generate the bench data first.")
    return center


def bench_user(username: str, **extra) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create(username=username, password=make_password(None), first_name="Bench", **extra)
    return user


def context(scale: str, runs: int, stdout=None) -> Context:
    """The measured center, and the two users measuring it (created once, without a usable password)."""
    from integrhabitat.people.models import Participant

    center = measured_center()
    coordinator = bench_user("bench-coordinator")
    Membership.objects.update_or_create(center=center, user=coordinator, defaults={"role": Role.COORDINATOR})
    network_coordinator = bench_user("bench-network", is_network_coordinator=True)
    return Context(scale=scale, runs=runs, center=center, coordinator=coordinator,
                   network_coordinator=network_coordinator,
                   participants=Participant.objects.filter(center=center).count(),
                   network_participants=Participant.objects.count(), sizes=sizes(scale), stdout=stdout)


# --- The machine ----------------------------------------------------------------------------------------

def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    memory_gb = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
        with open("/proc/meminfo", encoding="utf-8") as info:
            kb = next(int(line.split()[1]) for line in info if line.startswith("MemTotal"))
            memory_gb = round(kb / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        pass
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        database = f"{connection.vendor} {getattr(sqlite3, 'sqlite_version', '')}".strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": memory_gb, "database": database,
            "python": platform.python_version(), "os": platform.platform()}


@contextmanager
def static_files():
    """Pages link their static files through the manifest `collectstatic` writes; without it (a checkout
    where it was never run) they are linked by their plain names, which weigh the same."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    try:
        staticfiles_storage.url("integrhabitat/app.css")
    except ValueError:
        plain = {**settings.STORAGES,
                 "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
        with override_settings(STORAGES=plain):
            yield
    else:
        yield


# --- Running the measures -------------------------------------------------------------------------------

def _modules():
    from integrhabitat.bench import (
        measure_aggregates,
        measure_duplicates,
        measure_import,
        measure_load,
        measure_pages,
        measure_search,
        measure_weight,
    )

    return {
        "search": measure_search.measure,
        "profile": measure_pages.measure_profile,
        "dashboard": measure_pages.measure_dashboard,
        "aggregates": measure_aggregates.measure,
        "import": measure_import.measure,
        "duplicates": measure_duplicates.measure,
        "load": measure_load.measure,
        "weight": measure_weight.measure,
    }


def run(scale: str = "full", *, runs: int = 5, only: Iterable[str] | None = None, stdout=None,
        generated: dict | None = None, keep_going: bool = True) -> dict:
    """Measure everything (or `only` some measures) and give the results as one JSON-ready dict."""
    from django.test import override_settings
    from django.utils import timezone, translation

    chosen = [m for m in MEASURES if not only or m in set(only)]
    unknown = set(only or ()) - set(MEASURES)
    if unknown:
        raise ValueError(f"Unknown measures: {', '.join(sorted(unknown))} (known: {', '.join(MEASURES)})")
    ctx = context(scale, runs, stdout)
    ctx.say(f"Measuring center {ctx.center.slug} ({ctx.participants} participants; "
            f"{ctx.network_participants} in the network), {runs} runs…")
    figures: list[Figure] = []
    started = time.monotonic()
    measures = _modules()
    # Staff sign in here with force_login, which passes no second step: measured with MFA off, as the load
    # test's server is (a verified session costs what an unverified one does once signed in).
    with translation.override("es"), static_files(), override_settings(MFA_REQUIRED=False):
        for name in chosen:
            begun = time.monotonic()
            try:
                found = measures[name](ctx)
            except Exception as error:  # one broken measure must not lose the others' figures
                if not keep_going:
                    raise
                found = [not_measured(name, f"{name}: the measure failed", "the measure runs to the end",
                                      f"Failed: {type(error).__name__}: {error}"[:500])]
            figures.extend(settle(figure) for figure in found)
            ctx.say(f"  {name}: {len(found)} figures in {time.monotonic() - begun:.1f} s")
    missed = [f.name for f in figures if not f.met]
    return {
        "scale": scale,
        "runs": runs,
        "measured_at": timezone.now().isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - started, 1),
        "machine": machine(),
        "center": {"slug": ctx.center.slug, "participants": ctx.participants},
        "network_participants": ctx.network_participants,
        "generated": generated,
        "measures": chosen,
        "targets": len(figures),
        "met": len(figures) - len(missed),
        "missed": missed,
        "figures": [f.as_dict() for f in figures],
    }
