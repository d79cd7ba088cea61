"""A policy over grid states that reads the grids: per train example, the state's grid against the
example's input and output, through a small network pooled over the examples.

The linear policy (policy.py) averages 21 features over the train pairs before a softmax
regression. This one describes each example by more of its grids (colour histograms of state,
output and input and their differences; a 16-bucket histogram of each cell's 4-neighbour
equality pattern, of the state and of the output; shape ratios; symmetries; the foreground's
bounding box against the output's shape; where the shapes agree, which cells the state still has
to add, erase or recolour and whether a colour map would do it), passes each example's vector
through two ReLU layers, pools the examples (mean and max) and gives p(next operation | state).
Trained with torch by bench/policy_grid.py; inference is numpy (the features through a compiled
twin, grid_policy_compiled.py, where numba is installed: ~10x cheaper, the same figures). The
kernel uses it as it uses the linear policy (`PolicyScorer`'s interface and extra cost) when
`KernelConfig.policy_kind` is "grid".
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Sequence

import numpy as np

from arcsynth.grid import Grid
from arcsynth.search.value import _features, _Target, weights_json

__all__ = ["GRID_FEATURES", "GridTargets", "grid_features", "compiled_grid_features", "GridPolicyModel", "GridPolicyScorer",
           "load_grid_policy_model", "BUNDLED_GRID_POLICY"]

BUNDLED_GRID_POLICY = "grid_policy_weights.json"   # in this package

_STRUCTURE = tuple(f"structure_{k}" for k in range(16))
GRID_FEATURES = (
    # the linear policy's (policy.POLICY_FEATURES)
    "same_shape", "transposed_shape", "divides_shape", "larger", "log_area_ratio", "color_jaccard",
    "missing_colors", "extra_colors", "histogram_distance", "cell_accuracy", "accuracy_gain", "exact",
    "contains_output", "color_count_gap", "equals_input", "foreground_gap", "change_recall", "change_precision",
    "input_shape", "input_log_area", "n_colors",
) + tuple(f"state_color_{c}" for c in range(10)) \
  + tuple(f"output_minus_state_{c}" for c in range(10)) \
  + tuple(f"state_minus_input_{c}" for c in range(10)) \
  + tuple(f"state_{name}" for name in _STRUCTURE) \
  + tuple(f"output_minus_state_{name}" for name in _STRUCTURE) + (
    "log_height_to_output", "log_width_to_output", "log_height_to_input", "log_width_to_input",
    "height", "width", "square",
    "output_multiple", "state_multiple",          # each side of one is an integer multiple of the other's
    "flip_h_symmetric", "flip_v_symmetric", "transpose_symmetric",
    "output_flip_h_symmetric", "output_flip_v_symmetric", "output_transpose_symmetric",
    "background_zero", "foreground_share", "bbox_area_share", "bbox_is_output_shape", "bbox_is_output_shape_t",
    "to_add", "to_erase", "to_recolor", "color_map_fits",     # shapes agree: the cells still to change, by kind
    "output_top_left_is_state",                              # the output is larger and starts with the state
    "uniform_rows", "uniform_cols", "repeated_rows", "repeated_cols",
)
N_GRID = len(GRID_FEATURES)


_PAD = 10   # the colour of the padding around a state's grids when they are stacked


def _code_sums() -> np.ndarray:
    """(256, 20): per cell code (bits 0-3: up, down, left, right neighbour equal; bit 4: foreground,
    i.e. not the state's majority colour; bit 5: wrong, i.e. not the output's colour, shapes agreeing;
    bit 6: the output has the state's majority colour there; bit 7: padding, counted nowhere), its
    structure bucket one-hot, then foreground, wrong, wrong and background (to add), wrong where
    the output is background (to erase)."""
    codes = np.arange(128)
    foreground, wrong, output_background = (codes >> 4) & 1, (codes >> 5) & 1, (codes >> 6) & 1
    sums = np.zeros((256, 20))
    sums[codes, codes & 15] = 1
    sums[codes, 16], sums[codes, 17] = foreground, wrong
    sums[codes, 18], sums[codes, 19] = wrong * (1 - foreground), wrong * output_background
    return sums


_CODE_SUMS = _code_sums()


def _stack(grids: Sequence[Grid], pad: int, height: int, width: int) -> np.ndarray:
    """The grids stacked top-left in an (E, height, width) array of `pad` elsewhere."""
    stack = np.full((len(grids), height, width), pad, dtype=np.uint8)
    for i, grid in enumerate(grids):
        h, w = grid.shape
        stack[i, :h, :w] = grid
    return stack


def _histograms(stack: np.ndarray) -> np.ndarray:
    """(E, 10): each grid's colour counts (the padding, 10 or 11, excluded)."""
    n = len(stack)
    shifted = stack + (12 * np.arange(n, dtype=np.intp))[:, None, None]
    return np.bincount(shifted.ravel(), minlength=12 * n).reshape(n, 12)[:, :10]


def _neighbours(stack: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(codes, vertical, horizontal): each cell's 4-neighbour equality code (bits 0-3 of _code_sums,
    uint8) and the equalities of vertical and horizontal neighbours. In a padded stack a cell's
    neighbour outside its grid never equals it."""
    vertical = stack[:, 1:] == stack[:, :-1]
    horizontal = stack[:, :, 1:] == stack[:, :, :-1]
    code = np.zeros(stack.shape, dtype=np.uint8)
    code[:, 1:] |= vertical.view(np.uint8)
    code[:, :-1] |= vertical.view(np.uint8) << 1
    code[:, :, 1:] |= horizontal.view(np.uint8) << 2
    code[:, :, :-1] |= horizontal.view(np.uint8) << 3
    return code, vertical, horizontal


def _code_table(code: np.ndarray) -> np.ndarray:
    """(E, 20): the sums of _code_sums over each grid's cells."""
    n = len(code)
    code = code + (256 * np.arange(n, dtype=np.intp))[:, None, None]
    return np.bincount(code.ravel(), minlength=256 * n).reshape(n, 256) @ _CODE_SUMS


def _symmetries(grid: Grid) -> list[float]:
    """Left-right, top-bottom and diagonal symmetry."""
    h, w = grid.shape
    raw = grid.tobytes()
    return [float(grid[:, ::-1].tobytes() == raw), float(grid[::-1].tobytes() == raw),
            float(h == w and grid.T.tobytes() == raw)]


class GridTargets:
    """What the grid features need of a task's train examples, computed once: the value model's
    targets, the outputs stacked, their and the inputs' histograms, structures and symmetries."""

    def __init__(self, outputs: Sequence[Grid], inputs: Sequence[Grid]) -> None:
        self.base = tuple(_Target(output, input_grid) for output, input_grid in zip(outputs, inputs))
        self.outputs = tuple(outputs)
        self.shapes = [output.shape for output in outputs]
        self.input_shapes = [input_grid.shape for input_grid in inputs]
        area = np.array([h * w for h, w in self.shapes])
        self.stack = _stack(outputs, _PAD + 1, 31, 31)      # one row and column of padding at least
        self.histogram = _histograms(self.stack) / area[:, None]
        input_area = np.array([h * w for h, w in self.input_shapes])
        self.input_histogram = _histograms(_stack(inputs, _PAD, 30, 30)) / input_area[:, None]
        code = _neighbours(self.stack)[0]
        code |= (self.stack > 9).view(np.uint8) << 7
        self.structure = _code_table(code)[:, :16] / area[:, None]
        self.symmetries = np.array([_symmetries(output) for output in outputs])
        self.offsets = (np.arange(len(outputs), dtype=np.intp))[:, None, None]


def grid_features(states: Sequence[Grid], targets: GridTargets,
                  base: Sequence[Sequence[float] | None] | None = None) -> np.ndarray:
    """(E, GRID_FEATURES) of a state (one grid per train example) against the examples; `base`: each
    example's value features (value._features) where computed already. Whole-grid work is done on
    the examples stacked, in few numpy calls; per-example scalars in Python."""
    n = len(states)
    shapes = [s.shape for s in states]
    height = max(h for h, _ in shapes)
    width = max(w for _, w in shapes)
    stack = _stack(states, _PAD, height + 1, width + 1)
    valid = stack != _PAD
    offsets = targets.offsets[:n]
    counts = np.bincount((stack + 12 * offsets).ravel(), minlength=12 * n).reshape(n, 12)[:, :10]
    backgrounds = counts.argmax(axis=1)
    background_cells = backgrounds[:, None, None]
    foreground = valid & (stack != background_cells)
    code, vertical, horizontal = _neighbours(stack)
    code |= foreground.view(np.uint8) << 4
    code |= (stack == _PAD).view(np.uint8) << 7
    same = [shape == target for shape, target in zip(shapes, targets.shapes)]
    output = targets.stack[:, :height + 1, :width + 1]
    pairs = None
    if any(same):
        wrong = (stack != output) & valid
        if not all(same):
            wrong &= np.array(same)[:, None, None]
        code |= wrong.view(np.uint8) << 5
        code |= (output == background_cells).view(np.uint8) << 6
        if wrong.any():
            # (state colour, output colour) per cell: 12 * 9 + 11 < 120 <= the padding's (stack 10)
            pairs = stack * np.uint8(12) + output + (144 * offsets)
            pairs = np.bincount(pairs.ravel(), minlength=144 * n).reshape(n, 144)[:, :120].reshape(n, 10, 12)
            pairs = pairs.max(axis=2).sum(axis=1).tolist()
    table = _code_table(code).tolist()
    rows = foreground.any(axis=2).tolist()
    cols = foreground.any(axis=1).tolist()
    # a row of a grid is uniform when all its width - 1 pairs and the width - w padding pairs are equal
    # (a padding row has `width` equal pairs; the pair of a grid's last cell and the padding never is)
    uniform_rows = (horizontal.sum(axis=2) == width - 1).sum(axis=1).tolist()
    uniform_cols = (vertical.sum(axis=1) == height - 1).sum(axis=1).tolist()
    repeated_rows = vertical.all(axis=2).sum(axis=1).tolist()
    repeated_cols = horizontal.all(axis=1).sum(axis=1).tolist()
    count_lists = counts.tolist()
    scalars = []
    for i, (h, w) in enumerate(shapes):
        area = h * w
        th, tw = targets.shapes[i]
        xh, xw = targets.input_shapes[i]
        foreground_cells, n_wrong, to_add, to_erase = table[i][16:]
        if True in rows[i]:
            bh = len(rows[i]) - rows[i][::-1].index(True) - rows[i].index(True)
            bw = len(cols[i]) - cols[i][::-1].index(True) - cols[i].index(True)
        else:
            bh = bw = 0
        map_fits = top_left = 0.0
        if same[i]:
            map_fits = pairs[i] / area if n_wrong else 1.0
        elif th >= h and tw >= w:
            top_left = float(targets.outputs[i][:h, :w].tobytes() == states[i].tobytes())
        differs = (th, tw) != (h, w)
        scalars.append([
            float((h, w) == (xh, xw)), abs(math.log(area / (xh * xw))), sum(c > 0 for c in count_lists[i]) / 10,
            math.log(th / h), math.log(tw / w), math.log(h / xh), math.log(w / xw), h / 30, w / 30, float(h == w),
            float(differs and th % h == 0 and tw % w == 0), float(differs and h % th == 0 and w % tw == 0),
            *_symmetries(states[i]), *targets.symmetries[i].tolist(),
            float(backgrounds[i] == 0), foreground_cells / area, bh * bw / area, float((bh, bw) == (th, tw)),
            float((bw, bh) == (th, tw)), to_add / area, to_erase / area, (n_wrong - to_add - to_erase) / area,
            map_fits, top_left,
            # the padding rows (columns) count as repeated: taken off
            uniform_rows[i] / h, uniform_cols[i] / w,
            (repeated_rows[i] - (height - h)) / h, (repeated_cols[i] - (width - w)) / w])
    if base is None:
        base = [None] * n
    base = [b if b is not None else _features(s, t) for b, s, t in zip(base, states, targets.base)]
    scalars = np.array(scalars)
    area = np.array([h * w for h, w in shapes])[:, None]
    histogram = counts / area
    structure = np.array(table)[:, :16] / area
    return np.concatenate([np.array(base), scalars[:, :3], histogram, targets.histogram[:n] - histogram,
                           histogram - targets.input_histogram[:n], structure, targets.structure[:n] - structure,
                           scalars[:, 3:]], axis=1)


class GridPolicyModel:
    """p(op | state) = softmax(V [mean_i g_i, max_i g_i] + c), g_i = relu(W2 relu(W1 (f_i - mean) / scale + b1) + b2),
    f_i the GRID_FEATURES of the state's grid of example i."""

    ARRAYS = ("mean", "scale", "w1", "b1", "w2", "b2", "v", "c")

    def __init__(self, ops: Sequence[str], arrays: dict[str, np.ndarray]) -> None:
        self.ops = tuple(ops)
        for name in self.ARRAYS:
            setattr(self, name, np.asarray(arrays[name], dtype=np.float64))
        self._check()
        # the standardisation folded into the first layer once
        self.w1_raw = self.w1 / self.scale                 # (H, F)
        self.b1_raw = self.b1 - self.w1_raw @ self.mean    # (H,)

    def _check(self) -> None:
        for name in self.ARRAYS:
            if getattr(self, name).ndim != (2 if name in ("w1", "w2", "v") else 1):
                raise ValueError(f"grid policy weights: {name} has {getattr(self, name).ndim} dimensions")
        hidden, c = self.w1.shape[0], len(self.ops)
        shapes = {"mean": (N_GRID,), "scale": (N_GRID,), "w1": (hidden, N_GRID), "b1": (hidden,),
                  "w2": (self.w2.shape[0], hidden), "b2": (self.w2.shape[0],), "v": (c, 2 * self.w2.shape[0]),
                  "c": (c,)}
        for name, shape in shapes.items():
            array = getattr(self, name)
            if array.shape != shape or not np.isfinite(array).all():
                raise ValueError(f"grid policy weights: {name} has shape {array.shape}, expected {shape} (finite)")
        if not (self.scale > 0).all():
            raise ValueError("grid policy weights: scale must be positive")

    def embed(self, features: np.ndarray) -> np.ndarray:
        """Per-example embeddings g_i; features (E, F) -> (E, H2)."""
        hidden = np.maximum(features @ self.w1_raw.T + self.b1_raw, 0.0)
        return np.maximum(hidden @ self.w2.T + self.b2, 0.0)

    def log_probs(self, features: np.ndarray) -> np.ndarray:
        """log p(op | state) over `ops` from one state's per-example features (E, F) -> (C,)."""
        g = self.embed(features)
        logits = self.v @ np.concatenate([g.mean(axis=0), g.max(axis=0)]) + self.c
        top = logits.max()
        return logits - (top + math.log(float(np.exp(logits - top).sum())))

    def marginal(self) -> np.ndarray:
        """log p(op) of the output bias alone."""
        top = self.c.max()
        return self.c - top - math.log(float(np.exp(self.c - top).sum()))

    def to_json(self, decimals: int = 4) -> dict:
        """The model as JSON, its arrays rounded to `decimals` places (a smaller file)."""
        raw = {"kind": "grid", "features": list(GRID_FEATURES), "ops": list(self.ops)}
        raw.update({name: np.round(getattr(self, name), decimals).tolist() for name in self.ARRAYS})
        return raw

    @classmethod
    def from_json(cls, raw: dict) -> "GridPolicyModel":
        if not isinstance(raw, dict) or raw.get("kind") != "grid":
            raise ValueError("grid policy weights: not of kind 'grid' (a linear policy's file? KernelConfig.policy_kind)")
        if list(raw.get("features", ())) != list(GRID_FEATURES):
            raise ValueError("grid policy weights: their features are not this module's GRID_FEATURES")
        missing = [name for name in ("ops",) + cls.ARRAYS if name not in raw]
        if missing:
            raise ValueError(f"grid policy weights: missing {', '.join(missing)}")
        try:
            arrays = {name: np.asarray(raw[name], dtype=np.float64) for name in cls.ARRAYS}
        except (TypeError, ValueError):
            raise ValueError("grid policy weights: an array is not numeric") from None
        if not isinstance(raw["ops"], list) or not all(isinstance(op, str) for op in raw["ops"]):
            raise ValueError("grid policy weights: ops must be a list of names")
        return cls(raw["ops"], arrays)


def compiled_grid_features(states: Sequence[Grid], targets: GridTargets, base: Sequence[Sequence[float] | None]
                           ) -> np.ndarray:
    """grid_features through the compiled twin (grid_policy_compiled.py; needs numba): one pass per example."""
    from arcsynth.search.grid_policy_compiled import example_features   # numba: only when a grid policy runs
    rows = np.empty((len(states), N_GRID))
    for i, state in enumerate(states):
        rows[i, :18] = base[i] if base[i] is not None else _features(state, targets.base[i])
        xh, xw = targets.input_shapes[i]
        example_features(state, targets.outputs[i], xh, xw, targets.histogram[i], targets.input_histogram[i],
                         targets.structure[i], targets.symmetries[i], rows[i, 18:])
    return rows


def _numba_available() -> bool:
    try:
        import arcsynth.search.grid_policy_compiled  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=4)
