"""Object properties: sizes, colors, positions and shape tests of one object.

Int-valued ones serve as ObjectKey and Bool-valued ones as ObjectPredicate arguments of the
selection primitives and combinators.
"""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.primitives._arrays import check_side
from arcsynth.dsl.primitives._components import holes_mask, label, normalized, object_color
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Bool, Color, Grid, Int, Object
from arcsynth.dsl.values import freeze


def size(obj: Object) -> Int:
    """Number of cells."""
    return obj.size


def obj_color(obj: Object) -> Color:
    """The most common color of the object (the smallest on a tie)."""
    return object_color(obj)


def obj_height(obj: Object) -> Int:
    """Rows of the bounding box."""
    return obj.height


def obj_width(obj: Object) -> Int:
    """Columns of the bounding box."""
    return obj.width


def obj_area(obj: Object) -> Int:
    """Number of cells of the bounding box."""
    return obj.height * obj.width


def obj_top(obj: Object) -> Int:
    """Row of the bounding box's top edge."""
    return obj.top


def obj_left(obj: Object) -> Int:
    """Column of the bounding box's left edge."""
    return obj.left


def obj_bottom(obj: Object) -> Int:
    """Row of the bounding box's bottom edge."""
    return obj.top + obj.height - 1


def obj_right(obj: Object) -> Int:
    """Column of the bounding box's right edge."""
    return obj.left + obj.width - 1


def obj_num_colors(obj: Object) -> Int:
    """Number of distinct colors in the object."""
    return int(np.unique(obj.colors[obj.mask]).size)


def num_holes(obj: Object) -> Int:
    """Number of 4-connected groups of non-object cells enclosed by the object."""
    holes = holes_mask(obj)
    roots = label(holes.view(np.uint8), holes, diagonal=False, multicolor=True)
    return int(np.unique(roots[roots >= 0]).size)


def obj_grid(obj: Object) -> Grid:
    """The object cropped to its bounding box as a grid, cells outside it 0."""
    check_side(obj.height, obj.width)
    return freeze(np.where(obj.mask, obj.colors, 0).astype(np.uint8))


def normalize(obj: Object) -> Object:
    """The object moved so that its bounding box starts at the top-left corner (0, 0)."""
    return normalized(obj)


def is_rectangle(obj: Object) -> Bool:
    """True when the object fills its bounding box."""
    return bool(obj.mask.all())


def is_square(obj: Object) -> Bool:
    """True when the object fills a square bounding box."""
    return bool(obj.height == obj.width and obj.mask.all())


def is_single_cell(obj: Object) -> Bool:
    """True for an object of one cell."""
    return bool(obj.size == 1)


def is_line(obj: Object) -> Bool:
    """True for a horizontal or vertical line of at least two cells."""
    return bool(obj.size > 1 and min(obj.height, obj.width) == 1 and obj.mask.all())


def has_center_cell(obj: Object) -> Bool:
    """True when the bounding box has a middle cell (odd height and odd width)."""
    return bool(obj.height % 2 == 1 and obj.width % 2 == 1)


def is_hline(obj: Object) -> Bool:
    """True for a horizontal line (one row, filled, at least two cells)."""
    return bool(obj.height == 1 and obj.width > 1 and obj.mask.all())


def is_vline(obj: Object) -> Bool:
    """True for a vertical line (one column, filled, at least two cells)."""
    return bool(obj.width == 1 and obj.height > 1 and obj.mask.all())


def obj_symmetric_h(obj: Object) -> Bool:
    """True when the object, colors included, equals its left-right mirror image."""
    return bool(np.array_equal(obj.mask, obj.mask[:, ::-1])
                and np.array_equal(obj.colors, obj.colors[:, ::-1]))


def obj_symmetric_v(obj: Object) -> Bool:
    """True when the object, colors included, equals its top-bottom mirror image."""
    return bool(np.array_equal(obj.mask, obj.mask[::-1])
                and np.array_equal(obj.colors, obj.colors[::-1]))


def has_holes(obj: Object) -> Bool:
    """True when the object encloses at least one non-object cell."""
    return bool(holes_mask(obj).any())


def is_multicolor(obj: Object) -> Bool:
    """True when the object has more than one color."""
    values = obj.colors[obj.mask]
    return bool((values != values[0]).any())


PRIMITIVES = (
    primitive(size),
    primitive(obj_color),
    primitive(obj_height),
    primitive(obj_width),
    primitive(obj_area, cost=1.5),
    primitive(obj_top, cost=1.5),
    primitive(obj_left, cost=1.5),
    primitive(obj_bottom, cost=1.5),
    primitive(obj_right, cost=1.5),
    primitive(obj_num_colors, cost=1.5),
    primitive(num_holes, cost=1.5),
    primitive(obj_grid),
    primitive(normalize, cost=1.5),
    primitive(is_rectangle),
    primitive(is_square, cost=1.5),
    primitive(is_single_cell),
    primitive(is_line, cost=1.5),
    primitive(has_center_cell, cost=1.5),
    primitive(is_hline, cost=1.5),
    primitive(is_vline, cost=1.5),
    primitive(obj_symmetric_h, cost=1.5),
    primitive(obj_symmetric_v, cost=1.5),
    primitive(has_holes),
    primitive(is_multicolor, cost=1.5),
)
