"""Conversions and sums: grid sizes, integer sums and differences, colors of many objects, block summaries.

Small general pieces found missing while writing programs for the training tasks.
"""

from __future__ import annotations

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
    edges = np.diff(np.concatenate(([0], (~is_line).astype(np.int8), [0])))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [slice(int(a), int(b)) for a, b in zip(starts, stops)]


def blocks_to_cells(grid: Grid) -> Grid:
    """One cell per block between full separator lines of one color, in the block's most common color."""
    height, width = grid.shape
    uniform_rows = (grid == grid[:, :1]).all(axis=1)
    uniform_cols = (grid == grid[:1, :]).all(axis=0)
    row_counts = np.bincount(grid[uniform_rows, 0], minlength=10)
    col_counts = np.bincount(grid[0, uniform_cols], minlength=10)
    total = np.where((row_counts == height) | (col_counts == width), 0, row_counts + col_counts)
    if not total.any():
        raise ValueError("no separator lines")
    color = int(total.argmax())
    line_rows, line_cols = uniform_rows & (grid[:, 0] == color), uniform_cols & (grid[0, :] == color)
    row_runs, col_runs = _block_runs(line_rows), _block_runs(line_cols)
    check_side(len(row_runs), len(col_runs))
    kept = grid[~line_rows][:, ~line_cols]
    row_starts = np.cumsum([0] + [r.stop - r.start for r in row_runs[:-1]])
    col_starts = np.cumsum([0] + [c.stop - c.start for c in col_runs[:-1]])
    one_hot = (kept[:, :, None] == np.arange(10)).astype(np.int32)
    counts = np.add.reduceat(np.add.reduceat(one_hot, row_starts, axis=0), col_starts, axis=1)
    return freeze(counts.argmax(axis=2).astype(np.uint8))


PRIMITIVES = (
    primitive(grid_height),
    primitive(grid_width),
    primitive(int_add, cost=1.5),
    primitive(int_sub, cost=1.5),
    primitive(object_colors, cost=1.5),
    primitive(blocks_to_cells, cost=1.5),
)
