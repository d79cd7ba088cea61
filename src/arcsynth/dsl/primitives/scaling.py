"""Scaling: up/down-scaling, tiling, mirror tilings and the grid-of-grids (kron) construction."""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.primitives._arrays import check_side, require_positive
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Grid, Int, Mask
from arcsynth.dsl.values import freeze


def _upscaled(grid: np.ndarray, row_factor: int, col_factor: int) -> np.ndarray:
    check_side(grid.shape[0] * row_factor, grid.shape[1] * col_factor)
    out = grid
    if row_factor > 1:
        out = np.repeat(out, row_factor, axis=0)
    if col_factor > 1:
        out = np.repeat(out, col_factor, axis=1)
    return out


def _require_divides(grid: np.ndarray, row_factor: int, col_factor: int) -> None:
    if grid.shape[0] % row_factor or grid.shape[1] % col_factor:
        raise ValueError(f"{grid.shape} not divisible by ({row_factor}, {col_factor})")


def upscale(grid: Grid, factor: Int) -> Grid:
    """Each cell becomes a factor x factor block."""
    factor = require_positive(factor, "factor")
    return freeze(_upscaled(grid, factor, factor))


def upscale_h(grid: Grid, factor: Int) -> Grid:
    """Stretch horizontally: each cell becomes factor cells wide."""
    return freeze(_upscaled(grid, 1, require_positive(factor, "factor")))


def upscale_v(grid: Grid, factor: Int) -> Grid:
    """Stretch vertically: each cell becomes factor cells tall."""
    return freeze(_upscaled(grid, require_positive(factor, "factor"), 1))


def downscale(grid: Grid, factor: Int) -> Grid:
    """Keep the top-left cell of each factor x factor block (sides must divide)."""
    factor = require_positive(factor, "factor")
    _require_divides(grid, factor, factor)
    return freeze(grid[::factor, ::factor])


def _block_votes(grid: np.ndarray, factor: int) -> np.ndarray:
    """votes[i, j, c]: cells of color c in the factor x factor block (i, j)."""
    factor = require_positive(factor, "factor")
    _require_divides(grid, factor, factor)
    height, width = grid.shape[0] // factor, grid.shape[1] // factor
    block_of = (np.arange(grid.shape[0])[:, None] // factor * width
                + np.arange(grid.shape[1])[None, :] // factor)
    votes = np.bincount((block_of * 10 + grid).ravel(), minlength=height * width * 10)
    return votes.reshape(height, width, 10)


def downscale_majority(grid: Grid, factor: Int) -> Grid:
    """Each factor x factor block becomes its most common color (ties: lowest color)."""
    return freeze(_block_votes(grid, factor).argmax(axis=-1).astype(np.uint8))


def downscale_nonzero(grid: Grid, factor: Int) -> Grid:
    """Each factor x factor block becomes its most common non-zero color, 0 if it has none."""
    votes = _block_votes(grid, factor)
    votes[..., 0] = 0
    return freeze(np.where(votes.any(axis=-1), votes.argmax(axis=-1), 0).astype(np.uint8))


def scale_to_shape(grid: Grid, like: Grid) -> Grid:
    """Up- or down-scale (block top-left) by whole factors to the shape of another grid."""
    (height, width), (target_h, target_w) = grid.shape, like.shape
    if target_h % height == 0 and target_w % width == 0:
        return freeze(_upscaled(grid, target_h // height, target_w // width))
    if height % target_h == 0 and width % target_w == 0:
        return freeze(grid[::height // target_h, ::width // target_w])
    raise ValueError(f"no whole scale factor from {grid.shape} to {like.shape}")


def tile(grid: Grid, rows: Int, cols: Int) -> Grid:
    """Repeat the grid rows x cols times."""
    rows, cols = require_positive(rows, "rows"), require_positive(cols, "cols")
    check_side(grid.shape[0] * rows, grid.shape[1] * cols)
    return freeze(np.tile(grid, (rows, cols)))


def mirror_tile(grid: Grid) -> Grid:
    """The 2x2 kaleidoscope: the grid, its left-right mirror, and the two flipped below."""
    check_side(grid.shape[0] * 2, grid.shape[1] * 2)
    top = np.concatenate((grid, grid[:, ::-1]), axis=1)
    return freeze(np.concatenate((top, top[::-1]), axis=0))


def mirror_hconcat(grid: Grid) -> Grid:
    """The grid followed on its right by its left-right mirror."""
    check_side(grid.shape[0], grid.shape[1] * 2)
    return freeze(np.concatenate((grid, grid[:, ::-1]), axis=1))


def mirror_vconcat(grid: Grid) -> Grid:
    """The grid followed below by its top-bottom mirror."""
    check_side(grid.shape[0] * 2, grid.shape[1])
    return freeze(np.concatenate((grid, grid[::-1]), axis=0))


def rotation_tile(grid: Grid) -> Grid:
    """The 2x2 pinwheel of a square grid: itself, then turned 90, 180 and 270 degrees clockwise."""
    if grid.shape[0] != grid.shape[1]:
        raise ValueError("needs a square grid")
    check_side(grid.shape[0] * 2, grid.shape[1] * 2)
    top = np.concatenate((grid, np.rot90(grid, -1)), axis=1)
    bottom = np.concatenate((np.rot90(grid, 1), grid[::-1, ::-1]), axis=1)
    return freeze(np.concatenate((top, bottom), axis=0))


def _kron(mask: np.ndarray, pattern: np.ndarray) -> np.ndarray:
    (mask_h, mask_w), (pat_h, pat_w) = mask.shape, pattern.shape
    check_side(mask_h * pat_h, mask_w * pat_w)
    blocks = mask[:, None, :, None] * pattern[None, :, None, :]
    return blocks.reshape(mask_h * pat_h, mask_w * pat_w).astype(np.uint8, copy=False)


def kron(mask: Mask, pattern: Grid) -> Grid:
    """A grid of blocks: a copy of pattern for each True cell of mask, zeros elsewhere."""
    return freeze(_kron(mask, pattern))


def self_kron(grid: Grid) -> Grid:
    """The fractal: a copy of the grid in place of each non-zero cell, zeros elsewhere."""
    return freeze(_kron(grid != 0, grid))


def self_kron_inverse(grid: Grid) -> Grid:
    """The inverse fractal: a copy of the grid in place of each zero cell."""
    return freeze(_kron(grid == 0, grid))


PRIMITIVES = (
    primitive(upscale),
    primitive(upscale_h, cost=1.5),
    primitive(upscale_v, cost=1.5),
    primitive(downscale),
    primitive(downscale_majority, cost=1.5),
    primitive(downscale_nonzero, cost=1.5),
    primitive(scale_to_shape),
    primitive(tile, cost=1.5),
    primitive(mirror_tile),
    primitive(mirror_hconcat),
    primitive(mirror_vconcat),
    primitive(rotation_tile, cost=1.5),
    primitive(kron, cost=1.5),
    primitive(self_kron),
    primitive(self_kron_inverse, cost=1.5),
)
