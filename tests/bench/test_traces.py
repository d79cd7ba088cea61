"""bench/traces.py, bench/value.py --traces and bench/policy.py, end to end."""

from __future__ import annotations

import json

import pytest

from arcsynth.guide.splits import heldout_fold
from tests.bench import bench_module


@pytest.mark.slow
def test_traces_to_value_and_policy_end_to_end(tmp_path, capsys):
    traces = bench_module("traces")
    out = tmp_path / "traces.jsonl"
    assert traces.main(["--limit", "6", "--nodes", "800", "--pool-nodes", "400", "--samples", "6",
                        "--deep-samples", "6", "--out", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 6 and not set(heldout_fold()) & {line["task"] for line in lines}
    value_weights, policy_weights = tmp_path / "value.json", tmp_path / "policy.json"
    assert bench_module("value").main(["--traces", str(out), "--products", "all", "--out", str(value_weights)]) == 0
    assert bench_module("policy").main(["--traces", str(out), "--min-count", "1", "--steps", "50",
                                        "--out", str(policy_weights)]) == 0
    printed = capsys.readouterr().out
    assert "measure, retrained: AUC" in printed and "us per state" in printed
    assert json.loads(policy_weights.read_text())["ops"]
