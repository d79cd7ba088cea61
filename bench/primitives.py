"""Time per call of every registered primitive on large ARC-AGI-1 training grids (never the
evaluation split), and evaluations per second for a mixed workload of random programs.

    .venv/bin/python bench/primitives.py [--grids 20] [--repeat 5] [--programs 300] [--top N]

Arguments are drawn by type with the program sampler (the same generator the property tests
use): colors of the grid, small ints, directions, booleans, objects, masks and lists made by
other primitives from the grid, function values of the right Fn type. Each argument set is
timed `--repeat` times and the fastest run kept (other load on a shared machine only adds).
Per primitive: the median and the worst over its argument sets; refused calls (the primitive
raised) are timed too, since the search pays for them as well.

Target (issue 3): median primitive under 20 us, none over 1 ms on 30x30 grids.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass

import numpy as np

from arcsynth.data import load_dataset
from arcsynth.dsl import Primitive, default_registry
from arcsynth.errors import EvaluationError
from arcsynth.grid import Grid, grid_key
from arcsynth.program import ProgramSampler, compile_program

TRAINING_SPLIT = "arc1-train"
TARGET_MEDIAN_US = 20.0
TARGET_WORST_US = 1000.0


@dataclass(frozen=True)
class PrimitiveTiming:
    """Microseconds per call of one primitive over its argument sets."""

    name: str
    family: str
    times_us: tuple[float, ...]
    refused: int
    worst_call: str  # the program text of the slowest call, to reproduce it

    @property
    def median_us(self) -> float:
        return statistics.median(self.times_us)

    @property
    def worst_us(self) -> float:
        return max(self.times_us)


def large_training_grids(count: int, min_side: int) -> list[Grid]:
    """The `count` largest distinct grids (inputs and outputs) of the training split with both
    sides at least `min_side`, largest first (ties by content, so the choice is stable)."""
    seen: dict[object, Grid] = {}
    for task in load_dataset(TRAINING_SPLIT).tasks:
        for pair in (*task.train, *task.test):
            for grid in (pair.input, pair.output):
                if grid is not None and min(grid.shape) >= min_side:
                    seen.setdefault(grid_key(grid), grid)
    ranked = sorted(seen.items(), key=lambda item: (-item[1].size, item[0][1]))
    return [grid for _, grid in ranked[:count]]


def _call_us(prim: Primitive, args: tuple[object, ...], repeat: int) -> tuple[float, bool]:
    """The fastest of `repeat` calls in microseconds, and whether the primitive refused."""
    best = float("inf")
    refused = False
    for _ in range(repeat):
        started = time.perf_counter_ns()
        try:
            prim.function(*args)
        except Exception:  # a refusal; the search pays for its time all the same
            refused = True
        best = min(best, time.perf_counter_ns() - started)
    return best / 1000.0, refused


def time_primitive(prim: Primitive, sampler: ProgramSampler, grids: list[Grid], rng: np.random.Generator,
                   repeat: int) -> PrimitiveTiming | None:
    """Timings of `prim` with one sampled argument set per grid (None when none could be built)."""
    times, refused, calls = [], 0, []
    for grid in grids:
        drawn = sampler.sample_arguments(rng, prim, grid, attempts=10)
        if drawn is None:
            continue
        micros, did_refuse = _call_us(prim, drawn[1], repeat)
        times.append(micros)
        calls.append(f"on a {grid.shape[0]}x{grid.shape[1]} grid: " + drawn[0].text().strip().replace("\n", "; "))
        refused += did_refuse
    if not times:
        return None
    return PrimitiveTiming(prim.name, prim.family, tuple(times), refused, calls[int(np.argmax(times))])


def mixed_workload(sampler: ProgramSampler, rng: np.random.Generator, programs: int,
                   inputs_per_program: int) -> dict[str, float]:
    """Random programs run on random training inputs: evaluations (program x input) per second."""
    inputs = [pair.input for task in load_dataset(TRAINING_SPLIT).tasks for pair in task.train]
    runs = valid = steps = 0
    elapsed = 0.0
    for _ in range(programs):
        chosen = [inputs[i] for i in rng.choice(len(inputs), size=inputs_per_program, replace=False)]
        colors = tuple(int(c) for c in np.unique(np.concatenate([g.ravel() for g in chosen])))
        program = sampler.sample_program(rng, colors)
        started = time.perf_counter()
        compiled = compile_program(program, sampler.registry)
        for grid in chosen:
            try:
                compiled.run(grid)
                valid += 1
            except EvaluationError:
                pass
        elapsed += time.perf_counter() - started
        runs += len(chosen)
        steps += len(program) * len(chosen)
    return {"evaluations": runs, "seconds": elapsed, "per_second": runs / elapsed,
            "mean_steps": steps / runs, "valid_share": valid / runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grids", type=int, default=20, help="training grids to time on (default 20)")
    parser.add_argument("--min-side", type=int, default=25, help="least side of those grids (default 25)")
    parser.add_argument("--repeat", type=int, default=5, help="timed calls per argument set (default 5)")
    parser.add_argument("--programs", type=int, default=300, help="random programs in the mixed workload")
    parser.add_argument("--inputs", type=int, default=4, help="training inputs per program (default 4)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--top", type=int, default=0, help="print only the N slowest primitives (0: all)")
    args = parser.parse_args()

    registry = default_registry()
    sampler = ProgramSampler(registry)
    grids = large_training_grids(args.grids, args.min_side)
    rng = np.random.default_rng(args.seed)
    shapes = sorted({f"{g.shape[0]}x{g.shape[1]}" for g in grids})
    print(f"{len(registry)} primitives; {len(grids)} {TRAINING_SPLIT} grids ({', '.join(shapes)}); "
          f"best of {args.repeat} calls per argument set")

    timings, untimed = [], []
    for prim in sorted(registry.values(), key=lambda p: p.name):
        timing = time_primitive(prim, sampler, grids, rng, args.repeat)
        (timings.append(timing) if timing else untimed.append(prim.name))
    timings.sort(key=lambda t: -t.median_us)

    print()
    print(f"{'primitive':<28} {'family':<14} {'median us':>10} {'worst us':>10} {'calls':>6} {'refused':>8}")
    for timing in timings[:args.top or None]:
        print(f"{timing.name:<28} {timing.family:<14} {timing.median_us:>10.1f} {timing.worst_us:>10.1f} "
              f"{len(timing.times_us):>6} {timing.refused:>8}")

    medians = [t.median_us for t in timings]
    print()
    print(f"timed primitives:             {len(timings)} of {len(registry)}"
          + (f" (no arguments could be built for: {', '.join(untimed)})" if untimed else ""))
    print(f"overall median (of medians):  {statistics.median(medians):.1f} us (target < {TARGET_MEDIAN_US:g})")
    print(f"median over {TARGET_MEDIAN_US:g} us:           {sum(m > TARGET_MEDIAN_US for m in medians)}")
    print(f"median over 1 ms:             {sum(m > TARGET_WORST_US for m in medians)}")
    over = [t for t in timings if t.worst_us > TARGET_WORST_US]
    print(f"worst over 1 ms:              {len(over)}" + (f" ({', '.join(t.name for t in over)})" if over else ""))
    for timing in over:
        print(f"  {timing.name} {timing.worst_us:.0f} us {timing.worst_call}")

    workload = mixed_workload(sampler, rng, args.programs, args.inputs)
    print(f"mixed workload:               {workload['per_second']:.0f} evaluations/s "
          f"({workload['evaluations']} runs of {args.programs} random programs, "
          f"{workload['mean_steps']:.1f} steps on average, {workload['valid_share']:.0%} gave a valid grid; "
          f"{workload['seconds'] / (workload['evaluations'] * workload['mean_steps']) * 1e6:.1f} us per step "
          f"including the guards)")


if __name__ == "__main__":
    main()
