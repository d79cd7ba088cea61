"""Geometry: rotations, flips, transpose."""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Grid
from arcsynth.dsl.values import freeze


def rot90(grid: Grid) -> Grid:
    """Rotate a quarter turn clockwise."""
    return freeze(np.rot90(grid, -1))


def rot180(grid: Grid) -> Grid:
    """Rotate a half turn."""
    return freeze(grid[::-1, ::-1])


def rot270(grid: Grid) -> Grid:
    """Rotate a quarter turn counter-clockwise."""
    return freeze(np.rot90(grid, 1))


def flip_h(grid: Grid) -> Grid:
    """Mirror left to right."""
    return freeze(grid[:, ::-1])


def flip_v(grid: Grid) -> Grid:
    """Mirror top to bottom."""
    return freeze(grid[::-1, :])


def transpose(grid: Grid) -> Grid:
    """Swap rows and columns (mirror on the main diagonal)."""
    return freeze(grid.T)


PRIMITIVES = (
    primitive(rot90),
    primitive(rot180),
    primitive(rot270),
    primitive(flip_h),
    primitive(flip_v),
    primitive(transpose),
)
