"""Compiled twins of primitives that move or fill cells: gravity, enclosed-area fills, flood,
symmetrizing and mirroring, and removing lines.

Signature and conventions as in `geometry`.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["settle", "fill", "symmetrize", "remove_lines", "FILL", "SYMMETRIZE", "REMOVE_LINES"]

FILL = ("fill_enclosed", "fill_enclosed_by", "flood_from_color")
SYMMETRIZE = ("symmetrize_h", "symmetrize_v", "symmetrize_diag", "symmetrize_rot90",
              "mirror_left_to_right", "mirror_top_to_bottom")
REMOVE_LINES = ("remove_duplicate_lines", "remove_empty_lines", "remove_uniform_lines")


@numba.njit(cache=True, nogil=True)
def _line_cell(dr, dc, h, w, line, t):
    """The (row, col) of step t along line `line` when moving in direction (dr, dc)."""
    if dr == 1:
        return t, line
    if dr == -1:
        return h - 1 - t, line
    if dc == 1:
        return line, t
    return line, w - 1 - t


@numba.njit(cache=True, nogil=True)
def settle(grids, shapes, idx, params, out, oshapes, ok):
    """Moving cells slide in the straight direction (params[2], params[3]) past 0 cells until
    blocked by the edge or a fixed non-zero cell: mode 0 every non-zero cell moves (gravity),
    mode 1 the cells of color params[1] (gravity_color). Refused for a diagonal direction."""
    mode, color, dr, dc = params[0], params[1], params[2], params[3]
    straight = (abs(dr) + abs(dc) == 1)
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        if not straight:
            ok[b] = False
            continue
        lines, length = (w, h) if dr != 0 else (h, w)
        for line in range(lines):
            # Segment by segment (up to each fixed cell): its zeros first, then movers in order, before each blocker.
            start = 0
            for t in range(length + 1):
                blocked = t == length
                if not blocked:
                    r, c = _line_cell(dr, dc, h, w, line, t)
                    cell = grids[v, r, c]
                    moves = cell != 0 if mode == 0 else cell == color
                    blocked = cell != 0 and not moves
                if not blocked:
                    continue
                movers = 0
                for s in range(start, t):
                    r, c = _line_cell(dr, dc, h, w, line, s)
                    cell = grids[v, r, c]
                    if (cell != 0 if mode == 0 else cell == color):
                        movers += 1
                zeros = (t - start) - movers
                placed = start + zeros
                for s in range(start, t):
                    r, c = _line_cell(dr, dc, h, w, line, s)
                    cell = grids[v, r, c]
                    if (cell != 0 if mode == 0 else cell == color):
                        rr, cc = _line_cell(dr, dc, h, w, line, placed)
                        out[b, rr, cc] = cell
                        placed += 1
                for s in range(start, start + zeros):
                    rr, cc = _line_cell(dr, dc, h, w, line, s)
                    out[b, rr, cc] = 0
                if t < length:
                    r, c = _line_cell(dr, dc, h, w, line, t)
                    out[b, r, c] = grids[v, r, c]
                start = t + 1
        oshapes[b, 0], oshapes[b, 1] = h, w
        ok[b] = True


@numba.njit(cache=True, nogil=True)
def _reach(free, seeds, h, w, reached, stack):
    """reached[i, j]: free cell 4-connected through free cells to a free seed cell."""
    top = 0
    for i in range(h):
        for j in range(w):
            reached[i, j] = False
    for i in range(h):
        for j in range(w):
            if seeds[i, j] and free[i, j] and not reached[i, j]:
                reached[i, j] = True
                stack[top] = i * 32 + j
                top += 1
    while top > 0:
        top -= 1
        i, j = stack[top] // 32, stack[top] % 32
        for k in range(4):
            r = i + (1 if k == 0 else (-1 if k == 1 else 0))
            c = j + (1 if k == 2 else (-1 if k == 3 else 0))
            if 0 <= r < h and 0 <= c < w and free[r, c] and not reached[r, c]:
                reached[r, c] = True
                stack[top] = r * 32 + c
                top += 1


@numba.njit(cache=True, nogil=True)
def fill(grids, shapes, idx, params, out, oshapes, ok):
    """Paint color params[2] on the 0 cells that are: mode 0 unable to reach the edge through 0
    cells (fill_enclosed), 1 unable to reach it without crossing color params[1]
    (fill_enclosed_by), 2 reached from the cells of color params[2] through 0 cells (flood_from_color)."""
    mode, wall, color = params[0], params[1], params[2]
    free = np.zeros((30, 30), dtype=np.bool_)
    seeds = np.zeros((30, 30), dtype=np.bool_)
    reached = np.zeros((30, 30), dtype=np.bool_)
    stack = np.zeros(900, dtype=np.int64)
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        for i in range(h):
            for j in range(w):
                cell = grids[v, i, j]
                if mode == 0:
                    free[i, j] = cell == 0
                    seeds[i, j] = i == 0 or j == 0 or i == h - 1 or j == w - 1
                elif mode == 1:
                    free[i, j] = cell != wall
                    seeds[i, j] = i == 0 or j == 0 or i == h - 1 or j == w - 1
                else:
                    free[i, j] = cell == color or cell == 0
                    seeds[i, j] = cell == color
        _reach(free, seeds, h, w, reached, stack)
        for i in range(h):
            for j in range(w):
                cell = grids[v, i, j]
                paint = reached[i, j] if mode == 2 else (free[i, j] and not reached[i, j])
                out[b, i, j] = color if (paint and cell == 0) else cell
        oshapes[b, 0], oshapes[b, 1] = h, w
        ok[b] = True


@numba.njit(cache=True, nogil=True)
def symmetrize(grids, shapes, idx, params, out, oshapes, ok):
    """mode 0-3: 0 cells take their image's color left-right, top-bottom, across the diagonal
    (square), under quarter turns (square; the first non-zero of 1, 2, 3 turns counter-clockwise);
    mode 4/5: the right (bottom) half replaced by the mirror of the left (top) half."""
    mode = params[0]
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        if (mode == 2 or mode == 3) and h != w:
            ok[b] = False
            continue
        for i in range(h):
            for j in range(w):
                cell = grids[v, i, j]
                if mode == 0:
                    cell = grids[v, i, w - 1 - j] if cell == 0 else cell
                elif mode == 1:
                    cell = grids[v, h - 1 - i, j] if cell == 0 else cell
                elif mode == 2:
                    cell = grids[v, j, i] if cell == 0 else cell
                elif mode == 3:
                    if cell == 0:
                        cell = grids[v, j, w - 1 - i]
                    if cell == 0:
                        cell = grids[v, h - 1 - i, w - 1 - j]
                    if cell == 0:
                        cell = grids[v, h - 1 - j, i]
                elif mode == 4:
                    half = (w + 1) // 2
                    if j >= half:
                        cell = grids[v, i, w // 2 - 1 - (j - half)]
                else:
                    half = (h + 1) // 2
                    if i >= half:
                        cell = grids[v, h // 2 - 1 - (i - half), j]
                out[b, i, j] = cell
        oshapes[b, 0], oshapes[b, 1] = h, w
        ok[b] = True


@numba.njit(cache=True, nogil=True)
def remove_lines(grids, shapes, idx, params, out, oshapes, ok):
    """mode 0: collapse runs of equal adjacent rows, then of columns; 1: drop all-zero rows and
    columns; 2: drop rows and columns of one color (refused when nothing is left)."""
    mode = params[0]
    keep_r = np.zeros(30, dtype=np.bool_)
    keep_c = np.zeros(30, dtype=np.bool_)
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        for i in range(h):
            keep = i == 0 if mode == 0 else False
            for j in range(w):
                cell = grids[v, i, j]
                if mode == 0:
                    keep = keep or (i > 0 and cell != grids[v, i - 1, j])
                elif mode == 1:
                    keep = keep or cell != 0
                else:
                    keep = keep or cell != grids[v, i, 0]
            keep_r[i] = keep
        for j in range(w):
            keep = j == 0 if mode == 0 else False
            for i in range(h):
                if mode == 0:
                    # Columns compare after the rows are collapsed: only kept rows count.
                    if keep_r[i]:
                        keep = keep or (j > 0 and grids[v, i, j] != grids[v, i, j - 1])
                elif mode == 1:
                    keep = keep or grids[v, i, j] != 0
                else:
                    keep = keep or grids[v, i, j] != grids[v, 0, j]
            keep_c[j] = keep
        rows, cols = 0, 0
        for i in range(h):
            rows += keep_r[i]
        for j in range(w):
            cols += keep_c[j]
        if rows == 0 or cols == 0:
            ok[b] = False
            continue
        r = 0
        for i in range(h):
            if not keep_r[i]:
                continue
            c = 0
            for j in range(w):
                if keep_c[j]:
                    out[b, r, c] = grids[v, i, j]
                    c += 1
            r += 1
        oshapes[b, 0], oshapes[b, 1] = rows, cols
        ok[b] = True


@numba.njit(cache=True, nogil=True)
def neighbours(grids, shapes, idx, params, out, oshapes, ok):
    """mode 0-2: paint color params[2] on the 0 cells touching a cell of color params[1] through
    a side or a corner (surround), a side (surround4), a corner (surround_diagonal); mode 3: non-zero
    cells with no non-zero neighbour, corners included, become 0 (erase_isolated)."""
    mode, color, ring = params[0], params[1], params[2]
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        for i in range(h):
            for j in range(w):
                cell = grids[v, i, j]
                if mode == 3 and cell == 0:
                    out[b, i, j] = 0
                    continue
                if mode != 3 and cell != 0:
                    out[b, i, j] = cell
                    continue
                near = False
                for di in range(-1, 2):
                    for dj in range(-1, 2):
                        if (di == 0 and dj == 0) or near:
                            continue
                        corner = di != 0 and dj != 0
                        if (mode == 1 and corner) or (mode == 2 and not corner):
                            continue
                        r, c = i + di, j + dj
                        if 0 <= r < h and 0 <= c < w:
                            other = grids[v, r, c]
                            near = other != 0 if mode == 3 else other == color
                if mode == 3:
                    out[b, i, j] = cell if near else 0
                else:
                    out[b, i, j] = ring if near else cell
        oshapes[b, 0], oshapes[b, 1] = h, w
        ok[b] = True
