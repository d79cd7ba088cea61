"""Painting objects: paint, erase, recolor, move, slide, box, fill and crop objects on grids.

"Background" is the grid's most common color (the smallest on a tie), as in `objects`. Cells
of an object that fall outside the grid are clipped when it is painted.
"""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.primitives._arrays import check_side, require_color
from arcsynth.dsl.primitives._components import (
    background, fill_cells, holes_mask, obj_full_mask, object_color, paint_into, shifted_obj)
from arcsynth.dsl.registry import primitive
from arcsynth.dsl.types import Color, Direction, Grid, Int, Object, Objects
from arcsynth.dsl.values import Obj, freeze

_MAX_SLIDE = 60


def _step(direction: tuple) -> tuple[int, int]:
    drow, dcol = int(direction[0]), int(direction[1])
    if drow == 0 and dcol == 0:
        raise ValueError("direction (0, 0) goes nowhere")
    return drow, dcol


def _covered(grid: np.ndarray, objs: tuple) -> np.ndarray:
    canvas = np.array(grid)
    fill = background(grid)
    for o in objs:
        fill_cells(canvas, o, fill)
    return canvas


def _inside(obj: Obj, shape: tuple[int, int]) -> bool:
    return (obj.top >= 0 and obj.left >= 0 and obj.top + obj.height <= shape[0]
            and obj.left + obj.width <= shape[1])


def _hits(obj: Obj, blocked: np.ndarray) -> bool:
    """True when `obj`, which lies inside the grid, covers a cell of the full-size `blocked` mask."""
    region = blocked[obj.top:obj.top + obj.height, obj.left:obj.left + obj.width]
    return bool((region & obj.mask).any())


def _slid(obj: Obj, blocked: np.ndarray, drow: int, dcol: int) -> Obj:
    """`obj` moved step by step until the next step would leave the grid or hit `blocked`."""
    for _ in range(_MAX_SLIDE):
        moved = shifted_obj(obj, drow, dcol)
        if not _inside(moved, blocked.shape) or _hits(moved, blocked):
            break
        obj = moved
    return obj


def _ring(obj: Obj, shape: tuple[int, int], margin: int) -> np.ndarray:
    """Full-size mask of the rectangle outline `margin` cells outside the bounding box (clipped)."""
    out = np.zeros(shape, dtype=bool)
    top, left = obj.top - margin, obj.left - margin
    bottom, right = obj.top + obj.height - 1 + margin, obj.left + obj.width - 1 + margin
    rows = np.arange(shape[0])[:, None]
    cols = np.arange(shape[1])[None, :]
    within = (rows >= top) & (rows <= bottom) & (cols >= left) & (cols <= right)
    edge = (rows == top) | (rows == bottom) | (cols == left) | (cols == right)
    out[within & edge] = True
    return out


def paint(grid: Grid, obj: Object) -> Grid:
    """Paint the object's cells onto the grid."""
    return freeze(paint_into(np.array(grid), obj))


def paint_all(grid: Grid, objs: Objects) -> Grid:
    """Paint every object onto the grid, later ones on top."""
    canvas = np.array(grid)
    for o in objs:
        paint_into(canvas, o)
    return freeze(canvas)


def cover(grid: Grid, obj: Object) -> Grid:
    """Erase the object's cells to the background color."""
    return freeze(_covered(grid, (obj,)))


def cover_all(grid: Grid, objs: Objects) -> Grid:
    """Erase every object's cells to the background color."""
    return freeze(_covered(grid, objs))


def underpaint(grid: Grid, obj: Object) -> Grid:
    """Paint the object only onto background cells."""
    free = grid == background(grid)
    canvas = paint_into(np.array(grid), obj)
    return freeze(np.where(free, canvas, grid))


def keep_only(grid: Grid, objs: Objects) -> Grid:
    """A background-colored grid of the same shape with only the objects painted on it."""
    canvas = np.full(grid.shape, background(grid), dtype=np.uint8)
    for o in objs:
        paint_into(canvas, o)
    return freeze(canvas)


def recolor(obj: Object, color: Color) -> Object:
    """The object with every cell in one color."""
    colors = np.where(obj.mask, np.uint8(require_color(color)), np.uint8(0))
    return Obj(obj.top, obj.left, freeze(colors), obj.mask)




def shift_object(obj: Object, direction: Direction) -> Object:
    """The object moved by (drow, dcol)."""
    return shifted_obj(obj, int(direction[0]), int(direction[1]))


def shift_object_n(obj: Object, direction: Direction, steps: Int) -> Object:
    """The object moved `steps` times by (drow, dcol)."""
    steps = int(steps)
    if abs(steps) > _MAX_SLIDE:
        raise ValueError(f"too many steps: {steps}")
    return shifted_obj(obj, int(direction[0]) * steps, int(direction[1]) * steps)


