"""A tiny registry of well-behaved and misbehaving primitives, so that the program layer is
tested against behaviour it controls rather than against the growing real primitive set."""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.registry import Registry, primitive
from arcsynth.dsl.types import Bool, Color, Direction, Grid, GridToGrid, Int, Mask
from arcsynth.dsl.values import freeze
from arcsynth.errors import EvaluationError


def flip(grid: Grid) -> Grid:
    """Mirror left to right."""
    return freeze(grid[:, ::-1])


def paint_all(grid: Grid, color: Color) -> Grid:
    """Every cell becomes `color`."""
    return freeze(np.full_like(grid, color))


def repeat(grid: Grid, times: Int) -> Grid:
    """`times` copies side by side."""
    return freeze(np.tile(grid, (1, times)))


def nonzero(grid: Grid) -> Mask:
    """Where the grid is not 0."""
    return freeze(grid != 0)


def where(mask: Mask, color: Color) -> Grid:
    """`color` where the mask holds, 0 elsewhere."""
    return freeze(np.where(mask, color, 0).astype(np.uint8))


def pick(grid: Grid, flag: Bool, direction: Direction) -> Grid:
    """The grid, or (flag) the grid moved one step in `direction`, wrapping."""
    return freeze(np.roll(grid, direction, axis=(0, 1))) if flag else grid


def apply_twice(fn: GridToGrid, grid: Grid) -> Grid:
    """fn(fn(grid))."""
    return fn(fn(grid))


def width(grid: Grid) -> Int:
    """Columns."""
    return int(grid.shape[1])


def square(number: Int) -> Int:
    """number * number (grows without bound when chained)."""
    return number * number


def divide_by_zero(grid: Grid) -> Grid:
    """Always raises ZeroDivisionError (a buggy primitive)."""
    return freeze(grid + 1 // 0)


def refuse(grid: Grid) -> Grid:
    """Always refuses with EvaluationError (a deliberate refusal)."""
    raise EvaluationError("refuse: never applies")


def recurse_forever(grid: Grid) -> Grid:
    """Unbounded recursion (a buggy primitive)."""
    return recurse_forever(grid)


def bad_colors(grid: Grid) -> Grid:
    """A 'grid' holding the value 12 (not an ARC grid)."""
    return freeze(np.full_like(grid, 12))


def giant(grid: Grid) -> Grid:
    """A 100x100 grid, past every side limit."""
    return freeze(np.zeros((100, 100), dtype=np.uint8))


def wide(grid: Grid) -> Grid:
    """A 1x45 grid: within intermediate limits, but no valid ARC output."""
    return freeze(np.zeros((1, 45), dtype=np.uint8))


def writable(grid: Grid) -> Grid:
    """A writable copy (breaks the read-only convention)."""
    return np.array(grid)


FAKE_REGISTRY = Registry(primitive(function) for function in (
    flip, paint_all, repeat, nonzero, where, pick, apply_twice, width, square, divide_by_zero, refuse,
    recurse_forever, bad_colors, giant, wide, writable))

# The primitives that never fail on a valid grid, for tests where every draw must run.
WELL_BEHAVED_REGISTRY = Registry(FAKE_REGISTRY[name] for name in (
    "flip", "paint_all", "repeat", "nonzero", "where", "pick", "apply_twice", "width"))
