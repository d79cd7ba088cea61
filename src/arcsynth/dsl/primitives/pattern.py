"""Periodic patterns: find the smallest repeating tile, restore masked cells, extend a pattern."""

from __future__ import annotations

import heapq

import numpy as np

from arcsynth.dsl.primitives._arrays import bbox, check_side, require_positive
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Color, Grid, Int
from arcsynth.dsl.values import freeze

_COLORS = np.arange(10, dtype=np.uint8)


def _clashing_rows(grid: np.ndarray, known: np.ndarray) -> np.ndarray:
    """clash[i, k]: rows i and k differ at some column where both are known."""
    height = grid.shape[0]
    one_hot = ((grid[:, :, None] == _COLORS) & known[:, :, None]).reshape(height, -1)
    one_hot = one_hot.astype(np.float32)
    weights = known.astype(np.float32)
    return weights @ weights.T > one_hot @ one_hot.T + 0.5


def _row_period(grid: np.ndarray, known: np.ndarray) -> int:
    """The smallest p such that known cells p rows apart always agree (the height if none)."""
    height = grid.shape[0]
    rows = np.arange(height)
    broken = np.zeros(height, dtype=bool)
    broken[np.abs(np.subtract.outer(rows, rows))[_clashing_rows(grid, known)]] = True
    periods = np.flatnonzero(~broken[1:])
    return int(periods[0]) + 1 if periods.size else height


def _periods(grid: np.ndarray, known: np.ndarray) -> tuple[int, int]:
    return _row_period(grid, known), _row_period(grid.T, known.T)


def _tile_of(grid: np.ndarray, known: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """The rows x cols tile read off the known cells; -1 where no known cell shows it."""
    height, width = grid.shape
    reps_h, reps_w = -(-height // rows), -(-width // cols)
    padded = np.full((reps_h * rows, reps_w * cols), -1, dtype=np.int16)
    padded[:height, :width] = np.where(known, grid.astype(np.int16), np.int16(-1))
    return padded.reshape(reps_h, rows, reps_w, cols).max(axis=(0, 2))


def _restored(grid: np.ndarray, color: int) -> np.ndarray:
    known = grid != color
    if known.all():
        return grid
    rows, cols = _periods(grid, known)
    tile = _tile_of(grid, known, rows, cols)
    height, width = grid.shape
    tiled = np.tile(tile, (-(-height // rows), -(-width // cols)))[:height, :width]
    return np.where(known | (tiled < 0), grid, tiled).astype(np.uint8)


def complete_pattern(grid: Grid, color: Color) -> Grid:
    """Cells of one color restored from the smallest row/column period of the other cells."""
    return freeze(_restored(grid, int(color)))


def masked_patch_by_pattern(grid: Grid, color: Color) -> Grid:
    """What lies under the rectangle of one color, restored from the grid's periodic pattern."""
    top, bottom, left, right = bbox(grid == color)
    patch = _restored(grid, int(color))[top:bottom + 1, left:right + 1]
    if (patch == color).any():
        raise ValueError("the pattern does not restore the whole patch")
    return freeze(patch)


def period_tile(grid: Grid) -> Grid:
    """The smallest tile whose repetition makes the grid; refuses a grid that does not repeat."""
    rows, cols = _periods(grid, np.ones(grid.shape, dtype=bool))
    if (rows, cols) == grid.shape:
        raise ValueError("grid does not repeat")
    return freeze(grid[:rows, :cols])


def extend_pattern(grid: Grid, height: Int, width: Int) -> Grid:
    """Continue the grid's repeating pattern (its smallest period) to height x width."""
    height, width = require_positive(height, "height"), require_positive(width, "width")
    check_side(height, width)
    rows, cols = _periods(grid, np.ones(grid.shape, dtype=bool))
    tile = grid[:rows, :cols]
    return freeze(np.tile(tile, (-(-height // rows), -(-width // cols)))[:height, :width])


def _patch_table(grid: np.ndarray) -> np.ndarray:
    """The 3x3 windows without a 0 cell, over the grid's 8 rotations and reflections: distinct
    patches (P, 9), most frequent first."""
    seen: dict[bytes, int] = {}
    for turned in (grid, grid.T):
        for k in range(4):
            view = np.rot90(turned, k)
            if view.shape[0] < 3 or view.shape[1] < 3:
                continue
            windows = np.lib.stride_tricks.sliding_window_view(view, (3, 3)).reshape(-1, 9)
            for window in windows[(windows != 0).all(axis=1)]:
                key = window.tobytes()
                seen[key] = seen.get(key, 0) + 1
    order = sorted(seen.items(), key=lambda item: (-item[1], item[0]))
    return np.array([np.frombuffer(key, dtype=np.uint8) for key, _ in order], dtype=np.uint8).reshape(-1, 9)


def fill_zeros_by_patches(grid: Grid) -> Grid:
    """Fill the 0 cells window by window with the grid's most frequent consistent 0-free 3x3 patch."""
    h, w = grid.shape
    patches = _patch_table(grid)
    if h < 3 or w < 3 or len(patches) == 0:
        raise ValueError("no 3x3 patch without 0 to fill from")
    out = grid.copy()
    # Known cells weigh most; each filled cell a little less than the one before, so that windows
    # resting on the grid's own cells are filled before those resting on guesses.
    weight = np.where(grid != 0, 1_000_000, 0).astype(np.int64)
    next_weight = 999_999
    scores = np.full((h - 2, w - 2), -1, dtype=np.int64)
    heap: list[tuple[int, int, int]] = []

    def rescore(i: int, j: int) -> None:
        score = int(weight[i:i + 3, j:j + 3].sum())
        if score != scores[i, j]:
            scores[i, j] = score
            heapq.heappush(heap, (-score, i, j))
    for i in range(h - 2):
        for j in range(w - 2):
            rescore(i, j)
    while heap:
        negative, i, j = heapq.heappop(heap)
        if -negative != scores[i, j]:
            continue
        known = weight[i:i + 3, j:j + 3].ravel() > 0
        if known.all():
            continue
        values = out[i:i + 3, j:j + 3].ravel()
        fits = ((patches == values) | ~known).all(axis=1)
        if not fits.any():
            raise ValueError("a window matches no patch of the grid")
        patch = patches[int(np.argmax(fits))]
        window = out[i:i + 3, j:j + 3]
        for k in np.flatnonzero(~known):
            window[k // 3, k % 3] = patch[k]
            weight[i + k // 3, j + k % 3] = next_weight
            next_weight = max(1, next_weight - 1)
        for y in range(max(0, i - 2), min(h - 2, i + 3)):
            for x in range(max(0, j - 2), min(w - 2, j + 3)):
                rescore(y, x)
    return freeze(out)


PRIMITIVES = (
    primitive(complete_pattern),
    primitive(masked_patch_by_pattern, cost=1.5),
    primitive(period_tile),
    primitive(extend_pattern, cost=2.0),
    primitive(fill_zeros_by_patches, cost=2.0),
)
