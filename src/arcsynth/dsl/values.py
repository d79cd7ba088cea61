"""Runtime values of the DSL that numpy does not provide, and content keys for hashing.

Values hash by content so that observational equivalence in the search is a set lookup.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Obj", "value_key", "freeze"]


@dataclass(frozen=True, eq=False)
class Obj:
    """A set of colored cells: `colors[i, j]` at (top + i, left + j) wherever `mask[i, j]`.

    `colors` is a read-only uint8 array and `mask` a read-only bool array of the same shape,
    the object's bounding box; cells outside the mask are 0 and mean nothing.
    """

    top: int
    left: int
    colors: np.ndarray
    mask: np.ndarray

    def key(self) -> tuple:
        """The hashable content of the object."""
        return (self.top, self.left, self.colors.shape,
                np.where(self.mask, self.colors, 0).tobytes(), self.mask.tobytes())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Obj) and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    @property
    def height(self) -> int:
        """Rows of the bounding box."""
        return int(self.mask.shape[0])

    @property
    def width(self) -> int:
        """Columns of the bounding box."""
        return int(self.mask.shape[1])

    @property
    def size(self) -> int:
        """Number of cells."""
        return int(self.mask.sum())


def value_key(value: object) -> object:
    """A hashable key equal for two values exactly when they are the same DSL value."""
    if isinstance(value, np.ndarray):
        return (value.dtype.char, value.shape, np.ascontiguousarray(value).tobytes())
    if isinstance(value, Obj):
        return ("obj", value.key())
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, np.integer)):
        return ("int", int(value))
    if isinstance(value, tuple):
        return ("tuple", tuple(value_key(item) for item in value))
    if callable(value):
        return ("fn", id(value))
    raise TypeError(f"not a DSL value: {type(value).__name__}")


def freeze(array: np.ndarray) -> np.ndarray:
    """A read-only contiguous version of `array` (the form every array value takes)."""
    out = np.ascontiguousarray(array)
    out.setflags(write=False)
    return out
