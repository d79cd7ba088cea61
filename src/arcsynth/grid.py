"""Grids: read-only 2-D uint8 arrays, 1..30 per side, values 0..9."""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

__all__ = ["Grid", "MAX_SIDE", "NUM_COLORS", "make_grid", "grid_key", "grid_to_list", "is_valid_grid",
           "color_renaming", "inverse_permutation"]

Grid = np.ndarray
MAX_SIDE = 30
NUM_COLORS = 10


def make_grid(rows: Iterable[Sequence[int]] | np.ndarray) -> Grid:
    """A read-only uint8 copy of `rows` (assumed already validated)."""
    grid = np.array(rows, dtype=np.uint8)
    if grid.ndim != 2:
        raise ValueError("a grid is 2-D")
    grid.setflags(write=False)
    return grid


def grid_key(grid: Grid) -> tuple[tuple[int, int], bytes]:
    """The hashable content of a grid: its shape and its bytes."""
    return (grid.shape, np.ascontiguousarray(grid, dtype=np.uint8).tobytes())


def grid_to_list(grid: Grid) -> list[list[int]]:
    """Plain nested lists of ints, for JSON."""
    return np.asarray(grid, dtype=np.uint8).tolist()


def is_valid_grid(value: object) -> bool:
    """True when `value` is a 2-D integer array, 1..30 per side, values 0..9."""
    if not isinstance(value, np.ndarray) or value.ndim != 2:
        return False
    height, width = value.shape
    if not (1 <= height <= MAX_SIDE and 1 <= width <= MAX_SIDE):
        return False
    if value.dtype.kind not in "iub":
        return False
    return bool(value.min() >= 0 and value.max() < NUM_COLORS)


def color_renaming(grid: Grid, keep: int) -> np.ndarray:
    """perm[old] = new: the colors whose bit is set in `keep` stay; the others present in the grid,
    by decreasing count (ties: the lower color), take the free colors in increasing order, then
    the absent ones (the DSL's normalize_colors and the search's pair-colors view)."""
    counts = np.bincount(grid.ravel(), minlength=NUM_COLORS)[:NUM_COLORS]
    free = [c for c in range(NUM_COLORS) if not keep >> c & 1]
    present = sorted((c for c in free if counts[c]), key=lambda c: (-counts[c], c))
    perm = np.arange(NUM_COLORS, dtype=np.uint8)
    perm[present + [c for c in free if not counts[c]]] = free
    return perm


def inverse_permutation(perm: Sequence[int] | np.ndarray) -> np.ndarray:
    """inverse[new] = old of a color permutation perm[old] = new."""
    inverse = np.empty(NUM_COLORS, dtype=np.uint8)
    inverse[np.asarray(perm)] = np.arange(NUM_COLORS, dtype=np.uint8)
    return inverse
