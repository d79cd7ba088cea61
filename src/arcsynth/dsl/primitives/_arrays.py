"""Array helpers shared by the grid-level primitive families (not a family: no primitives)."""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.values import freeze
from arcsynth.grid import MAX_SIDE

__all__ = ["MAX_SIDE", "check_side", "check_same_shape", "shifted", "bbox", "equal_parts",
           "color_counts", "most_common_color_of", "require_color", "require_positive", "background",
           "paint_zeros", "turned_down", "turned_back"]


def check_side(height: int, width: int) -> None:
    """Refuse results that could never be ARC grids (keeps intermediate values small and fast)."""
    if not (1 <= height <= MAX_SIDE and 1 <= width <= MAX_SIDE):
        raise ValueError(f"result shape {height}x{width} outside 1..{MAX_SIDE}")


def check_same_shape(first: np.ndarray, second: np.ndarray) -> None:
    """Refuse two arrays of different shapes (numpy would broadcast them silently)."""
    if first.shape != second.shape:
        raise ValueError(f"shapes differ: {first.shape} vs {second.shape}")


def require_color(color: int) -> int:
    """`color` as a plain int, refusing values outside 0..9."""
    color = int(color)
    if not 0 <= color <= 9:
        raise ValueError(f"not a color: {color}")
    return color


def require_positive(value: int, name: str) -> int:
    """`value` as a plain int, refusing zero and negatives."""
    value = int(value)
    if value < 1:
        raise ValueError(f"{name} must be positive, got {value}")
    return value


def shifted(array: np.ndarray, drow: int, dcol: int) -> np.ndarray:
    """A writable copy of `array` moved by (drow, dcol); vacated cells are zero / False."""
    height, width = array.shape
    out = np.zeros_like(array)
    if abs(drow) >= height or abs(dcol) >= width:
        return out
    out[max(drow, 0):height + min(drow, 0), max(dcol, 0):width + min(dcol, 0)] = \
        array[max(-drow, 0):height + min(-drow, 0), max(-dcol, 0):width + min(-dcol, 0)]
    return out


def bbox(mask: np.ndarray) -> tuple[int, int, int, int]:
    """(top, bottom, left, right), inclusive, of the True cells; refuses an empty mask."""
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        raise ValueError("empty mask has no bounding box")
    cols = np.flatnonzero(mask.any(axis=0))
    return int(rows[0]), int(rows[-1]), int(cols[0]), int(cols[-1])


def equal_parts(length: int, parts: int) -> list[slice]:
    """Slices cutting `length` into `parts` equal runs, allowing a 1-wide separator between runs.

    ARC grids split in n often have one separator row/column between the parts (3x7 -> two
    3x3 with a middle column); both layouts are accepted, anything else is refused.
    """
    parts = require_positive(parts, "parts")
    if parts < 2:
        raise ValueError("split into at least 2 parts")
    if length % parts == 0:
        size, gap = length // parts, 0
    elif (length - parts + 1) % parts == 0 and length - parts + 1 > 0:
        size, gap = (length - parts + 1) // parts, 1
    else:
        raise ValueError(f"cannot cut {length} into {parts} equal parts")
    return [slice(k * (size + gap), k * (size + gap) + size) for k in range(parts)]


def color_counts(grid: np.ndarray) -> np.ndarray:
    """How many cells of each color 0..9 the grid has."""
    return np.bincount(grid.ravel(), minlength=10)


def most_common_color_of(cells: np.ndarray) -> int:
    """The most common color among `cells` (an array of any shape, not empty), the lowest on a tie."""
    return int(np.bincount(cells.ravel(), minlength=10).argmax())


def background(grid: np.ndarray) -> int:
    """The guessed background color: the most common one (ties: the lowest color)."""
    return most_common_color_of(grid)


def paint_zeros(grid: np.ndarray, where: np.ndarray, color: int) -> np.ndarray:
    """A frozen copy of `grid` whose 0 cells in the mask `where` take `color` (other cells stay)."""
    out = grid.copy()
    out[where & (grid == 0)] = require_color(color)
    return freeze(out)


def turned_down(array: np.ndarray, direction: tuple) -> np.ndarray:
    """`array` turned so that `direction` points down the rows."""
    drow, dcol = int(direction[0]), int(direction[1])
    if (drow, dcol) == (1, 0):
        return array
    if (drow, dcol) == (-1, 0):
        return array[::-1]
    if (drow, dcol) == (0, 1):
        return array.T
    if (drow, dcol) == (0, -1):
        return array[:, ::-1].T
    raise ValueError(f"not a straight direction: {direction}")


def turned_back(array: np.ndarray, direction: tuple) -> np.ndarray:
    """Undo `turned_down`."""
    drow, dcol = int(direction[0]), int(direction[1])
    if (drow, dcol) == (1, 0):
        return array
    if (drow, dcol) == (-1, 0):
        return array[::-1]
    if (drow, dcol) == (0, 1):
        return array.T
    return array.T[:, ::-1]
