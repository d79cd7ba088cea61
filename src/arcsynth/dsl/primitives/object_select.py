"""Object selection: filter, pick and order the objects of a collection.

Picks that must choose among equals take the first in the collection's order (reading order
for collections straight from extraction); picks from an empty collection raise.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from arcsynth.dsl.primitives._arrays import require_color
from arcsynth.dsl.primitives._components import normalized, object_color, shape_key, union_obj
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Color, Grid, Int, Object, ObjectKey, ObjectPredicate, Objects


def _nonempty(objs: tuple) -> tuple:
    if not objs:
        raise ValueError("no objects")
    return objs


def _touches_border(obj: Object, height: int, width: int) -> bool:
    return (obj.top <= 0 or obj.left <= 0 or obj.top + obj.height >= height
            or obj.left + obj.width >= width)


def _adjacent(first: Object, second: Object) -> bool:
    """True when a cell of `second` is one of, or 8-adjacent to, a cell of `first`."""
    if (first.top > second.top + second.height or second.top > first.top + first.height
            or first.left > second.left + second.width or second.left > first.left + first.width):
        return False
    top = min(first.top, second.top) - 1
    left = min(first.left, second.left) - 1
    height = max(first.top + first.height, second.top + second.height) - top + 1
    width = max(first.left + first.width, second.left + second.width) - left + 1
    grown = np.zeros((height, width), dtype=bool)
    r, c = first.top - top, first.left - left
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            grown[r + dr:r + dr + first.height, c + dc:c + dc + first.width] |= first.mask
    r, c = second.top - top, second.left - left
    return bool((grown[r:r + second.height, c:c + second.width] & second.mask).any())


def _only_rarest(objs: tuple, keys: list) -> Object:
    counts = Counter(keys)
    rarest = min(counts.values())
    chosen = [o for o, k in zip(objs, keys) if counts[k] == rarest]
    if len(chosen) != 1:
        raise ValueError("no single odd one out")
    return chosen[0]


def _with_most_common(objs: tuple, keys: list) -> tuple:
    common = Counter(keys).most_common(1)[0][0]
    return tuple(o for o, k in zip(objs, keys) if k == common)


def keep_if(objs: Objects, pred: ObjectPredicate) -> Objects:
    """The objects for which the predicate holds."""
    return tuple(o for o in objs if pred(o))


def drop_if(objs: Objects, pred: ObjectPredicate) -> Objects:
    """The objects for which the predicate does not hold."""
    return tuple(o for o in objs if not pred(o))


def first_where(objs: Objects, pred: ObjectPredicate) -> Object:
    """The first object for which the predicate holds."""
    for o in objs:
        if pred(o):
            return o
    raise ValueError("no object satisfies the predicate")


def largest(objs: Objects) -> Object:
    """The object with the most cells."""
    return max(_nonempty(objs), key=lambda o: o.size)


def smallest(objs: Objects) -> Object:
    """The object with the fewest cells."""
    return min(_nonempty(objs), key=lambda o: o.size)


def argmax_by(objs: Objects, key: ObjectKey) -> Object:
    """The object with the largest key."""
    return max(_nonempty(objs), key=key)


def argmin_by(objs: Objects, key: ObjectKey) -> Object:
    """The object with the smallest key."""
    return min(_nonempty(objs), key=key)


def most_cells_of(objs: Objects, color: Color) -> Object:
    """The object with the most cells of one color."""
    color = require_color(color)
    return max(_nonempty(objs), key=lambda o: int(np.count_nonzero(o.mask & (o.colors == color))))


def sort_by(objs: Objects, key: ObjectKey) -> Objects:
    """The objects ordered by increasing key (ties keep their order)."""
    return tuple(sorted(objs, key=key))


def select_by_color(objs: Objects, color: Color) -> Objects:
    """The objects whose (most common) color is `color`."""
    color = require_color(color)
    return tuple(o for o in objs if object_color(o) == color)


def drop_by_color(objs: Objects, color: Color) -> Objects:
    """The objects whose (most common) color is not `color`."""
    color = require_color(color)
    return tuple(o for o in objs if object_color(o) != color)


def select_by_size(objs: Objects, cells: Int) -> Objects:
    """The objects with exactly `cells` cells."""
    return tuple(o for o in objs if o.size == cells)


def drop_by_size(objs: Objects, cells: Int) -> Objects:
    """The objects not having exactly `cells` cells."""
    return tuple(o for o in objs if o.size != cells)


def same_shape_as(objs: Objects, model: Object) -> Objects:
    """The objects with the same shape as `model` (wherever they are, whatever their colors)."""
    wanted = shape_key(model)
    return tuple(o for o in objs if shape_key(o) == wanted)


def same_color_as(objs: Objects, model: Object) -> Objects:
    """The objects with the same (most common) color as `model`."""
    wanted = object_color(model)
    return tuple(o for o in objs if object_color(o) == wanted)


def touching(objs: Objects, model: Object) -> Objects:
    """The objects other than `model` with a cell 8-adjacent to one of its cells."""
    return tuple(o for o in objs if o != model and _adjacent(o, model))


def unique_color_object(objs: Objects) -> Object:
    """The one object whose color is rarer than every other object's."""
    objs = _nonempty(objs)
    return _only_rarest(objs, [object_color(o) for o in objs])


