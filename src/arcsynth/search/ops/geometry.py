"""Compiled twins of the geometry primitives: the eight symmetries, shifts, crops, cuts and pads.

Every kernel has one signature: (grids, shapes, idx, params, out, oshapes, ok), where the
inputs are the store's packed grids `grids[idx[b]]` of shape `shapes[idx[b]]`, `params` the
operation's constants as integers (a mode first where one kernel serves several primitives),
and the kernel writes grid b into `out[b]`, its shape into `oshapes[b]` and whether the
primitive would have returned it (not refused) into `ok[b]`.
"""

from __future__ import annotations

import numba
import numpy as np

from arcsynth.grid import MAX_SIDE

__all__ = ["dihedral", "shift", "crop_box", "cut", "pad", "DIHEDRAL", "CROP_BOX", "CUT"]

DIHEDRAL = ("rot90", "rot180", "rot270", "flip_h", "flip_v", "transpose", "anti_transpose")
CROP_BOX = ("crop_to_content", "crop_to_color", "crop_to_foreground", "trim_border")
CUT = ("strip_edge", "top_half", "bottom_half", "left_half", "right_half", "crop")


@numba.njit(cache=True, nogil=True)
def dihedral(grids, shapes, idx, params, out, oshapes, ok):
    """mode 0-6: rot90 (clockwise), rot180, rot270, flip_h, flip_v, transpose, anti_transpose."""
    mode = params[0]
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        swap = mode == 0 or mode == 2 or mode == 5 or mode == 6
        oh, ow = (w, h) if swap else (h, w)
        for i in range(oh):
            for j in range(ow):
                if mode == 0:
                    r, c = h - 1 - j, i
                elif mode == 1:
                    r, c = h - 1 - i, w - 1 - j
                elif mode == 2:
                    r, c = j, w - 1 - i
                elif mode == 3:
                    r, c = i, w - 1 - j
                elif mode == 4:
                    r, c = h - 1 - i, j
                elif mode == 5:
                    r, c = j, i
                else:
                    r, c = h - 1 - j, w - 1 - i
                out[b, i, j] = grids[v, r, c]
        oshapes[b, 0], oshapes[b, 1] = oh, ow
        ok[b] = True


@numba.njit(cache=True, nogil=True)
def shift(grids, shapes, idx, params, out, oshapes, ok):
    """mode 0: shift_grid (vacated cells 0), mode 1: roll_grid (wrapping), by (params[1], params[2])."""
    mode, dr, dc = params[0], params[1], params[2]
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        for i in range(h):
            for j in range(w):
                r, c = i - dr, j - dc
                if mode == 1:
                    r, c = ((r % h) + h) % h, ((c % w) + w) % w
                if 0 <= r < h and 0 <= c < w:
                    out[b, i, j] = grids[v, r, c]
                else:
                    out[b, i, j] = 0
        oshapes[b, 0], oshapes[b, 1] = h, w
        ok[b] = True


@numba.njit(cache=True, nogil=True)
def _background(grids, v, h, w):
    counts = np.zeros(10, dtype=np.int64)
    for i in range(h):
        for j in range(w):
            counts[grids[v, i, j]] += 1
    best = 0
    for k in range(1, 10):
        if counts[k] > counts[best]:
            best = k
    return best


@numba.njit(cache=True, nogil=True)
def crop_box(grids, shapes, idx, params, out, oshapes, ok):
    """Crop to the bounding box of the cells that are: mode 0 non-zero (crop_to_content), 1 of
    color params[1] (crop_to_color), 2 not the background (crop_to_foreground), 3 not the
    top-left corner's color (trim_border); refused when there are none."""
    mode = params[0]
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        key = 0
        if mode == 1:
            key = params[1]
        elif mode == 2:
            key = _background(grids, v, h, w)
        elif mode == 3:
            key = grids[v, 0, 0]
        top, bottom, left, right = h, -1, w, -1
        for i in range(h):
            for j in range(w):
                cell = grids[v, i, j]
                hit = cell == key if mode == 1 else cell != key
                if hit:
                    top = min(top, i)
                    bottom = max(bottom, i)
                    left = min(left, j)
                    right = max(right, j)
        if bottom < 0:
            ok[b] = False
            continue
        for i in range(top, bottom + 1):
            for j in range(left, right + 1):
                out[b, i - top, j - left] = grids[v, i, j]
        oshapes[b, 0], oshapes[b, 1] = bottom - top + 1, right - left + 1
        ok[b] = True


@numba.njit(cache=True, nogil=True)
def cut(grids, shapes, idx, params, out, oshapes, ok):
    """mode 0 strip_edge, 1 top_half, 2 bottom_half, 3 left_half, 4 right_half,
    5 crop(top=params[1], left=params[2], height=params[3], width=params[4])."""
    mode = params[0]
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        top, left, oh, ow = 0, 0, h, w
        refused = False
        if mode == 0:
            refused = h < 3 or w < 3
            top, left, oh, ow = 1, 1, h - 2, w - 2
        elif mode == 1:
            refused = h < 2
            oh = h // 2
        elif mode == 2:
            refused = h < 2
            top = (h + 1) // 2
            oh = h - top
        elif mode == 3:
            refused = w < 2
            ow = w // 2
        elif mode == 4:
            refused = w < 2
            left = (w + 1) // 2
            ow = w - left
        else:
            top, left, oh, ow = params[1], params[2], params[3], params[4]
            refused = oh < 1 or ow < 1 or top < 0 or left < 0 or top + oh > h or left + ow > w
        if refused:
            ok[b] = False
            continue
        for i in range(oh):
            for j in range(ow):
                out[b, i, j] = grids[v, top + i, left + j]
        oshapes[b, 0], oshapes[b, 1] = oh, ow
        ok[b] = True


@numba.njit(cache=True, nogil=True)
def pad(grids, shapes, idx, params, out, oshapes, ok):
    """A one-cell ring of color params[0] around the grid (refused past 30 per side)."""
    color = params[0]
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        if h + 2 > MAX_SIDE or w + 2 > MAX_SIDE:
            ok[b] = False
            continue
        for i in range(h + 2):
            for j in range(w + 2):
                if 0 < i <= h and 0 < j <= w:
                    out[b, i, j] = grids[v, i - 1, j - 1]
                else:
                    out[b, i, j] = color
        oshapes[b, 0], oshapes[b, 1] = h + 2, w + 2
        ok[b] = True
