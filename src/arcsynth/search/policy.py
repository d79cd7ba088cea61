"""A policy over grid states: which operation a state is likely to be extended with next.

The per-task prior prices each primitive once per task; the policy conditions on the state.
A softmax regression over primitives reads the state's features against the train pairs (the
value model's FEATURES, value.py, and three against the input: same shape, |log area ratio|,
colour count), averaged over the train pairs, and gives p(next operation | state). The kernel
adds `weight * max(0, log p(op) - log p(op | state))` to the cost of expanding a grid state with
`op` (p(op): the policy's own marginal, its bias alone), so that a state only moves the
operations it makes less likely than they are anywhere; operations the policy never saw cost
nothing extra.

Trained by bench/policy.py on the traces of the system's own search (bench/traces.py); the
weights are JSON, inference is numpy only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from arcsynth.grid import Grid
from arcsynth.search.value import FEATURES, _features, _Target, weights_json

__all__ = ["POLICY_FEATURES", "PolicyModel", "PolicyScorer", "policy_features", "load_policy_model",
           "BUNDLED_POLICY"]

BUNDLED_POLICY = "policy_weights.json"   # in this package

POLICY_FEATURES = FEATURES + (
    "input_shape",         # the state has the example input's shape
    "input_log_area",      # |ln(area of state / area of input)|
    "n_colors",            # colours in the state / 10
)
N_POLICY = len(POLICY_FEATURES)


def _pair_features(state: Grid, target: _Target) -> list[float]:
    x = target.input
    return _features(state, target) + [float(state.shape == x.shape), abs(math.log(state.size / x.size)),
                                       int(np.count_nonzero(np.bincount(state.ravel(), minlength=10))) / 10]


def policy_features(states: Sequence[Grid], outputs: Sequence[Grid], inputs: Sequence[Grid]) -> np.ndarray:
    """A state's POLICY_FEATURES (one grid per train pair), averaged over the train pairs."""
    return np.mean([_pair_features(s, _Target(t, x)) for s, t, x in zip(states, outputs, inputs)], axis=0)


@dataclass(frozen=True, eq=False)
class PolicyModel:
    """Softmax regression on standardised features: p(op | state) = softmax(W (f - mean) / scale + b)."""

    ops: tuple[str, ...]   # (C,) the primitives it scores
    weights: np.ndarray    # (C, F)
    bias: np.ndarray       # (C,): alone, the marginal p(op)
    mean: np.ndarray       # (F,)
    scale: np.ndarray      # (F,), > 0

    def log_probs(self, features: np.ndarray) -> np.ndarray:
        """log p(op | state) over `ops`; features (..., F) -> (..., C)."""
        logits = ((features - self.mean) / self.scale) @ self.weights.T + self.bias
        top = logits.max(axis=-1, keepdims=True)
        return logits - top - np.log(np.exp(logits - top).sum(axis=-1, keepdims=True))

    def marginal(self) -> np.ndarray:
        """log p(op) of the bias alone."""
        top = self.bias.max()
        return self.bias - top - math.log(float(np.exp(self.bias - top).sum()))

    def to_json(self) -> dict:
        return {"features": list(POLICY_FEATURES), "ops": list(self.ops), "weights": self.weights.tolist(),
                "bias": self.bias.tolist(), "mean": self.mean.tolist(), "scale": self.scale.tolist()}

    @classmethod
    def from_json(cls, raw: dict) -> "PolicyModel":
        if list(raw.get("features", ())) != list(POLICY_FEATURES):
            raise ValueError("policy weights: their features are not this module's POLICY_FEATURES")
        model = cls(tuple(raw["ops"]), np.asarray(raw["weights"], dtype=float), np.asarray(raw["bias"], dtype=float),
                    np.asarray(raw["mean"], dtype=float), np.asarray(raw["scale"], dtype=float))
        c = len(model.ops)
        if model.weights.shape != (c, N_POLICY) or model.bias.shape != (c,) \
                or not (model.mean.shape == model.scale.shape == (N_POLICY,)) or not (model.scale > 0).all() \
                or not np.isfinite(model.weights).all():
            raise ValueError("policy weights: malformed arrays")
        return model


@lru_cache(maxsize=4)
def load_policy_model(path: str = "") -> PolicyModel:
    """The policy model in the JSON file `path` ("": the weights shipped with the package)."""
    return PolicyModel.from_json(weights_json(path, BUNDLED_POLICY))


class PolicyScorer:
    """The policy term of one task's search: per grid state, an extra cost per primitive.

    `penalties(values, ids, columns)` gives `weight * min(cap, max(0, log p(op) - log p(op | state)))`
    for each op of `columns` (indices into the model's ops; -1: an op the model does not score, 0).
    A state's features are the mean of one vector per (example, value id), each computed once;
    `shared` holds the value model's features of a value (value.StateScorer fills it), which the
    policy's own extend."""

    def __init__(self, model: PolicyModel, weight: float, outputs: Sequence[Grid], inputs: Sequence[Grid],
                 cap: float = 6.0) -> None:
        self.weight = weight
        self.cap = cap
        self.targets = tuple(_Target(output, input_grid) for output, input_grid in zip(outputs, inputs))
        self.index = {op: k for k, op in enumerate(model.ops)}
        # logits = W' f + b' on raw features: the standardisation folded in once.
        self.linear = model.weights / model.scale                       # (C, F)
        self.offset = model.bias - self.linear @ model.mean             # (C,)
        self.marginal = model.marginal()
        self.drop = np.zeros(len(model.ops) + 1)   # the last entry stays 0: the column of unscored ops
        self.memo: dict[tuple[int, int], np.ndarray] = {}
        self.shared: dict[tuple[int, int], np.ndarray] = {}

    def columns(self, ops: Sequence[str]) -> np.ndarray:
        """The model's index of each op (-1 where it has none)."""
        return np.array([self.index.get(op, -1) for op in ops], dtype=np.int64)

    def _row(self, i: int, value: Grid, value_id: int) -> np.ndarray:
        key = (i, value_id)
        row = self.memo.get(key)
        if row is None:
            base = self.shared.get(key)
            if base is None:
                base = _features(value, self.targets[i])
            x = self.targets[i].input
            extra = [float(value.shape == x.shape), abs(math.log(value.size / x.size)),
                     int(np.count_nonzero(np.bincount(value.ravel(), minlength=10))) / 10]
            row = self.memo[key] = np.concatenate([base, extra])
        return row

    def penalties(self, values: Sequence[Grid], ids: Sequence[int], columns: np.ndarray) -> np.ndarray:
        total = self._row(0, values[0], ids[0])
        for i in range(1, len(self.targets)):
            total = total + self._row(i, values[i], ids[i])
        logits = self.linear @ (total / len(self.targets)) + self.offset
        top = logits.max()
        log_p = logits - (top + math.log(float(np.exp(logits - top).sum())))
        drop = self.drop
        np.clip(self.marginal - log_p, 0.0, self.cap, out=drop[:-1])
        return drop[columns] * self.weight
