"""The bench harness runs end to end at the tiny scale and writes every figure with its name, value, target and
whether it is met; a figure over its target, a wrong aggregate, a crash or a figure not measured is a miss, and
the command then exits non-zero (part of `make test`: it proves the harness, it measures nothing worth reading)."""

import json
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from integrhabitat.bench import (
    measure,
    measure_aggregates,
    measure_load,
    measure_pages,
    measure_search,
    measure_weight,
)
from integrhabitat.bench.management.commands.bench import MISSED
from integrhabitat.bench.measure import Figure, settle
from integrhabitat.bench.measure_aggregates import AGGREGATES
from integrhabitat.conftest import make_person
from integrhabitat.services.services import record_deliveries

PAGES = ["people_list", "participant_profile", "center_results", "cases", "groups", "public_center_page"]
EXPECTED = ["search", "search_page", "profile", "dashboard", "dashboard_cold", "dashboard_changed",
            "network_overview", "network_overview_cold", "network_overview_changed",
            *[f"aggregate_{a.key}" for a in AGGREGATES], "import", "load", "load_capacity",
            *[f"weight_{p}" for p in PAGES], "weight_assets"]
FIELDS = {"name", "label", "value", "unit", "target", "met", "measured", "note", "detail"}


@pytest.fixture
def tiny(world, monkeypatch):
    """A few people served over the last months in center A: known figures, faster than the generator
    (whose data the last test measures)."""
    monkeypatch.setitem(measure.SIZES, "tiny", {"samples": 3, "import_rows": 25, "duplicate_people": 120})
    names = [("María José", "Gutiérrez Peña"), ("Jhon Alexander", "Ramírez"), ("Yuliana", "Castaño Ospina"),
             ("Andrés Felipe", "Muñoz Rentería"), ("Rosa Elvira", "Quintero")]
    people = [make_person(world.center_a, given, family, actor=world.coordinator) for given, family in names]
    today = date.today()
    for months_ago in range(4):
        record_deliveries(world.center_a, world.service_a, people[: 5 - months_ago],
                          delivered_on=today - timedelta(days=30 * months_ago + 1), actor=world.coordinator)
    return world


def run_bench(tmp_path, *args, generate: bool = False) -> tuple[dict, CommandError | None]:
    """The bench at the tiny scale: its results, and the error it exited with — which it must raise, with the
    missed targets' status, exactly when a target is missed."""
    args = (*args, *([] if generate else ["--skip-generate"]))
    try:
        call_command("bench", "--scale", "tiny", "--runs", "1", "--output", str(tmp_path), *args)
    except CommandError as raised:
        if raised.returncode != MISSED:
            raise
        error = raised
    else:
        error = None
    results = json.loads((tmp_path / "results.json").read_text())
    missed = [f["name"] for f in results["figures"] if not f["met"]]
    assert results["missed"] == missed
    assert (error is not None) == bool(missed), (missed, error)
    assert error is None or all(name in str(error) for name in missed)
    return results, error


def by_name(results: dict) -> dict:
    return {f["name"]: f for f in results["figures"]}


def test_the_bench_writes_every_figure_with_its_name_value_target_and_whether_it_is_met(tiny, tmp_path, capsys):
    results, error = run_bench(tmp_path)

    figures = by_name(results)
    duplicates = [name for name in figures if name.startswith("duplicates")]
    assert duplicates and [name for name in figures if name not in duplicates] == EXPECTED
    for figure in figures.values():
        assert set(figure) >= FIELDS and figure["target"].strip() and figure["met"] in (True, False), figure
        assert figure["value"] is not None or (figure["measured"] is False and figure["met"] is False), figure
    for name in ("load", "load_capacity"):  # no server to load at the tiny scale: a miss, saying why
        assert figures[name]["met"] is False and figures[name]["measured"] is False
        assert "tiny scale" in figures[name]["note"]
    assert figures["load"]["target"] == figures["load_capacity"]["target"] == "0 errors, p95 < 250 ms (50 users, 60 s)"
    met = sum(1 for f in figures.values() if f["met"])
    assert results["targets"] == len(figures) and results["met"] == met < len(figures)
    assert error is not None and error.returncode == MISSED
    assert results["center"] == {"slug": "centro-a", "participants": 6}
    assert results["machine"]["cores"] and results["machine"]["database"]
    table = (tmp_path / "results.md").read_text()
    assert "| Participant search, top 10" in table and "| **NO** (not measured) |" in table
    assert f"{met} of {len(figures)} targets met. Missed: " in table
    assert table in capsys.readouterr().out


def test_a_figure_over_its_target_is_a_miss_and_the_bench_exits_non_zero(tiny, tmp_path, monkeypatch):
    monkeypatch.setattr(measure_pages, "PROFILE_MS", 0)
    results, error = run_bench(tmp_path, "--only", "profile")

    [profile] = results["figures"]
    assert profile["value"] > 0 and profile["target"] == "p95 < 0 ms" and profile["met"] is False
    assert error.returncode == MISSED and "0 of 1 targets met. Missed: profile" in str(error)

    monkeypatch.setattr(measure_pages, "PROFILE_MS", 60_000)
    results, error = run_bench(tmp_path, "--only", "profile")

    assert [f["met"] for f in results["figures"]] == [True] and results["missed"] == [] and error is None


def test_a_measure_that_crashes_is_a_miss_counted_in_the_total(tiny, tmp_path, monkeypatch):
    def crash(ctx):
        raise RuntimeError("the weight measure broke")

    monkeypatch.setattr(measure_pages, "PROFILE_MS", 60_000)
    monkeypatch.setattr(measure_weight, "measure", crash)
    results, error = run_bench(tmp_path, "--only", "profile,weight")

    profile, weight = results["figures"]
    assert profile["met"] is True
    assert weight["name"] == "weight" and weight["met"] is False and weight["measured"] is False
    assert "RuntimeError: the weight measure broke" in weight["note"]
    assert (results["targets"], results["met"], results["missed"]) == (2, 1, ["weight"])
    assert error.returncode == MISSED and "1 of 2 targets met" in (tmp_path / "results.md").read_text()


