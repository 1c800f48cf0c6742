"""The bench's results: `bench/results.json` (every figure with its name, value, target and whether it is met)
and the same as a readable table, printed and written to `bench/results.md`."""

import json
from pathlib import Path

from django.conf import settings


def results_dir() -> Path:
    """`bench/` at the root of the checkout (next to `src/`), or of the current directory elsewhere."""
    root = Path(settings.BASE_DIR)
    for candidate in (root, *root.parents):
        if (candidate / "pyproject.toml").exists():
            return candidate / "bench"
    return Path.cwd() / "bench"


def _met(figure: dict) -> str:
    if figure["met"]:
        return "yes"
    return "**NO** (not measured)" if not figure["measured"] else "**NO**"


def _value(figure: dict) -> str:
    if figure["value"] is None:
        return "—"
    return f"{figure['value']:,} {figure['unit']}".strip()


def _timing(figure: dict) -> str:
    detail = figure.get("detail") or {}
    parts = []
    if detail.get("p50_ms") is not None and "samples" in detail:
        parts.append(f"p50 {detail['p50_ms']:,} ms, p95 {detail['p95_ms']:,} ms ({detail['samples']}×{detail['runs']})")
    if detail.get("requests") is not None:
        parts.append(f"{detail['requests']:,} requests by {detail['users']} users in {detail['seconds']} s, "
                     f"p50 {detail['p50_ms']} ms, {detail['errors']} errors, {detail['throughput_rps']} req/s")
    if detail.get("trivial_rps") is not None and detail.get("think_s") == 0:
        parts.append(f"{detail['throughput_ratio']}× the throughput of /healthz ({detail['trivial_rps']} req/s)")
    if "platform_ms" in detail:
        parts.append(f"platform {detail['platform_ms']} ms, hand SQL {detail['hand_sql_ms']} ms"
                     + ("" if detail.get("same_result") else ", RESULTS DIFFER"))
    if "import_seconds" in detail:
        parts.append(f"{detail['rows']:,} rows: import {detail['import_seconds']} s, "
                     f"{detail['raw_method']} {detail['raw_seconds']} s")
    if "precision" in detail:
        parts.append(f"precision {detail['precision']}, recall {detail['recall']}")
    if "found_in_top_10" in detail:
        parts.append(f"{detail['found_in_top_10']}/{detail['queries']} people found in the top 10")
    if figure.get("note"):
        parts.append(figure["note"])
    return "; ".join(parts).replace("|", "/")


def table(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"# IntegrHabitat bench — scale {results['scale']}",
        "",
        f"Measured {results['measured_at']} on {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, "
        f"{m['database']}, Python {m['python']}. Center `{results['center']['slug']}`: "
        f"{results['center']['participants']:,} participants ({results['network_participants']:,} in the network). "
        f"Times: after a warm-up, median over {results['runs']} runs of each run's p50/p95.",
        "",
        "| figure | value | target | met | detail |",
        "|---|---|---|---|---|",
    ]
    for f in results["figures"]:
        lines.append(f"| {f['label']} | {_value(f)} | {f['target']} | {_met(f)} | {_timing(f)} |")
    lines += ["", summary(results)]
    return "\n".join(lines) + "\n"


def summary(results: dict) -> str:
    """The line "N of M targets met", and which are missed: every figure is a target, one not measured a miss."""
    figures = results["figures"]
    missed = [f["name"] for f in figures if not f["met"]]
    unmeasured = sum(1 for f in figures if not f["measured"])
    text = f"{len(figures) - len(missed)} of {len(figures)} targets met."
    if missed:
        text += f" Missed: {', '.join(missed)}"
        text += f" ({unmeasured} of them not measured)." if unmeasured else "."
    return text


def write(results: dict, directory: Path | None = None) -> tuple[Path, Path]:
    directory = directory or results_dir()
    directory.mkdir(parents=True, exist_ok=True)
    json_path, md_path = directory / "results.json", directory / "results.md"
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    md_path.write_text(table(results), encoding="utf-8")
    return json_path, md_path
