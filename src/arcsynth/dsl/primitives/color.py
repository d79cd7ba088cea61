"""Color: recoloring whole grids, color statistics (most/least common, counts, palette)."""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.primitives._arrays import (background, check_same_shape, color_counts, most_common_color_of,
                                             require_color)
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Color, Colors, Grid, Int, Mask
from arcsynth.dsl.values import freeze
from arcsynth.grid import color_renaming, inverse_permutation


def _painted(grid: np.ndarray, where: np.ndarray, color: int) -> np.ndarray:
    out = grid.copy()
    out[where] = require_color(color)
    return freeze(out)


def _present_nonzero_counts(grid: np.ndarray) -> np.ndarray:
    counts = color_counts(grid)
    counts[0] = 0
    if not counts.any():
        raise ValueError("grid has no non-zero color")
    return counts


def replace_color(grid: Grid, old: Color, new: Color) -> Grid:
    """Paint every cell of color old with color new."""
    return _painted(grid, grid == old, new)


def swap_colors(grid: Grid, first: Color, second: Color) -> Grid:
    """Exchange two colors everywhere."""
    out = grid.copy()
    out[grid == first] = require_color(second)
    out[grid == second] = require_color(first)
    return freeze(out)


def keep_color(grid: Grid, color: Color) -> Grid:
    """Keep the cells of one color, every other cell becomes 0."""
    return freeze(np.where(grid == color, grid, np.uint8(0)))


def erase_color(grid: Grid, color: Color) -> Grid:
    """Cells of one color become 0."""
    return freeze(np.where(grid == color, np.uint8(0), grid))


def recolor_nonzero(grid: Grid, color: Color) -> Grid:
    """Every non-zero cell takes one color."""
    return _painted(grid, grid != 0, color)


def recolor_foreground(grid: Grid, color: Color) -> Grid:
    """Every cell not of the most common (background) color takes one color."""
    return _painted(grid, grid != background(grid), color)


def invert(grid: Grid) -> Grid:
    """Swap 0 and the most common non-zero color; other non-zero colors become 0."""
    color = int(_present_nonzero_counts(grid).argmax())
    return freeze(np.where(grid == 0, np.uint8(color), np.uint8(0)))


def filled_like(grid: Grid, color: Color) -> Grid:
    """A grid of the same shape entirely of one color."""
    return freeze(np.full(grid.shape, require_color(color), dtype=np.uint8))


def color_cell(color: Color) -> Grid:
    """The 1x1 grid of one color."""
    return freeze(np.full((1, 1), require_color(color), dtype=np.uint8))


def most_common_color(grid: Grid) -> Color:
    """The most frequent color, 0 included (ties: the lowest color)."""
    return background(grid)


def least_common_color(grid: Grid) -> Color:
    """The least frequent color present, 0 included (ties: the lowest color)."""
    counts = color_counts(grid)
    return int(np.where(counts > 0, counts, grid.size + 1).argmin())


def most_common_nonzero_color(grid: Grid) -> Color:
    """The most frequent non-zero color (ties: the lowest color)."""
    return int(_present_nonzero_counts(grid).argmax())


def least_common_nonzero_color(grid: Grid) -> Color:
    """The least frequent non-zero color present (ties: the lowest color)."""
    counts = _present_nonzero_counts(grid)
    return int(np.where(counts > 0, counts, grid.size + 1).argmin())


def color_under_mask(grid: Grid, mask: Mask) -> Color:
    """The most common color of the grid's cells inside a mask (ties: the lowest color)."""
    check_same_shape(grid, mask)
    if not mask.any():
        raise ValueError("empty mask")
    return most_common_color_of(grid[mask])


def count_color(grid: Grid, color: Color) -> Int:
    """How many cells have one color."""
    return int(np.count_nonzero(grid == color))


def count_nonzero(grid: Grid) -> Int:
    """How many cells are non-zero."""
    return int(np.count_nonzero(grid))


def palette(grid: Grid) -> Colors:
    """The colors present, ascending."""
    return tuple(int(c) for c in np.flatnonzero(color_counts(grid)))


def num_colors(grid: Grid) -> Int:
    """How many distinct non-zero colors are present."""
    return int(np.count_nonzero(color_counts(grid)[1:]))


def nonzero_colors_by_count(grid: Grid) -> Colors:
    """The non-zero colors present, most frequent first (ties: the lowest color)."""
    counts = _present_nonzero_counts(grid)
    order = np.argsort(-counts, kind="stable")
    return tuple(int(c) for c in order if counts[c] > 0)


def colors_column(colors: Colors) -> Grid:
    """A one-column grid of the colors, top to bottom."""
    if not 1 <= len(colors) <= 30:
        raise ValueError("a column holds 1..30 colors")
    return freeze(np.array([[require_color(c)] for c in colors], dtype=np.uint8))


def _renaming(grid: np.ndarray, keep: int) -> np.ndarray:
    """perm[old] = new of normalize_colors (grid.color_renaming), once `keep` is a color mask."""
    keep = int(keep)
    if not 0 <= keep < 1 << 10:
        raise ValueError(f"not a color mask: {keep}")
    return color_renaming(grid, keep)


def normalize_colors(grid: Grid, keep: Int) -> Grid:
    """Rename the colors not in the bit mask keep by decreasing count onto the free colors, lowest first."""
    return freeze(_renaming(grid, keep)[grid])


def restore_colors(grid: Grid, like: Grid, keep: Int) -> Grid:
    """Undo on grid the renaming that normalize_colors(like, keep) makes."""
    return freeze(inverse_permutation(_renaming(like, keep))[grid])


PRIMITIVES = (
    primitive(replace_color),
    primitive(swap_colors, cost=1.5),
    primitive(keep_color),
    primitive(erase_color),
    primitive(recolor_nonzero),
    primitive(recolor_foreground, cost=1.5),
    primitive(invert),
    primitive(filled_like, cost=1.5),
    primitive(color_cell, cost=1.5),
    primitive(most_common_color),
    primitive(least_common_color),
    primitive(most_common_nonzero_color),
    primitive(least_common_nonzero_color),
    primitive(color_under_mask, cost=1.5),
    primitive(count_color),
    primitive(count_nonzero),
    primitive(palette, cost=1.5),
    primitive(num_colors),
    primitive(nonzero_colors_by_count, cost=1.5),
    primitive(colors_column, cost=1.5),
    primitive(normalize_colors, cost=2.0),
    primitive(restore_colors, cost=2.0),
)
