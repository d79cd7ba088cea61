"""Compiled twins of the scaling primitives: up/down-scaling, tilings and the self-similar fractal.

Signature and conventions as in `geometry`; integer constants are positive here (the dispatcher
sends others to the Python primitive, which refuses them).
"""

from __future__ import annotations

import numba
import numpy as np

from arcsynth.grid import MAX_SIDE

__all__ = ["upscale", "downscale", "tiling", "self_kron", "DOWNSCALE", "TILING"]

DOWNSCALE = ("downscale", "downscale_majority", "downscale_nonzero")
TILING = ("tile", "mirror_tile", "mirror_hconcat", "mirror_vconcat", "rotation_tile")


@numba.njit(cache=True, nogil=True)
def upscale(grids, shapes, idx, params, out, oshapes, ok):
    """Each cell becomes a params[0] x params[1] block (upscale, upscale_v, upscale_h)."""
    rf, cf = params[0], params[1]
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        if h * rf > MAX_SIDE or w * cf > MAX_SIDE:
            ok[b] = False
            continue
        for i in range(h * rf):
            for j in range(w * cf):
                out[b, i, j] = grids[v, i // rf, j // cf]
        oshapes[b, 0], oshapes[b, 1] = h * rf, w * cf
        ok[b] = True


@numba.njit(cache=True, nogil=True)
def downscale(grids, shapes, idx, params, out, oshapes, ok):
    """Blocks of params[1] x params[1] become: mode 0 their top-left cell, 1 their most common
    color, 2 their most common non-zero color (0 if none); ties to the lowest color."""
    mode, f = params[0], params[1]
    votes = np.zeros(10, dtype=np.int64)
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        if h % f or w % f:
            ok[b] = False
            continue
        for i in range(h // f):
            for j in range(w // f):
                if mode == 0:
                    out[b, i, j] = grids[v, i * f, j * f]
                    continue
                votes[:] = 0
                for r in range(i * f, i * f + f):
                    for c in range(j * f, j * f + f):
                        votes[grids[v, r, c]] += 1
                if mode == 2:
                    votes[0] = 0
                best = 0
                for k in range(1, 10):
                    if votes[k] > votes[best]:
                        best = k
                out[b, i, j] = best
        oshapes[b, 0], oshapes[b, 1] = h // f, w // f
        ok[b] = True


@numba.njit(cache=True, nogil=True)
def tiling(grids, shapes, idx, params, out, oshapes, ok):
    """mode 0 tile(params[1] x params[2] copies), 1 mirror_tile, 2 mirror_hconcat,
    3 mirror_vconcat, 4 rotation_tile (square grids)."""
    mode = params[0]
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        rows, cols = 2, 2
        if mode == 0:
            rows, cols = params[1], params[2]
        elif mode == 2:
            rows = 1
        elif mode == 3:
            cols = 1
        if h * rows > MAX_SIDE or w * cols > MAX_SIDE or (mode == 4 and h != w):
            ok[b] = False
            continue
        for i in range(h * rows):
            for j in range(w * cols):
                bi, r = i // h, i % h
                bj, c = j // w, j % w
                if mode == 0:
                    pass
                elif mode == 4:
                    if bi == 0 and bj == 1:
                        r, c = h - 1 - c, r
                    elif bi == 1 and bj == 0:
                        r, c = c, w - 1 - r
                    elif bi == 1 and bj == 1:
                        r, c = h - 1 - r, w - 1 - c
                else:
                    if bj == 1:
                        c = w - 1 - c
                    if bi == 1:
                        r = h - 1 - r
                out[b, i, j] = grids[v, r, c]
        oshapes[b, 0], oshapes[b, 1] = h * rows, w * cols
        ok[b] = True


@numba.njit(cache=True, nogil=True)
def self_kron(grids, shapes, idx, params, out, oshapes, ok):
    """A copy of the grid in place of each non-zero cell (mode 0) or each zero cell (mode 1)."""
    mode = params[0]
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        if h * h > MAX_SIDE or w * w > MAX_SIDE:
            ok[b] = False
            continue
        for i in range(h * h):
            for j in range(w * w):
                on = grids[v, i // h, j // w] != 0
                if mode == 1:
                    on = not on
                out[b, i, j] = grids[v, i % h, j % w] if on else 0
        oshapes[b, 0], oshapes[b, 1] = h * h, w * w
        ok[b] = True
