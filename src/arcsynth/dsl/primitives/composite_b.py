"""Composite helpers: grid sizes, integer sums and differences, colors of many objects, block summaries.

Small general pieces found missing while writing programs for the training tasks.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from arcsynth.dsl.primitives._arrays import check_side
from arcsynth.dsl.primitives._components import object_color
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Colors, Grid, Int, Objects
from arcsynth.dsl.values import freeze


def grid_height(grid: Grid) -> Int:
    """Number of rows of the grid."""
    return int(grid.shape[0])


def grid_width(grid: Grid) -> Int:
    """Number of columns of the grid."""
    return int(grid.shape[1])


def int_add(first: Int, second: Int) -> Int:
    """The sum of two integers."""
    return int(first) + int(second)


def int_sub(first: Int, second: Int) -> Int:
    """The first integer minus the second."""
    return int(first) - int(second)


def object_colors(objs: Objects) -> Colors:
    """The (most common) color of each object, in the objects' order."""
    return tuple(object_color(o) for o in objs)


def _block_runs(is_line: np.ndarray) -> list[slice]:
    """The maximal runs of non-line positions, as slices."""
    runs, start = [], None
    for index, line in enumerate(list(is_line) + [True]):
        if not line and start is None:
            start = index
        elif line and start is not None:
            runs.append(slice(start, index))
            start = None
    return runs


def blocks_to_cells(grid: Grid) -> Grid:
    """One cell per block between full separator lines of one color, in the block's most common color."""
    best = None
    for color in np.unique(grid):
        rows, cols = (grid == color).all(axis=1), (grid == color).all(axis=0)
        if (rows.any() or cols.any()) and not (rows.all() or cols.all()):
            count = int(rows.sum() + cols.sum())
            if best is None or count > best[0]:
                best = (count, rows, cols)
    if best is None:
        raise ValueError("no separator lines")
    row_runs, col_runs = _block_runs(best[1]), _block_runs(best[2])
    check_side(len(row_runs), len(col_runs))
    out = np.zeros((len(row_runs), len(col_runs)), dtype=np.uint8)
    for i, rows in enumerate(row_runs):
        for j, cols in enumerate(col_runs):
            counts = Counter(int(v) for v in grid[rows, cols].ravel())
            out[i, j] = min(counts, key=lambda c: (-counts[c], c))
    return freeze(out)


PRIMITIVES = (
    primitive(grid_height),
    primitive(grid_width),
    primitive(int_add, cost=1.5),
    primitive(int_sub, cost=1.5),
    primitive(object_colors, cost=1.5),
    primitive(blocks_to_cells, cost=1.5),
)
