"""Gravity and compression: cells falling in a direction, removing repeated or empty rows/columns."""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.primitives._arrays import turned_back, turned_down
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Color, Direction, Grid
from arcsynth.dsl.values import freeze


def _settled(grid: np.ndarray, moving: np.ndarray, direction: tuple) -> np.ndarray:
    """Moving cells slide along `direction` past 0 cells until blocked by the edge or a fixed cell."""
    down, moves = turned_down(grid, direction), turned_down(moving, direction)
    fixed = (down != 0) & ~moves
    # Order each column by (fixed cells passed, kind): fixed cell, then 0 cells, then movers.
    kind = np.where(fixed, 0, np.where(moves, 2, 1))
    order = np.argsort(3 * np.cumsum(fixed, axis=0) + kind, axis=0, kind="stable")
    return freeze(turned_back(np.take_along_axis(down, order, axis=0), direction))


def _without_repeats(grid: np.ndarray) -> np.ndarray:
    keep = np.ones(grid.shape[0], dtype=bool)
    keep[1:] = (grid[1:] != grid[:-1]).any(axis=1)
    return grid[keep]


def _kept(grid: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    if not rows.any() or not cols.any():
        raise ValueError("nothing left")
    return freeze(grid[rows][:, cols])


def gravity(grid: Grid, direction: Direction) -> Grid:
    """Every non-zero cell slides in a straight direction until it rests on another or the edge."""
    return _settled(grid, grid != 0, direction)


def gravity_color(grid: Grid, color: Color, direction: Direction) -> Grid:
    """Cells of one color slide in a straight direction until blocked; other cells stay put."""
    return _settled(grid, grid == color, direction)


def remove_duplicate_lines(grid: Grid) -> Grid:
    """Collapse runs of identical adjacent rows, then of identical adjacent columns."""
    return freeze(_without_repeats(_without_repeats(grid).T).T)


def remove_empty_lines(grid: Grid) -> Grid:
    """Drop the rows and the columns that are entirely 0."""
    return _kept(grid, grid.any(axis=1), grid.any(axis=0))


def remove_uniform_lines(grid: Grid) -> Grid:
    """Drop the rows and the columns that are entirely one color (whatever the color)."""
    return _kept(grid, (grid != grid[:, :1]).any(axis=1), (grid != grid[:1, :]).any(axis=0))


PRIMITIVES = (
    primitive(gravity),
    primitive(gravity_color, cost=1.5),
    primitive(remove_duplicate_lines),
    primitive(remove_empty_lines),
    primitive(remove_uniform_lines),
)
