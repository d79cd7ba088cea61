"""Search speed and score on a sample of ARC-AGI-1 training tasks (never the evaluation split).

    .venv/bin/python bench/search.py --limit 100 --seconds 1 [--profile] [--nodes N] [--offset K]

Prints per-task outcome (optional), states expanded per CPU-second, the score (pass@2,
per-task fractional) and, with --profile, where time goes (cProfile, top functions).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time

import numpy as np

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.solver.search_solver import SearchSolver


def _registry():
    """The default registry; while primitive families are in flux, a duplicate name keeps its first one."""
    import importlib

    from arcsynth.dsl.registry import Registry, default_registry, family_modules
    try:
        return default_registry()
    except ValueError as exc:
        print(f"warning: {exc}; using the first registration of each name", file=sys.stderr)
    prims = {}
    for module in family_modules():
        for prim in importlib.import_module(module).PRIMITIVES:
            prims.setdefault(prim.name, prim)
    return Registry(prims.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="arc1-train")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--stride", type=int, default=1, help="take every k-th task")
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--nodes", type=int, default=None)
    parser.add_argument("--tasks", default=None, help="comma-separated task ids")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    if args.data != "arc1-train" and not args.data.startswith("arc2-train"):
        print("bench/search.py tunes on training splits only; use bench/curve.py to measure evaluation",
              file=sys.stderr)
        return 2
    dataset = load_dataset(args.data)
    tasks = list(dataset.tasks)
    if args.tasks:
        wanted = set(args.tasks.split(","))
        tasks = [t for t in tasks if t.id in wanted]
    else:
        tasks = tasks[args.offset::args.stride][:args.limit]
    budget = Budget(cpu_seconds=None if args.nodes else args.seconds, max_nodes=args.nodes)
    solver = SearchSolver(registry=_registry())
    profiler = cProfile.Profile() if args.profile else None
    total_nodes = 0
    total_cpu = 0.0
    score = 0.0
    solved_train = 0
    origins: dict[str, int] = {}
    for task in tasks:
        hidden = task.without_test_outputs()
        started = time.process_time()
        if profiler:
            profiler.enable()
        solution = solver.solve(hidden, budget)
        if profiler:
            profiler.disable()
        cpu = time.process_time() - started
        total_cpu += cpu
        total_nodes += solution.nodes
        right = 0
        for pair, attempts in zip(task.test, solution.attempts):
            if any(a.output.shape == pair.output.shape and np.array_equal(a.output, pair.output) for a in attempts):
                right += 1
        task_score = right / len(task.test)
        score += task_score
        solved_train += bool(solution.stats.get("solved_train"))
        if task_score > 0 and solution.stats.get("best_program"):
            first = solution.attempts[0][0].program if solution.attempts and solution.attempts[0] else ""
            origins[str(first.count("\n"))] = origins.get(str(first.count("\n")), 0) + 1
        if args.verbose:
            best = (solution.stats.get("best_program") or "").strip().replace("\n", "; ")
            print(f"{task.id} score={task_score:.2f} fit={int(bool(solution.stats.get('solved_train')))} "
                  f"nodes={solution.nodes} cpu={cpu:.2f} stop={solution.stats.get('stopped')} {best[:150]}")
    count = max(1, len(tasks))
    print(f"tasks={len(tasks)} budget={'nodes=%d' % args.nodes if args.nodes else '%.1fs' % args.seconds} "
          f"score={score / count:.4f} fits_train={solved_train / count:.4f} "
          f"cpu_per_task={total_cpu / count:.3f}s states_per_cpu_second={total_nodes / max(total_cpu, 1e-9):.0f}")
    print(f"solved tasks by program steps: {dict(sorted(origins.items()))}")
    if profiler:
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(25)
        print(stream.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
