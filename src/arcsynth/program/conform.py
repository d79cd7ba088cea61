"""Does a runtime value have the representation its DSL type promises?

The type checker trusts each primitive's declared return type; this is how tests (and anyone
debugging a primitive) check that trust. The representations are those documented in
arcsynth.dsl.types: read-only 2-D uint8 grids with colors 0..9, read-only 2-D bool masks, plain
ints and bools (not numpy scalars, whose arithmetic wraps or compares differently), tuples
for Objects and List[...], callables for Fn[...].
"""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.types import (BOOL, COLOR, DIRECTION, GRID, INT, MASK, OBJECT, OBJECTS, DslType,
                                is_fn)
from arcsynth.dsl.values import Obj
from arcsynth.grid import NUM_COLORS

__all__ = ["value_problem", "value_conforms"]


def value_conforms(value: object, dsl_type: DslType) -> bool:
    """True when `value` is a well-formed runtime value of `dsl_type`."""
    return value_problem(value, dsl_type) is None


def value_problem(value: object, dsl_type: DslType) -> str | None:
    """Why `value` is no well-formed value of `dsl_type`, or None when it is one."""
    if dsl_type == GRID:
        return _array_problem(value, np.uint8, "Grid") or _color_range_problem(value)
    if dsl_type == MASK:
        return _array_problem(value, np.bool_, "Mask")
    if dsl_type == COLOR:
        if type(value) is not int:
            return f"Color must be a plain int, got {type(value).__name__}"
        return None if 0 <= value < NUM_COLORS else f"Color {value} outside 0..{NUM_COLORS - 1}"
    if dsl_type == INT:
        return None if type(value) is int else f"Int must be a plain int, got {type(value).__name__}"
    if dsl_type == BOOL:
        return None if type(value) is bool else f"Bool must be a plain bool, got {type(value).__name__}"
    if dsl_type == DIRECTION:
        if type(value) is tuple and len(value) == 2 and all(type(part) is int for part in value):
            return None
        return f"Direction must be a (drow, dcol) tuple of plain ints, got {value!r}"
    if dsl_type == OBJECT:
        return _object_problem(value)
    if dsl_type == OBJECTS:
        return _tuple_problem(value, OBJECT, "Objects")
    if dsl_type.name == "List" and len(dsl_type.args) == 1:
        return _tuple_problem(value, dsl_type.args[0], str(dsl_type))
    if is_fn(dsl_type):
        return None if callable(value) else f"{dsl_type} must be callable, got {type(value).__name__}"
    return None  # a type this module does not know yet: nothing to check against


def _array_problem(value: object, dtype: type, what: str) -> str | None:
    if not isinstance(value, np.ndarray):
        return f"{what} must be a numpy array, got {type(value).__name__}"
    if value.ndim != 2 or value.shape[0] < 1 or value.shape[1] < 1:
        return f"{what} must be 2-D and non-empty, got shape {value.shape}"
    if value.dtype != dtype:
        return f"{what} must have dtype {np.dtype(dtype).name}, got {value.dtype.name}"
    if value.flags.writeable:
        # Values are shared between steps and examples; a writable one can be changed under them.
        return f"{what} must be read-only"
    return None


def _color_range_problem(grid: np.ndarray) -> str | None:
    top = int(grid.max())
    return None if top < NUM_COLORS else f"Grid holds value {top}, outside 0..{NUM_COLORS - 1}"


def _object_problem(value: object) -> str | None:
    if not isinstance(value, Obj):
        return f"Object must be an Obj, got {type(value).__name__}"
    if type(value.top) is not int or type(value.left) is not int:
        return "Object top and left must be plain ints"
    problem = _array_problem(value.colors, np.uint8, "Object colors") or _array_problem(
        value.mask, np.bool_, "Object mask")
    if problem:
        return problem
    if value.colors.shape != value.mask.shape:
        return f"Object colors {value.colors.shape} and mask {value.mask.shape} differ in shape"
    if not value.mask.any():
        return "Object has no cells"
    if int(value.colors[value.mask].max()) >= NUM_COLORS:
        return "Object holds a color outside 0..9"
    return None


def _tuple_problem(value: object, item_type: DslType, what: str) -> str | None:
    if type(value) is not tuple:
        return f"{what} must be a tuple, got {type(value).__name__}"
    for index, item in enumerate(value):
        problem = value_problem(item, item_type)
        if problem:
            return f"{what} item {index}: {problem}"
    return None