def reflect_object(obj: Object, direction: Direction) -> Object:
    """The object's mirror image placed right beside it on the side (drow, dcol) points to."""
    drow, dcol = _step(direction)
    colors, mask = obj.colors, obj.mask
    if dcol:
        colors, mask = colors[:, ::-1], mask[:, ::-1]
    if drow:
        colors, mask = colors[::-1], mask[::-1]
    return Obj(obj.top + int(np.sign(drow)) * obj.height, obj.left + int(np.sign(dcol)) * obj.width,
               freeze(colors), freeze(mask))


def offset_between(source: Object, target: Object) -> Direction:
    """The (drow, dcol) that moves the first object's top-left corner onto the second's."""
    return (target.top - source.top, target.left - source.left)


def direction_to(source: Object, target: Object) -> Direction:
    """The unit step (each of drow, dcol in -1, 0, 1) from the first object's center towards the second's."""
    drow = 2 * target.top + target.height - 2 * source.top - source.height
    dcol = 2 * target.left + target.width - 2 * source.left - source.width
    return (int(np.sign(drow)), int(np.sign(dcol)))


def move_object(grid: Grid, obj: Object, direction: Direction) -> Grid:
    """Erase the object and paint it again moved by (drow, dcol)."""
    return freeze(paint_into(_covered(grid, (obj,)), shift_object(obj, direction)))


def slide_object(grid: Grid, obj: Object, direction: Direction) -> Grid:
    """Move the object in a direction until it would hit another cell or the border."""
    drow, dcol = _step(direction)
    canvas = _covered(grid, (obj,))
    moved = _slid(obj, canvas != background(grid), drow, dcol)
    return freeze(paint_into(canvas, moved))


def slide_all(grid: Grid, objs: Objects, direction: Direction) -> Grid:
    """Object gravity: slide every object in a direction, the ones ahead first, until they stack."""
    drow, dcol = _step(direction)
    canvas = _covered(grid, objs)
    fill = background(grid)
    ahead = sorted(objs, key=lambda o: -(drow * (o.top + (o.height - 1) * (drow > 0))
                                         + dcol * (o.left + (o.width - 1) * (dcol > 0))))
    for o in ahead:
        paint_into(canvas, _slid(o, canvas != fill, drow, dcol))
    return freeze(canvas)


def _approached(obj: Obj, target: Obj, shape: tuple[int, int]) -> Obj:
    """`obj` moved one step at a time towards `target` (straight along an axis where their boxes
    already overlap, diagonally otherwise) until the next step would overlap it or leave the grid."""
    blocked = obj_full_mask(target, shape)
    for _ in range(_MAX_SLIDE):
        rows_overlap = obj.top < target.top + target.height and target.top < obj.top + obj.height
        cols_overlap = obj.left < target.left + target.width and target.left < obj.left + obj.width
        drow = 0 if rows_overlap else (1 if target.top > obj.top else -1)
        dcol = 0 if cols_overlap else (1 if target.left > obj.left else -1)
        if drow == 0 and dcol == 0:
            break
        after = shifted_obj(obj, drow, dcol)
        if not _inside(after, shape) or _hits(after, blocked):
            break
        obj = after
    return obj


def move_to_touch(grid: Grid, obj: Object, target: Object) -> Grid:
    """Move the object towards the target until they touch (straight, or diagonally when offset)."""
    return freeze(paint_into(_covered(grid, (obj,)), _approached(obj, target, grid.shape)))


def move_all_to_touch(grid: Grid, objs: Objects, target: Object) -> Grid:
    """Move each of the objects towards the target until it touches the target."""
    canvas = _covered(grid, tuple(o for o in objs if o != target))
    for o in objs:
        if o != target:
            paint_into(canvas, _approached(o, target, grid.shape))
    return freeze(canvas)


def crop_to_object(grid: Grid, obj: Object) -> Grid:
    """The part of the grid under the object's bounding box (clipped to the grid)."""
    top, left = max(obj.top, 0), max(obj.left, 0)
    bottom = min(obj.top + obj.height, grid.shape[0])
    right = min(obj.left + obj.width, grid.shape[1])
    if top >= bottom or left >= right:
        raise ValueError("object lies outside the grid")
    return freeze(grid[top:bottom, left:right])


def crop_inside_object(grid: Grid, obj: Object) -> Grid:
    """The part of the grid inside the object's bounding box, its outermost ring left out."""
    if obj.height < 3 or obj.width < 3:
        raise ValueError("bounding box too small to have an inside")
    inner = Obj(obj.top + 1, obj.left + 1, obj.colors[1:-1, 1:-1], obj.mask[1:-1, 1:-1])
    return crop_to_object(grid, inner)


