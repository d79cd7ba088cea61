"""Small tasks with distinctive grids for the guide's data tests (no evaluation task shares them)."""

from __future__ import annotations

import numpy as np

from arcsynth.grid import make_grid
from arcsynth.task import Pair, Task


def distinctive_grid(seed: int, height: int = 7, width: int = 9) -> np.ndarray:
    """A random grid of a few colors on 0, different for every seed."""
    rng = np.random.default_rng(1000 + seed)
    cells = rng.choice([0, 0, 0, 1, 2, 3, 5, 8], size=(height, width))
    return make_grid(cells)


def source_task(task_id: str, seed: int, inputs: int = 5) -> Task:
    """A task of `inputs` distinctive input grids (outputs: the inputs flipped)."""
    grids = [distinctive_grid(seed * 10 + k, 6 + k % 3, 8 + k % 2) for k in range(inputs)]
    pairs = tuple(Pair(g, make_grid(g[:, ::-1])) for g in grids)
    return Task(task_id, pairs[:-1], pairs[-1:])
