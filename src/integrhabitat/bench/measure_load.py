"""Figure 7: concurrent users against a real server, by `bench/load.py` `measure_load(...)`, run twice, each
held to the same target (0 errors, p95 < 250 ms):

- at a front desk's pace: each of the 50 users waits between two requests (0–10 s, `load.THINK` = 5 s on
  average), which is what 50 staff members working at once ask of the server;
- without any pause (`--think 0`): the server's capacity. With 50 requests always waiting, the p95 is
  mostly queueing (about 50 / throughput); the throughput, and its ratio to a trivial view's on the same
  server (so that machines can be compared), are in the figure's detail.

Not measured at the tiny scale (the server cannot see a test's transaction) or on SQLite: both are then
misses, with the reason."""

from django.db import connection

from integrhabitat.bench.load import THINK, measure_load
from integrhabitat.bench.measure import Context, Figure, not_measured

USERS, SECONDS, P95_MS = 50, 60, 250
TARGET = f"0 errors, p95 < {P95_MS} ms ({USERS} users, {SECONDS} s)"
LABEL = f"Load test: {USERS} users at a front desk's pace (a pause of {THINK:g} s on average), realistic mix"
CAPACITY = f"Capacity: {USERS} users without any pause (--think 0), realistic mix"
KEPT = ("users", "seconds", "think_s", "requests", "p50_ms", "p95_ms", "p99_ms", "throughput_rps", "trivial_rps",
        "throughput_ratio", "server", "by_kind")


def _errors(result: dict) -> tuple[int | None, str]:
    errors = (result.get("errors") or {}).get("count")
    note = "" if not errors else f"{errors} errors, e.g. {(result['errors'].get('first') or [''])[0]}"
    return errors, str(note)[:300]


def figure(key: str, label: str, result: dict) -> Figure:
    """One run's figure: its p95, met with no error and a p95 under the limit."""
    p95, (errors, note) = result.get("p95_ms"), _errors(result)
    met = p95 is not None and errors is not None and p95 < P95_MS and errors == 0
    return Figure(key, label, p95, "ms", TARGET, met, note=note,
                  detail={**{k: result.get(k) for k in KEPT}, "errors": errors})


def measure(ctx: Context) -> list[Figure]:
    if ctx.scale == "tiny" or connection.vendor != "postgresql":
        why = "Not measured at the tiny scale or on SQLite (the load test needs a server on PostgreSQL)."
        return [not_measured("load", LABEL, TARGET, why, "ms"),
                not_measured("load_capacity", CAPACITY, TARGET, why, "ms")]
    ctx.say(f"  load: {USERS} users for {SECONDS} s against `integrhabitat serve`, with pauses, then without…")
    paced = measure_load(center_slug=ctx.center.slug, users=USERS, seconds=SECONDS, think=THINK)
    flat = measure_load(center_slug=ctx.center.slug, users=USERS, seconds=SECONDS, think=0)
    return [figure("load", LABEL, paced), figure("load_capacity", CAPACITY, flat)]
