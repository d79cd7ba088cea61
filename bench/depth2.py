"""Depth-2 enumeration alone, on ARC-AGI-1 training tasks (never the evaluation split).

    .venv/bin/python bench/depth2.py --limit 100 [--views identity|symmetries|colors|all] [--compare]
                                     [--seconds S] [--nodes N] [--shared-cache] [-v]

Per setting: tasks with a candidate fitting every train pair, the test score (pass@2, per-task
fractional; the test outputs are used only here, for scoring), CPU seconds per task (mean,
median, max), the number of tasks whose depth 2 completed, grid operations per view, and throughput:
depth-1 states plus depth-2 (state, operation) pairs examined per CPU-second, primitive calls
per CPU-second, memo hits, calls skipped (missing color), duplicates, failures.
`--compare` runs identity only, then all views, on the same tasks.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np

from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.evaluate.scoring import output_solved
from arcsynth.search.attempts import choose_attempts
from arcsynth.search.cost import CostModel
from arcsynth.search.depth2 import enumerate_depth2
from arcsynth.search.views import IDENTITY, SYMMETRY_NAMES, task_views

_VIEWS = {
    "identity": lambda task, registry: [IDENTITY],
    "symmetries": lambda task, registry: task_views(task, registry, SYMMETRY_NAMES, colors=False),
    "colors": lambda task, registry: task_views(task, registry, (), colors=True),
    "all": lambda task, registry: task_views(task, registry, SYMMETRY_NAMES, colors=True),
}


def _score(task, candidates, keep_order: bool = False) -> float:
    """The task's pass@2 score: share of its test outputs matched by one of two attempts."""
    if keep_order:
        attempts = []
        for index in range(len(task.test)):
            chosen: list = []
            for candidate in candidates:
                prediction = candidate.predictions[index]
                if len(chosen) < 2 and not any(np.array_equal(prediction, c) for c in chosen):
                    chosen.append(prediction)
            attempts.append(chosen)
    else:
        attempts = [[a.output for a in chosen] for chosen in choose_attempts(candidates, len(task.test))[0]]
    right = sum(output_solved(pair.output, chosen) for pair, chosen in zip(task.test, attempts))
    return right / len(task.test)


def run(tasks, views: str, seconds: float | None, nodes: int | None, shared: bool, verbose: bool) -> dict:
    registry = default_registry()
    costs = CostModel.uniform(sorted(registry))
    cache: dict = {}
    fits = solved = score = score_votes = 0.0
    cpus: list[float] = []
    totals = {"ops": 0, "states1": 0, "pairs2": 0, "calls": 0, "memo_hits": 0, "skipped": 0, "duplicates": 0, "failures": 0,
              "pruned": 0}
    complete = views_run = 0
    for task in tasks:
        hidden = task.without_test_outputs()
        started = time.process_time()
        result = enumerate_depth2(hidden, registry, costs, _VIEWS[views](hidden, registry), seconds, nodes,
                                  probe_cache=cache if shared else None)
        cpu = time.process_time() - started
        cpus.append(cpu)
        for name in totals:
            totals[name] += result.total(name)
        complete += result.stopped == "complete"
        views_run += len(result.views)
        task_score = _score(task, result.candidates)
        # The same candidates ordered by how many views agree on their predictions first.
        by_votes = sorted(result.candidates, key=lambda c: (-result.votes.get(c.text, 0), c.rank_key()))
        score_votes += _score(task, by_votes, keep_order=True)
        fits += result.solved
        score += task_score
        solved += task_score == 1.0
        if verbose:
            best = result.candidates[0].text.strip().replace("\n", "; ") if result.candidates else ""
            print(f"{task.id} fit={int(result.solved)} score={task_score:.2f} cpu={cpu:.2f} "
                  f"stop={result.stopped} {best[:160]}")
    cpu_total = sum(cpus)
    count = max(1, len(tasks))
    return {"views": views, "tasks": len(tasks), "fits_train": int(fits), "score": score / count,
            "score_votes_first": score_votes / count,
            "strict": int(solved), "cpu_mean": cpu_total / count, "cpu_median": statistics.median(cpus) if cpus else 0,
            "cpu_max": max(cpus, default=0.0), "complete": complete,
            "states_per_cpu_s": (totals["states1"] + totals["pairs2"]) / max(cpu_total, 1e-9),
            "calls_per_cpu_s": totals["calls"] / max(cpu_total, 1e-9),
            "ops_per_view": totals["ops"] / max(1, views_run), **totals}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="arc1-train")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--tasks", default=None, help="comma-separated task ids")
    parser.add_argument("--views", choices=sorted(_VIEWS), default="identity")
    parser.add_argument("--compare", action="store_true", help="identity only, then all views")
    parser.add_argument("--seconds", type=float, default=None, help="CPU seconds per task (default: no limit)")
    parser.add_argument("--nodes", type=int, default=None)
    parser.add_argument("--shared-cache", action="store_true", help="keep the probe cache across tasks")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    if args.data != "arc1-train" and not args.data.startswith("arc2-train"):
        print("bench/depth2.py tunes on training splits only", file=sys.stderr)
        return 2
    tasks = list(load_dataset(args.data).tasks)
    if args.tasks:
        wanted = set(args.tasks.split(","))
        tasks = [t for t in tasks if t.id in wanted]
    else:
        tasks = tasks[args.offset:args.offset + args.limit]
    for views in (("identity", "all") if args.compare else (args.views,)):
        figures = run(tasks, views, args.seconds, args.nodes, args.shared_cache, args.verbose)
        print(" ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
