"""Comparisons and diagonals: integer comparisons, cells joined along diagonals.

Small general pieces found missing while writing programs for the training tasks.
"""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.primitives._arrays import require_color
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Bool, Color, Grid, Int
from arcsynth.dsl.values import freeze


def int_equal(first: Int, second: Int) -> Bool:
    """True when two integers are equal."""
    return int(first) == int(second)


def int_less(first: Int, second: Int) -> Bool:
    """True when the first integer is smaller than the second."""
    return int(first) < int(second)


def _between_along_diagonals(source: np.ndarray) -> np.ndarray:
    """Cells on a main diagonal between its first and last `source` cell, both included."""
    height, width = source.shape
    out = np.zeros_like(source)
    for offset in range(-(height - 1), width):
        rows = np.arange(max(0, -offset), min(height, width - offset))
        hits = np.flatnonzero(source[rows, rows + offset])
        if hits.size >= 2:
            span = rows[hits[0]:hits[-1] + 1]
            out[span, span + offset] = True
    return out


def connect_diagonal(grid: Grid, color: Color) -> Grid:
    """Fill the 0 cells between cells of one color that share a diagonal (either way) with that color."""
    color = require_color(color)
    source = grid == color
    between = _between_along_diagonals(source) | _between_along_diagonals(source[:, ::-1])[:, ::-1]
    out = np.array(grid)
    out[between & (grid == 0)] = color
    return freeze(out)


PRIMITIVES = (
    primitive(int_equal, cost=1.5),
    primitive(int_less, cost=1.5),
    primitive(connect_diagonal, cost=1.5),
)
