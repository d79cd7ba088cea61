"""The old depth-2 pass and the new layered engine on the same tasks, in one run.

    .venv/bin/python bench/engine.py [--split arc1-train] [--limit 400] [--offset 0] [--seconds 1.0]
                                     [--depth 3] [--views identity|all] [-v]

Per task, each engine gets the same CPU budget on the same task (old first, then new, so load
changes hit both alike) with a probe cache warmed before timing. Printed per engine: the median
over tasks of states per CPU-second (old: depth-1 operations plus depth-2 pairs examined; new:
(state, operation) pairs examined at every depth) and of distinct states per CPU-second (old:
its depth-1 states only: it keeps no depth-2 states), how many tasks reached each complete
depth, tasks with a candidate fitting every train pair, the pass@2 test score (test outputs used
only here, for scoring), and which tasks one engine fits and the other does not. First, the
numba compile time of every kernel on a cold cache (a temporary NUMBA_CACHE_DIR, in a child
process) and the load time from that cache in a second child. The load average is printed at
the start and the end: this machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.evaluate.scoring import output_solved
from arcsynth.search.attempts import choose_attempts
from arcsynth.search.cost import CostModel
from arcsynth.search.depth2 import enumerate_depth2, warm_probe_cache
from arcsynth.search.layers import enumerate_layers
from arcsynth.search.ops import compile_all
from arcsynth.search.views import IDENTITY, SYMMETRY_NAMES, task_views

_COMPILE = ("import resource, time; t = time.perf_counter(); from arcsynth.search.ops import compile_all; "
            "n = compile_all(); r = resource.getrusage(resource.RUSAGE_SELF); "
            "print(n, r.ru_utime + r.ru_stime, time.perf_counter() - t)")


def compile_times() -> list[tuple[int, float, float]]:
    """(functions, CPU seconds, wall seconds) to compile on a cold cache, then to load from it."""
    found = []
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache)
        for _ in range(2):
            out = subprocess.run([sys.executable, "-c", _COMPILE], env=env, capture_output=True, text=True,
                                 check=True).stdout.split()
            found.append((int(out[0]), float(out[1]), float(out[2])))
    return found


def _score(task, candidates) -> float:
    attempts = [[a.output for a in chosen] for chosen in choose_attempts(candidates, len(task.test))[0]]
    right = sum(output_solved(pair.output, chosen) for pair, chosen in zip(task.test, attempts))
    return right / len(task.test)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="arc1-train")
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--step", type=int, default=1, help="every step-th task of the range (a spread sample)")
    parser.add_argument("--seconds", type=float, default=1.0, help="CPU seconds per task and engine")
    parser.add_argument("--depth", type=int, default=3, help="the new engine's deepest layer")
    parser.add_argument("--views", choices=("identity", "all"), default="identity")
    parser.add_argument("--no-compile-time", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not args.no_compile_time:
        (count, cold_cpu, cold_wall), (_, warm_cpu, warm_wall) = compile_times()
        print(f"numba, {count} functions: cold cache {cold_cpu:.2f} CPU-s ({cold_wall:.2f} s wall, import included), "
              f"warm cache {warm_cpu:.2f} CPU-s ({warm_wall:.2f} s wall)")
    compile_all()
    registry = default_registry()
    costs = CostModel.uniform(sorted(registry))
    cache: dict = {}
    warm_probe_cache(registry, cache)
    tasks = list(load_dataset(args.split).tasks)[args.offset:args.offset + args.limit:args.step]
    rows = {"old": [], "new": []}
    for task in tasks:
        hidden = task.without_test_outputs()
        views = ([IDENTITY] if args.views == "identity"
                 else task_views(hidden, registry, SYMMETRY_NAMES, colors=True))
        started = time.process_time()
        old = enumerate_depth2(hidden, registry, costs, views, cpu_seconds=args.seconds, probe_cache=cache)
        old_cpu = time.process_time() - started
        started = time.process_time()
        new = enumerate_layers(hidden, registry, costs, views, cpu_seconds=args.seconds, max_depth=args.depth,
                               probe_cache=cache)
        new_cpu = time.process_time() - started
        old_states = old.total("states1") + old.total("pairs2")
        # The old pass starts depth 2 only once depth 1 is done on every view.
        old_depth = 2 if old.stopped == "complete" else (1 if old.total("pairs2") else 0)
        rows["old"].append((task.id, old_states, old.total("states1"), old_cpu, old_depth, old.solved,
                            _score(task, old.candidates)))
        rows["new"].append((task.id, new.total("states"), new.total("distinct"), new_cpu, new.complete_depth,
                            new.solved, _score(task, new.candidates)))
        if args.verbose:
            print(f"{task.id} old {old_states} states {old_cpu:.2f}s fit={int(old.solved)} | new {new.total('states')} "
                  f"states {new.total('distinct')} distinct {new_cpu:.2f}s depth={new.complete_depth} "
                  f"fit={int(new.solved)}", flush=True)
    print(f"{args.split}: {len(tasks)} tasks (from {args.offset}, every {args.step}), {args.seconds} CPU-s per task and engine, "
          f"views {args.views}, new engine to depth {args.depth}")
    for name, found in rows.items():
        per_s = [s / max(cpu, 1e-6) for _, s, _, cpu, *_ in found]
        distinct_s = [d / max(cpu, 1e-6) for _, _, d, cpu, *_ in found]
        depths = [row[4] for row in found]
        counts = " ".join(f"depth>={d}: {sum(x >= d for x in depths)}" for d in (1, 2, 3))
        print(f"{name}: median states/CPU-s {statistics.median(per_s):,.0f}, median distinct/CPU-s "
              f"{statistics.median(distinct_s):,.0f}, complete {counts}, fits {sum(r[5] for r in found)}, "
              f"test score {sum(r[6] for r in found):.2f}, CPU-s mean {statistics.mean(r[3] for r in found):.3f}")
    old_fit = {r[0] for r in rows["old"] if r[5]}
    new_fit = {r[0] for r in rows["new"] if r[5]}
    print(f"fit by old only: {sorted(old_fit - new_fit)}")
    print(f"fit by new only: {sorted(new_fit - old_fit)}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