def load_grid_policy_model(path: str = "") -> GridPolicyModel:
    """The grid policy in the JSON file `path` ("": the weights shipped with the package); a file
    that is not one raises ValueError naming it."""
    try:
        return GridPolicyModel.from_json(weights_json(path, BUNDLED_GRID_POLICY))
    except (OSError, ValueError) as error:
        raise ValueError(f"{path or BUNDLED_GRID_POLICY}: {error}") from None


class GridPolicyScorer:
    """The grid policy's term of one task's search, with policy.PolicyScorer's interface:
    `penalties(values, ids, columns)` gives `weight * min(cap, max(0, log p(op) - log p(op | state)))`
    per op of `columns` (-1: an op the model does not score, 0). A state's features come from the
    compiled twin where numba is installed (`compiled`), else from grid_features in one numpy batch;
    `shared` holds the value term's features of (example, value id), which it reuses."""

    def __init__(self, model: GridPolicyModel, weight: float, outputs: Sequence[Grid], inputs: Sequence[Grid],
                 cap: float = 6.0, compiled: bool = True) -> None:
        self.model = model
        self.weight = weight
        self.cap = cap
        self.targets = GridTargets(outputs, inputs)
        self.n_train = len(self.targets.outputs)
        self.index = {op: k for k, op in enumerate(model.ops)}
        self.marginal = model.marginal()
        self.drop = np.zeros(len(model.ops) + 1)   # the last entry stays 0: the column of unscored ops
        self.shared: dict[tuple[int, int], np.ndarray] = {}
        self.features = compiled_grid_features if compiled and _numba_available() else grid_features

    def columns(self, ops: Sequence[str]) -> np.ndarray:
        """The model's index of each op (-1 where it has none)."""
        return np.array([self.index.get(op, -1) for op in ops], dtype=np.int64)

    def penalties(self, values: Sequence[Grid], ids: Sequence[int], columns: np.ndarray) -> np.ndarray:
        n = self.n_train
        shared = self.shared
        features = self.features(values[:n], self.targets, [shared.get((i, ids[i])) for i in range(n)])
        log_p = self.model.log_probs(features)
        drop = self.drop
        np.clip(self.marginal - log_p, 0.0, self.cap, out=drop[:-1])
        return drop[columns] * self.weight
