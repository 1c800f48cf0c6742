"""Figure 7: concurrent users against a real server, by `bench/load.py` `measure_load(...)`, run twice:

- at a front desk's pace: each of the 50 users waits between two requests (0–10 s, `load.THINK` = 5 s on
  average), which is what 50 staff members working at once ask of the server. The target (0 errors,
  p95 < 250 ms) applies to this run;
- without any pause, which no person does: the server's capacity (requests per second), reported as a
  ratio to a trivial view's on the same server so that machines can be compared, and its p95 (with 50
  requests always waiting, that is queueing: about 50 / throughput).

Not measured at the tiny scale (the server cannot see a test's transaction) or on SQLite."""

from django.db import connection

from integrhabitat.bench.load import THINK, measure_load
from integrhabitat.bench.measure import Context, Figure, not_measured

USERS, SECONDS = 50, 60
TARGET = f"0 errors, p95 < 250 ms ({USERS} users, {SECONDS} s)"
LABEL = f"Load test: {USERS} users at a front desk's pace (a pause of {THINK:g} s on average), realistic mix"
CAPACITY = f"Capacity: {USERS} users without any pause, p95 (queueing; shown)"
THROUGHPUT = "Capacity: throughput without pause / a trivial view's (/healthz) on the same server"
KEPT = ("users", "seconds", "think_s", "requests", "p50_ms", "p95_ms", "p99_ms", "throughput_rps", "trivial_rps",
        "throughput_ratio", "server", "by_kind")


def _errors(result: dict) -> tuple[int | None, str]:
    errors = (result.get("errors") or {}).get("count")
    note = "" if not errors else f"{errors} errors, e.g. {(result['errors'].get('first') or [''])[0]}"
    return errors, str(note)[:300]


def _not_measured(why: str) -> list[Figure]:
    return [not_measured("load", LABEL, TARGET, why, "ms"),
            not_measured("load_capacity", CAPACITY, "(shown)", why, "ms"),
            not_measured("load_throughput", THROUGHPUT, "(measured; no target)", why, "×")]


def measure(ctx: Context) -> list[Figure]:
    if ctx.scale == "tiny" or connection.vendor != "postgresql":
        return _not_measured("Not measured at the tiny scale or on SQLite.")
    ctx.say(f"  load: {USERS} users for {SECONDS} s against `integrhabitat serve`, with pauses, then without…")
    paced = measure_load(center_slug=ctx.center.slug, users=USERS, seconds=SECONDS, think=THINK)
    flat = measure_load(center_slug=ctx.center.slug, users=USERS, seconds=SECONDS, think=0)
    p95, (errors, note) = paced.get("p95_ms"), _errors(paced)
    met = None if p95 is None or errors is None else (p95 < 250 and errors == 0)
    flat_errors, flat_note = _errors(flat)
    return [
        Figure("load", LABEL, p95, "ms", TARGET, met, note=note,
               detail={**{k: paced.get(k) for k in KEPT}, "errors": errors}),
        Figure("load_capacity", CAPACITY, flat.get("p95_ms"), "ms", "(shown; no person works without pause)",
               None, note=flat_note, detail={**{k: flat.get(k) for k in KEPT}, "errors": flat_errors}),
        Figure("load_throughput", THROUGHPUT, flat.get("throughput_ratio"), "×", "(measured; no target)", None,
               detail={"throughput_rps": flat.get("throughput_rps"), "trivial_rps": flat.get("trivial_rps")}),
    ]
