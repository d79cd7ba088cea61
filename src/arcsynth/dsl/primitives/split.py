"""Split and join: cut grids into parts (separator lines, equal parts), pick, combine, stack."""

from __future__ import annotations

from collections import Counter

import numpy as np

from arcsynth.dsl.primitives._arrays import (background, check_same_shape, check_side, color_counts,
                                             equal_parts, require_color)
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Color, Grid, GridKey, GridPredicate, Grids, GridToGrid, Int
from arcsynth.dsl.values import freeze, value_key


def _runs(keep: np.ndarray) -> list[slice]:
    """The maximal runs of True in a 1-D bool array, as slices."""
    edges = np.diff(np.concatenate(([0], keep.astype(np.int8), [0])))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [slice(int(a), int(b)) for a, b in zip(starts, stops)]


def _separator_lines(grid: np.ndarray, color: int) -> tuple[np.ndarray, np.ndarray]:
    is_color = grid == color
    return is_color.all(axis=1), is_color.all(axis=0)


def _cut_at(grid: np.ndarray, line_rows: np.ndarray, line_cols: np.ndarray) -> tuple:
    parts = tuple(freeze(grid[rows, cols]) for rows in _runs(~line_rows) for cols in _runs(~line_cols))
    if len(parts) < 2:
        raise ValueError("no separator lines cut the grid")
    return parts


def _line_color(grid: np.ndarray) -> int:
    """The color of the separator lines: full rows/columns of one color, non-background first."""
    rows = grid[(grid == grid[:, :1]).all(axis=1), 0]
    cols = grid[0, (grid == grid[:1, :]).all(axis=0)]
    counts = np.bincount(np.concatenate((rows, cols)), minlength=10)
    if not counts.any():
        raise ValueError("no full line of one color")
    usable = counts.copy()
    usable[background(grid)] = 0
    return int((usable if usable.any() else counts).argmax())


def _cuts(length: int, parts: int) -> list[slice]:
    return [slice(0, length)] if int(parts) == 1 else equal_parts(length, parts)


def _same_shape_stack(grids: tuple) -> np.ndarray:
    if not grids:
        raise ValueError("no grids")
    for other in grids[1:]:
        check_same_shape(grids[0], other)
    return np.stack(grids)


def _pick(grids: tuple, scores: list, best: str) -> np.ndarray:
    if not grids:
        raise ValueError("no grids to pick from")
    index = int(np.argmax(scores) if best == "max" else np.argmin(scores))
    return grids[index]


