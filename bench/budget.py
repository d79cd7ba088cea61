"""How far past its CPU budget the search returns (issue 15, item 6), on random small tasks and on
ARC-AGI-1 training tasks (never the evaluation split).

    .venv/bin/python bench/budget.py --random 60 --seed 5          # fresh probe cache per task
    .venv/bin/python bench/budget.py --train 400 --seconds 1       # warm probe cache, the default prior

Random tasks: 2-3 train pairs of grids up to 8x8, the outputs a flip, a recoloring or random;
budgets drawn from 0.05, 0.2, 0.5 and 1 CPU-s; a fresh probe cache per task (the worst case:
probing the depth-2 operations alone costs more than a small budget). A search still running
after 20 s of wall time is stopped and counted as hung. Prints the worst and median overshoot
(process time minus budget) and how many tasks went past budget + 0.25 s.
"""

from __future__ import annotations

import argparse
import signal
import time

import numpy as np

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.search import search
from arcsynth.task import Pair, Task

HANG_SECONDS = 20


class _Hang(Exception):
    pass


def _alarm(*_: object) -> None:
    raise _Hang()


def random_tasks(seed: int, count: int) -> list[tuple[Task, float]]:
    """`count` random small tasks, each with its CPU budget."""
    rng = np.random.default_rng(seed)

    def grid() -> np.ndarray:
        h, w = rng.integers(1, 9, size=2)
        colors = rng.choice(10, size=rng.integers(1, 5), replace=False)
        return rng.choice(colors, size=(h, w)).astype(np.uint8)
    out = []
    for k in range(count):
        rule = rng.integers(0, 3)
        pairs = []
        for _ in range(int(rng.integers(2, 4))):
            i = grid()
            if rule == 0:
                o = i[:, ::-1].copy()
            elif rule == 1:
                o = np.where(i == i.flat[0], 9 - i.flat[0], i).astype(np.uint8)
            else:
                o = grid()
            pairs.append(Pair(i, o))
        out.append((Task(f"r{k}", tuple(pairs), (Pair(grid(), None),)), float(rng.choice([0.05, 0.2, 0.5, 1.0]))))
    return out


def overshoots(runs: list[tuple[Task, float]], costs_of, probe_cache: dict | None) -> tuple[np.ndarray, int, str]:
    """Process time minus budget per task, the number of searches stopped as hung, and the worst
    task with the CPU seconds of its passes."""
    registry = default_registry()
    signal.signal(signal.SIGALRM, _alarm)
    over, hung, worst = [], 0, ""
    for task, seconds in runs:
        costs = costs_of(task, registry)
        started = time.process_time()
        signal.alarm(HANG_SECONDS)
        passes = "hung"
        try:
            result = search(task, Budget(cpu_seconds=seconds), costs, registry,
                             probe_cache={} if probe_cache is None else probe_cache)
            passes = ", ".join(f"{run['pass']} {run.get('cpu_seconds', '?')}" for run in result.stats.runs)
        except _Hang:
            hung += 1
        signal.alarm(0)
        over.append(time.process_time() - started - seconds)
        if over[-1] == max(over):
            worst = f"{task.id} ({passes})"
    return np.array(over), hung, worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=0, help="this many random tasks")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--train", type=int, default=0, help="the first N ARC-AGI-1 training tasks")
    parser.add_argument("--seconds", type=float, default=1.0, help="with --train: the CPU budget per task")
    args = parser.parse_args()
    rows = []
    if args.random:
        over, hung, worst = overshoots(random_tasks(args.seed, args.random), lambda task, registry: None, None)
        rows.append((f"random x{args.random} (seed {args.seed}, fresh probe cache)", over, hung, worst))
    if args.train:
        from arcsynth.search.depth2 import warm_probe_cache
        from arcsynth.solver.priors import default_prior
        from arcsynth.solver.search_solver import cost_model
        prior = default_prior()
        cache: dict = {}
        warm_probe_cache(default_registry(), cache)
        tasks = [(t.without_test_outputs(), args.seconds) for t in load_dataset("arc1-train").tasks[:args.train]]
        over, hung, worst = overshoots(tasks, lambda task, registry: cost_model(prior, task, registry), cache)
        rows.append((f"arc1-train x{len(tasks)} at {args.seconds} CPU-s (warm probe cache, default prior)", over,
                     hung, worst))
    print("| tasks | worst overshoot (s) | median (s) | past budget + 0.25 s | hung (> 20 s wall) | worst task: passes' CPU-s |")
    print("|---|---|---|---|---|---|")
    for name, over, hung, worst in rows:
        print(f"| {name} | {over.max():.3f} | {np.median(over):.3f} | {int((over > 0.25).sum())} | {hung} | {worst} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
