"""Helpers for the object-level DSL tests: build objects and read them back as cell sets."""

import numpy as np

from arcsynth.dsl.primitives._components import obj_from_mask
from arcsynth.dsl.values import Obj
from tests.dsl.helpers import g


def cells(obj: Obj) -> set[tuple[int, int, int]]:
    """The object's cells as (row, col, color)."""
    rows, cols = np.nonzero(obj.mask)
    return {(int(r) + obj.top, int(c) + obj.left, int(obj.colors[r, c])) for r, c in zip(rows, cols)}


def obj(*rows: str, top: int = 0, left: int = 0) -> Obj:
    """An object from digit strings, '.' for cells outside it, placed at (top, left)."""
    grid = g(*(row.replace(".", "0") for row in rows))
    mask = np.array([[ch != "." for ch in row] for row in rows])
    made = obj_from_mask(grid, mask)
    return Obj(made.top + top, made.left + left, made.colors, made.mask)
