"""Flood fill: regions reachable from the edge or from seed cells, and filling enclosed regions."""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.primitives._arrays import paint_zeros
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Color, Grid, Mask
from arcsynth.dsl.values import freeze


def _row_runs(free: np.ndarray) -> np.ndarray:
    """A run number for every cell: cells of one run of free cells in a row share it (>= 1)."""
    height, width = free.shape
    cells = np.zeros((height, width + 1), dtype=bool)
    cells[:, :width] = free
    flat = cells.ravel()
    starts = flat.copy()
    starts[1:] &= ~flat[:-1]
    return np.cumsum(starts).reshape(height, width + 1)[:, :width]


def _reachable(free: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """The free cells 4-connected through free cells to a free seed cell."""
    # Spread alternately along whole runs of free cells in rows and in columns until stable.
    free_flat = free.ravel()
    row_runs, col_runs = _row_runs(free).ravel(), np.ascontiguousarray(_row_runs(free.T).T).ravel()
    row_hit = np.zeros(int(row_runs[-1]) + 2, dtype=bool)
    col_hit = np.zeros(int(col_runs.max()) + 1, dtype=bool)
    reached = (seeds & free).ravel()
    count = -1
    while True:
        row_hit[row_runs[reached]] = True
        reached = row_hit.take(row_runs) & free_flat
        col_hit[col_runs[reached]] = True
        reached = col_hit.take(col_runs) & free_flat
        now = int(np.count_nonzero(reached))
        if now == count:
            return reached.reshape(free.shape)
        count = now


def _edge(shape: tuple[int, int]) -> np.ndarray:
    edge = np.ones(shape, dtype=bool)
    edge[1:-1, 1:-1] = False
    return edge


def _enclosed(grid: np.ndarray, free: np.ndarray) -> np.ndarray:
    """Free cells that cannot reach the edge through free cells."""
    return free & ~_reachable(free, _edge(grid.shape))


def enclosed_mask(grid: Grid) -> Mask:
    """The 0 cells that cannot reach the edge through 0 cells (4-connected)."""
    return freeze(_enclosed(grid, grid == 0))


def fill_enclosed(grid: Grid, color: Color) -> Grid:
    """Paint one color on the 0 cells that cannot reach the edge through 0 cells (holes)."""
    return paint_zeros(grid, _enclosed(grid, grid == 0), color)


def fill_enclosed_by(grid: Grid, wall: Color, color: Color) -> Grid:
    """Paint one color on the 0 cells that cannot reach the edge without crossing the wall color."""
    return paint_zeros(grid, _enclosed(grid, grid != wall), color)


def flood_from_color(grid: Grid, color: Color) -> Grid:
    """Cells of one color spread their color over every 0 cell 4-connected to them through 0 cells."""
    seeds = grid == color
    return paint_zeros(grid, _reachable(seeds | (grid == 0), seeds), color)


PRIMITIVES = (
    primitive(enclosed_mask),
    primitive(fill_enclosed),
    primitive(fill_enclosed_by, cost=1.5),
    primitive(flood_from_color, cost=1.5),
)
