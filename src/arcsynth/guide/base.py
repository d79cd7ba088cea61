"""The Prior protocol and the priors that need no model (no torch here).

A prior gives, for one task, the log-probability of each DSL operation (primitive) being used
by the program that solves it. The search turns these into costs, `-log p(op | task)`, and
explores programs in order of their summed cost.
"""

from __future__ import annotations

import math
from types import MappingProxyType
from typing import Mapping, Protocol, runtime_checkable

from arcsynth.dsl.registry import Registry
from arcsynth.task import Task

__all__ = ["Prior", "UniformPrior", "op_costs"]


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