def stamp_centered(grid: Grid, obj: Object, markers: Objects) -> Grid:
    """Paint a copy of the object with its center cell on each marker's center cell (as mark_centers)."""
    canvas = np.array(grid)
    for m in markers:
        drow = m.top + (m.height - 1) // 2 - obj.top - (obj.height - 1) // 2
        dcol = m.left + (m.width - 1) // 2 - obj.left - (obj.width - 1) // 2
        paint_into(canvas, shifted_obj(obj, drow, dcol))
    return freeze(canvas)


def repeat_object(grid: Grid, obj: Object, direction: Direction) -> Grid:
    """Paint copies of the object end to end in a direction (steps of its height / width) to the edge."""
    drow, dcol = _step(direction)
    drow, dcol = int(np.sign(drow)) * obj.height, int(np.sign(dcol)) * obj.width
    canvas = np.array(grid)
    copy = shifted_obj(obj, drow, dcol)
    for _ in range(_MAX_SLIDE):
        if not obj_full_mask(copy, grid.shape).any():
            break
        paint_into(canvas, copy)
        copy = shifted_obj(copy, drow, dcol)
    return freeze(canvas)


def frame_object(grid: Grid, obj: Object, color: Color) -> Grid:
    """Draw a rectangle in `color` one cell outside the object's bounding box."""
    canvas = np.array(grid)
    canvas[_ring(obj, grid.shape, 1)] = require_color(color)
    return freeze(canvas)


def fill_bbox(grid: Grid, obj: Object, color: Color) -> Grid:
    """Color the cells of the object's bounding box that are not the object's."""
    box = np.zeros(grid.shape, dtype=bool)
    box[max(obj.top, 0):max(obj.top + obj.height, 0), max(obj.left, 0):max(obj.left + obj.width, 0)] = True
    canvas = np.array(grid)
    canvas[box & ~obj_full_mask(obj, grid.shape)] = require_color(color)
    return freeze(canvas)


def fill_holes(grid: Grid, obj: Object, color: Color) -> Grid:
    """Color the cells enclosed by the object."""
    holes = Obj(obj.top, obj.left, obj.colors, holes_mask(obj))
    canvas = np.array(grid)
    fill_cells(canvas, holes, require_color(color))
    return freeze(canvas)


def fill_holes_all(grid: Grid, objs: Objects, color: Color) -> Grid:
    """Color the cells enclosed by each of the objects."""
    canvas = np.array(grid)
    color = require_color(color)
    for o in objs:
        holes = holes_mask(o)
        if holes.any():
            fill_cells(canvas, Obj(o.top, o.left, o.colors, holes), color)
    return freeze(canvas)


def flip_object_h(obj: Object) -> Object:
    """The object mirrored left to right within its bounding box."""
    return Obj(obj.top, obj.left, freeze(obj.colors[:, ::-1]), freeze(obj.mask[:, ::-1]))


def flip_object_v(obj: Object) -> Object:
    """The object mirrored top to bottom within its bounding box."""
    return Obj(obj.top, obj.left, freeze(obj.colors[::-1]), freeze(obj.mask[::-1]))


def bbox_object(obj: Object) -> Object:
    """The object's whole bounding box, filled with the object's color."""
    check_side(obj.height, obj.width)
    colors = np.full(obj.mask.shape, object_color(obj), dtype=np.uint8)
    return Obj(obj.top, obj.left, freeze(colors), freeze(np.ones(obj.mask.shape, dtype=bool)))


def hollow_object(obj: Object) -> Object:
    """The object's outline: its cells with a 4-neighbour outside the object."""
    padded = np.pad(obj.mask, 1)
    inner = padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
    edge = obj.mask & ~inner
    return Obj(obj.top, obj.left, freeze(np.where(edge, obj.colors, 0).astype(np.uint8)), freeze(edge))


def frame_all(grid: Grid, objs: Objects, color: Color) -> Grid:
    """Draw a rectangle in `color` one cell outside each object's bounding box."""
    canvas = np.array(grid)
    color = require_color(color)
    for o in objs:
        canvas[_ring(o, grid.shape, 1)] = color
    return freeze(canvas)


def fill_bbox_all(grid: Grid, objs: Objects, color: Color) -> Grid:
    """Color the cells of each object's bounding box that are not that object's."""
    canvas = np.array(grid)
    color = require_color(color)
    for o in objs:
        box = np.zeros(grid.shape, dtype=bool)
        box[max(o.top, 0):max(o.top + o.height, 0), max(o.left, 0):max(o.left + o.width, 0)] = True
        canvas[box & ~obj_full_mask(o, grid.shape)] = color
    return freeze(canvas)


