"""Compiled twins of the whole-grid recolorings (one kernel, a mode per primitive).

Signature and conventions as in `geometry`. Colors given as constants are 0..9 here: the
dispatcher sends other constants to the Python primitive, which refuses them.
"""

from __future__ import annotations

import numba
import numpy as np

from arcsynth.search.ops.geometry import _background

__all__ = ["recolor", "RECOLOR"]

RECOLOR = ("replace_color", "swap_colors", "keep_color", "erase_color", "recolor_nonzero",
           "recolor_foreground", "invert", "filled_like")


@numba.njit(cache=True, nogil=True)
def recolor(grids, shapes, idx, params, out, oshapes, ok):
    """mode (params[0]) indexes RECOLOR; params[1], params[2] are its colors."""
    mode, a, c = params[0], params[1], params[2]
    for b in range(idx.shape[0]):
        v = idx[b]
        h, w = shapes[v, 0], shapes[v, 1]
        key = 0
        if mode == 5:
            key = _background(grids, v, h, w)
        elif mode == 6:
            counts = np.zeros(10, dtype=np.int64)
            for i in range(h):
                for j in range(w):
                    counts[grids[v, i, j]] += 1
            key, most = 0, 0
            for k in range(1, 10):
                if counts[k] > most:
                    key, most = k, counts[k]
            if key == 0:
                ok[b] = False
                continue
        for i in range(h):
            for j in range(w):
                cell = grids[v, i, j]
                if mode == 0:
                    new = c if cell == a else cell
                elif mode == 1:
                    new = c if cell == a else (a if cell == c else cell)
                elif mode == 2:
                    new = cell if cell == a else 0
                elif mode == 3:
                    new = 0 if cell == a else cell
                elif mode == 4:
                    new = a if cell != 0 else cell
                elif mode == 5:
                    new = a if cell != key else cell
                elif mode == 6:
                    new = key if cell == 0 else 0
                else:
                    new = a
                out[b, i, j] = new
        oshapes[b, 0], oshapes[b, 1] = h, w
        ok[b] = True
