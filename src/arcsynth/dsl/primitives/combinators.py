"""Combinators: primitives that take functions (primitives passed by name) as arguments.

Each has a fixed arity; its function-valued parameters are typed by the Fn aliases of
arcsynth.dsl.types, so the search only offers primitives of the right signature.
"""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.primitives._arrays import check_same_shape, check_side, require_color
from arcsynth.dsl.primitives._components import background, fill_cells, paint_into
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import (
    Bool, Color, Grid, GridPredicate, GridToGrid, Grids, Int, Object, ObjectPredicate, Objects, ObjectToGrid,
    ObjectToObject)
from arcsynth.dsl.values import freeze


def _box(grid: np.ndarray, obj: Object) -> tuple[slice, slice]:
    top, left = max(obj.top, 0), max(obj.left, 0)
    bottom = min(obj.top + obj.height, grid.shape[0])
    right = min(obj.left + obj.width, grid.shape[1])
    if top >= bottom or left >= right:
        raise ValueError("object lies outside the grid")
    return slice(top, bottom), slice(left, right)


def map_objects(objs: Objects, function: ObjectToObject) -> Objects:
    """Apply an object transformation to each object."""
    return tuple(function(o) for o in objs)


def objects_to_grids(objs: Objects, function: ObjectToGrid) -> Grids:
    """Turn each object into a grid."""
    return tuple(function(o) for o in objs)


def paint_mapped(grid: Grid, objs: Objects, function: ObjectToObject) -> Grid:
    """Erase the objects, then paint each one's transformation in its place."""
    canvas = np.array(grid)
    fill = background(grid)
    for o in objs:
        fill_cells(canvas, o, fill)
    for o in objs:
        paint_into(canvas, function(o))
    return freeze(canvas)


def map_object_boxes(grid: Grid, objs: Objects, function: GridToGrid) -> Grid:
    """Replace the part of the grid under each object's bounding box by its transformation."""
    canvas = np.array(grid)
    for o in objs:
        box = _box(grid, o)
        part = function(freeze(canvas[box]))
        check_same_shape(part, canvas[box])
        canvas[box] = part
    return freeze(canvas)


def apply_in_box(grid: Grid, obj: Object, function: GridToGrid) -> Grid:
    """Replace the part of the grid under the object's bounding box by its transformation."""
    box = _box(grid, obj)
    part = function(freeze(grid[box]))
    check_same_shape(part, grid[box])
    canvas = np.array(grid)
    canvas[box] = part
    return freeze(canvas)


def chain(grid: Grid, first: GridToGrid, second: GridToGrid) -> Grid:
    """Apply one grid transformation, then another."""
    return second(first(grid))


def fork_hconcat(grid: Grid, left: GridToGrid, right: GridToGrid) -> Grid:
    """Two transformations of the grid side by side (same height)."""
    first, second = left(grid), right(grid)
    if first.shape[0] != second.shape[0]:
        raise ValueError("heights differ")
    check_side(first.shape[0], first.shape[1] + second.shape[1])
    return freeze(np.hstack((first, second)))


def fork_vconcat(grid: Grid, top: GridToGrid, bottom: GridToGrid) -> Grid:
    """Two transformations of the grid one above the other (same width)."""
    first, second = top(grid), bottom(grid)
    if first.shape[1] != second.shape[1]:
        raise ValueError("widths differ")
    check_side(first.shape[0] + second.shape[0], first.shape[1])
    return freeze(np.vstack((first, second)))


def fork_overlay(grid: Grid, under: GridToGrid, over: GridToGrid) -> Grid:
    """The second transformation's non-zero cells laid over the first's (same shape)."""
    first, second = under(grid), over(grid)
    check_same_shape(first, second)
    return freeze(np.where(second != 0, second, first))


def if_else(grid: Grid, test: GridPredicate, then: GridToGrid, otherwise: GridToGrid) -> Grid:
    """Apply one transformation when the grid passes a test, another when it does not."""
    return then(grid) if test(grid) else otherwise(grid)




def branch(condition: Bool, then: Grid, otherwise: Grid) -> Grid:
    """The first grid when the condition holds, else the second."""
    return then if condition else otherwise


def recolor_if(grid: Grid, objs: Objects, pred: ObjectPredicate, color: Color) -> Grid:
    """Paint in one color the objects for which the predicate holds."""
    canvas = np.array(grid)
    color = require_color(color)
    for o in objs:
        if pred(o):
            fill_cells(canvas, o, color)
    return freeze(canvas)


def count_if(objs: Objects, pred: ObjectPredicate) -> Int:
    """Number of objects for which the predicate holds."""
    return sum(1 for o in objs if pred(o))




def any_object(objs: Objects, pred: ObjectPredicate) -> Bool:
    """True when the predicate holds for at least one object."""
    return any(pred(o) for o in objs)


PRIMITIVES = (
    primitive(map_objects, cost=1.5),
    primitive(objects_to_grids, cost=1.5),
    primitive(paint_mapped, cost=1.5),
    primitive(map_object_boxes, cost=2.0),
    primitive(apply_in_box, cost=2.0),
    primitive(chain, cost=2.0),
    primitive(fork_hconcat, cost=2.0),
    primitive(fork_vconcat, cost=2.0),
    primitive(fork_overlay, cost=2.0),
    primitive(if_else, cost=3.0),
    primitive(branch, cost=2.5),
    primitive(recolor_if, cost=1.5),
    primitive(count_if, cost=1.5),
    primitive(any_object, cost=2.0),
)