def fill_inner_all(grid: Grid, objs: Objects, color: Color) -> Grid:
    """Color the inside of each object's bounding box, all but its outermost ring of cells."""
    canvas = np.array(grid)
    color = require_color(color)
    for o in objs:
        top, left = max(o.top + 1, 0), max(o.left + 1, 0)
        bottom, right = max(o.top + o.height - 1, 0), max(o.left + o.width - 1, 0)
        canvas[top:bottom, left:right] = color
    return freeze(canvas)


def fill_object(grid: Grid, obj: Object, color: Color) -> Grid:
    """Paint every cell of one object in one color."""
    canvas = np.array(grid)
    fill_cells(canvas, obj, require_color(color))
    return freeze(canvas)


def recolor_objects(grid: Grid, objs: Objects, color: Color) -> Grid:
    """Paint every cell of the objects in one color."""
    canvas = np.array(grid)
    color = require_color(color)
    for o in objs:
        fill_cells(canvas, o, color)
    return freeze(canvas)


def paint_bboxes(grid: Grid, objs: Objects) -> Grid:
    """Fill each object's bounding box with the object's color."""
    canvas = np.array(grid)
    for o in objs:
        canvas[max(o.top, 0):max(o.top + o.height, 0), max(o.left, 0):max(o.left + o.width, 0)] = object_color(o)
    return freeze(canvas)


def box_all(grid: Grid, objs: Objects, color: Color) -> Grid:
    """Draw in `color` the outline of each object's bounding box (its outermost ring)."""
    canvas = np.array(grid)
    color = require_color(color)
    for o in objs:
        canvas[_ring(o, grid.shape, 0)] = color
    return freeze(canvas)


def mark_centers(grid: Grid, objs: Objects, color: Color) -> Grid:
    """Color the center cell of each object's bounding box (the upper-left one of an even side)."""
    canvas = np.array(grid)
    color = require_color(color)
    for o in objs:
        row, col = o.top + (o.height - 1) // 2, o.left + (o.width - 1) // 2
        if 0 <= row < grid.shape[0] and 0 <= col < grid.shape[1]:
            canvas[row, col] = color
    return freeze(canvas)


def fill_object_holes(obj: Object) -> Object:
    """The object with the cells it encloses added, in the object's color."""
    holes = holes_mask(obj)
    colors = np.where(holes, np.uint8(object_color(obj)), obj.colors).astype(np.uint8)
    return Obj(obj.top, obj.left, freeze(colors), freeze(obj.mask | holes))


def _by_group(grid: np.ndarray, objs: tuple, codes: list) -> np.ndarray:
    canvas = np.array(grid)
    for o, code in zip(objs, codes):
        fill_cells(canvas, o, min(int(code), 9))
    return freeze(canvas)


def color_by_size(grid: Grid, objs: Objects) -> Grid:
    """Paint each object in the color numbered by its size (9 for 9 cells or more)."""
    return _by_group(grid, objs, [o.size for o in objs])


def color_by_size_rank(grid: Grid, objs: Objects) -> Grid:
    """Paint the largest objects 1, the next size 2, ... (the 9th size and smaller 9)."""
    sizes = sorted({o.size for o in objs}, reverse=True)
    return _by_group(grid, objs, [sizes.index(o.size) + 1 for o in objs])


PRIMITIVES = (
    primitive(paint),
    primitive(paint_all),
    primitive(cover),
    primitive(cover_all),
    primitive(underpaint, cost=1.5),
    primitive(keep_only),
    primitive(recolor),
    primitive(shift_object),
    primitive(shift_object_n, cost=1.5),
    primitive(reflect_object, cost=1.5),
    primitive(offset_between, cost=2.0),
    primitive(direction_to, cost=2.0),
    primitive(move_object),
    primitive(slide_object),
    primitive(slide_all),
    primitive(move_to_touch, cost=2.0),
    primitive(move_all_to_touch, cost=2.0),
    primitive(crop_to_object),
    primitive(crop_inside_object, cost=1.5),
    primitive(stamp_centered, cost=1.5),
    primitive(repeat_object, cost=1.5),
    primitive(frame_object, cost=1.5),
    primitive(fill_bbox),
    primitive(fill_holes),
    primitive(fill_holes_all),
    primitive(frame_all, cost=1.5),
    primitive(fill_bbox_all),
    primitive(fill_inner_all),
    primitive(box_all, cost=1.5),
    primitive(fill_object),
    primitive(recolor_objects),
    primitive(paint_bboxes),
    primitive(mark_centers, cost=2.0),
    primitive(fill_object_holes, cost=1.5),
    primitive(color_by_size, cost=1.5),
    primitive(color_by_size_rank, cost=1.5),
    primitive(flip_object_h, cost=1.5),
    primitive(flip_object_v, cost=1.5),
    primitive(bbox_object, cost=1.5),
    primitive(hollow_object, cost=1.5),
)
