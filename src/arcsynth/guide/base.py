"""The Prior protocol and the priors that need no model (no torch here).

A prior gives, for one task, the log-probability of each DSL operation (primitive) being used
by the program that solves it. The search turns these into costs, `-log p(op | task)`, and
explores programs in order of their summed cost.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from types import MappingProxyType
from typing import Iterable, Mapping, Protocol, runtime_checkable

from arcsynth.dsl.registry import Registry
from arcsynth.errors import ProgramError
from arcsynth.program.text import parse_program
from arcsynth.task import Task

__all__ = ["Prior", "UniformPrior", "BaseCostPrior", "CountPrior", "op_costs", "task_bucket", "count_programs",
           "COUNTS_FILE"]

COUNTS_FILE = "op_counts.json"   # bundled in this package; written by bench/search.py --write-counts


@runtime_checkable
class Prior(Protocol):
    """Log-probabilities over the registry's primitives for one task."""

    name: str

    def log_probs(self, task: Task, registry: Registry) -> Mapping[str, float]:
        """`log p(op | task)` for every primitive name of `registry` (all finite, all <= 0)."""
        ...


class UniformPrior:
    """Every primitive equally likely: p(op) = 1 / number of primitives."""

    name = "uniform"

    def log_probs(self, task: Task, registry: Registry) -> Mapping[str, float]:
        names = sorted(registry)
        if not names:
            return MappingProxyType({})
        value = -math.log(len(names))
        return MappingProxyType({name: value for name in names})


class BaseCostPrior:
    """p(op) proportional to exp(-scale * base cost) of each registered primitive.

    The base costs are the primitive authors' judgement of how rare or expensive an
    operation is; with equal base costs this is the uniform prior.
    """

    name = "base-cost"

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = float(scale)

    def log_probs(self, task: Task, registry: Registry) -> Mapping[str, float]:
        names = sorted(registry)
        if not names:
            return MappingProxyType({})
        weights = {name: -self.scale * registry[name].cost for name in names}
        top = max(weights.values())
        log_total = top + math.log(sum(math.exp(w - top) for w in weights.values()))
        return MappingProxyType({name: w - log_total for name, w in weights.items()})


def task_bucket(task: Task) -> str:
    """A coarse class of the task read off its train pairs: 'same' (every output has its
    input's shape) or 'other'."""
    same = all(p.output is not None and p.output.shape == p.input.shape for p in task.train)
    return "same" if same and task.train else "other"


def count_programs(records: Iterable[tuple[str, Iterable[str]]], registry: Registry) -> dict[str, dict[str, float]]:
    """Per bucket (and 'all'), in how many tasks each primitive appears in a verified program.

    `records` are (bucket, program texts) per task; each primitive counts once per task.
    Programs that no longer parse (a primitive was renamed) are skipped.
    """
    counts: dict[str, dict[str, float]] = {"all": {}}
    for bucket, texts in records:
        used: set[str] = set()
        for text in texts:
            try:
                used.update(parse_program(text, registry).primitive_names())
            except ProgramError:
                continue
        for name in sorted(used):
            for key in ("all", bucket):
                counts.setdefault(key, {})
                counts[key][name] = counts[key].get(name, 0.0) + 1.0
    return counts


class CountPrior:
    """p(op | task) proportional to exp(-base cost) * (n_bucket(op) + backoff * n_all(op) + alpha).

    n_bucket counts the tasks of the task's bucket (see `task_bucket`) whose verified program
    used the operation, n_all those of every bucket: a prior learnt by the search itself from
    the training split (expert iteration without a network). With no counts it is BaseCostPrior.
    """

    name = "counts"

    def __init__(self, counts: Mapping[str, Mapping[str, float]] | None = None, alpha: float = 0.5,
                 backoff: float = 0.5, scale: float = 1.0) -> None:
        self.counts = {bucket: dict(table) for bucket, table in (counts or {}).items()}
        self.alpha = float(alpha)
        self.backoff = float(backoff)
        self.scale = float(scale)

    @classmethod
    def bundled(cls, **kwargs: float) -> "CountPrior":
        """The prior with the counts shipped in this package (none: no bonus for any operation)."""
        try:
            text = resources.files("arcsynth.guide").joinpath(COUNTS_FILE).read_text(encoding="utf-8")
            counts = json.loads(text).get("counts", {})
        except (OSError, ValueError):
            counts = {}
        return cls(counts, **kwargs)

    @classmethod
    def from_file(cls, path: str, **kwargs: float) -> "CountPrior":
        """The prior with the counts of a file written by bench/search.py --write-counts."""
        with open(path, encoding="utf-8") as handle:
            return cls(json.load(handle).get("counts", {}), **kwargs)

    def log_probs(self, task: Task, registry: Registry) -> Mapping[str, float]:
        names = sorted(registry)
        if not names:
            return MappingProxyType({})
        table = self.counts.get(task_bucket(task), {})
        overall = self.counts.get("all", {})
        weights = {name: -self.scale * registry[name].cost
                   + math.log(table.get(name, 0.0) + self.backoff * overall.get(name, 0.0) + self.alpha)
                   for name in names}
        top = max(weights.values())
        log_total = top + math.log(sum(math.exp(w - top) for w in weights.values()))
        return MappingProxyType({name: w - log_total for name, w in weights.items()})


def op_costs(prior: Prior, task: Task, registry: Registry) -> dict[str, float]:
    """`-log p(op | task)` per primitive; a primitive the prior omits gets the worst given cost + 1."""
    log_probs = prior.log_probs(task, registry)
    finite = [-lp for lp in log_probs.values() if math.isfinite(lp)]
    fallback = (max(finite) + 1.0) if finite else math.log(max(1, len(registry)))
    costs: dict[str, float] = {}
    for name in sorted(registry):
        lp = log_probs.get(name)
        costs[name] = -lp if lp is not None and math.isfinite(lp) else fallback
    return costs
