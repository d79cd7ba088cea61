"""Compiled twins of the line primitives: rays, smears, full lines, connections and frames.

Signature and conventions as in `geometry`; params = (mode, color, line color, drow, dcol),
the mode indexing LINES.
"""

from __future__ import annotations

import numba
import numpy as np

from arcsynth.search.ops.cells import _line_cell

__all__ = ["lines", "LINES"]

LINES = ("shoot", "shoot_to_edge", "smear", "hlines", "vlines", "cross_lines", "diagonal_lines", "connect_h",
         "connect_v", "connect_hv", "link_h", "link_v", "link_hv", "connect_pairs_h", "connect_pairs_v",
         "draw_frame", "connect_diagonal")


@numba.njit(cache=True, nogil=True)
def _smear(grids, v, h, w, dr, dc, result):
    """result: each 0 cell takes the nearest non-zero color behind it along (dr, dc), else 0."""
    lines, length = (w, h) if dr != 0 else (h, w)
    for line in range(lines):
        last = 0
        for t in range(length):
            r, c = _line_cell(dr, dc, h, w, line, t)
            if grids[v, r, c] != 0:
                last = grids[v, r, c]
            result[r, c] = last


@numba.njit(cache=True, nogil=True)
def _mark_rays(grids, v, h, w, color, dr, dc, to_edge, mark):
    """mark: cells on rays from the cells of `color` in direction (dr, dc)."""
    if dr != 0 and dc != 0:
        for i in range(h):
            for j in range(w):
                if grids[v, i, j] != color:
                    continue
                r, c = i + dr, j + dc
                while 0 <= r < h and 0 <= c < w and (to_edge or grids[v, r, c] == 0):
                    mark[r, c] = True
                    r, c = r + dr, c + dc
        return
    lines, length = (w, h) if dr != 0 else (h, w)
    for line in range(lines):
        last_source, last_colored = -1, -1
        for t in range(length):
            r, c = _line_cell(dr, dc, h, w, line, t)
            cell = grids[v, r, c]
            if cell == color:
                last_source = t
            if cell != 0:
                last_colored = t
            if to_edge:
                mark[r, c] = last_source >= 0
            else:
                mark[r, c] = cell == 0 and last_source >= 0 and last_source == last_colored


@numba.njit(cache=True, nogil=True)
def _mark_between(grids, v, h, w, color, rows, mark):
    """mark |= cells with a cell of `color` at or before and at or after them in their row (rows)
    or their column (not rows)."""
    lines, length = (h, w) if rows else (w, h)
    for line in range(lines):
        first, last = length, -1
        for t in range(length):
            cell = grids[v, line, t] if rows else grids[v, t, line]
            if cell == color:
                first = min(first, t)
                last = t
        for t in range(first, last + 1):
            if rows:
                mark[line, t] = True
            else:
                mark[t, line] = True


@numba.njit(cache=True, nogil=True)
def _mark_diagonal_spans(grids, v, h, w, color, mark):
    """mark: cells on a diagonal (either way) between its first and last cell of `color`, when it has two."""
    for anti in range(2):
        for offset in range(-(h - 1), w + h):
            first, last, hits = -1, -1, 0
            for r in range(h):
                c = r + offset if anti == 0 else offset - r
                if 0 <= c < w and grids[v, r, c] == color:
                    if first < 0:
                        first = r
                    last = r
                    hits += 1
            if hits >= 2:
                for r in range(first, last + 1):
                    mark[r, r + offset if anti == 0 else offset - r] = True


@numba.njit(cache=True, nogil=True)
def lines(grids, shapes, idx, params, out, oshapes, ok):
    """mode (params[0]) indexes LINES; params[1] is the color, params[2] the line color,
    (params[3], params[4]) the direction."""
    mode, color, line_color, dr, dc = params[0], params[1], params[2], params[3], params[4]
    mark = np.zeros((30, 30), dtype=np.bool_)
    before = np.zeros((30, 30), dtype=np.uint8)
    after = np.zeros((30, 30), dtype=np.uint8)
    anti = np.zeros(64, dtype=np.bool_)
    diag = np.zeros(64, dtype=np.bool_)
    straight = abs(dr) + abs(dc) == 1
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        oshapes[b, 0], oshapes[b, 1] = h, w
        ok[b] = True
        if mode == 2 or mode == 13 or mode == 14:
            if mode == 2:
                if not straight:
                    ok[b] = False
                    continue
                _smear(grids, v, h, w, dr, dc, before)
                for i in range(h):
                    for j in range(w):
                        out[b, i, j] = before[i, j]
                continue
            if mode == 13:
                _smear(grids, v, h, w, 0, 1, before)
                _smear(grids, v, h, w, 0, -1, after)
            else:
                _smear(grids, v, h, w, 1, 0, before)
                _smear(grids, v, h, w, -1, 0, after)
            for i in range(h):
                for j in range(w):
                    cell = grids[v, i, j]
                    out[b, i, j] = before[i, j] if (cell == 0 and before[i, j] == after[i, j]) else cell
            continue
        for i in range(h):
            for j in range(w):
                mark[i, j] = False
        paint = color
        if mode == 0 or mode == 1:
            _mark_rays(grids, v, h, w, color, dr, dc, mode == 1, mark)
        elif mode == 3 or mode == 4 or mode == 5:
            for i in range(h):
                for j in range(w):
                    if grids[v, i, j] == color:
                        for k in range(w if mode != 4 else 0):
                            mark[i, k] = True
                        for k in range(h if mode != 3 else 0):
                            mark[k, j] = True
        elif mode == 6:
            anti[:] = False
            diag[:] = False
            for i in range(h):
                for j in range(w):
                    if grids[v, i, j] == color:
                        diag[i - j + w] = True
                        anti[i + j] = True
            for i in range(h):
                for j in range(w):
                    mark[i, j] = diag[i - j + w] or anti[i + j]
        elif mode == 16:
            _mark_diagonal_spans(grids, v, h, w, color, mark)
        elif mode <= 12:
            if mode >= 10:
                paint = line_color
            kind = (mode - 7) % 3       # 0 rows, 1 columns, 2 both
            if kind != 1:
                _mark_between(grids, v, h, w, color, True, mark)
            if kind != 0:
                _mark_between(grids, v, h, w, color, False, mark)
        else:
            for i in range(h):
                for j in range(w):
                    edge = i == 0 or j == 0 or i == h - 1 or j == w - 1
                    out[b, i, j] = color if edge else grids[v, i, j]
            continue
        for i in range(h):
            for j in range(w):
                cell = grids[v, i, j]
                out[b, i, j] = paint if (mark[i, j] and cell == 0) else cell
