"""Reach: how many hand-written training programs' tasks the search solves, by program length.

    .venv/bin/python bench/reach.py --seconds 1 [--prior uniform] [--max-steps 6] [--workers 2]

The hand-written programs under programs/arc1-train are the benchmark (never training data):
a task counts as found when the search's attempts solve its test outputs (pass@2), and as
fit when some program reproduces every train pair. Training split only. Prints one row per
program length, and the miss rate on 2-4 step programs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from pathlib import Path

from arcsynth.budget import Budget
from config_text import config_overrides   # bench/ is on sys.path when a bench script runs
from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.evaluate.scoring import output_solved
from arcsynth.program.text import parse_program

PROGRAMS = Path(__file__).resolve().parent.parent / "programs" / "arc1-train"


def _solver(prior: str, overrides: str):
    from arcsynth.solver import make_solver
    try:
        solver = make_solver("search", prior=prior)
    except TypeError:   # a solver factory without priors: uniform only
        solver = make_solver("search")
    solver.config = config_overrides(solver.config, overrides)
    return solver


def _run(item: tuple[str, float | None, int | None, str, str]) -> tuple[str, float, bool, float, int]:
    task_id, seconds, nodes, prior, overrides = item
    task = load_dataset("arc1-train").get(task_id)
    solver = _solver(prior, overrides)
    started = time.process_time()
    solution = solver.solve(task.without_test_outputs(), Budget(cpu_seconds=seconds, max_nodes=nodes))
    cpu = time.process_time() - started
    right = sum(output_solved(p.output, [a.output for a in attempts]) for p, attempts in zip(task.test, solution.attempts))
    return task_id, right / len(task.test), bool(solution.stats.get("solved_train")), cpu, solution.nodes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--nodes", type=int, default=None)
    parser.add_argument("--prior", default="uniform")
    parser.add_argument("--max-steps", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--config", default="", help="SearchConfig overrides, e.g. depth2_share=0,views=transpose+flip_h")
    parser.add_argument("--out", default=None, help="write per-task rows (id steps score fit cpu nodes) here")
    args = parser.parse_args(argv)
    registry = default_registry()
    steps: dict[str, int] = {}
    for path in sorted(PROGRAMS.glob("*.dsl")):
        length = len(parse_program(path.read_text(encoding="utf-8"), registry).steps)
        if length <= args.max_steps:
            steps[path.stem] = length
    ids = sorted(steps)[:args.limit] if args.limit else sorted(steps)
    items = [(task_id, None if args.nodes else args.seconds, args.nodes, args.prior, args.config) for task_id in ids]
    with multiprocessing.get_context("fork").Pool(args.workers) as pool:
        rows = pool.map(_run, items, chunksize=1)
    by_length: dict[int, list] = {}
    for row in rows:
        by_length.setdefault(steps[row[0]], []).append(row)
    print(f"prior={args.prior} config={args.config or 'default'} budget={'nodes=%d' % args.nodes if args.nodes else '%.1f CPU-s' % args.seconds} "
          f"tasks={len(rows)}")
    print("| steps | tasks | found (test) | fit (train) | CPU-s/task | states/CPU-s |")
    print("|---|---|---|---|---|---|")
    for length in sorted(by_length):
        group = by_length[length]
        cpu = sum(r[3] for r in group)
        print(f"| {length} | {len(group)} | {sum(r[1] for r in group):.1f} | {sum(r[2] for r in group)} | "
              f"{cpu / len(group):.2f} | {sum(r[4] for r in group) / max(cpu, 1e-9):.0f} |")
    found = sum(r[1] for r in rows)
    middle = [r for r in rows if 2 <= steps[r[0]] <= 4]
    print(f"all: found {found:.1f}/{len(rows)} ({found / max(1, len(rows)):.1%}); "
          f"2-4 steps: missed {len(middle) - sum(r[1] for r in middle):.1f}/{len(middle)}")
    if args.out:
        Path(args.out).write_text("".join(f"{r[0]} {steps[r[0]]} {r[1]:.2f} {int(r[2])} {r[3]:.3f} {r[4]}\n"
                                          for r in rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
