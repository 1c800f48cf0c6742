"""Figure 7: concurrent users against a real server, by `bench/load.py` `measure_load(...)` (written apart).
Reported as not measured when that module is not there, at the tiny scale (the server cannot see a test's
transaction) or on SQLite."""

from django.db import connection

from integrhabitat.bench.measure import Context, Figure, not_measured

TARGET = "0 errors, p95 < 250 ms (50 users, 60 s)"
LABEL = "Load test: 50 concurrent users, realistic mix"
THROUGHPUT = "Load test throughput / a trivial view's (/healthz) on the same server"


def measure(ctx: Context) -> list[Figure]:
    try:
        from integrhabitat.bench.load import measure_load
    except ImportError:
        why = "Not measured: bench/load.py (measure_load) is not there."
        return [not_measured("load", LABEL, TARGET, why, "ms"),
                not_measured("load_throughput", THROUGHPUT, "(measured; no target)", why, "×")]
    if ctx.scale == "tiny" or connection.vendor != "postgresql":
        return [not_measured("load", LABEL, TARGET, "Not measured at the tiny scale or on SQLite.", "ms"),
                not_measured("load_throughput", THROUGHPUT, "(measured; no target)", "Not measured.", "×")]
    ctx.say("  load: 50 users for 60 s against `integrhabitat serve`…")
    result = measure_load(center_slug=ctx.center.slug)
    p95 = result.get("p95_ms")
    errors = (result.get("errors") or {}).get("count")
    met = None if p95 is None or errors is None else (p95 < 250 and errors == 0)
    detail = {k: result.get(k) for k in ("users", "seconds", "requests", "p50_ms", "p95_ms", "p99_ms",
                                         "throughput_rps", "trivial_rps", "throughput_ratio", "server", "by_kind")}
    detail["errors"] = errors
    note = "" if not errors else f"{errors} errors, e.g. {(result['errors'].get('first') or [''])[0]}"
    return [Figure("load", LABEL, p95, "ms", TARGET, met, note=str(note)[:300], detail=detail),
            Figure("load_throughput", THROUGHPUT, result.get("throughput_ratio"), "×", "(measured; no target)",
                   None, detail={"throughput_rps": result.get("throughput_rps"),
                                 "trivial_rps": result.get("trivial_rps")})]
