"""Composition of outputs from pieces, on and off: the same search, the same tasks, one run.

    .venv/bin/python bench/compose.py --data arc1-eval --level tiny [--limit N] [--workers 2]
                                      [--tasks-from FILE] [--out bench/results/compose]

Runs the default solver through the evaluation harness (worker processes, CPU measured by the
kernel, ARC scoring, 2 attempts) twice per task list: as shipped, and with composition off
(`SearchConfig.compose_share = 0`), and prints for each: score, strict score, CPU-s per task,
and the tasks only one of them solves (counts only: the evaluation split is measured here,
never inspected task by task). Each run's folder is resumable.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from arcsynth.budget import level_budget
from arcsynth.data import load_dataset
from arcsynth.evaluate.harness import EvalSettings, evaluate
from arcsynth.solver import DEFAULT_SOLVER, make_solver


def run(tasks, data: str, version: str, level: str, compose_share: float | None, workers: int, folder: Path) -> dict:
    solver = make_solver(DEFAULT_SOLVER)
    if compose_share is not None:
        solver.config = dataclasses.replace(solver.config, compose_share=compose_share)
    budget = level_budget(level)
    wall = None if budget.cpu_seconds is None else 5.0 * budget.cpu_seconds + 30.0
    settings = EvalSettings(budget=budget, level=level, workers=workers, time_limit_seconds=wall)
    result = evaluate(tasks, solver, settings, folder, data=data, data_version=version,
                      resume=(folder / "run.json").exists())
    scores = {}
    for path in (folder / "tasks").glob("*.json"):
        record = json.loads(path.read_text())
        scores[record["task_id"]] = record.get("score") or 0.0
    return {"results": result.results, "scores": scores}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="arc1-train")
    parser.add_argument("--level", default="tiny")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--tasks-from", default=None, help="a file of comma-separated task ids")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default="bench/results/compose")
    args = parser.parse_args()
    dataset = load_dataset(args.data)
    tasks = list(dataset.tasks)
    if args.tasks_from:
        wanted = set(Path(args.tasks_from).read_text().strip().split(","))
        tasks = [t for t in tasks if t.id in wanted]
    if args.limit:
        tasks = tasks[:args.limit]
    out = Path(args.out)
    runs = {}
    for label, share in (("on", None), ("off", 0.0)):
        folder = out / f"{args.data}-{args.level}-{len(tasks)}-compose-{label}"
        runs[label] = run(tasks, args.data, dataset.version, args.level, share, args.workers, folder)
    print(f"data {args.data}  level {args.level}  tasks {len(tasks)}")
    print(f"{'composition':<12} {'score':>8} {'strict':>8} {'cpu/task':>9}")
    for label, found in runs.items():
        r = found["results"]
        print(f"{label:<12} {r['score']:>8.2%} {r['score_strict']:>8.2%} {r['cpu_seconds_per_task']:>8.3f}s")
    on, off = runs["on"]["scores"], runs["off"]["scores"]
    only_on = sum(1 for t in on if on[t] > off.get(t, 0.0))
    only_off = sum(1 for t in off if off[t] > on.get(t, 0.0))
    gain = runs["on"]["results"]["score"] - runs["off"]["results"]["score"]
    print(f"composition worth {gain * 100:+.2f} points; tasks better with it {only_on}, without it {only_off}")


if __name__ == "__main__":
    main()
