"""A small, fixed registry and toy tasks, so that search tests do not depend on the primitive families."""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.registry import Registry, primitive
from arcsynth.dsl.types import Color, Grid, Int, Objects
from arcsynth.dsl.values import Obj, freeze
from arcsynth.grid import make_grid
from arcsynth.task import Pair, Task


def rot90(grid: Grid) -> Grid:
    """Quarter turn clockwise."""
    return freeze(np.rot90(grid, -1))


def flip_h(grid: Grid) -> Grid:
    """Mirror left to right."""
    return freeze(grid[:, ::-1])


def flip_v(grid: Grid) -> Grid:
    """Mirror top to bottom."""
    return freeze(grid[::-1, :])


def replace_color(grid: Grid, source: Color, dest: Color) -> Grid:
    """Every cell of color source becomes dest."""
    return freeze(np.where(grid == source, dest, grid).astype(np.uint8))


def overlay(bottom: Grid, top: Grid) -> Grid:
    """The non-zero cells of top over bottom."""
    if bottom.shape != top.shape:
        raise ValueError("shapes differ")
    return freeze(np.where(top != 0, top, bottom))


def upscale(grid: Grid, factor: Int) -> Grid:
    """Each cell becomes a factor x factor block."""
    if not 1 <= factor <= 5:
        raise ValueError("factor")
    return freeze(np.kron(grid, np.ones((factor, factor), dtype=np.uint8)))


def crop_to_content(grid: Grid) -> Grid:
    """Bounding box of the non-zero cells."""
    rows = np.flatnonzero(grid.any(axis=1))
    cols = np.flatnonzero(grid.any(axis=0))
    if rows.size == 0:
        raise ValueError("empty")
    return freeze(grid[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1])


def least_color(grid: Grid) -> Color:
    """The least common color present."""
    counts = np.bincount(grid.ravel(), minlength=10)
    counts[counts == 0] = 10_000
    return int(np.argmin(counts))


def cells(grid: Grid) -> Objects:
    """Each non-zero cell as a one-cell object."""
    out = []
    for r, c in zip(*np.nonzero(grid)):
        out.append(Obj(int(r), int(c), freeze(grid[r:r + 1, c:c + 1].copy()), freeze(np.ones((1, 1), bool))))
    return tuple(out)


def transpose(grid: Grid) -> Grid:
    """Swap rows and columns."""
    return freeze(grid.T)


def gravity_down(grid: Grid) -> Grid:
    """Non-zero cells fall to the bottom of their column, in order."""
    out = np.zeros_like(grid)
    for c in range(grid.shape[1]):
        column = grid[:, c][grid[:, c] != 0]
        if column.size:
            out[-column.size:, c] = column
    return freeze(out)


def explode(grid: Grid) -> Grid:
    """Always raises (a primitive that fails must only reject the candidate)."""
    raise RuntimeError("boom")


TOY = Registry([primitive(f) for f in (rot90, flip_h, flip_v, replace_color, overlay, upscale, crop_to_content,
                                       least_color, cells, transpose, gravity_down, explode)])


def g(*rows: str) -> np.ndarray:
    """A grid from strings of digits."""
    return make_grid([[int(ch) for ch in row] for row in rows])


def make_task(fn, inputs, tests, task_id="toy") -> Task:
    """A task whose outputs are fn(input), with test outputs kept for checking."""
    return Task(task_id, tuple(Pair(i, fn(i)) for i in inputs), tuple(Pair(t, fn(t)) for t in tests))


INPUTS = (g("120", "030", "004"), g("1100", "0200", "0033"), g("50", "06", "70"))
TESTS = (g("012", "340", "500"),)
