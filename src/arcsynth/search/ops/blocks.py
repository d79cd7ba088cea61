"""Compiled twins of whole-grid summaries: blocks between separator lines, the color histogram,
and the renaming of colors by frequency.

Signature and conventions as in `geometry`; params = (mode, keep), the mode indexing SUMMARY.
"""

from __future__ import annotations

import numba
import numpy as np

from arcsynth.grid import MAX_SIDE

__all__ = ["summary", "SUMMARY"]

SUMMARY = ("blocks_to_cells", "color_histogram", "normalize_colors")


@numba.njit(cache=True, nogil=True)
def _counts(grids, v, h, w):
    counts = np.zeros(10, dtype=np.int64)
    for i in range(h):
        for j in range(w):
            counts[grids[v, i, j]] += 1
    return counts


@numba.njit(cache=True, nogil=True)
def _runs(is_line, length, starts, stops):
    """The maximal runs of non-line positions into starts/stops; their number."""
    count = 0
    inside = False
    for t in range(length + 1):
        line = t == length or is_line[t]
        if not line and not inside:
            starts[count] = t
            inside = True
        elif line and inside:
            stops[count] = t
            count += 1
            inside = False
    return count


@numba.njit(cache=True, nogil=True)
def _blocks(grids, v, h, w, out, b, oshapes):
    line_r = np.zeros(30, dtype=np.bool_)
    line_c = np.zeros(30, dtype=np.bool_)
    row_counts = np.zeros(10, dtype=np.int64)
    col_counts = np.zeros(10, dtype=np.int64)
    for i in range(h):
        uniform = True
        for j in range(w):
            uniform = uniform and grids[v, i, j] == grids[v, i, 0]
        line_r[i] = uniform
        if uniform:
            row_counts[grids[v, i, 0]] += 1
    for j in range(w):
        uniform = True
        for i in range(h):
            uniform = uniform and grids[v, i, j] == grids[v, 0, j]
        line_c[j] = uniform
        if uniform:
            col_counts[grids[v, 0, j]] += 1
    color, best = -1, 0
    for c in range(10):
        total = 0 if (row_counts[c] == h or col_counts[c] == w) else row_counts[c] + col_counts[c]
        if total > best:
            color, best = c, total
    if color < 0:
        return False
    for i in range(h):
        line_r[i] = line_r[i] and grids[v, i, 0] == color
    for j in range(w):
        line_c[j] = line_c[j] and grids[v, 0, j] == color
    r_starts, r_stops = np.zeros(30, dtype=np.int64), np.zeros(30, dtype=np.int64)
    c_starts, c_stops = np.zeros(30, dtype=np.int64), np.zeros(30, dtype=np.int64)
    rows = _runs(line_r, h, r_starts, r_stops)
    cols = _runs(line_c, w, c_starts, c_stops)
    if not (1 <= rows <= MAX_SIDE and 1 <= cols <= MAX_SIDE):
        return False
    votes = np.zeros(10, dtype=np.int64)
    for r in range(rows):
        for c in range(cols):
            votes[:] = 0
            for i in range(r_starts[r], r_stops[r]):
                for j in range(c_starts[c], c_stops[c]):
                    votes[grids[v, i, j]] += 1
            top = 0
            for k in range(1, 10):
                if votes[k] > votes[top]:
                    top = k
            out[b, r, c] = top
    oshapes[b, 0], oshapes[b, 1] = rows, cols
    return True


@numba.njit(cache=True, nogil=True)
def summary(grids, shapes, idx, params, out, oshapes, ok):
    """mode 0 blocks_to_cells, 1 color_histogram, 2 normalize_colors(keep=params[1], 0..1023)."""
    mode, keep = params[0], params[1]
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        if mode == 0:
            ok[b] = _blocks(grids, v, h, w, out, b, oshapes)
            continue
        counts = _counts(grids, v, h, w)
        if mode == 1:
            top = 0
            for k in range(1, 10):
                if counts[k] > counts[top]:
                    top = k
            counts[top] = 0
            order = np.argsort(-counts, kind="mergesort")
            colors = 0
            for k in range(10):
                if counts[k] > 0:
                    colors += 1
            width = counts[order[0]]
            if colors == 0 or width > MAX_SIDE:
                ok[b] = False
                continue
            for r in range(colors):
                c = order[r]
                for j in range(width):
                    out[b, r, j] = c if j < counts[c] else 0
            oshapes[b, 0], oshapes[b, 1] = colors, width
            ok[b] = True
            continue
        # The renaming: kept colors stay; the others present, by decreasing count (ties: lower),
        # then the absent ones, take the free colors in increasing order.
        perm = np.arange(10)
        free = np.zeros(10, dtype=np.int64)
        nfree = 0
        for c in range(10):
            if not (keep >> c) & 1:
                free[nfree] = c
                nfree += 1
        order = np.argsort(-counts, kind="mergesort")
        slot = 0
        for k in range(10):
            c = order[k]
            if counts[c] > 0 and not (keep >> c) & 1:
                perm[c] = free[slot]
                slot += 1
        for c in range(10):
            if counts[c] == 0 and not (keep >> c) & 1:
                perm[c] = free[slot]
                slot += 1
        for i in range(h):
            for j in range(w):
                out[b, i, j] = perm[grids[v, i, j]]
        oshapes[b, 0], oshapes[b, 1] = h, w
        ok[b] = True
