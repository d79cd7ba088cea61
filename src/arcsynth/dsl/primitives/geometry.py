"""Geometry: rotations, flips, shifts, crops and halves of whole grids."""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.primitives._arrays import (background, bbox, check_same_shape, check_side, require_color,
                                             require_positive, shifted)
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Color, Direction, Grid, Int, Mask
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


def anti_transpose(grid: Grid) -> Grid:
    """Mirror on the anti-diagonal (top-right to bottom-left)."""
    return freeze(grid[::-1, ::-1].T)


def shift_grid(grid: Grid, direction: Direction) -> Grid:
    """Move every cell by (drow, dcol); vacated cells become 0, cells moved off are lost."""
    return freeze(shifted(grid, int(direction[0]), int(direction[1])))


def roll_grid(grid: Grid, direction: Direction) -> Grid:
    """Move every cell by (drow, dcol), wrapping around the edges."""
    return freeze(np.roll(grid, (int(direction[0]), int(direction[1])), axis=(0, 1)))


def crop(grid: Grid, top: Int, left: Int, height: Int, width: Int) -> Grid:
    """The height x width rectangle whose top-left cell is (top, left); must lie inside."""
    height, width = require_positive(height, "height"), require_positive(width, "width")
    if top < 0 or left < 0 or top + height > grid.shape[0] or left + width > grid.shape[1]:
        raise ValueError("crop rectangle leaves the grid")
    return freeze(grid[top:top + height, left:left + width])


def embed(grid: Grid, height: Int, width: Int) -> Grid:
    """The grid at the top-left of a height x width canvas of 0, cut where it overflows."""
    height, width = require_positive(height, "height"), require_positive(width, "width")
    check_side(height, width)
    out = np.zeros((height, width), dtype=np.uint8)
    rows, cols = min(height, grid.shape[0]), min(width, grid.shape[1])
    out[:rows, :cols] = grid[:rows, :cols]
    return freeze(out)


def crop_to_content(grid: Grid) -> Grid:
    """Crop to the bounding box of the non-zero cells."""
    top, bottom, left, right = bbox(grid != 0)
    return freeze(grid[top:bottom + 1, left:right + 1])


def crop_to_color(grid: Grid, color: Color) -> Grid:
    """Crop to the bounding box of the cells of one color."""
    top, bottom, left, right = bbox(grid == color)
    return freeze(grid[top:bottom + 1, left:right + 1])


def crop_to_mask(grid: Grid, mask: Mask) -> Grid:
    """Crop to the bounding box of a mask's True cells."""
    check_same_shape(grid, mask)
    top, bottom, left, right = bbox(mask)
    return freeze(grid[top:bottom + 1, left:right + 1])


def crop_to_foreground(grid: Grid) -> Grid:
    """Crop to the bounding box of the cells not of the most common (background) color."""
    top, bottom, left, right = bbox(grid != background(grid))
    return freeze(grid[top:bottom + 1, left:right + 1])


def pad(grid: Grid, color: Color) -> Grid:
    """Surround the grid with a one-cell ring of one color."""
    check_side(grid.shape[0] + 2, grid.shape[1] + 2)
    out = np.full((grid.shape[0] + 2, grid.shape[1] + 2), require_color(color), dtype=np.uint8)
    out[1:-1, 1:-1] = grid
    return freeze(out)


def trim_border(grid: Grid) -> Grid:
    """Strip the outer rows and columns that are entirely the top-left corner's color."""
    # The corner color is the usual guess for a background or frame color in ARC.
    top, bottom, left, right = bbox(grid != grid[0, 0])
    return freeze(grid[top:bottom + 1, left:right + 1])


def strip_edge(grid: Grid) -> Grid:
    """Remove the outermost ring of cells (a one-cell frame)."""
    if grid.shape[0] < 3 or grid.shape[1] < 3:
        raise ValueError("grid too small to strip its edge")
    return freeze(grid[1:-1, 1:-1])


def top_half(grid: Grid) -> Grid:
    """The top half of the rows (the middle row of an odd height is left out)."""
    if grid.shape[0] < 2:
        raise ValueError("one row has no halves")
    return freeze(grid[:grid.shape[0] // 2])


def bottom_half(grid: Grid) -> Grid:
    """The bottom half of the rows (the middle row of an odd height is left out)."""
    if grid.shape[0] < 2:
        raise ValueError("one row has no halves")
    return freeze(grid[(grid.shape[0] + 1) // 2:])


def left_half(grid: Grid) -> Grid:
    """The left half of the columns (the middle column of an odd width is left out)."""
    if grid.shape[1] < 2:
        raise ValueError("one column has no halves")
    return freeze(grid[:, :grid.shape[1] // 2])


def right_half(grid: Grid) -> Grid:
    """The right half of the columns (the middle column of an odd width is left out)."""
    if grid.shape[1] < 2:
        raise ValueError("one column has no halves")
    return freeze(grid[:, (grid.shape[1] + 1) // 2:])


PRIMITIVES = (
    primitive(rot90),
    primitive(rot180),
    primitive(rot270),
    primitive(flip_h),
    primitive(flip_v),
    primitive(transpose),
    primitive(anti_transpose),
    primitive(shift_grid),
    primitive(roll_grid, cost=1.5),
    primitive(crop, cost=2.0),
    primitive(embed, cost=2.0),
    primitive(crop_to_content),
    primitive(crop_to_color),
    primitive(crop_to_mask),
    primitive(crop_to_foreground),
    primitive(pad, cost=1.5),
    primitive(trim_border),
    primitive(strip_edge),
    primitive(top_half),
    primitive(bottom_half),
    primitive(left_half),
    primitive(right_half),
)
