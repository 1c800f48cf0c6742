"""The bench harness runs end to end at the tiny scale and writes every figure with its value, target and
whether it is met (part of `make test`: it proves the harness, it measures nothing worth reading)."""

import json
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from integrhabitat.bench import measure, measure_search
from integrhabitat.bench.measure_aggregates import AGGREGATES
from integrhabitat.conftest import make_person
from integrhabitat.services.services import record_deliveries

PAGES = ["people_list", "participant_profile", "center_results", "cases", "groups", "public_center_page"]
EXPECTED = ["search", "search_page", "profile", "dashboard", "dashboard_cold", "dashboard_changed",
            "network_overview", "network_overview_cold", "network_overview_changed",
            *[f"aggregate_{a.key}" for a in AGGREGATES], "import", "import_ratio", "duplicates",
            "load", "load_capacity", "load_throughput", *[f"weight_{p}" for p in PAGES],
            "weight_assets"]


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


def run_bench(tmp_path, *args) -> dict:
    call_command("bench", "--scale", "tiny", "--runs", "1", "--skip-generate", "--output", str(tmp_path), *args)
    return json.loads((tmp_path / "results.json").read_text())


def test_the_bench_writes_every_figure_with_its_value_target_and_whether_it_is_met(tiny, tmp_path, capsys):
    results = run_bench(tmp_path)

    figures = {f["key"]: f for f in results["figures"]}
    assert list(figures) == EXPECTED
    for figure in figures.values():
        assert figure["target"] and figure["unit"] is not None
        if figure["measured"]:
            assert figure["value"] is not None, figure
            assert figure["met"] in (True, False, None)
        else:
            assert figure["value"] is None and figure["met"] is None and figure["note"]
    assert figures["load"]["measured"] is False  # no server to load at the tiny scale
    assert results["center"] == {"slug": "centro-a", "participants": 6}
    assert results["machine"]["cores"] and results["machine"]["database"]
    table = (tmp_path / "results.md").read_text()
    assert "| Participant search, top 10" in table and "not measured" in table
    assert table in capsys.readouterr().out


def test_the_platform_and_the_hand_written_sql_give_the_same_figures(tiny, tmp_path):
    results = run_bench(tmp_path, "--only", "aggregates")

    aggregates = [f for f in results["figures"] if f["key"].startswith("aggregate_")]
    assert len(aggregates) == 9
    assert all(f["detail"]["same_result"] for f in aggregates), [f["detail"] for f in aggregates]
    assert all(f["detail"]["platform_ms"] > 0 and f["detail"]["hand_sql_ms"] > 0 for f in aggregates)


def test_misspelled_queries_still_find_the_person_and_the_import_leaves_nothing_behind(tiny, tmp_path):
    from integrhabitat.people.models import Participant

    before = Participant.objects.count()
    results = run_bench(tmp_path, "--only", "search,import,duplicates")

    figures = {f["key"]: f for f in results["figures"]}
    assert figures["search"]["detail"]["found_in_top_10"] == figures["search"]["detail"]["queries"] == 3
    assert figures["import"]["detail"]["created"] == 25 and figures["import"]["detail"]["status"] == "done"
    assert figures["duplicates"]["detail"]["people"] == 120
    assert Participant.objects.count() == before


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
    call_command("bench", "--scale", "tiny", "--runs", "1", "--only", "profile,weight", "--output", str(tmp_path))
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["generated"]["scale"] == "tiny"
    assert results["center"]["slug"].startswith("bench-") and results["center"]["participants"] > 0
    assert [f["measured"] for f in results["figures"]] == [True] * 8

    call_command("bench", "--scale", "tiny", "--runs", "1", "--only", "weight", "--output", str(tmp_path))
    assert "already there: not generated again" in capsys.readouterr().out
    assert json.loads((tmp_path / "results.json").read_text())["generated"] is None
