"""Which depth-2 states the layers extend first at depth 3: by cost, or by cost plus the value model.

    .venv/bin/python bench/depth3.py [--tasks tuning|fold] [--nodes 1000000] [--weights 0,6,100]
                                     [--limit N] [--step K] [--workers 2] [--out FILE]

The compiled layers (search/layers.py) to depth 3 on ARC-AGI-1 training tasks, the identity view
only, under a node budget (so the same on any machine and under any load), once per value weight
(`enumerate_layers(value_weight=W)`; 0 is the cost order as shipped). `tuning` is every training
task outside the held-out fold (where the weight is chosen), `fold` the fold's 100 (where it is
measured). Per weight: tasks with a depth-3 fit, tasks right on the test (pass@2 of the fitting
candidates; test outputs read only here), and on the tasks where both the weight and cost order
find a depth-3 fit, the median and geometric mean ratio of depth-3 states examined before the
first depth-3 fit; the CPU the ranking cost, and states per CPU-second.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import statistics
import time

from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.evaluate.scoring import output_solved
from arcsynth.guide.splits import heldout_fold
from arcsynth.search.attempts import choose_attempts
from arcsynth.search.layers import enumerate_layers


def warm() -> None:
    """Load the compiled kernels (value term included) before any task is timed."""
    task = load_dataset("arc1-train").tasks[0]
    enumerate_layers(task.without_test_outputs(), default_registry(), None, max_nodes=20_000, value_weight=1.0)


def run_task(item: tuple[str, int, float]) -> dict:
    """One task under one weight: what the table needs."""
    task_id, nodes, weight = item
    task = load_dataset("arc1-train").get(task_id)
    started = time.process_time()
    result = enumerate_layers(task.without_test_outputs(), default_registry(), None, max_nodes=nodes, max_depth=3,
                              value_weight=weight)
    cpu = time.process_time() - started
    stats = result.views[0]
    fitting = [c for c in result.candidates if c.fits_all]
    chosen = choose_attempts(fitting, len(task.test))[0] if fitting else [[] for _ in task.test]
    right = all(output_solved(pair.output, [a.output for a in attempts]) for pair, attempts in zip(task.test, chosen))
    return {"task": task_id, "weight": weight, "depth3_first_fit": stats.depth3_first_fit,
            "depth3_from": stats.depth3_from, "fits": len(fitting), "right": bool(fitting) and right,
            "complete_depth": result.complete_depth, "states": stats.states, "cpu": round(cpu, 3),
            "value_cpu": round(stats.value_seconds, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", choices=("tuning", "fold"), default="tuning")
    parser.add_argument("--nodes", type=int, default=1_000_000)
    parser.add_argument("--weights", default="0,6,100")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--step", type=int, default=1, help="every K-th task")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default=None, help="write per-task rows (JSON lines) here")
    args = parser.parse_args(argv)
    fold = set(heldout_fold())
    ids = [t.id for t in load_dataset("arc1-train").tasks if (t.id in fold) == (args.tasks == "fold")]
    ids = ids[::args.step][:args.limit]
    weights = [float(w) for w in args.weights.split(",")]
    items = [(task_id, args.nodes, w) for task_id in ids for w in weights]
    rows: dict[float, dict[str, dict]] = {w: {} for w in weights}
    with multiprocessing.Pool(args.workers, initializer=warm) as pool:
        for number, row in enumerate(pool.imap_unordered(run_task, items), 1):
            rows[row["weight"]][row["task"]] = row
            if args.out:
                with open(args.out, "a", encoding="utf-8") as handle:
                    handle.write(json.dumps(row) + "\n")
            print(f"\r{number}/{len(items)}", end="", flush=True)
    print()
    print(f"{len(ids)} ARC-AGI-1 training tasks ({args.tasks}), layers to depth 3, identity view, "
          f"{args.nodes:,} states per task")
    print("| value weight | depth-3 fit | right on test | tasks both find at depth 3 | median ratio of depth-3 states "
          "to the first fit vs cost order | geometric mean | ranking CPU-s (all tasks) | states per CPU-s |")
    print("|---|---|---|---|---|---|---|---|")
    base = rows[weights[0]]
    for w in weights:
        mine = rows[w]
        both = [t for t in ids if base[t]["depth3_first_fit"] is not None and mine[t]["depth3_first_fit"] is not None]
        ratios = [max(1, mine[t]["depth3_first_fit"]) / max(1, base[t]["depth3_first_fit"]) for t in both]
        median = statistics.median(ratios) if ratios else math.nan
        geo = math.exp(statistics.mean(math.log(r) for r in ratios)) if ratios else math.nan
        cpu = sum(r["cpu"] for r in mine.values())
        print(f"| {w:g} | {sum(r['depth3_first_fit'] is not None for r in mine.values())} "
              f"| {sum(r['right'] for r in mine.values())} | {len(both)} | {median:.3f} | {geo:.3f} "
              f"| {sum(r['value_cpu'] for r in mine.values()):.1f} | {sum(r['states'] for r in mine.values()) / cpu:,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
