"""The benchmark's smoke run end to end: a row per scenario, with numbers or a reason."""

import json

import pytest

from bench.__main__ import main
from bench.interactions import NOT_REGISTERED
from bench.scenarios import LOWER_BOUNDS, MEAL_LOG, SCENARIOS


@pytest.mark.slow
def test_quick_run_reports_every_scenario_and_target(tmp_path, capsys):
    out = tmp_path / "latest.json"
    results = main(["--quick", "--json", str(out)])

    rows = results["interactions"]
    assert [row["scenario"] for row in rows] == [s.name for s in SCENARIOS]
    measured = [row for row in rows if row["status"] == "measured"]
    assert "/about" in [row["scenario"] for row in measured]
    for row in measured:
        for side in ("magbot", "floor"):
            assert row[side]["n"] > 0
            assert 0 < row[side]["p50_ms"] <= row[side]["p99_ms"]
            assert row[side]["cpu_ms"] > 0  # the bot's own clock, read even in a short run
            assert 0 <= row[side]["collector_cpu_ms"] < row[side]["cpu_ms"]
        assert row["cost_ratio"] > 0
    assert all(row["status"] == NOT_REGISTERED for row in rows if row not in measured)

    bounds = results["lower_bounds"]  # each on the floor's process, then magbot against it
    assert [(b["scenario"], b["least"]["scenario"]) for b in bounds] == [
        (scenario.name, least.name) for scenario, least in LOWER_BOUNDS
    ]
    for bound in bounds:
        least, against = bound["least"], bound["against"]
        assert least["minimal"]["n"] > 0
        assert least["cost_ratio"] > 0
        # Part of it on the loop's thread, the rest on the database's, where the write runs.
        assert 0 < least["minimal"]["loop_cpu_ms"] < least["minimal"]["cpu_ms"]
        assert (
            least["loop_cost_ratio"] == least["minimal"]["loop_cpu_ms"] / least["floor"]["cpu_ms"]
        )
        assert against["magbot"]["n"] > 0
        assert against["floor"]["n"] > 0  # the minimal bot's, in rounds alternating with magbot's
        [row] = [row for row in rows if row["scenario"] == bound["scenario"]]
        assert row["cost_vs_least"] == against["magbot"]["cpu_ms"] / against["floor"]["cpu_ms"]

    assert results["open_loop"]["magbot"]["p99_ms"] > 0
    assert results["startup"]["magbot"]["first_answer_s"] > 0
    assert results["footprint"]["peak_rss_mb"] > 0
    assert {t["passed"] for t in results["targets"]} <= {True, False, None}
    assert json.loads(out.read_text(encoding="utf-8")) == results

    table = capsys.readouterr().out
    for scenario in (*SCENARIOS, *(least for _, least in LOWER_BOUNDS)):
        assert scenario.name in table
    for bound in bounds:
        least = bound["least"]
        [row] = [row for row in rows if row["scenario"] == bound["scenario"]]
        assert f"{least['loop_cost_ratio']:.2f}× on its event loop's thread alone" in table
        collected = bound["against"]["magbot"]["collector_cpu_ms"]
        share = collected / bound["against"]["magbot"]["cpu_ms"]
        assert f"{row['cost_vs_least']:.2f}× its lower bound ({share:.0%} of it" in table
    # Judged only where a budget against the lower bound is set: the meal's (issue 20).
    judged = [t for t in results["targets"] if "its lower bound" in t["target"]]
    [meal] = [row for row in rows if row["scenario"] == MEAL_LOG.name]
    assert [(t["value"], t["passed"]) for t in judged] == [
        (meal["cost_vs_least"], meal["cost_vs_least"] <= MEAL_LOG.least_target)
    ]