def unique_shape_object(objs: Objects) -> Object:
    """The one object whose shape is rarer than every other object's."""
    objs = _nonempty(objs)
    return _only_rarest(objs, [shape_key(o) for o in objs])


def common_shape_objects(objs: Objects) -> Objects:
    """The objects having the most common shape."""
    objs = _nonempty(objs)
    return _with_most_common(objs, [shape_key(o) for o in objs])


def common_color_objects(objs: Objects) -> Objects:
    """The objects having the most common color."""
    objs = _nonempty(objs)
    return _with_most_common(objs, [object_color(o) for o in objs])


def most_common_object(objs: Objects) -> Object:
    """The first object of the shape-and-colors pattern that occurs most often."""
    objs = _nonempty(objs)
    return _with_most_common(objs, [normalized(o) for o in objs])[0]


def first_object(objs: Objects) -> Object:
    """The first object (the top-left one in reading order)."""
    return _nonempty(objs)[0]


def last_object(objs: Objects) -> Object:
    """The last object (the bottom-right one in reading order)."""
    return _nonempty(objs)[-1]




def border_objects(grid: Grid, objs: Objects) -> Objects:
    """The objects touching the border of `grid`."""
    return tuple(o for o in objs if _touches_border(o, *grid.shape))


def interior_objects(grid: Grid, objs: Objects) -> Objects:
    """The objects not touching the border of `grid`."""
    return tuple(o for o in objs if not _touches_border(o, *grid.shape))


def without(objs: Objects, obj: Object) -> Objects:
    """The objects other than `obj`."""
    return tuple(o for o in objs if o != obj)


def merge_objects(objs: Objects) -> Object:
    """All the objects' cells as one object."""
    return union_obj(objs)


PRIMITIVES = (
    primitive(keep_if),
    primitive(drop_if),
    primitive(first_where),
    primitive(largest),
    primitive(smallest),
    primitive(argmax_by),
    primitive(argmin_by),
    primitive(most_cells_of, cost=1.5),
    primitive(sort_by, cost=1.5),
    primitive(select_by_color),
    primitive(drop_by_color, cost=1.5),
    primitive(select_by_size, cost=1.5),
    primitive(drop_by_size, cost=1.5),
    primitive(same_shape_as, cost=1.5),
    primitive(same_color_as, cost=1.5),
    primitive(touching, cost=1.5),
    primitive(unique_color_object),
    primitive(unique_shape_object),
    primitive(common_shape_objects, cost=1.5),
    primitive(common_color_objects, cost=1.5),
    primitive(most_common_object),
    primitive(first_object, cost=1.5),
    primitive(last_object, cost=1.5),
    primitive(border_objects, cost=1.5),
    primitive(interior_objects, cost=1.5),
    primitive(without),
    primitive(merge_objects),
)
