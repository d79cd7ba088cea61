"""Symmetry: detect mirror symmetries, repair masked symmetric patterns, make grids symmetric."""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.primitives._arrays import bbox
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Bool, Color, Grid
from arcsynth.dsl.values import freeze


def _require_square(grid: np.ndarray) -> None:
    if grid.shape[0] != grid.shape[1]:
        raise ValueError("needs a square grid")


def _best_mirror_axis(grid: np.ndarray, color: int) -> int | None:
    """The doubled column index s (column j mirrors to s - j) that fits the known cells best.

    Known cells (not `color`) must agree with their mirror images wherever both are known; of
    the axes that contradict nothing, the one with the most agreeing pairs wins (ties: nearest
    the centre). None when no axis is supported by any agreeing pair.
    """
    width = grid.shape[1]
    known = grid != color
    both = known[:, :, None] & known[:, None, :]
    equal = grid[:, :, None] == grid[:, None, :]
    conflicts = (both & ~equal).sum(axis=0).ravel()
    agreements = (both & equal).sum(axis=0)
    np.fill_diagonal(agreements, 0)
    axis_of_pair = np.add.outer(np.arange(width), np.arange(width)).ravel()
    per_axis_conflicts = np.bincount(axis_of_pair, weights=conflicts, minlength=2 * width - 1)
    per_axis_support = np.bincount(axis_of_pair, weights=agreements.ravel(), minlength=2 * width - 1)
    score = np.where(per_axis_conflicts == 0, per_axis_support, -1.0)
    score = score - np.abs(np.arange(2 * width - 1) - (width - 1)) * 1e-3
    best = int(score.argmax())
    return best if per_axis_support[best] > 0 and per_axis_conflicts[best] == 0 else None


def _filled_from_mirror_cols(grid: np.ndarray, color: int) -> np.ndarray:
    """A copy of `grid` whose `color` cells take their left-right mirror's color, best axis."""
    out = grid.copy()
    if not (grid == color).any():
        return out
    axis = _best_mirror_axis(grid, color)
    if axis is None:
        return out
    lo, hi = max(0, axis - grid.shape[1] + 1), min(grid.shape[1] - 1, axis)
    part = out[:, lo:hi + 1]
    mirror = grid[:, lo:hi + 1][:, ::-1]
    hole = (part == color) & (mirror != color)
    part[hole] = mirror[hole]
    return out


def _filled_from(grid: np.ndarray, image: np.ndarray, color: int) -> np.ndarray:
    """`grid` with its `color` cells taken from `image` (the grid under a symmetry) if consistent."""
    known = (grid != color) & (image != color)
    if (grid[known] != image[known]).any():
        return grid
    return np.where((grid == color) & (image != color), image, grid)


def _completed(grid: np.ndarray, color: int) -> np.ndarray:
    out = grid
    for _ in range(3 if (grid == color).any() else 0):
        before = out
        out = _filled_from_mirror_cols(out, color)
        out = _filled_from_mirror_cols(out.T, color).T
        if out.shape[0] == out.shape[1]:
            out = _filled_from(out, out.T, color)
            out = _filled_from(out, out[::-1, ::-1].T, color)
        if np.array_equal(before, out) or not (out == color).any():
            break
    return out


def is_symmetric_h(grid: Grid) -> Bool:
    """True when the grid equals its left-right mirror."""
    return bool(np.array_equal(grid, grid[:, ::-1]))


def is_symmetric_v(grid: Grid) -> Bool:
    """True when the grid equals its top-bottom mirror."""
    return bool(np.array_equal(grid, grid[::-1]))


def is_symmetric_diag(grid: Grid) -> Bool:
    """True when the grid equals its transpose."""
    return grid.shape[0] == grid.shape[1] and bool(np.array_equal(grid, grid.T))


def complete_symmetry_h(grid: Grid, color: Color) -> Grid:
    """Cells of one color take the color of their left-right mirror image (best-fitting axis)."""
    return freeze(_filled_from_mirror_cols(grid, int(color)))


def complete_symmetry_v(grid: Grid, color: Color) -> Grid:
    """Cells of one color take the color of their top-bottom mirror image (best-fitting axis)."""
    return freeze(_filled_from_mirror_cols(grid.T, int(color)).T)


def complete_symmetry(grid: Grid, color: Color) -> Grid:
    """Cells of one color restored from every mirror symmetry the other cells agree with."""
    return freeze(_completed(grid, int(color)))


def masked_patch_by_symmetry(grid: Grid, color: Color) -> Grid:
    """What lies under the rectangle of one color, restored by symmetry."""
    top, bottom, left, right = bbox(grid == color)
    patch = _completed(grid, int(color))[top:bottom + 1, left:right + 1]
    if (patch == color).any():
        raise ValueError("symmetry does not restore the whole patch")
    return freeze(patch)


def symmetrize_h(grid: Grid) -> Grid:
    """0 cells take the color of their left-right mirror image."""
    return freeze(np.where(grid == 0, grid[:, ::-1], grid))


def symmetrize_v(grid: Grid) -> Grid:
    """0 cells take the color of their top-bottom mirror image."""
    return freeze(np.where(grid == 0, grid[::-1], grid))


def symmetrize_diag(grid: Grid) -> Grid:
    """0 cells take the color of their image across the main diagonal (square grids)."""
    _require_square(grid)
    return freeze(np.where(grid == 0, grid.T, grid))


def symmetrize_rot90(grid: Grid) -> Grid:
    """0 cells take the color of their first non-zero image under quarter turns (square grids)."""
    _require_square(grid)
    out = grid
    for turns in (1, 2, 3):
        out = np.where(out == 0, np.rot90(grid, turns), out)
    return freeze(out)


def mirror_left_to_right(grid: Grid) -> Grid:
    """The right half replaced by the mirror image of the left half."""
    kept, mirrored = grid[:, :(grid.shape[1] + 1) // 2], grid[:, :grid.shape[1] // 2][:, ::-1]
    return freeze(np.concatenate((kept, mirrored), axis=1))


def mirror_top_to_bottom(grid: Grid) -> Grid:
    """The bottom half replaced by the mirror image of the top half."""
    return freeze(mirror_left_to_right(grid.T).T)


PRIMITIVES = (
    primitive(is_symmetric_h, cost=1.5),
    primitive(is_symmetric_v, cost=1.5),
    primitive(is_symmetric_diag, cost=1.5),
    primitive(complete_symmetry_h, cost=1.5),
    primitive(complete_symmetry_v, cost=1.5),
    primitive(complete_symmetry),
    primitive(masked_patch_by_symmetry, cost=1.5),
    primitive(symmetrize_h),
    primitive(symmetrize_v),
    primitive(symmetrize_diag, cost=1.5),
    primitive(symmetrize_rot90, cost=1.5),
    primitive(mirror_left_to_right),
    primitive(mirror_top_to_bottom),
)
