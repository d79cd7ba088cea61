"""Masks: boolean cell sets of a grid, their logic and morphology, and painting through them."""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.primitives._arrays import (background, bbox, check_same_shape, paint_zeros, require_color,
                                             require_positive, shifted)
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Color, Direction, Grid, Int, Mask
from arcsynth.dsl.values import freeze


def _neighbours4(mask: np.ndarray) -> np.ndarray:
    """Cells with a True 4-neighbour (outside the grid counts as False)."""
    near = np.zeros_like(mask)
    near[1:] |= mask[:-1]
    near[:-1] |= mask[1:]
    near[:, 1:] |= mask[:, :-1]
    near[:, :-1] |= mask[:, 1:]
    return near


def _box(mask: np.ndarray) -> np.ndarray:
    """The mask grown by one cell in all 8 directions."""
    rows = mask.copy()
    rows[1:] |= mask[:-1]
    rows[:-1] |= mask[1:]
    box = rows.copy()
    box[:, 1:] |= rows[:, :-1]
    box[:, :-1] |= rows[:, 1:]
    return box


def _diagonal_neighbours(mask: np.ndarray) -> np.ndarray:
    """Cells with a True diagonal neighbour (outside the grid counts as False)."""
    near = np.zeros_like(mask)
    near[1:, 1:] |= mask[:-1, :-1]
    near[1:, :-1] |= mask[:-1, 1:]
    near[:-1, 1:] |= mask[1:, :-1]
    near[:-1, :-1] |= mask[1:, 1:]
    return near


def mask_of_color(grid: Grid, color: Color) -> Mask:
    """The cells of one color."""
    return freeze(grid == color)


def mask_nonzero(grid: Grid) -> Mask:
    """The non-zero cells."""
    return freeze(grid != 0)


def mask_foreground(grid: Grid) -> Mask:
    """The cells not of the most common (background) color."""
    return freeze(grid != background(grid))


def edge_mask(grid: Grid) -> Mask:
    """The outer ring of cells of a grid."""
    mask = np.ones(grid.shape, dtype=bool)
    mask[1:-1, 1:-1] = False
    return freeze(mask)


def nth_rows_mask(grid: Grid, step: Int) -> Mask:
    """Every step-th row of the grid, starting with the first."""
    step = require_positive(step, "step")
    mask = np.zeros(grid.shape, dtype=bool)
    mask[::step] = True
    return freeze(mask)


def nth_cols_mask(grid: Grid, step: Int) -> Mask:
    """Every step-th column of the grid, starting with the first."""
    step = require_positive(step, "step")
    mask = np.zeros(grid.shape, dtype=bool)
    mask[:, ::step] = True
    return freeze(mask)


def checker_mask(grid: Grid) -> Mask:
    """The cells of a checkerboard whose top-left cell is in it."""
    rows, cols = np.indices(grid.shape)
    return freeze((rows + cols) % 2 == 0)


def mask_and(first: Mask, second: Mask) -> Mask:
    """Cells in both masks."""
    check_same_shape(first, second)
    return freeze(first & second)


def mask_or(first: Mask, second: Mask) -> Mask:
    """Cells in either mask."""
    check_same_shape(first, second)
    return freeze(first | second)


def mask_xor(first: Mask, second: Mask) -> Mask:
    """Cells in exactly one of the masks."""
    check_same_shape(first, second)
    return freeze(first ^ second)


def mask_minus(first: Mask, second: Mask) -> Mask:
    """Cells in the first mask and not in the second."""
    check_same_shape(first, second)
    return freeze(first & ~second)


def mask_not(mask: Mask) -> Mask:
    """The cells outside the mask."""
    return freeze(~mask)


def shift_mask(mask: Mask, direction: Direction) -> Mask:
    """Move the mask by (drow, dcol); cells moved off the grid are lost."""
    return freeze(shifted(mask, int(direction[0]), int(direction[1])))


def mask_dilate(mask: Mask) -> Mask:
    """Add every cell 4-adjacent to the mask."""
    return freeze(mask | _neighbours4(mask))


def mask_dilate8(mask: Mask) -> Mask:
    """Add every cell 8-adjacent (diagonals too) to the mask."""
    return freeze(_box(mask))


