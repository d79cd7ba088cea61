"""Test-time adaptation on and off: the same tasks, the same budget, the same time window.

    .venv/bin/python bench/tta.py --tasks fold --seconds 1 --prior guide \\
        --variants "off=;on=adapt_share=0.4" [--first-fit] [--workers 1] [--out FILE]

Every task is searched once per variant back to back in one worker process, so that the
variants share the machine's load. `--variants` is `NAME=OVERRIDES;...`, the overrides those of
bench/reach.py's `--config` (SearchConfig fields, comma-separated key=value). Task sets, all
ARC-AGI-1 training (never evaluation): `fold` (the guide's held-out fold, 100 tasks with
hand-written programs), `reach` (the 175 tasks whose hand-written programs have 1-6 steps),
`train100` (the first 100 task ids). `--first-fit` stops each search at the first program that
fits every train pair (as bench/guide.py does). Printed: per variant, tasks found (test outputs
right, pass@2, fractions for several tests), tasks fit (train), CPU-s per task; by hand-written
program length when the set has programs; and the tasks one variant finds and the other not.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import sys
import time
from pathlib import Path

import numpy as np

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.program.text import parse_program
from reach import config_overrides   # bench/ is on sys.path when a bench script runs

ROOT = Path(__file__).resolve().parents[1]
PROGRAMS = ROOT / "programs" / "arc1-train"




def _solvers(prior: str, variants: list[tuple[str, str]], first_fit: bool):
    from arcsynth.search import SearchConfig
    from arcsynth.solver import make_solver
    base = SearchConfig()
    if first_fit:
        base = dataclasses.replace(base, extra_after_solution=0.0, min_extra_nodes=0)
    out = []
    for name, text in variants:
        solver = make_solver("search", prior=prior)
        solver.config = config_overrides(base, text)
        out.append((name, solver))
    return out


_STATE: dict = {}


def _init(prior: str, variants: list[tuple[str, str]], first_fit: bool) -> None:
    _STATE["solvers"] = _solvers(prior, variants, first_fit)
    _STATE["tasks"] = load_dataset("arc1-train")


def _run(item: tuple[str, float | None, int | None]) -> tuple[str, dict]:
    task_id, seconds, nodes = item
    task = _STATE["tasks"].get(task_id)
    rows = {}
    for name, solver in _STATE["solvers"]:
        started = time.process_time()
        solution = solver.solve(task.without_test_outputs(), Budget(cpu_seconds=seconds, max_nodes=nodes))
        cpu = time.process_time() - started
        right = sum(any(a.output.shape == p.output.shape and np.array_equal(a.output, p.output) for a in attempts)
                    for p, attempts in zip(task.test, solution.attempts))
        runs = solution.stats.get("runs", [])
        adapted = [r for r in runs if r.get("pass") == "kernel-adapted"]
        rows[name] = {"found": right / len(task.test), "fit": bool(solution.stats.get("solved_train")),
                      "cpu": round(cpu, 3), "nodes": solution.nodes, "adapted": bool(adapted),
                      "favoured": adapted[0].get("favoured", []) if adapted else []}
    return task_id, rows


def _task_ids(which: str) -> tuple[list[str], dict[str, int]]:
    registry = default_registry()
    lengths = {path.stem: len(parse_program(path.read_text(encoding="utf-8"), registry).steps)
               for path in sorted(PROGRAMS.glob("*.dsl"))}
    if which == "fold":
        from arcsynth.guide.splits import heldout_fold
        ids = sorted(heldout_fold())
    elif which == "reach":
        ids = sorted(t for t, k in lengths.items() if k <= 6)
    elif which == "train100":
        ids = sorted(load_dataset("arc1-train").ids())[:100]
    else:
        raise SystemExit(f"bad --tasks {which!r}: fold, reach or train100")
    return ids, lengths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default="fold")
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--nodes", type=int, default=None)
    parser.add_argument("--prior", default="guide")
    parser.add_argument("--variants", default="off=;on=adapt_share=0.4")
    parser.add_argument("--first-fit", action="store_true")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", default=None, help="write per-task rows (JSON) here")
    args = parser.parse_args(argv)
    variants = [tuple(part.split("=", 1)) if "=" in part else (part, "") for part in args.variants.split(";") if part]
    ids, lengths = _task_ids(args.tasks)
    ids = ids[:args.limit] if args.limit else ids
    items = [(t, None if args.nodes else args.seconds, args.nodes) for t in ids]
    started = time.time()
    with multiprocessing.get_context("fork").Pool(args.workers, _init, (args.prior, variants, args.first_fit)) as pool:
        results = dict(pool.imap(_run, items, chunksize=1))
    names = [name for name, _ in variants]
    budget = f"nodes={args.nodes}" if args.nodes else f"{args.seconds:g} CPU-s"
    print(f"tasks={args.tasks} ({len(ids)}) prior={args.prior} budget={budget} first_fit={args.first_fit} "
          f"wall={time.time() - started:.0f}s")
    for name, text in variants:
        print(f"  {name}: {text or 'default'}")
    print("| variant | found (test) | fit (train) | CPU-s/task | adapted pass ran |")
    print("|---|---|---|---|---|")
    for name in names:
        rows = [results[t][name] for t in ids]
        print(f"| {name} | {sum(r['found'] for r in rows):.1f} | {sum(r['fit'] for r in rows)} | "
              f"{np.mean([r['cpu'] for r in rows]):.2f} | {sum(r['adapted'] for r in rows)} |")
    if all(t in lengths for t in ids):
        print()
        print("| steps | tasks | " + " | ".join(names) + " |")
        print("|---|---|" + "---|" * len(names))
        for k in sorted({lengths[t] for t in ids}):
            group = [t for t in ids if lengths[t] == k]
            print(f"| {k} | {len(group)} | " + " | ".join(f"{sum(results[t][n]['found'] for t in group):.1f}"
                                                          for n in names) + " |")
    base = names[0]
    for name in names[1:]:
        gained = [t for t in ids if results[t][name]["found"] > results[t][base]["found"]]
        lost = [t for t in ids if results[t][name]["found"] < results[t][base]["found"]]
        print(f"{name} vs {base}: found by {name} only: {' '.join(gained) or '-'}; by {base} only: {' '.join(lost) or '-'}")
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
