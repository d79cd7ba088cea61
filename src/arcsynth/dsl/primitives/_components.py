"""Connected-component labelling and object helpers shared by the object families (not a family).

Background. The background of a grid is its most common color, ties going to the smallest
color (so 0 wins a tie). Object extraction leaves background cells out, except for the
`regions_*` primitives, which label every cell.

Labelling is pure numpy: the edges between equal (or, for multi-color objects, any two
foreground) neighbours are listed once, then roots are hooked to the smaller root with
`np.minimum.at` and paths compressed by pointer jumping until every edge joins one root. The
root of a component is its smallest flat index, i.e. its first cell in reading order.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np

from arcsynth.dsl.primitives._arrays import background, most_common_color_of
from arcsynth.dsl.values import Obj, freeze

__all__ = ["background", "label", "components", "obj_from_mask", "sorted_objects", "paint_into",
           "object_color", "shape_key", "holes_mask", "obj_cells", "normalized", "shifted_obj",
           "obj_full_mask", "fill_cells", "union_obj", "enclosed", "by_color"]

def _padded(grid: np.ndarray, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Flat colors and keep flags with one extra never-kept column, so that a flat index offset
    (+1 right, +w down, +w+1 / +w-1 diagonals, w the padded width) never wraps a row."""
    height, width = grid.shape
    colors = np.zeros((height, width + 1), dtype=np.uint8)
    colors[:, :width] = grid
    kept = np.zeros((height, width + 1), dtype=bool)
    kept[:, :width] = keep
    return colors.ravel(), kept.ravel()


def _label_flat(colors: np.ndarray, kept: np.ndarray, width: int, diagonal: bool,
                multicolor: bool) -> np.ndarray:
    offsets = (1, width, width + 1, width - 1) if diagonal else (1, width)
    sources, targets = [], []
    for offset in offsets:
        joined = kept[:-offset] & kept[offset:]
        if not multicolor:
            joined &= colors[:-offset] == colors[offset:]
        found = np.flatnonzero(joined)
        sources.append(found)
        targets.append(found + offset)
    sources, targets = np.concatenate(sources), np.concatenate(targets)
    parent = np.arange(colors.size)
    # First round without the roots check: every source index is below its target's.
    np.minimum.at(parent, targets, sources)
    jumped = parent[parent]
    while not np.array_equal(jumped, parent):
        parent, jumped = jumped, jumped[jumped]
    while sources.size:
        root_s, root_t = parent[sources], parent[targets]
        differ = root_s != root_t
        if not differ.any():
            break
        sources, targets, root_s, root_t = sources[differ], targets[differ], root_s[differ], root_t[differ]
        np.minimum.at(parent, np.maximum(root_s, root_t), np.minimum(root_s, root_t))
        jumped = parent[parent]
        while not np.array_equal(jumped, parent):
            parent, jumped = jumped, jumped[jumped]
    return parent


