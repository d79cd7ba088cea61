"""Counting: numbers of objects, grids sized by a count, bars and histograms.

Histogram grids use 0 for their empty cells, as ARC outputs mostly do.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from arcsynth.dsl.primitives._arrays import check_side, require_color
from arcsynth.dsl.primitives._components import background, components, object_color, shape_key
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Color, Grid, Int, Objects
from arcsynth.dsl.values import freeze


def _filled(height: int, width: int, color: int) -> np.ndarray:
    check_side(int(height), int(width))
    return freeze(np.full((int(height), int(width)), require_color(color), dtype=np.uint8))


def _object_colors(objs: tuple) -> Counter:
    if not objs:
        raise ValueError("no objects")
    return Counter(object_color(o) for o in objs)


def count_objects(objs: Objects) -> Int:
    """Number of objects."""
    return len(objs)


def num_objects(grid: Grid) -> Int:
    """Number of single-color 8-connected non-background objects in the grid."""
    return len(components(grid, grid != background(grid), diagonal=True, multicolor=False))


def count_shapes(objs: Objects) -> Int:
    """Number of distinct shapes among the objects."""
    return len({shape_key(o) for o in objs})


def row_of(count: Int, color: Color) -> Grid:
    """A 1 x count grid of one color."""
    return _filled(1, count, color)


def column_of(count: Int, color: Color) -> Grid:
    """A count x 1 grid of one color."""
    return _filled(count, 1, color)


def square_of(count: Int, color: Color) -> Grid:
    """A count x count grid of one color."""
    return _filled(count, count, color)


def size_bars(objs: Objects) -> Grid:
    """One bottom-aligned column per object, largest first, as tall as its size, in its color."""
    if not objs:
        raise ValueError("no objects")
    ranked = sorted(objs, key=lambda o: -o.size)
    height = ranked[0].size
    check_side(height, len(ranked))
    bars = np.zeros((height, len(ranked)), dtype=np.uint8)
    for column, o in enumerate(ranked):
        bars[height - o.size:, column] = object_color(o)
    return freeze(bars)


def color_histogram(grid: Grid) -> Grid:
    """One left-aligned row per non-background color, as long as its cell count, most first."""
    counts = np.bincount(grid.ravel(), minlength=10)
    counts[background(grid)] = 0
    colors = [int(c) for c in np.argsort(-counts, kind="stable") if counts[c] > 0]
    if not colors:
        raise ValueError("no foreground colors")
    width = int(counts[colors[0]])
    check_side(len(colors), width)
    rows = np.zeros((len(colors), width), dtype=np.uint8)
    for row, color in enumerate(colors):
        rows[row, :counts[color]] = color
    return freeze(rows)


def common_object_color(objs: Objects) -> Color:
    """The color most objects have (the smallest on a tie)."""
    counts = _object_colors(objs)
    return min(counts, key=lambda c: (-counts[c], c))


def rare_object_color(objs: Objects) -> Color:
    """The color fewest objects have (the smallest on a tie)."""
    counts = _object_colors(objs)
    return min(counts, key=lambda c: (counts[c], c))


PRIMITIVES = (
    primitive(count_objects),
    primitive(num_objects, cost=1.5),
    primitive(count_shapes, cost=2.0),
    primitive(row_of),
    primitive(column_of, cost=1.5),
    primitive(square_of, cost=1.5),
    primitive(size_bars, cost=2.0),
    primitive(color_histogram, cost=2.0),
    primitive(common_object_color),
    primitive(rare_object_color),
)
