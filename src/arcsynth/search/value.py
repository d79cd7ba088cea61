"""Execution-guided scoring: how likely a grid state is to lie on the path of a correct program.

A value model scores an intermediate grid state (one grid per train example) against the
train outputs, from cheap features of each (state, output) pair averaged over the pairs:
shapes (equal, transposed, a small divisor), colours (overlap, missing, extra, histogram
distance), cells (accuracy when the sizes agree, and how much better than the input's),
whether the output appears inside the state. A logistic regression on those features gives
p(on path); the kernel adds `weight * -log p` to a new grid state's cost, so that states
which look far from the outputs (and their descendants) wait longer.

Trained by bench/value.py on the traces of synthetic programs (states on a program's path
versus states a short search of the same task made off it); the weights ship as JSON beside
this module and load with numpy only.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

import numpy as np

from arcsynth.grid import Grid

__all__ = ["FEATURES", "ValueModel", "StateScorer", "pair_features", "pair_terms", "state_features",
           "load_value_model", "BUNDLED_VALUE"]

BUNDLED_VALUE = "value_weights.json"   # in this package

FEATURES = (
    "same_shape",          # the state has the output's shape
    "transposed_shape",    # the state has the output's shape transposed (and it is not square)
    "divides_shape",       # each side of the output is a multiple (<= 5) of the state's, not equal
    "larger",              # the state is at least as large as the output on both sides, not equal
    "log_area_ratio",      # |ln(area of state / area of output)|
    "color_jaccard",       # |colours of state & output| / |colours of state | output|
    "missing_colors",      # share of the output's colours absent from the state
    "extra_colors",        # share of the state's colours absent from the output
    "histogram_distance",  # total variation distance of the colour histograms (0..1)
    "cell_accuracy",       # share of cells equal to the output's (0 when the shapes differ)
    "accuracy_gain",       # cell accuracy minus the input's (when the input also has the output's shape)
    "exact",               # the state is the output
    "contains_output",     # the output appears as a sub-grid of the state (state larger)
    "color_count_gap",     # |number of colours of state - of output| / 10
    "equals_input",        # the state is the example's input
    "foreground_gap",      # |share of non-majority cells of state - of output|
    "change_recall",       # of the cells the output changes from the input, the share the state has right
    "change_precision",    # of the cells the state changes from the input, the share that match the output
)
N_FEATURES = len(FEATURES)


class _Target:
    """What the features need of one train pair, computed once: the output's shape, colour
    histogram and colours, and the input's accuracy against the output."""

    __slots__ = ("output", "input", "shape", "area", "histogram", "colors", "majority", "input_accuracy", "changed",
                 "n_changed")

    def __init__(self, output: Grid, input_grid: Grid) -> None:
        self.output = output
        self.input = input_grid
        self.shape = output.shape
        self.area = output.shape[0] * output.shape[1]
        self.histogram = np.bincount(output.ravel(), minlength=10)[:10].tolist()
        self.colors = frozenset(c for c in range(10) if self.histogram[c])
        self.majority = max(self.histogram) / self.area
        self.input_accuracy: float | None = None
        self.changed: np.ndarray | None = None      # where the output differs from the input
        self.n_changed = 0
        if input_grid.shape == output.shape:
            self.changed = input_grid != output
            self.n_changed = int(np.count_nonzero(self.changed))
            self.input_accuracy = 1 - self.n_changed / self.area


def _contains(big: np.ndarray, small: np.ndarray) -> bool:
    """Whether `small` appears in `big` (strictly larger on one side at least) as a sub-grid."""
    h, w = small.shape
    H, W = big.shape
    if h > H or w > W or (h == H and w == W):
        return False
    first = small[0].tobytes()
    for r in range(H - h + 1):
        row = big[r].tobytes()
        c = row.find(first)
        while 0 <= c <= W - w:
            if np.array_equal(big[r:r + h, c:c + w], small):
                return True
            c = row.find(first, c + 1)
    return False


