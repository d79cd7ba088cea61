"""The export against the structure that arcprize/arc-agi-benchmarking reads.

The checks below restate, in our own words, the models of its src/arc_agi_benchmarking/schemas.py
(BenchmarkedTaskResults -> TestPairAttempts -> Attempt -> AttemptMetadata with Usage and Cost) and
the rule of its scoring script (a pair counts when any non-empty attempt equals the expected output;
a task's cost is the sum of cost.total_cost over its attempts; score = solved pairs / pairs).
"""

import json
from datetime import datetime

import pytest

from arcsynth.report.benchmarking_export import export_arc_agi_benchmarking
from tests.report.run_factory import TASKS

_METADATA_REQUIRED = {"model": str, "provider": str, "start_timestamp": str, "end_timestamp": str,
                      "choices": list, "kwargs": dict, "usage": dict, "cost": dict}
_USAGE_INTS = ("prompt_tokens", "completion_tokens", "total_tokens")
_DETAIL_INTS = ("reasoning_tokens", "accepted_prediction_tokens", "rejected_prediction_tokens")


def _check_grid(answer):
    assert isinstance(answer, list) and all(isinstance(row, list) for row in answer)
    assert all(isinstance(cell, int) for row in answer for cell in row)


def _check_attempt(attempt, task_id, pair_index):
    assert set(attempt) >= {"answer", "metadata"}
    _check_grid(attempt["answer"])
    assert attempt.get("correct") in (True, False, None)
    metadata = attempt["metadata"]
    for key, kind in _METADATA_REQUIRED.items():
        assert isinstance(metadata[key], kind), key
    start = datetime.fromisoformat(metadata["start_timestamp"])
    end = datetime.fromisoformat(metadata["end_timestamp"])
    assert start <= end
    assert metadata["choices"] and all(isinstance(c["index"], int) and isinstance(c["message"]["role"], str)
                                       and isinstance(c["message"]["content"], str) for c in metadata["choices"])
    for key in _USAGE_INTS:
        assert isinstance(metadata["usage"][key], int)
    for key in _DETAIL_INTS:
        assert isinstance(metadata["usage"]["completion_tokens_details"][key], int)
    cost = metadata["cost"]
    for key in ("prompt_cost", "completion_cost", "total_cost"):
        assert isinstance(cost[key], float)
    assert cost.get("reasoning_cost") is None or isinstance(cost["reasoning_cost"], float)
    assert metadata["task_id"] == task_id and metadata["pair_index"] == pair_index
    assert isinstance(metadata["test_id"], str)
    # ours, beside the harness's fields
    assert isinstance(metadata["cpu_seconds"], float) and "program" in metadata


def _score_like_the_harness(pairs, expected_outputs):
    solved, cost = 0, 0.0
    for pair_index, pair in enumerate(pairs):
        attempts = [pair[key] for key in sorted(pair) if key.startswith("attempt_")]
        cost += sum(attempt["metadata"]["cost"]["total_cost"] for attempt in attempts if attempt)
        if any(attempt and attempt["answer"] != [] and attempt["answer"] == expected_outputs[pair_index]
               for attempt in attempts):
            solved += 1
    return solved / len(expected_outputs), cost


def test_every_task_file_has_the_harness_structure(run_dir, tmp_path):
    summary = export_arc_agi_benchmarking(run_dir, tmp_path / "out")
    assert summary.written == tuple(TASKS) and summary.skipped == ()
    for task_id in TASKS:
        pairs = json.loads((tmp_path / "out" / f"{task_id}.json").read_text())
        assert isinstance(pairs, list) and len(pairs) == len(TASKS[task_id]["test"])
        for pair_index, pair in enumerate(pairs):
            assert set(pair) == {"attempt_1", "attempt_2"}
            for attempt in pair.values():
                _check_attempt(attempt, task_id, pair_index)


def test_the_harness_scoring_rule_reproduces_our_scores_and_costs(run_dir, tmp_path):
    export_arc_agi_benchmarking(run_dir, tmp_path / "out")
    records = {p.stem: json.loads(p.read_text()) for p in (run_dir / "tasks").glob("*.json")}
    total = 0.0
    for task_id, task in TASKS.items():
        pairs = json.loads((tmp_path / "out" / f"{task_id}.json").read_text())
        score, cost = _score_like_the_harness(pairs, [pair["output"] for pair in task["test"]])
        record = records.get(task_id)
        assert score == (record["score"] if record else 0.0)
        assert cost == pytest.approx(record["usd"] if record else 0.0)
        total += score
    assert total / len(TASKS) == json.loads((run_dir / "results.json").read_text())["score"]


def test_correct_flags_programs_and_missing_attempts(run_dir, tmp_path):
    export_arc_agi_benchmarking(run_dir, tmp_path / "out")
    solved = json.loads((tmp_path / "out" / "a1solved.json").read_text())[0]
    assert solved["attempt_1"]["correct"] is False and solved["attempt_2"]["correct"] is True
    assert solved["attempt_2"]["metadata"]["program"] == "O = mirror(I)"
    assert solved["attempt_2"]["metadata"]["choices"][0]["message"]["content"] == "O = mirror(I)"
    one_attempt = json.loads((tmp_path / "out" / "b2nearmiss.json").read_text())[0]
    assert one_attempt["attempt_2"]["answer"] == [] and one_attempt["attempt_2"]["correct"] is False
    timeout = json.loads((tmp_path / "out" / "d4timeout.json").read_text())[0]
    assert timeout["attempt_1"]["metadata"]["status"] == "timeout"
    assert timeout["attempt_1"]["metadata"]["error"] == "worker killed by SIGXCPU"


def test_unknown_outputs_leave_correct_null(unknown_run_dir, tmp_path):
    export_arc_agi_benchmarking(unknown_run_dir, tmp_path / "out")
    pairs = json.loads((tmp_path / "out" / "a1solved.json").read_text())
    assert pairs[0]["attempt_1"]["correct"] is None


def test_unfinished_task_without_dataset_is_skipped(run_dir, tmp_path):
    config = json.loads((run_dir / "run.json").read_text())
    config["data"] = "no-such-dataset"
    (run_dir / "run.json").write_text(json.dumps(config))
    summary = export_arc_agi_benchmarking(run_dir, tmp_path / "out")
    assert summary.skipped == ("f6missing",) and len(summary.written) == 5
