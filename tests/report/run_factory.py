"""Run folders written by hand in the harness's format, covering every case a report must show:
tasks with 0, 1 or 2 attempts, several test inputs, failed and timed-out tasks with an error,
a task that never finished, and runs whose expected outputs are unknown."""

from __future__ import annotations

import json
from pathlib import Path

PRICE = 0.05

# task id -> (train pairs, test pairs); outputs of the test pairs are the expected answers.
TASKS: dict[str, dict] = {
    "a1solved": {
        "train": [{"input": [[1, 2], [3, 4]], "output": [[2, 1], [4, 3]]},
                  {"input": [[5, 0]], "output": [[0, 5]]}],
        "test": [{"input": [[6, 7], [8, 9]], "output": [[7, 6], [9, 8]]}],
    },
    "b2nearmiss": {
        "train": [{"input": [[1, 1, 1], [0, 0, 0]], "output": [[2, 2, 2], [0, 0, 0]]}],
        "test": [{"input": [[1, 0, 1], [1, 1, 1], [0, 0, 0]], "output": [[2, 0, 2], [2, 2, 2], [0, 0, 0]]}],
    },
    "c3twotests": {
        "train": [{"input": [[3]], "output": [[3, 3]]}],
        "test": [{"input": [[4]], "output": [[4, 4]]}, {"input": [[5]], "output": [[5, 5]]}],
    },
    "d4timeout": {
        "train": [{"input": [[0, 1]], "output": [[1, 0]]}],
        "test": [{"input": [[1, 1]], "output": [[1, 1]]}],
    },
    "e5noattempt": {
        "train": [{"input": [[7]], "output": [[8]]}],
        "test": [{"input": [[9]], "output": [[0]]}],
    },
    "f6missing": {
        "train": [{"input": [[2]], "output": [[4]]}],
        "test": [{"input": [[3]], "output": [[6]]}],
    },
}

# task id -> (status, error, per test input the attempts as (grid, program), cpu seconds, nodes)
OUTCOMES: dict[str, tuple] = {
    "a1solved": ("ok", None, [[([[6, 7], [9, 8]], "O = flip_v(I)"), ([[7, 6], [9, 8]], "O = mirror(I)")]], 0.5, 120),
    "b2nearmiss": ("ok", None, [[([[2, 0, 2], [2, 2, 2], [0, 0, 1]], "O = recolor(I, 1, 2)")]], 0.25, 40),
    "c3twotests": ("ok", None, [[([[4, 4]], "O = hconcat(I, I)")], [([[5]], "O = I")]], 0.125, 10),
    "d4timeout": ("timeout", "worker killed by SIGXCPU", [[]], 2.0, 0),
    "e5noattempt": ("ok", None, [[]], 0.0625, 7),
}

SOLVED_IDS = {"a1solved"}
FAILED_IDS = {"b2nearmiss", "c3twotests", "d4timeout", "e5noattempt", "f6missing"}
NEAR_MISS_IDS = {"b2nearmiss"}


def write_dataset(folder: Path, *, with_outputs: bool = True) -> Path:
    """The tasks as a folder of ARC task files (test outputs left out when `with_outputs` is off)."""
    folder.mkdir(parents=True, exist_ok=True)
    for task_id, task in TASKS.items():
        test = task["test"] if with_outputs else [{"input": pair["input"]} for pair in task["test"]]
        (folder / f"{task_id}.json").write_text(json.dumps({"train": task["train"], "test": test}))
    return folder


def _record(task_id: str, known: bool) -> dict:
    status, error, attempts, cpu, nodes = OUTCOMES[task_id]
    test = []
    for pair, pair_attempts in zip(TASKS[task_id]["test"], attempts):
        entry = {"attempts": [{"output": grid, "program": program} for grid, program in pair_attempts],
                 "correct": None}
        if known:
            entry["correct"] = any(grid == pair["output"] for grid, _ in pair_attempts)
            entry["expected"] = pair["output"]
        test.append(entry)
    correct = [entry["correct"] for entry in test]
    return {
        "task_id": task_id, "status": status, "error": error, "test": test,
        "score": sum(correct) / len(correct) if known else None,
        "cpu_seconds": cpu, "wall_seconds": cpu * 1.5, "usd": cpu / 3600 * PRICE, "nodes": nodes,
        "stats": {}, "solver": "fake", "finished_at": "2026-11-27T00:00:00+00:00",
    }


def write_run(root: Path, data: Path | str, *, known: bool = True, level: str = "tiny",
              with_results: bool = True, task_ids: list[str] | None = None,
              cpu_scale: float = 1.0) -> Path:
    """A run folder over TASKS with the outcomes above ("f6missing" never finished)."""
    ids = task_ids or list(TASKS)
    (root / "tasks").mkdir(parents=True, exist_ok=True)
    config = {"data": str(data), "data_version": "test:1", "task_ids": ids, "level": level,
              "budget_seconds": 1.0, "budget_nodes": None, "seed": 0, "solver": "fake", "workers": 1,
              "price_per_cpu_hour": PRICE, "git_sha": "0123456789abcdef", "version": "0.1.0",
              "started_at": "2026-11-27T00:00:00+00:00"}
    (root / "run.json").write_text(json.dumps(config))
    records = []
    for task_id in ids:
        if task_id in OUTCOMES:
            record = _record(task_id, known)
            record["cpu_seconds"] *= cpu_scale
            record["usd"] *= cpu_scale
            records.append(record)
            (root / "tasks" / f"{task_id}.json").write_text(json.dumps(record))
    if with_results:
        per_task = [record["score"] or 0.0 for record in records]
        outputs = [entry["correct"] for record in records for entry in record["test"]]
        cpu = sum(record["cpu_seconds"] for record in records)
        results = {
            "score": sum(per_task) / len(ids) if known else None,
            "score_strict": sum(score == 1.0 for score in per_task) / len(ids) if known else None,
            "score_per_output": sum(outputs) / (len(outputs) + 1) if known else None,
            "solved_tasks": sum(score == 1.0 for score in per_task) if known else None,
            "solved_outputs": sum(outputs) if known else None,
            "tasks": len(ids), "test_outputs": len(outputs) + 1, "tasks_finished": len(records),
            "complete": False, "statuses": {}, "cpu_seconds_total": cpu,
            "cpu_seconds_per_task": cpu / len(records), "wall_seconds_per_task": cpu * 1.5 / len(records),
            "usd_total": cpu / 3600 * PRICE, "usd_per_task": cpu / len(records) / 3600 * PRICE,
            "nodes_per_task": sum(record["nodes"] for record in records) / len(records),
            **{k: config[k] for k in config if k != "task_ids"},
            "finished_at": "2026-11-27T00:10:00+00:00", "wall_seconds_run": 60.0,
        }
        (root / "results.json").write_text(json.dumps(results))
    return root