def _features(state: Grid, target: _Target) -> list[float]:
    sh, sw = state.shape
    th, tw = target.shape
    area = sh * sw
    same = sh == th and sw == tw
    hs = np.bincount(state.ravel(), minlength=10)[:10].tolist()
    ht = target.histogram
    colors = {c for c in range(10) if hs[c]}
    both = len(colors & target.colors)
    distance = 0.0
    for c in range(10):
        distance += abs(hs[c] / area - ht[c] / target.area)
    accuracy = gain = exact = contains = recall = precision = 0.0
    if same:
        right = state == target.output
        accuracy = float(np.count_nonzero(right)) / target.area
        if target.input_accuracy is not None:
            gain = accuracy - target.input_accuracy
            if target.n_changed:
                recall = float(np.count_nonzero(right & target.changed)) / target.n_changed
            moved = state != target.input
            n_moved = int(np.count_nonzero(moved))
            if n_moved:
                precision = float(np.count_nonzero(right & moved)) / n_moved
        exact = float(accuracy == 1.0)
    else:
        contains = float(_contains(state, target.output))
    input_grid = target.input
    return [float(same),
            float(sh == tw and sw == th and th != tw),
            float((not same) and th % sh == 0 and tw % sw == 0 and th // sh <= 5 and tw // sw <= 5),
            float((not same) and sh >= th and sw >= tw),
            abs(math.log(area / target.area)),
            both / len(colors | target.colors),
            1 - both / len(target.colors),
            1 - both / len(colors),
            0.5 * distance,
            accuracy,
            gain,
            exact,
            contains,
            abs(len(colors) - len(target.colors)) / 10,
            float(state.shape == input_grid.shape and bool(np.array_equal(state, input_grid))),
            abs(target.majority - max(hs) / area),
            recall,
            precision]


def pair_features(state: Grid, output: Grid, input_grid: Grid) -> np.ndarray:
    """The FEATURES of one state grid against one train output (and that pair's input)."""
    return np.array(_features(state, _Target(output, input_grid)))


def pair_terms(features: np.ndarray, products: Sequence[tuple[int, int]] = ()) -> np.ndarray:
    """One pair's FEATURES followed by the products of the feature pairs (indices) in `products`."""
    if not products:
        return features
    left, right = np.array(products).T
    return np.concatenate([features, features[left] * features[right]])


def state_features(states: Sequence[Grid], outputs: Sequence[Grid], inputs: Sequence[Grid],
                   products: Sequence[tuple[int, int]] = ()) -> np.ndarray:
    """A state's terms (one grid per train pair): each pair's FEATURES (and `products`),
    averaged over the train pairs."""
    return np.mean([pair_terms(pair_features(s, t, x), products) for s, t, x in zip(states, outputs, inputs)],
                   axis=0)


@dataclass(frozen=True, eq=False)
class ValueModel:
    """Logistic regression on standardised terms (FEATURES, then the products of the feature
    pairs in `products`, each averaged over the train pairs): p(on path) = sigmoid(w . (f - mean)
    / scale + b)."""

    weights: np.ndarray    # (T,), T = N_FEATURES + len(products)
    bias: float
    mean: np.ndarray       # (T,)
    scale: np.ndarray      # (T,), > 0
    products: tuple[tuple[int, int], ...] = ()

    def logit(self, terms: np.ndarray) -> np.ndarray:
        """The log-odds of being on the path; terms (..., T) -> (...)."""
        return ((terms - self.mean) / self.scale) @ self.weights + self.bias

    def folded(self) -> tuple[float, np.ndarray, np.ndarray | None]:
        """(offset, linear (N_FEATURES,), quadratic (N_FEATURES, N_FEATURES) or None without products):
        the logit of one pair's features f is linear . f + f . quadratic . f, and a state's the mean
        of its pairs' plus offset (the standardisation folded in once)."""
        coefficients = self.weights / self.scale                             # (T,)
        offset = self.bias - float(coefficients @ self.mean)
        quadratic = None
        if self.products:
            quadratic = np.zeros((N_FEATURES, N_FEATURES))
            for (i, j), weight_ij in zip(self.products, coefficients[N_FEATURES:]):
                quadratic[i, j] += weight_ij
        return offset, np.ascontiguousarray(coefficients[:N_FEATURES]), quadratic

    def penalty(self, features: np.ndarray) -> float:
        """-log p(on path) of one feature vector (>= 0)."""
        z = float(self.logit(features))
        return math.log1p(math.exp(-z)) if z > -30 else -z

    def to_json(self) -> dict:
        raw = {"features": list(FEATURES), "weights": self.weights.tolist(), "bias": self.bias,
               "mean": self.mean.tolist(), "scale": self.scale.tolist()}
        if self.products:
            raw["products"] = [[FEATURES[i], FEATURES[j]] for i, j in self.products]
        return raw

    @classmethod
    def from_json(cls, raw: dict) -> "ValueModel":
        if list(raw.get("features", ())) != list(FEATURES):
            raise ValueError("value weights: their features are not this module's FEATURES")
        index = {name: i for i, name in enumerate(FEATURES)}
        try:
            products = tuple((index[a], index[b]) for a, b in raw.get("products", ()))
        except (KeyError, ValueError, TypeError):
            raise ValueError("value weights: a product names an unknown feature") from None
        model = cls(np.asarray(raw["weights"], dtype=float), float(raw["bias"]),
                    np.asarray(raw["mean"], dtype=float), np.asarray(raw["scale"], dtype=float), products)
        terms = (N_FEATURES + len(products),)
        if not (model.weights.shape == model.mean.shape == model.scale.shape == terms) \
                or not (model.scale > 0).all() or not np.isfinite(model.weights).all():
            raise ValueError("value weights: malformed arrays")
        return model


def weights_json(path: str, bundled: str) -> dict:
    """The JSON of the weights file `path` ("": the file `bundled` shipped in this package)."""
    if path:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = resources.files("arcsynth.search").joinpath(bundled).read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=4)
