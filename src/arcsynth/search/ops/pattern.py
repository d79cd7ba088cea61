"""Compiled twins of the pattern and symmetry completions: periods, tiles, mirror axes.

Signature and conventions as in `geometry`; params = (mode, a, b), the mode indexing PATTERN;
a is the color (or the height of extend_pattern), b the width of extend_pattern.
"""

from __future__ import annotations

import numba
import numpy as np

from arcsynth.grid import MAX_SIDE

__all__ = ["pattern", "PATTERN"]

PATTERN = ("complete_pattern", "masked_patch_by_pattern", "period_tile", "extend_pattern", "complete_symmetry_h",
           "complete_symmetry_v", "complete_symmetry", "masked_patch_by_symmetry")


@numba.njit(cache=True, nogil=True)
def _row_period(a, color, use_known):
    """The smallest d >= 1 such that no two rows d apart differ where both are known (cells not
    `color`, or every cell when not `use_known`); the height when there is none."""
    height, width = a.shape
    for d in range(1, height):
        clash = False
        for i in range(height - d):
            for j in range(width):
                x, y = a[i, j], a[i + d, j]
                if x != y and (not use_known or (x != color and y != color)):
                    clash = True
                    break
            if clash:
                break
        if not clash:
            return d
    return height


@numba.njit(cache=True, nogil=True)
def _restored(a, color):
    """Cells of `color` restored from the smallest row and column periods of the other cells."""
    height, width = a.shape
    unknown = False
    for i in range(height):
        for j in range(width):
            unknown = unknown or a[i, j] == color
    if not unknown:
        return a.copy()
    rows = _row_period(a, color, True)
    cols = _row_period(np.ascontiguousarray(a.T), color, True)
    tile = np.full((rows, cols), -1, dtype=np.int64)
    for i in range(height):
        for j in range(width):
            if a[i, j] != color:
                tile[i % rows, j % cols] = max(tile[i % rows, j % cols], a[i, j])
    out = a.copy()
    for i in range(height):
        for j in range(width):
            if a[i, j] == color and tile[i % rows, j % cols] >= 0:
                out[i, j] = tile[i % rows, j % cols]
    return out


@numba.njit(cache=True, nogil=True)
def _best_axis(a, color):
    """The doubled column index s (column j mirrors to s - j) the known cells support best with no
    contradiction (ties: nearest the centre, then the lower), or -1."""
    height, width = a.shape
    best, best_score = 0, -np.inf
    best_support, best_conflicts = 0, 0
    for s in range(2 * width - 1):
        support, conflicts = 0, 0
        for j in range(max(0, s - width + 1), min(width - 1, s) + 1):
            k = s - j
            for i in range(height):
                x, y = a[i, j], a[i, k]
                if x == color or y == color:
                    continue
                if x != y:
                    conflicts += 1
                elif j != k:
                    support += 1
        score = float(support) if conflicts == 0 else -1.0
        score = score - abs(s - (width - 1)) * 1e-3
        if score > best_score:
            best, best_score, best_support, best_conflicts = s, score, support, conflicts
    return best if best_support > 0 and best_conflicts == 0 else -1


@numba.njit(cache=True, nogil=True)
def _mirror_cols(a, color):
    """Cells of `color` take the color of their left-right mirror image about the best axis."""
    out = a.copy()
    height, width = a.shape
    present = False
    for i in range(height):
        for j in range(width):
            present = present or a[i, j] == color
    if not present:
        return out
    axis = _best_axis(a, color)
    if axis < 0:
        return out
    for i in range(height):
        for j in range(max(0, axis - width + 1), min(width - 1, axis) + 1):
            image = a[i, axis - j]
            if a[i, j] == color and image != color:
                out[i, j] = image
    return out


@numba.njit(cache=True, nogil=True)
def _mirror_rows(a, color):
    return np.ascontiguousarray(_mirror_cols(np.ascontiguousarray(a.T), color).T)


@numba.njit(cache=True, nogil=True)
def _filled_from(a, image, color):
    """`a` with its `color` cells taken from `image` where that never contradicts a known cell."""
    height, width = a.shape
    for i in range(height):
        for j in range(width):
            if a[i, j] != color and image[i, j] != color and a[i, j] != image[i, j]:
                return a
    out = a.copy()
    for i in range(height):
        for j in range(width):
            if a[i, j] == color and image[i, j] != color:
                out[i, j] = image[i, j]
    return out


@numba.njit(cache=True, nogil=True)
def _completed(a, color):
    """Cells of `color` restored from every mirror symmetry the other cells agree with."""
    height, width = a.shape
    out = a
    rounds = 0
    for i in range(height):
        for j in range(width):
            if a[i, j] == color:
                rounds = 3
    for _ in range(rounds):
        before = out
        out = _mirror_cols(out, color)
        out = _mirror_rows(out, color)
        if height == width:
            out = _filled_from(out, np.ascontiguousarray(out.T), color)
            out = _filled_from(out, np.ascontiguousarray(out[::-1, ::-1].T), color)
        left = False
        for i in range(height):
            for j in range(width):
                left = left or out[i, j] == color
        if np.array_equal(before, out) or not left:
            break
    return out


@numba.njit(cache=True, nogil=True)
def _patch(done, a, color, out, b, oshapes):
    """The box of `color` cells of `a`, read from `done`; False when none, or when it still holds `color`."""
    height, width = a.shape
    top, bottom, left, right = height, -1, width, -1
    for i in range(height):
        for j in range(width):
            if a[i, j] == color:
                top, bottom = min(top, i), max(bottom, i)
                left, right = min(left, j), max(right, j)
    if bottom < 0:
        return False
    for i in range(top, bottom + 1):
        for j in range(left, right + 1):
            if done[i, j] == color:
                return False
            out[b, i - top, j - left] = done[i, j]
    oshapes[b, 0], oshapes[b, 1] = bottom - top + 1, right - left + 1
    return True


@numba.njit(cache=True, nogil=True)
def _has(a, color):
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            if a[i, j] == color:
                return True
    return False


@numba.njit(cache=True, nogil=True)
def pattern(grids, shapes, idx, params, out, oshapes, ok):
    """mode (params[0]) indexes PATTERN; params[1] a color (extend_pattern: the height), params[2]
    extend_pattern's width."""
    mode, p, q = params[0], params[1], params[2]
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        a = grids[v, :h, :w].copy()
        ok[b] = True
        if mode == 1 or mode == 7:
            if not _has(a, p):
                ok[b] = False
                continue
            done = _restored(a, p) if mode == 1 else _completed(a, p)
            ok[b] = _patch(done, a, p, out, b, oshapes)
            continue
        if mode == 2 or mode == 3:
            rows = _row_period(a, 0, False)
            cols = _row_period(np.ascontiguousarray(a.T), 0, False)
            oh, ow = (rows, cols) if mode == 2 else (p, q)
            if (mode == 2 and rows == h and cols == w) or (mode == 3 and not (0 < p <= MAX_SIDE and 0 < q <= MAX_SIDE)):
                ok[b] = False
                continue
            for i in range(oh):
                for j in range(ow):
                    out[b, i, j] = a[i % rows, j % cols]
            oshapes[b, 0], oshapes[b, 1] = oh, ow
            continue
        if mode == 0:
            done = _restored(a, p)
        elif mode == 4:
            done = _mirror_cols(a, p)
        elif mode == 5:
            done = _mirror_rows(a, p)
        else:
            done = _completed(a, p)
        for i in range(h):
            for j in range(w):
                out[b, i, j] = done[i, j]
        oshapes[b, 0], oshapes[b, 1] = h, w
