"""bench/policy_grid.py on a few tasks' traces, end to end: trained, measured beside the linear policy, written."""

from __future__ import annotations

import pytest

from arcsynth.search.grid_policy import load_grid_policy_model
from tests.bench import bench_module


@pytest.mark.slow
def test_grid_policy_trains_measures_and_writes_a_loadable_model(tmp_path, capsys):
    out = tmp_path / "traces.jsonl"
    assert bench_module("traces").main(["--limit", "10", "--nodes", "600", "--pool-nodes", "300", "--samples", "6",
                                        "--deep-samples", "6", "--out", str(out)]) == 0
    weights = tmp_path / "grid.json"
    assert bench_module("policy_grid").main(["--traces", str(out), "--min-count", "1", "--epochs", "2",
                                             "--hidden", "8", "--out", str(weights)]) == 0
    printed = capsys.readouterr().out
    assert "| grid policy |" in printed and "| linear policy |" in printed and "us per state" in printed
    model = load_grid_policy_model(str(weights))
    assert model.ops and model.w1.shape[0] == 8
