"""Objects: connected components of a grid, single- or multi-color, 4- or 8-connected.

The background is the grid's most common color, the smallest color on a tie (so 0 wins a
tie); `objects_*` and `multicolor_objects_*` leave it out, the `*_except` variants take the
color to leave out explicitly, and `regions_4` keeps every cell. Objects come in reading order
of their bounding box's top-left corner, ties broken by their first cell in reading order.

Why the most common color: in the ARC-AGI-1 training inputs it is 0 in about three inputs of
four, and where it is not, the grid mostly has a colored background (0 is absent in half of
those). For the rest (0 present but outnumbered, e.g. by one big shape) programs name 0 with
`objects_except(grid, 0)` or `multicolor_objects_except(grid, 0)`.
"""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.primitives._arrays import require_color
from arcsynth.dsl.primitives._components import background, by_color, components, obj_from_mask
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Color, Grid, Object, Objects
from arcsynth.dsl.values import Obj


def objects_4(grid: Grid) -> Objects:
    """Single-color 4-connected objects, background left out."""
    return components(grid, grid != background(grid), diagonal=False, multicolor=False)


def objects_8(grid: Grid) -> Objects:
    """Single-color 8-connected (corner-touching) objects, background left out."""
    return components(grid, grid != background(grid), diagonal=True, multicolor=False)


def multicolor_objects_4(grid: Grid) -> Objects:
    """4-connected groups of non-background cells of any colors."""
    return components(grid, grid != background(grid), diagonal=False, multicolor=True)


def multicolor_objects_8(grid: Grid) -> Objects:
    """8-connected groups of non-background cells of any colors."""
    return components(grid, grid != background(grid), diagonal=True, multicolor=True)


def objects_except(grid: Grid, color: Color) -> Objects:
    """Single-color 4-connected objects of every color but `color` (an explicit background)."""
    return components(grid, grid != require_color(color), diagonal=False, multicolor=False)


def multicolor_objects_except(grid: Grid, color: Color) -> Objects:
    """8-connected groups of cells of any colors but `color` (an explicit background)."""
    return components(grid, grid != require_color(color), diagonal=True, multicolor=True)


def objects_by_color(grid: Grid) -> Objects:
    """One object per non-background color, holding all its cells."""
    return by_color(grid, grid != background(grid))


def regions_4(grid: Grid) -> Objects:
    """Every single-color 4-connected region, background included."""
    return components(grid, np.ones(grid.shape, dtype=bool), diagonal=False, multicolor=False)


def enclosed_regions(grid: Grid) -> Objects:
    """4-connected background regions that do not reach the grid's border (holes, rooms)."""
    height, width = grid.shape
    regions = components(grid, grid == background(grid), diagonal=False, multicolor=False)
    return tuple(o for o in regions if o.top > 0 and o.left > 0
                 and o.top + o.height < height and o.left + o.width < width)


def color_object(grid: Grid, color: Color) -> Object:
    """All the cells of one color as one object."""
    return obj_from_mask(grid, grid == require_color(color))


def foreground(grid: Grid) -> Object:
    """All non-background cells as one object."""
    return obj_from_mask(grid, grid != background(grid))


def find_object(grid: Grid, obj: Object) -> Objects:
    """Copies of the object at every place where the grid shows its exact cells and colors."""
    height, width = obj.mask.shape
    if height > grid.shape[0] or width > grid.shape[1]:
        return ()
    windows = np.lib.stride_tricks.sliding_window_view(grid, (height, width))
    hits = ((windows == obj.colors) | ~obj.mask).all(axis=(2, 3))
    return tuple(Obj(int(r), int(c), obj.colors, obj.mask) for r, c in zip(*np.nonzero(hits)))


PRIMITIVES = (
    primitive(objects_4),
    primitive(objects_8),
    primitive(multicolor_objects_4, cost=1.5),
    primitive(multicolor_objects_8),
    primitive(objects_except, cost=1.5),
    primitive(multicolor_objects_except, cost=1.5),
    primitive(objects_by_color),
    primitive(regions_4, cost=1.5),
    primitive(enclosed_regions, cost=1.5),
    primitive(color_object),
    primitive(foreground),
    primitive(find_object, cost=2.0),
)
