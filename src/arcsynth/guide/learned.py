"""The learned prior: the guide network's predictions, mixed with uniform (numpy only, no torch).

For a task, the network (run in numpy from the weights shipped in this package) gives for
each primitive the probability that the task's program uses it. Normalised over the registry
these make a distribution p_model; the prior is

    p(op | task) = (1 - lam) * p_model(op) + lam / N        (N primitives in the registry)

so that where the guide is wrong an operation costs at most ln(1 / lam) more than under the
uniform prior (lam = 0.3: at most ln(1/0.3) = 1.2 nats). Constants (colors 0..9, small integers) get the
same treatment within their own kind. Only the train pairs and the test inputs are read.
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import numpy as np

from arcsynth.dsl.registry import Registry
from arcsynth.guide.encode import encode_task, pair_planes
from arcsynth.guide.numpy_model import NumpyGuide
from arcsynth.task import Task

__all__ = ["LearnedPrior", "WEIGHTS_FILE", "DEFAULT_LAMBDA", "bundled_weights_path", "mix"]

WEIGHTS_FILE = "guide.npz"     # in arcsynth/guide/weights/, made by `arcsynth train` (see README)
DEFAULT_LAMBDA = 0.3           # share of uniform in the mixture; tuned on the held-out fold (bench/guide.py)


def bundled_weights_path() -> Path | None:
    """Path of the weights shipped in the package, or None when there are none."""
    entry = resources.files("arcsynth.guide").joinpath("weights", WEIGHTS_FILE)
    return Path(str(entry)) if entry.is_file() else None


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def mix(scores: Mapping[str, float], names: list[str], lam: float) -> dict[str, float]:
    """log((1 - lam) * s / sum(s) + lam / len(names)) for each name; names without a score get
    the median score (an operation the model has never seen is neither favoured nor shunned)."""
    if not names:
        return {}
    known = [scores[n] for n in names if n in scores]
    fill = float(np.median(known)) if known else 1.0
    values = np.array([max(scores.get(n, fill), 1e-12) for n in names], dtype=np.float64)
    mixed = (1.0 - lam) * values / values.sum() + lam / len(names)
    return {name: float(math.log(p)) for name, p in zip(names, mixed)}


class LearnedPrior:
    """The Prior of the guide network; remembers its last task's predictions (one forward pass
    serves both `log_probs` and `constant_log_probs`)."""

    name = "guide"

    def __init__(self, model: NumpyGuide, lam: float = DEFAULT_LAMBDA) -> None:
        if not 0.0 < lam <= 1.0:
            raise ValueError(f"lam must be in (0, 1], got {lam}")
        self.model = model
        self.lam = float(lam)
        self._last: tuple[Task, dict[str, float]] | None = None

    @classmethod
    def bundled(cls, lam: float = DEFAULT_LAMBDA) -> "LearnedPrior":
        """The prior with the weights shipped in this package (FileNotFoundError when absent)."""
        path = bundled_weights_path()
        if path is None:
            raise FileNotFoundError(f"no bundled guide weights (arcsynth/guide/weights/{WEIGHTS_FILE})")
        return cls(NumpyGuide.load(path), lam)

    @classmethod
    def from_file(cls, path: str | Path, lam: float = DEFAULT_LAMBDA) -> "LearnedPrior":
        """The prior with the weights of a file written by `arcsynth train`."""
        return cls(NumpyGuide.load(path), lam)

    def __getstate__(self) -> dict:
        # Pickled to worker processes: the cache stays behind.
        state = dict(self.__dict__)
        state["_last"] = None
        return state

    def scores(self, task: Task) -> dict[str, float]:
        """Probability, per output label, that the task's program uses it (sigmoid of the logits)."""
        if self._last is not None and self._last[0] is task:
            return self._last[1]
        encoded = encode_task(task)
        logits = self.model.logits(pair_planes(encoded.pairs)[None], encoded.pair_mask[None],
                                   encoded.features[None])[0]
        out = dict(zip(self.model.labels, _sigmoid(logits).tolist()))
        self._last = (task, out)
        return out

    def log_probs(self, task: Task, registry: Registry) -> Mapping[str, float]:
        """log p(op | task) for every primitive of `registry` (a distribution; each >= log(lam / N))."""
        scores = self.scores(task)
        return MappingProxyType(mix(scores, sorted(registry), self.lam))

    def constant_log_probs(self, task: Task) -> dict[str, float]:
        """log p of each constant within its kind: 'color:0'..'color:9' and 'int:k' for the
        model's small integers, each a distribution mixed with uniform like the primitives."""
        scores = self.scores(task)
        out: dict[str, float] = {}
        for prefix in ("color:", "int:"):
            names = [label for label in self.model.labels if label.startswith(prefix)]
            out.update(mix(scores, names, self.lam))
        return out
