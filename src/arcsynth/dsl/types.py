"""The DSL's own types, finer than Python's, so that typing prunes the search.

A primitive's signature is read from its annotations: each parameter and the return value is
annotated with one of the aliases below (`Grid`, `Color`, `Objects`, ...), an `Annotated` type
that carries its `DslType`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Callable

import numpy as np

from arcsynth.dsl.values import Obj

__all__ = [
    "DslType", "list_of", "fn_type", "is_fn", "fn_args", "fn_result",
    "GRID", "MASK", "COLOR", "INT", "BOOL", "DIRECTION", "OBJECT", "OBJECTS",
    "GRIDS", "INTS", "COLORS",
    "Grid", "Mask", "Color", "Int", "Bool", "Direction", "Object", "Objects", "Grids", "Ints", "Colors",
    "ObjectPredicate", "ObjectKey", "ObjectToObject", "ObjectToGrid", "GridToGrid", "GridPredicate",
    "GridKey", "ColorPredicate",
]


@dataclass(frozen=True)
class DslType:
    """A DSL type: a name and, for containers and functions, type arguments."""

    name: str
    args: tuple["DslType", ...] = ()

    def __str__(self) -> str:
        if not self.args:
            return self.name
        return f"{self.name}[{', '.join(str(arg) for arg in self.args)}]"


def list_of(item: DslType) -> DslType:
    """The type of an ordered tuple of `item` values."""
    return DslType("List", (item,))


def fn_type(*args: DslType, ret: DslType) -> DslType:
    """The type of a function from `args` to `ret`."""
    return DslType("Fn", (*args, ret))


def is_fn(dsl_type: DslType) -> bool:
    """True for function types."""
    return dsl_type.name == "Fn"


def fn_args(dsl_type: DslType) -> tuple[DslType, ...]:
    """The parameter types of a function type."""
    return dsl_type.args[:-1]


def fn_result(dsl_type: DslType) -> DslType:
    """The result type of a function type."""
    return dsl_type.args[-1]


# Runtime representations: Grid is a read-only uint8 2-D array; Mask a read-only bool 2-D
# array; Color an int 0..9; Int an int; Bool a bool; Direction a (drow, dcol) tuple of ints;
# Object an `Obj`; Objects a tuple of `Obj` in reading order of their top-left corner;
# List[...] a tuple.
GRID = DslType("Grid")
MASK = DslType("Mask")
COLOR = DslType("Color")
INT = DslType("Int")
BOOL = DslType("Bool")
DIRECTION = DslType("Direction")
OBJECT = DslType("Object")
OBJECTS = DslType("Objects")
GRIDS = list_of(GRID)
INTS = list_of(INT)
COLORS = list_of(COLOR)

Grid = Annotated[np.ndarray, GRID]
Mask = Annotated[np.ndarray, MASK]
Color = Annotated[int, COLOR]
Int = Annotated[int, INT]
Bool = Annotated[bool, BOOL]
Direction = Annotated[tuple, DIRECTION]
Object = Annotated[Obj, OBJECT]
Objects = Annotated[tuple, OBJECTS]
Grids = Annotated[tuple, GRIDS]
Ints = Annotated[tuple, INTS]
Colors = Annotated[tuple, COLORS]

ObjectPredicate = Annotated[Callable, fn_type(OBJECT, ret=BOOL)]
ObjectKey = Annotated[Callable, fn_type(OBJECT, ret=INT)]
ObjectToObject = Annotated[Callable, fn_type(OBJECT, ret=OBJECT)]
ObjectToGrid = Annotated[Callable, fn_type(OBJECT, ret=GRID)]
GridToGrid = Annotated[Callable, fn_type(GRID, ret=GRID)]
GridPredicate = Annotated[Callable, fn_type(GRID, ret=BOOL)]
GridKey = Annotated[Callable, fn_type(GRID, ret=INT)]
ColorPredicate = Annotated[Callable, fn_type(COLOR, ret=BOOL)]