def _two_masks(first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    check_same_shape(first, second)
    return first != 0, second != 0


def _mask_grid(mask: np.ndarray, color: int) -> np.ndarray:
    return freeze(mask.astype(np.uint8) * np.uint8(require_color(color)))


def split_by_lines(grid: Grid) -> Grids:
    """Cut along full separator rows/columns of one color; the parts in reading order."""
    return _cut_at(grid, *_separator_lines(grid, _line_color(grid)))


def split_left_right(grid: Grid, parts: Int) -> Grids:
    """Cut into equal side-by-side parts (a 1-wide gap between parts is dropped)."""
    return tuple(freeze(grid[:, cols]) for cols in equal_parts(grid.shape[1], parts))


def split_top_bottom(grid: Grid, parts: Int) -> Grids:
    """Cut into equal stacked parts (a 1-high gap between parts is dropped)."""
    return tuple(freeze(grid[rows]) for rows in equal_parts(grid.shape[0], parts))


def split_blocks(grid: Grid, rows: Int, cols: Int) -> Grids:
    """Cut into rows x cols equal blocks in reading order (1-wide gaps between blocks dropped)."""
    row_cuts, col_cuts = _cuts(grid.shape[0], rows), _cuts(grid.shape[1], cols)
    return tuple(freeze(grid[r, c]) for r in row_cuts for c in col_cuts)


def hconcat(left: Grid, right: Grid) -> Grid:
    """Two grids of one height side by side."""
    if left.shape[0] != right.shape[0]:
        raise ValueError("heights differ")
    check_side(left.shape[0], left.shape[1] + right.shape[1])
    return freeze(np.concatenate((left, right), axis=1))


def vconcat(top: Grid, bottom: Grid) -> Grid:
    """Two grids of one width, the first above the second."""
    if top.shape[1] != bottom.shape[1]:
        raise ValueError("widths differ")
    check_side(top.shape[0] + bottom.shape[0], top.shape[1])
    return freeze(np.concatenate((top, bottom), axis=0))


def hconcat_all(grids: Grids) -> Grid:
    """Grids of one height side by side, in order."""
    if not grids or any(grid.shape[0] != grids[0].shape[0] for grid in grids):
        raise ValueError("need grids of one height")
    check_side(grids[0].shape[0], sum(grid.shape[1] for grid in grids))
    return freeze(np.concatenate(grids, axis=1))


def vconcat_all(grids: Grids) -> Grid:
    """Grids of one width stacked top to bottom, in order."""
    if not grids or any(grid.shape[1] != grids[0].shape[1] for grid in grids):
        raise ValueError("need grids of one width")
    check_side(sum(grid.shape[0] for grid in grids), grids[0].shape[1])
    return freeze(np.concatenate(grids, axis=0))


def first_grid(grids: Grids) -> Grid:
    """The first grid of a list."""
    if not grids:
        raise ValueError("no grids")
    return grids[0]


def last_grid(grids: Grids) -> Grid:
    """The last grid of a list."""
    if not grids:
        raise ValueError("no grids")
    return grids[-1]


def grid_with_most_colors(grids: Grids) -> Grid:
    """The grid with the most distinct colors (ties: the first)."""
    return _pick(grids, [np.count_nonzero(color_counts(grid)) for grid in grids], "max")


def grid_with_fewest_colors(grids: Grids) -> Grid:
    """The grid with the fewest distinct colors (ties: the first)."""
    return _pick(grids, [np.count_nonzero(color_counts(grid)) for grid in grids], "min")


def grid_with_most_nonzero(grids: Grids) -> Grid:
    """The grid with the most non-zero cells (ties: the first)."""
    return _pick(grids, [np.count_nonzero(grid) for grid in grids], "max")


def grid_with_fewest_nonzero(grids: Grids) -> Grid:
    """The grid with the fewest non-zero cells (ties: the first)."""
    return _pick(grids, [np.count_nonzero(grid) for grid in grids], "min")


def odd_grid_out(grids: Grids) -> Grid:
    """The only grid that differs from all the others (the others need not agree)."""
    counts = Counter(value_key(grid) for grid in grids)
    unique = [grid for grid in grids if counts[value_key(grid)] == 1]
    if len(unique) != 1:
        raise ValueError("no single odd grid out")
    return unique[0]


def grid_with_max(grids: Grids, key: GridKey) -> Grid:
    """The grid with the largest key (ties: the first)."""
    return _pick(grids, [key(grid) for grid in grids], "max")


def grid_with_min(grids: Grids, key: GridKey) -> Grid:
    """The grid with the smallest key (ties: the first)."""
    return _pick(grids, [key(grid) for grid in grids], "min")


def map_grids(grids: Grids, function: GridToGrid) -> Grids:
    """Apply a grid function to every grid of a list."""
    return tuple(function(grid) for grid in grids)


def filter_grids(grids: Grids, predicate: GridPredicate) -> Grids:
    """The grids of a list for which a predicate holds."""
    return tuple(grid for grid in grids if predicate(grid))


def stack_grids(grids: Grids) -> Grid:
    """Overlay grids of one shape with 0 transparent, the one with fewest non-zero cells on top."""
    stack = _same_shape_stack(grids)
    order = np.argsort(-np.count_nonzero(stack, axis=(1, 2)), kind="stable")
    out = stack[order[0]].copy()
    for index in order[1:]:
        layer = stack[index]
        out[layer != 0] = layer[layer != 0]
    return freeze(out)


def stack_in_order(grids: Grids) -> Grid:
    """Overlay grids of one shape with 0 transparent, the first of the list on top."""
    stack = _same_shape_stack(grids)
    out = stack[-1].copy()
    for layer in stack[-2::-1]:
        out[layer != 0] = layer[layer != 0]
    return freeze(out)


def overlay_grids(bottom: Grid, top: Grid) -> Grid:
    """The second grid's non-zero cells painted over the first (same shapes)."""
    check_same_shape(bottom, top)
    return freeze(np.where(top != 0, top, bottom))


def overlay_except(bottom: Grid, top: Grid, transparent: Color) -> Grid:
    """The second grid's cells not of the transparent color painted over the first (same shapes)."""
    check_same_shape(bottom, top)
    require_color(transparent)
    return freeze(np.where(top != transparent, top, bottom))


def cells_all(grids: Grids, color: Color) -> Grid:
    """Color where every grid of one shape is non-zero, 0 elsewhere."""
    return _mask_grid((_same_shape_stack(grids) != 0).all(axis=0), color)


def cells_any(grids: Grids, color: Color) -> Grid:
    """Color where any grid of one shape is non-zero, 0 elsewhere."""
    return _mask_grid((_same_shape_stack(grids) != 0).any(axis=0), color)


def cells_one(grids: Grids, color: Color) -> Grid:
    """Color where exactly one grid of one shape is non-zero, 0 elsewhere."""
    return _mask_grid(np.count_nonzero(_same_shape_stack(grids), axis=0) == 1, color)


def cells_none(grids: Grids, color: Color) -> Grid:
    """Color where every grid of one shape is 0, 0 elsewhere."""
    return _mask_grid(~(_same_shape_stack(grids) != 0).any(axis=0), color)


def cells_first_only(grids: Grids, color: Color) -> Grid:
    """Color where the first grid is non-zero and every other grid (same shape) is 0."""
    nonzero = _same_shape_stack(grids) != 0
    return _mask_grid(nonzero[0] & ~nonzero[1:].any(axis=0), color)


def cells_and(first: Grid, second: Grid, color: Color) -> Grid:
    """Color where both grids are non-zero, 0 elsewhere (same shapes)."""
    one, two = _two_masks(first, second)
    return _mask_grid(one & two, color)


def cells_xor(first: Grid, second: Grid, color: Color) -> Grid:
    """Color where exactly one of two grids is non-zero, 0 elsewhere (same shapes)."""
    one, two = _two_masks(first, second)
    return _mask_grid(one ^ two, color)


PRIMITIVES = (
    primitive(split_by_lines),
    primitive(split_left_right),
    primitive(split_top_bottom),
    primitive(split_blocks, cost=1.5),
    primitive(hconcat),
    primitive(vconcat),
    primitive(hconcat_all, cost=1.5),
    primitive(vconcat_all, cost=1.5),
    primitive(first_grid),
    primitive(last_grid),
    primitive(grid_with_most_colors),
    primitive(grid_with_fewest_colors),
    primitive(grid_with_most_nonzero),
    primitive(grid_with_fewest_nonzero),
    primitive(odd_grid_out),
    primitive(grid_with_max, cost=2.0),
    primitive(grid_with_min, cost=2.0),
    primitive(map_grids, cost=2.0),
    primitive(filter_grids, cost=2.0),
    primitive(stack_grids),
    primitive(stack_in_order),
    primitive(overlay_grids),
    primitive(overlay_except, cost=1.5),
    primitive(cells_all),
    primitive(cells_any),
    primitive(cells_one),
    primitive(cells_none),
    primitive(cells_first_only),
    primitive(cells_and, cost=1.5),
    primitive(cells_xor, cost=1.5),
)
