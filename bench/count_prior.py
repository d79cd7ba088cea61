"""Priors that need no model, kept for the benchmarks (bench/search.py --prior base|counts):
measured as no better than the uniform prior and the guide, they left the package.

BaseCostPrior prices each primitive by its author's base cost; CountPrior by how many training
tasks' verified programs used it, per task bucket (expert iteration without a network).
"""

from __future__ import annotations

import json
import math
from types import MappingProxyType
from typing import Iterable, Mapping

from arcsynth.dsl.registry import Registry
from arcsynth.errors import ProgramError
from arcsynth.program.text import parse_program
from arcsynth.task import Task

__all__ = ["BaseCostPrior", "CountPrior", "task_bucket", "count_programs"]


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
