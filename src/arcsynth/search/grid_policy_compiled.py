"""A compiled twin of grid_policy.grid_features (numba, the `engine` extra), for the kernel's scorer.

grid_policy.grid_features stays the definition (what the policy was trained on);
tests/search/test_grid_policy.py checks the twin against it. Imported only when a grid policy
scores states, and only where numba is installed (otherwise the numpy pass runs).
"""

from __future__ import annotations

import math

import numba
import numpy as np

__all__ = ["example_features"]


@numba.njit(cache=True, nogil=True)
def _symmetries(s):
    """Left-right, top-bottom and diagonal symmetry of grid `s` (1.0 or 0.0 each)."""
    h, w = s.shape
    left_right = top_bottom = 1.0
    diagonal = 1.0 if h == w else 0.0
    for r in range(h):
        for c in range(w):
            v = s[r, c]
            if v != s[r, w - 1 - c]:
                left_right = 0.0
            if v != s[h - 1 - r, c]:
                top_bottom = 0.0
            if h == w and v != s[c, r]:
                diagonal = 0.0
    return left_right, top_bottom, diagonal


@numba.njit(cache=True, nogil=True)
def _lines(s):
    """(uniform rows, uniform columns, rows equal to the one above, columns equal to the one left)."""
    h, w = s.shape
    uniform_rows = uniform_cols = repeated_rows = repeated_cols = 0
    for r in range(h):
        uniform = repeated = True
        for c in range(w):
            if s[r, c] != s[r, 0]:
                uniform = False
            if r == 0 or s[r, c] != s[r - 1, c]:
                repeated = False
        uniform_rows += uniform
        repeated_rows += repeated
    for c in range(w):
        uniform = repeated = True
        for r in range(h):
            if s[r, c] != s[0, c]:
                uniform = False
            if c == 0 or s[r, c] != s[r, c - 1]:
                repeated = False
        uniform_cols += uniform
        repeated_cols += repeated
    return uniform_rows, uniform_cols, repeated_rows, repeated_cols


@numba.njit(cache=True, nogil=True)
def example_features(s, o, xh, xw, output_histogram, input_histogram, output_structure, output_symmetries, out):
    """Fill `out` with grid_policy.grid_features' columns after the value features
    (GRID_FEATURES[18:]) of state grid `s` against output `o`, given the input's shape (xh, xw),
    the output's and the input's colour shares, the output's structure shares and symmetries."""
    h, w = s.shape
    th, tw = o.shape
    area = h * w
    counts = np.zeros(10)
    for r in range(h):
        for c in range(w):
            counts[s[r, c]] += 1
    background = 0
    n_colors = 0
    for k in range(10):
        if counts[k] > counts[background]:
            background = k
        if counts[k] > 0:
            n_colors += 1
    structure = np.zeros(16)
    foreground = 0
    top, bottom, left, right = h, -1, w, -1
    for r in range(h):
        for c in range(w):
            v = s[r, c]
            code = 0
            if r > 0 and s[r - 1, c] == v:
                code |= 1
            if r < h - 1 and s[r + 1, c] == v:
                code |= 2
            if c > 0 and s[r, c - 1] == v:
                code |= 4
            if c < w - 1 and s[r, c + 1] == v:
                code |= 8
            structure[code] += 1
            if v != background:
                foreground += 1
                top, bottom = min(top, r), max(bottom, r)
                left, right = min(left, c), max(right, c)
    same = h == th and w == tw
    to_add = to_erase = n_wrong = 0.0
    map_fits = top_left = 0.0
    if same:
        pairs = np.zeros((10, 10))
        for r in range(h):
            for c in range(w):
                a, b = s[r, c], o[r, c]
                pairs[a, b] += 1
                if a != b:
                    n_wrong += 1
                    if a == background:
                        to_add += 1
                    elif b == background:
                        to_erase += 1
        map_fits = 1.0
        if n_wrong > 0:
            fixed = 0.0
            for a in range(10):
                fixed += pairs[a].max()
            map_fits = fixed / area
    elif th >= h and tw >= w:
        top_left = 1.0
        for r in range(h):
            for c in range(w):
                if o[r, c] != s[r, c]:
                    top_left = 0.0
    k = 0
    out[0] = 1.0 if (h == xh and w == xw) else 0.0
    out[1] = abs(math.log(area / (xh * xw)))
    out[2] = n_colors / 10
    k = 3
    for j in range(10):
        out[k + j] = counts[j] / area
        out[k + 10 + j] = output_histogram[j] - counts[j] / area
        out[k + 20 + j] = counts[j] / area - input_histogram[j]
    k += 30
    for j in range(16):
        out[k + j] = structure[j] / area
        out[k + 16 + j] = output_structure[j] - structure[j] / area
    k += 32
    differs = not same
    shape = (math.log(th / h), math.log(tw / w), math.log(h / xh), math.log(w / xw), h / 30, w / 30,
             1.0 if h == w else 0.0, 1.0 if differs and th % h == 0 and tw % w == 0 else 0.0,
             1.0 if differs and h % th == 0 and w % tw == 0 else 0.0)
    for j in range(9):
        out[k + j] = shape[j]
    k += 9
    left_right, top_bottom, diagonal = _symmetries(s)
    out[k], out[k + 1], out[k + 2] = left_right, top_bottom, diagonal
    for j in range(3):
        out[k + 3 + j] = output_symmetries[j]
    k += 6
    box_h = bottom - top + 1 if foreground else 0
    box_w = right - left + 1 if foreground else 0
    uniform_rows, uniform_cols, repeated_rows, repeated_cols = _lines(s)
    rest = (1.0 if background == 0 else 0.0, foreground / area, box_h * box_w / area,
            1.0 if (box_h == th and box_w == tw) else 0.0, 1.0 if (box_w == th and box_h == tw) else 0.0,
            to_add / area, to_erase / area, (n_wrong - to_add - to_erase) / area, map_fits, top_left,
            uniform_rows / h, uniform_cols / w, repeated_rows / h, repeated_cols / w)
    for j in range(14):
        out[k + j] = rest[j]