def load_value_model(path: str = "") -> ValueModel:
    """The value model in the JSON file `path` ("" : the weights shipped with the package)."""
    return ValueModel.from_json(weights_json(path, BUNDLED_VALUE))


class StateScorer:
    """The value term of one task's search: `weight * -log p(on path)` of a grid state.

    The model is linear in the terms and a state's terms are the mean over its train pairs
    (products are taken within a pair), so its logit is the mean of one number per (example,
    value): each is computed once per value id and example, and a state costs a few additions."""

    def __init__(self, model: ValueModel, weight: float, outputs: Sequence[Grid], inputs: Sequence[Grid]) -> None:
        self.model = model
        self.weight = weight
        self.targets = tuple(_Target(output, input_grid) for output, input_grid in zip(outputs, inputs))
        # The products' weights folded once into a quadratic form f . Q . f, so that a part costs
        # an 18x18 product rather than building every product of the pair's features.
        self.offset, self.linear, self.quadratic = model.folded()
        self.memo: dict[tuple[int, int], float] = {}
        self.shared: dict | None = None   # (example, value id) -> its features, kept for the policy (policy.py)

    def __call__(self, values: Sequence[Grid], ids: Sequence[int]) -> float:
        memo = self.memo
        total = 0.0
        for i, target in enumerate(self.targets):
            key = (i, ids[i])
            part = memo.get(key)
            if part is None:
                features = np.array(_features(values[i], target))
                if self.shared is not None:
                    self.shared[key] = features
                part = float(self.linear @ features)
                if self.quadratic is not None:
                    part += float(features @ self.quadratic @ features)
                memo[key] = part
            total += part
        z = total / len(self.targets) + self.offset
        return self.weight * (math.log1p(math.exp(-z)) if z > -30 else -z)