def test_a_figure_without_a_verdict_a_target_or_a_value_is_a_miss():
    assert settle(Figure("a", "A", 12.0, "ms", "< 20 ms", True)).met is True
    assert settle(Figure("a", "A", 30.0, "ms", "< 20 ms", False)).met is False
    undecided = settle(Figure("a", "A", 12.0, "ms", "< 20 ms", None, note="Measured."))
    assert undecided.met is False and undecided.note == "Measured. No verdict reached: counted as a miss."
    assert settle(Figure("a", "A", 12.0, "ms", "", True)).met is False
    assert settle(Figure("a", "A", 12.0, "ms", "< 20 ms", True, measured=False)).met is False
    valueless = settle(Figure("a", "A", None, "ms", "< 20 ms", True))
    assert valueless.met is False and valueless.measured is False and "Not measured" in valueless.note


def test_an_aggregate_that_differs_from_the_hand_written_sql_is_a_miss_however_fast(tiny, tmp_path, monkeypatch):
    written = measure_aggregates.hand_sql

    def one_wrong():
        sqls = written()
        sqls["deliveries"] = sqls["deliveries"].replace("count(*)", "count(*) + 1")
        return sqls

    monkeypatch.setattr(measure_aggregates, "GOAL", 1e9)  # time cannot miss: only the result can
    monkeypatch.setattr(measure_aggregates, "hand_sql", one_wrong)
    results, error = run_bench(tmp_path, "--only", "aggregates")

    figures = by_name(results)
    assert list(figures) == [f"aggregate_{a.key}" for a in AGGREGATES]
    wrong = figures.pop("aggregate_deliveries")
    assert wrong["met"] is False and wrong["detail"]["same_result"] is False and "disagree" in wrong["note"]
    assert wrong["detail"]["hand_sql"] == str(int(wrong["detail"]["platform"]) + 1)
    for figure in figures.values():  # the others agree with the hand-written SQL on the same data
        assert figure["detail"]["same_result"] and figure["met"], figure
        assert figure["detail"]["platform_ms"] > 0 and figure["detail"]["hand_sql_ms"] > 0
    assert results["missed"] == ["aggregate_deliveries"] and error.returncode == MISSED


def test_misspelled_queries_still_find_the_person_and_the_import_leaves_nothing_behind(tiny, tmp_path):
    from integrhabitat.people.models import Participant

    before = Participant.objects.count()
    results, _error = run_bench(tmp_path, "--only", "search,import,duplicates")

    figures = by_name(results)
    assert figures["search"]["detail"]["found_in_top_10"] == figures["search"]["detail"]["queries"] == 3
    imported = figures["import"]
    assert imported["detail"]["created"] == 25 and imported["detail"]["status"] == "done"
    assert imported["target"] == "≤ 75× a raw COPY, every row taken"
    if connection.vendor == "postgresql":
        assert imported["detail"]["raw_method"] == "COPY" and imported["met"] == (imported["value"] <= 75)
    else:  # nothing to hold it to: a miss, saying why
        assert imported["met"] is False and "SQLite has no COPY" in imported["note"]
    assert Participant.objects.count() == before


def test_both_load_runs_are_held_to_the_same_target_the_capacity_one_without_pause():
    paced = measure_load.figure("load", "paced", {"p95_ms": 90.0, "errors": {"count": 0, "first": []}})
    flat = measure_load.figure("load_capacity", "flat", {"p95_ms": 1500.0, "errors": {"count": 0, "first": []}})
    failing = measure_load.figure("load", "paced", {"p95_ms": 90.0, "errors": {"count": 2, "first": ["500 /x"]}})
    unmeasured = measure_load.figure("load", "paced", {})

    assert (paced.met, flat.met, failing.met, unmeasured.met) == (True, False, False, False)
    assert paced.target == flat.target and "500 /x" in failing.note


def test_a_query_is_misspelled_the_same_way_every_time():
    assert [measure_search.misspell("Rentería", how) for how in (0, 1, 2)] == ["renteria", "rentreia", "rentria"]


def test_unknown_measures_and_scales_are_refused_clearly(db, tmp_path):
    with pytest.raises(CommandError, match="Unknown measures: speed"):
        call_command("bench", "--scale", "tiny", "--only", "speed", "--skip-generate", "--output", str(tmp_path))
    with pytest.raises(CommandError, match="Unknown scale"):
        call_command("bench", "--scale", "huge", "--output", str(tmp_path))


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal is SQLite's")
def test_scales_above_tiny_are_refused_on_sqlite(db, tmp_path):
    with pytest.raises(CommandError, match="needs PostgreSQL"):
        call_command("bench", "--scale", "small", "--output", str(tmp_path))


def test_the_bench_generates_its_data_once_and_measures_a_bench_center(db, tmp_path, capsys, settings):
    settings.MFA_REQUIRED = True  # as `make bench` runs: the deployment default
    results, _error = run_bench(tmp_path, "--only", "profile,weight", generate=True)
    assert results["generated"]["scale"] == "tiny"
    assert results["center"]["slug"].startswith("bench-") and results["center"]["participants"] > 0
    assert [f["measured"] for f in results["figures"]] == [True] * 8

    results, _error = run_bench(tmp_path, "--only", "weight", generate=True)
    assert "already there: not generated again" in capsys.readouterr().out
    assert results["generated"] is None
