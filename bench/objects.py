"""Speed of object extraction on ARC-AGI-1 training inputs (never the evaluation split).

    .venv/bin/python bench/objects.py [--repeat 5]

Prints microseconds per grid for each extraction primitive, over all training inputs and over
the large ones (at least 20x20 cells), with the mean number of objects found, and a random
30x30 grid for reference.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from arcsynth.data import load_dataset
from arcsynth.dsl.primitives import objects
from arcsynth.grid import make_grid

EXTRACTORS = ("objects_4", "objects_8", "multicolor_objects_4", "multicolor_objects_8",
              "objects_by_color", "regions_4", "enclosed_regions")


def _per_grid_us(function, grids, repeat: int) -> float:
    """Microseconds per grid, the best of `repeat` passes (CPU time, so that other load on the machine counts less)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for grid in grids:
            function(grid)
        best = min(best, time.process_time() - started)
    return best / len(grids) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    grids = [pair.input for task in load_dataset("arc1-train").tasks for pair in task.train]
    large = [grid for grid in grids if grid.size >= 400]
    rng = np.random.default_rng(0)
    sparse = np.zeros((30, 30), dtype=np.uint8)
    for _ in range(15):
        row, col = rng.integers(0, 27, size=2)
        sparse[row:row + rng.integers(1, 4), col:col + rng.integers(1, 4)] = rng.integers(1, 10)
    reference = [make_grid(sparse)]
    print(f"{len(grids)} training inputs, {len(large)} of at least 400 cells")
    print(f"{'primitive':22s} {'all us':>8s} {'large us':>9s} {'objs/large':>10s} {'30x30 us':>9s}")
    for name in EXTRACTORS:
        function = getattr(objects, name)
        count = np.mean([len(function(grid)) for grid in large])
        print(f"{name:22s} {_per_grid_us(function, grids, args.repeat):8.1f} "
              f"{_per_grid_us(function, large, args.repeat):9.1f} {count:10.1f} "
              f"{_per_grid_us(function, reference * 50, 4 * args.repeat):9.1f}")


if __name__ == "__main__":
    main()
