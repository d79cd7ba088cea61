"""The same search under two or more configurations: the same tasks, one run, through the harness.

    .venv/bin/python bench/ab.py --data arc1-train --level low --limit 100 \
        --arm shipped= --arm layers3=layers_depth=3,depth2_share=0.4 [--workers 2] [--out DIR]

Each `--arm NAME=OVERRIDES` is the default solver with SearchConfig overrides ("name=value,...",
as bench/search.py's --config; empty: as shipped); `prior=NAME` among them swaps the solver's
prior (`guide`, the default, or `uniform`: solver/priors.py). Every arm runs through the evaluation harness
(worker processes, CPU measured by the kernel, ARC scoring, 2 attempts) in its own resumable
folder, and the table gives per arm: score, strict score, CPU-s per task, and the tasks it does
better and worse than the first arm (counts only: on the evaluation split nothing is inspected
task by task). On a training split, `--list` also prints those task ids.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from arcsynth.budget import level_budget
from arcsynth.data import load_dataset
from arcsynth.evaluate.harness import EvalSettings, evaluate
from arcsynth.solver import DEFAULT_SOLVER, make_solver
from arcsynth.solver.priors import make_prior

from config_text import config_overrides


def run_arm(tasks, data: str, version: str, level: str, overrides: str, workers: int, folder: Path) -> dict:
    """One arm through the harness: its results figures and the score per task id."""
    solver = make_solver(DEFAULT_SOLVER)
    fields = [item for item in overrides.split(",") if item]
    for item in [item for item in fields if item.startswith("prior=")]:
        solver.prior = make_prior(item.partition("=")[2])
    solver.config = config_overrides(solver.config, ",".join(item for item in fields if not item.startswith("prior=")))
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
    parser.add_argument("--arm", action="append", required=True, help="NAME=OVERRIDES (repeatable)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--list", action="store_true", help="print the task ids each arm wins and loses "
                        "(training splits only)")
    parser.add_argument("--out", default="bench/results/ab")
    args = parser.parse_args()
    if args.list and "eval" in args.data:
        parser.error("--list: evaluation tasks are measured here, never inspected one by one")
    dataset = load_dataset(args.data)
    tasks = list(dataset.tasks)
    if args.tasks_from:
        wanted = set(Path(args.tasks_from).read_text().strip().split(","))
        tasks = [t for t in tasks if t.id in wanted]
    if args.limit:
        tasks = tasks[:args.limit]
    arms = [arm.partition("=")[::2] for arm in args.arm]
    out = Path(args.out)
    runs = {name: run_arm(tasks, args.data, dataset.version, args.level, overrides, args.workers,
                          out / f"{args.data}-{args.level}-{len(tasks)}-{name}")
            for name, overrides in arms}
    print(f"data {args.data}  level {args.level}  tasks {len(tasks)}")
    print(f"{'arm':<14} {'score':>8} {'strict':>8} {'cpu/task':>9} {'better':>7} {'worse':>6}  overrides")
    first = runs[arms[0][0]]["scores"]
    for name, overrides in arms:
        r, scores = runs[name]["results"], runs[name]["scores"]
        better = sorted(t for t in scores if scores[t] > first.get(t, 0.0))
        worse = sorted(t for t in first if first[t] > scores.get(t, 0.0))
        print(f"{name:<14} {r.score:>8.2%} {r.score_strict:>8.2%} {r.cpu_seconds_per_task:>8.3f}s"
              f" {len(better):>7} {len(worse):>6}  {overrides or '(as shipped)'}")
        if args.list and (better or worse):
            print(f"    better: {' '.join(better)}\n    worse:  {' '.join(worse)}")


if __name__ == "__main__":
    main()
