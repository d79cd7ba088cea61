"""Expert iteration end to end on a few made-up training tasks (small budgets; needs torch)."""

import json

import numpy as np
import pytest

from arcsynth.data import load_dataset
from arcsynth.errors import UsageError
from arcsynth.evaluate import OutputAttempts, RecordedAttempt, TaskRecord
from arcsynth.expert import ExpertConfig, expert_iteration, round_items
from arcsynth.guide.numpy_model import NumpyGuide
from arcsynth.guide.relabel import HINDSIGHT, SOLVED
from arcsynth.guide.splits import LeakageError
from arcsynth.task import Pair, Task
from tests.guide.helpers import distinctive_grid, source_task, write_items

pytest.importorskip("torch")


def _record(task, programs, score, samples=()):
    return TaskRecord(task.id, "ok", (OutputAttempts(tuple(RecordedAttempt([[0]], p) for p in programs), None),), 1.0, 1.0, 10,
                      score=score, stats={"samples": list(samples)})


def test_round_items_keep_verified_solutions_and_relabel_samples():
    solved, unsolved = source_task("g1", 1), source_task("g2", 2)
    records = {"g1": _record(solved, ["O = rot90(I)\n", "O = flip_h(I)\n"], 1.0, ["O = rot90(I)\n"]),
               "g2": _record(unsolved, ["O = rot90(I)\n"], 0.0)}
    items, counts = round_items([solved, unsolved], records, solved_copies=3)
    assert counts == {"tasks_solved": 1, SOLVED: 1, HINDSIGHT: 1}
    assert [item.augment for item in items] == [SOLVED] * 3 + [HINDSIGHT]
    assert items[0].task is solved and items[-1].source == "g1"


def test_expert_iteration_searches_relabels_retrains_and_logs_each_round(tmp_path):
    base = write_items(tmp_path / "base.jsonl", 40)
    tasks = [source_task(f"g{k}", k) for k in range(1, 4)]       # flip_h tasks: found at once
    noise = [Pair(distinctive_grid(50 + k), distinctive_grid(60 + k)) for k in range(4)]
    tasks.append(Task("g9", tuple(noise[:3]), noise[3:]))       # outputs unrelated to inputs: never solved
    config = ExpertConfig(rounds=1, nodes=300, samples=6, workers=1, epochs=1, solved_copies=4)
    log = expert_iteration([base], tmp_path / "run", config, tasks=tasks)
    assert [entry["round"] for entry in log] == [1, "final"]
    assert log[0]["tasks"] == 4 and log[0]["tasks_solved"] == 3
    assert log[0]["items"] == 3 * config.solved_copies + log[0][HINDSIGHT] and log[0][HINDSIGHT] > 0
    lines = (tmp_path / "run" / "round-1" / "items.jsonl").read_text().splitlines()
    assert len(lines) == log[0]["items"]
    assert {json.loads(line)["source"] for line in lines} <= {"g1", "g2", "g3", "g9"}
    trained = json.loads((tmp_path / "run" / "round-1" / "train-log.json").read_text())
    assert trained["items"] == 40 + len(lines)
    guide = NumpyGuide.load(tmp_path / "run" / "guide.npz")
    assert np.array_equal(np.load(tmp_path / "run" / "guide.npz")["config"],
                          np.load(tmp_path / "run" / "round-1" / "guide.npz")["config"])
    assert guide.labels
    saved = json.loads((tmp_path / "run" / "expert-log.json").read_text())
    assert saved["rounds"] == log


def test_expert_iteration_refuses_evaluation_tasks_and_zero_rounds(tmp_path):
    base = write_items(tmp_path / "base.jsonl", 4)
    with pytest.raises(LeakageError):
        expert_iteration([base], tmp_path / "a", ExpertConfig(rounds=1), tasks=[load_dataset("arc1-eval").tasks[0]])
    with pytest.raises(UsageError):
        expert_iteration([base], tmp_path / "b", ExpertConfig(rounds=0), tasks=[source_task("g1", 1)])