def label(grid: np.ndarray, keep: np.ndarray, diagonal: bool, multicolor: bool) -> np.ndarray:
    """Flat array: each kept cell's component root (its first cell in reading order), -1 elsewhere."""
    height, width = grid.shape
    colors, kept = _padded(grid, keep)
    parent = _label_flat(colors, kept, width + 1, diagonal, multicolor)
    roots = np.where(kept, parent, -1).reshape(height, width + 1)[:, :width]
    # Padded index r * (width + 1) + c of the root back to the unpadded r * width + c.
    return np.where(roots >= 0, roots - roots // (width + 1), -1).ravel()


def obj_from_mask(grid: np.ndarray, mask: np.ndarray) -> Obj:
    """The object made of the cells of `grid` where the full-size `mask` is True."""
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        raise ValueError("an object needs at least one cell")
    cols = np.flatnonzero(mask.any(axis=0))
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    sub_mask = mask[top:bottom, left:right]
    colors = np.where(sub_mask, grid[top:bottom, left:right], 0).astype(np.uint8)
    return Obj(int(top), int(left), freeze(colors), freeze(sub_mask.copy()))


def _sort_key(obj: Obj) -> tuple:
    first = int(np.flatnonzero(obj.mask[0])[0])
    return (obj.top, obj.left, first, obj.height, obj.width, obj.key())


def sorted_objects(objs: Iterable[Obj]) -> tuple[Obj, ...]:
    """Objects in reading order of their bounding box's top-left corner (ties broken by content)."""
    return tuple(sorted(objs, key=_sort_key))


def components(grid: np.ndarray, keep: np.ndarray, diagonal: bool, multicolor: bool) -> tuple[Obj, ...]:
    """The connected components of the kept cells, as objects in reading order."""
    width = grid.shape[1] + 1
    colors, kept = _padded(grid, keep)
    parent = _label_flat(colors, kept, width, diagonal, multicolor)
    cells = np.flatnonzero(kept)
    if cells.size == 0:
        return ()
    return _objects_from_groups(colors, width, cells, parent[cells])


def _objects_from_groups(colors: np.ndarray, width: int, cells: np.ndarray, groups: np.ndarray
                         ) -> tuple[Obj, ...]:
    """One object per distinct value of `groups` (one per cell of `cells`, flat indices into
    `colors`, a grid `width` wide, in increasing order). Built in bulk: every mask and color
    box is a view into one shared read-only buffer."""
    order = np.argsort(groups, kind="stable")
    cells, groups = cells[order], groups[order]
    change = np.flatnonzero(groups[1:] != groups[:-1]) + 1
    starts = np.concatenate(([0], change))
    ends = np.concatenate((change, [cells.size]))
    rows, cols = np.divmod(cells, width)
    # Cells of a group are in increasing flat order: the first has the top row, the last the bottom.
    tops = rows[starts]
    heights = rows[ends - 1] + 1 - tops
    lefts = np.minimum.reduceat(cols, starts)
    widths = np.maximum.reduceat(cols, starts) + 1 - lefts
    box_ends = np.cumsum(heights * widths)
    box_starts = box_ends - heights * widths
    member = np.repeat(np.arange(starts.size), ends - starts)
    # Position of cell (row, col) in its group's box: box_start + (row - top) * width + col - left.
    base = box_starts - tops * widths - lefts
    where = base[member] + rows * widths[member] + cols
    masks = np.zeros(int(box_ends[-1]), dtype=bool)
    masks[where] = True
    boxes = np.zeros(masks.size, dtype=np.uint8)
    boxes[where] = colors[cells]
    masks.setflags(write=False)
    boxes.setflags(write=False)
    objs = [(top, left, first, Obj(top, left, boxes[start:end].reshape(height, width_),
                                   masks[start:end].reshape(height, width_)))
            for top, left, first, height, width_, start, end in zip(
                tops.tolist(), lefts.tolist(), cells[starts].tolist(), heights.tolist(),
                widths.tolist(), box_starts.tolist(), box_ends.tolist())]
    objs.sort(key=lambda item: item[:3])
    return tuple(item[3] for item in objs)


def by_color(grid: np.ndarray, keep: np.ndarray) -> tuple[Obj, ...]:
    """One object per color among the kept cells, all its cells together, in reading order."""
    cells = np.flatnonzero(keep.ravel())
    if cells.size == 0:
        return ()
    colors = grid.ravel()
    return _objects_from_groups(colors, grid.shape[1], cells, colors[cells])


def obj_cells(obj: Obj) -> tuple[np.ndarray, np.ndarray]:
    """Absolute (rows, cols) of the object's cells."""
    rows, cols = np.nonzero(obj.mask)
    return rows + obj.top, cols + obj.left


def _clipped_box(obj: Obj, shape: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """The rows r0:r1 and columns c0:c1 where the object's bounding box meets a grid of `shape`,
    or None when they do not meet (plain ints: this sits in the hottest painting loops)."""
    height, width = shape
    r0, c0 = max(obj.top, 0), max(obj.left, 0)
    r1, c1 = min(obj.top + obj.height, height), min(obj.left + obj.width, width)
    return (r0, r1, c0, c1) if r0 < r1 and c0 < c1 else None


def paint_into(canvas: np.ndarray, obj: Obj) -> np.ndarray:
    """Paint `obj` onto the writable `canvas` in place, clipping cells outside it; returns it."""
    box = _clipped_box(obj, canvas.shape)
    if box is not None:
        r0, r1, c0, c1 = box
        top, left = obj.top, obj.left
        sub_mask = obj.mask[r0 - top:r1 - top, c0 - left:c1 - left]
        canvas[r0:r1, c0:c1][sub_mask] = obj.colors[r0 - top:r1 - top, c0 - left:c1 - left][sub_mask]
    return canvas


def fill_cells(canvas: np.ndarray, obj: Obj, color: int) -> np.ndarray:
    """Set the object's cells of the writable `canvas` to `color` in place (clipped); returns it."""
    box = _clipped_box(obj, canvas.shape)
    if box is not None:
        r0, r1, c0, c1 = box
        canvas[r0:r1, c0:c1][obj.mask[r0 - obj.top:r1 - obj.top, c0 - obj.left:c1 - obj.left]] = color
    return canvas


def obj_full_mask(obj: Obj, shape: tuple[int, int]) -> np.ndarray:
    """A writable bool array of `shape`, True on the object's cells that fall inside it."""
    out = np.zeros(shape, dtype=bool)
    box = _clipped_box(obj, shape)
    if box is not None:
        r0, r1, c0, c1 = box
        out[r0:r1, c0:c1] = obj.mask[r0 - obj.top:r1 - obj.top, c0 - obj.left:c1 - obj.left]
    return out


def object_color(obj: Obj) -> int:
    """The most common color of the object's cells, the smallest one on ties."""
    return most_common_color_of(obj.colors[obj.mask])


def shape_key(obj: Obj) -> tuple:
    """The object's shape (its mask) independent of position and color."""
    return (obj.mask.shape, obj.mask.tobytes())


def enclosed(free: np.ndarray) -> np.ndarray:
    """The `free` cells not 4-connected to the border of the array through free cells."""
    padded = np.pad(free, 1, constant_values=True)
    roots = label(padded.view(np.uint8), padded, diagonal=False, multicolor=True)
    outside = roots == roots[0]
    return (~outside.reshape(padded.shape) & padded)[1:-1, 1:-1]


def holes_mask(obj: Obj) -> np.ndarray:
    """Bounding-box-shaped mask of the cells enclosed by the object (not reachable from outside)."""
    if obj.mask.shape[0] < 3 or obj.mask.shape[1] < 3:
        # Nothing fits inside a box one or two cells thin; noisy grids have many such objects.
        return np.zeros(obj.mask.shape, dtype=bool)
    return enclosed(~obj.mask)


def normalized(obj: Obj) -> Obj:
    """The object moved so that its bounding box starts at (0, 0)."""
    return Obj(0, 0, obj.colors, obj.mask)


def shifted_obj(obj: Obj, drow: int, dcol: int) -> Obj:
    """The object moved by (drow, dcol)."""
    return Obj(obj.top + int(drow), obj.left + int(dcol), obj.colors, obj.mask)


def union_obj(objs: Iterable[Obj]) -> Obj:
    """One object holding every cell of `objs` (later objects win where they overlap)."""
    objs = tuple(objs)
    if not objs:
        raise ValueError("no objects to merge")
    top = min(o.top for o in objs)
    left = min(o.left for o in objs)
    bottom = max(o.top + o.height for o in objs)
    right = max(o.left + o.width for o in objs)
    colors = np.zeros((bottom - top, right - left), dtype=np.uint8)
    mask = np.zeros(colors.shape, dtype=bool)
    for o in objs:
        region = (slice(o.top - top, o.top - top + o.height), slice(o.left - left, o.left - left + o.width))
        colors[region][o.mask] = o.colors[o.mask]
        mask[region] |= o.mask
    return Obj(top, left, freeze(colors), freeze(mask))