def mask_erode(mask: Mask) -> Mask:
    """Keep the cells whose four neighbours are all in the mask (outside the grid is not)."""
    return freeze(mask & ~_neighbours4(~mask) & ~edge_mask(mask))


def mask_outline(mask: Mask) -> Mask:
    """The cells of the mask with a 4-neighbour outside it or on the grid's edge."""
    return freeze(mask & (_neighbours4(~mask) | edge_mask(mask)))


def mask_halo(mask: Mask) -> Mask:
    """The cells outside the mask that touch it, diagonals included (a one-cell ring)."""
    return freeze(_box(mask) & ~mask)


def mask_bbox(mask: Mask) -> Mask:
    """The filled bounding rectangle of the mask."""
    top, bottom, left, right = bbox(mask)
    out = np.zeros(mask.shape, dtype=bool)
    out[top:bottom + 1, left:right + 1] = True
    return freeze(out)


def isolated_cells(grid: Grid) -> Mask:
    """The non-zero cells with no non-zero neighbour, diagonals included (noise)."""
    nonzero = grid != 0
    return freeze(nonzero & ~(_neighbours4(nonzero) | _diagonal_neighbours(nonzero)))


def erase_isolated(grid: Grid) -> Grid:
    """Non-zero cells with no non-zero neighbour, diagonals included, become 0 (denoise)."""
    nonzero = grid != 0
    isolated = nonzero & ~(_neighbours4(nonzero) | _diagonal_neighbours(nonzero))
    return freeze(np.where(isolated, np.uint8(0), grid))


def surround(grid: Grid, color: Color, ring: Color) -> Grid:
    """Paint the 0 cells touching a cell of one color (diagonals too) with the ring color."""
    source = grid == color
    return paint_zeros(grid, _neighbours4(source) | _diagonal_neighbours(source), ring)


def surround4(grid: Grid, color: Color, ring: Color) -> Grid:
    """Paint the 0 cells beside (not diagonal to) a cell of one color with the ring color."""
    return paint_zeros(grid, _neighbours4(grid == color), ring)


def surround_diagonal(grid: Grid, color: Color, ring: Color) -> Grid:
    """Paint the 0 cells diagonal to a cell of one color with the ring color."""
    return paint_zeros(grid, _diagonal_neighbours(grid == color), ring)


def fill_mask(grid: Grid, mask: Mask, color: Color) -> Grid:
    """Paint the cells of the mask one color."""
    check_same_shape(grid, mask)
    out = grid.copy()
    out[mask] = require_color(color)
    return freeze(out)


def underfill_mask(grid: Grid, mask: Mask, color: Color) -> Grid:
    """Paint the 0 cells of the mask one color, leaving colored cells as they are."""
    check_same_shape(grid, mask)
    out = grid.copy()
    out[mask & (grid == 0)] = require_color(color)
    return freeze(out)


def keep_mask(grid: Grid, mask: Mask) -> Grid:
    """The grid's cells inside the mask, 0 outside."""
    check_same_shape(grid, mask)
    return freeze(np.where(mask, grid, np.uint8(0)))


def mask_to_grid(mask: Mask, color: Color) -> Grid:
    """A grid of one color on the mask and 0 elsewhere."""
    return freeze(mask.astype(np.uint8) * np.uint8(require_color(color)))


PRIMITIVES = (
    primitive(mask_of_color),
    primitive(mask_nonzero),
    primitive(mask_foreground, cost=1.5),
    primitive(edge_mask, cost=1.5),
    primitive(nth_rows_mask, cost=2.0),
    primitive(nth_cols_mask, cost=2.0),
    primitive(checker_mask, cost=2.0),
    primitive(mask_and),
    primitive(mask_or),
    primitive(mask_xor, cost=1.5),
    primitive(mask_minus),
    primitive(mask_not),
    primitive(shift_mask, cost=1.5),
    primitive(mask_dilate),
    primitive(mask_dilate8),
    primitive(mask_erode, cost=1.5),
    primitive(mask_outline),
    primitive(mask_halo),
    primitive(mask_bbox),
    primitive(isolated_cells, cost=1.5),
    primitive(erase_isolated),
    primitive(surround),
    primitive(surround4, cost=1.5),
    primitive(surround_diagonal, cost=1.5),
    primitive(fill_mask),
    primitive(underfill_mask),
    primitive(keep_mask),
    primitive(mask_to_grid),
)
