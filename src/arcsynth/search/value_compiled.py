"""A compiled twin of the value model's per-pair term (value.py), on the values of a ValueStore.

`StateScorer` computes one number per (train example, value) in Python, about 50 us each: fine
for the kernel's few thousand states, too slow to rank the tens of thousands of depth-2 states
the layers extend to depth 3. `value_parts` computes the same number for a batch of stored
values (packed 30 x 30 grids) in one compiled call. value.py stays the definition;
tests/search/test_value_compiled.py checks the twin against it.
"""

from __future__ import annotations

import math

import numba
import numpy as np

from arcsynth.grid import Grid
from arcsynth.search.value import N_FEATURES, ValueModel

__all__ = ["PairTarget", "value_parts", "state_penalties"]


class PairTarget:
    """One train pair as the compiled term reads it: output and input padded to 30 x 30, their shapes."""

    __slots__ = ("output", "output_shape", "input", "input_shape")

    def __init__(self, output: Grid, input_grid: Grid) -> None:
        self.output = np.zeros((30, 30), dtype=np.uint8)
        self.output[:output.shape[0], :output.shape[1]] = output
        self.output_shape = np.array(output.shape, dtype=np.int64)
        self.input = np.zeros((30, 30), dtype=np.uint8)
        self.input[:input_grid.shape[0], :input_grid.shape[1]] = input_grid
        self.input_shape = np.array(input_grid.shape, dtype=np.int64)


@numba.njit(cache=True, nogil=True)
def _contains(grids, b, sh, sw, t, th, tw):
    """Whether output t (th x tw) appears in stored value b (sh x sw, larger on one side at least)."""
    if th > sh or tw > sw or (th == sh and tw == sw):
        return False
    for r in range(sh - th + 1):
        for c in range(sw - tw + 1):
            match = True
            for i in range(th):
                for j in range(tw):
                    if grids[b, r + i, c + j] != t[i, j]:
                        match = False
                        break
                if not match:
                    break
            if match:
                return True
    return False


@numba.njit(cache=True, nogil=True)
def _parts(grids, shapes, vids, t, t_shape, x, x_shape, linear, quadratic, out):
    th, tw = t_shape[0], t_shape[1]
    xh, xw = x_shape[0], x_shape[1]
    t_area = th * tw
    ht = np.zeros(10, dtype=np.int64)
    for i in range(th):
        for j in range(tw):
            ht[t[i, j]] += 1
    t_colors = 0
    t_max = 0
    for c in range(10):
        if ht[c]:
            t_colors += 1
        t_max = max(t_max, ht[c])
    majority = t_max / t_area
    has_input = xh == th and xw == tw
    n_changed = 0
    if has_input:
        for i in range(th):
            for j in range(tw):
                if x[i, j] != t[i, j]:
                    n_changed += 1
    input_accuracy = 1 - n_changed / t_area
    f = np.zeros(N_FEATURES)
    hs = np.zeros(10, dtype=np.int64)
    for n in range(vids.shape[0]):
        b = vids[n]
        sh, sw = shapes[b, 0], shapes[b, 1]
        area = sh * sw
        same = sh == th and sw == tw
        hs[:] = 0
        for i in range(sh):
            for j in range(sw):
                hs[grids[b, i, j]] += 1
        s_colors = both = 0
        s_max = 0
        distance = 0.0
        for c in range(10):
            if hs[c]:
                s_colors += 1
                if ht[c]:
                    both += 1
            s_max = max(s_max, hs[c])
            distance += abs(hs[c] / area - ht[c] / t_area)
        union = s_colors + t_colors - both
        accuracy = gain = exact = contains = recall = precision = 0.0
        if same:
            right = right_changed = moved = right_moved = 0
            for i in range(th):
                for j in range(tw):
                    v = grids[b, i, j]
                    ok = v == t[i, j]
                    right += ok
                    if has_input:
                        if ok and x[i, j] != t[i, j]:
                            right_changed += 1
                        if v != x[i, j]:
                            moved += 1
                            right_moved += ok
            accuracy = right / t_area
            if has_input:
                gain = accuracy - input_accuracy
                if n_changed:
                    recall = right_changed / n_changed
                if moved:
                    precision = right_moved / moved
            exact = 1.0 if accuracy == 1.0 else 0.0
        else:
            contains = 1.0 if _contains(grids, b, sh, sw, t, th, tw) else 0.0
        equals_input = 0.0
        if sh == xh and sw == xw:
            equals_input = 1.0
            for i in range(sh):
                for j in range(sw):
                    if grids[b, i, j] != x[i, j]:
                        equals_input = 0.0
                        break
                if equals_input == 0.0:
                    break
        f[0] = 1.0 if same else 0.0
        f[1] = 1.0 if (sh == tw and sw == th and th != tw) else 0.0
        f[2] = 1.0 if ((not same) and th % sh == 0 and tw % sw == 0 and th // sh <= 5 and tw // sw <= 5) else 0.0
        f[3] = 1.0 if ((not same) and sh >= th and sw >= tw) else 0.0
        f[4] = abs(math.log(area / t_area))
        f[5] = both / union
        f[6] = 1 - both / t_colors
        f[7] = 1 - both / s_colors
        f[8] = 0.5 * distance
        f[9] = accuracy
        f[10] = gain
        f[11] = exact
        f[12] = contains
        f[13] = abs(s_colors - t_colors) / 10
        f[14] = equals_input
        f[15] = abs(majority - s_max / area)
        f[16] = recall
        f[17] = precision
        part = 0.0
        for i in range(N_FEATURES):
            part += linear[i] * f[i]
            for j in range(N_FEATURES):
                part += f[i] * quadratic[i, j] * f[j]
        out[n] = part


def value_parts(grids: np.ndarray, shapes: np.ndarray, vids: np.ndarray, target: PairTarget,
                linear: np.ndarray, quadratic: np.ndarray) -> np.ndarray:
    """The value model's term of train pair `target` for each stored value in `vids`: (len(vids),)."""
    out = np.empty(vids.shape[0])
    _parts(grids, shapes, np.ascontiguousarray(vids, dtype=np.int64), target.output, target.output_shape,
           target.input, target.input_shape, linear, quadratic, out)
    return out


def state_penalties(model: ValueModel, grids: np.ndarray, shapes: np.ndarray, rows: np.ndarray,
                    targets: list[PairTarget]) -> np.ndarray:
    """-log p(on path) of each state, `rows` (states x train examples) of stored value ids: (states,)."""
    offset, linear, quadratic = model.folded()
    if quadratic is None:
        quadratic = np.zeros((N_FEATURES, N_FEATURES))
    logits = np.zeros(rows.shape[0])
    for e, target in enumerate(targets):
        vids, inverse = np.unique(rows[:, e], return_inverse=True)
        logits += value_parts(grids, shapes, vids, target, linear, quadratic)[inverse]
    z = logits / len(targets) + offset
    return np.logaddexp(0.0, -z)
