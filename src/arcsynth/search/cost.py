"""The search's cost model: what each operation and each constant argument costs on one task.

The search orders programs by summed cost. A cost is a negative log-probability, so a prior
(the uniform one, or the learned guide) fills the model and the search never needs to know
which: `op` prices each primitive, `constant` each constant argument by kind and value (a
color, an integer, a direction...), and `conditional` optionally adds a price for a primitive
given the primitive that produced one of its arguments.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Mapping

__all__ = ["CostModel", "constant_kind"]

_EMPTY: Mapping = MappingProxyType({})


def constant_kind(type_name: str) -> str:
    """The kind under which constants of a DSL type are priced: 'color', 'int', 'bool', ..."""
    return type_name.lower()


@dataclass(frozen=True)
class CostModel:
    """Per-task costs; every cost is finite and non-negative.

    op:          primitive name -> cost of one call (-log p(op | task)).
    constant:    (kind, value) -> cost of that constant as an argument, e.g. ('color', 3);
                 a constant it omits costs `constant_base` plus `rank_step` per rank (the
                 constants of a kind are ranked by how likely the task makes them).
    conditional: (producer, consumer) -> extra cost (may be negative, never below -op[consumer])
                 when an argument of `consumer` was made by `producer`.
    """

    op: Mapping[str, float]
    constant: Mapping[tuple[str, object], float] = field(default_factory=lambda: _EMPTY)
    conditional: Mapping[tuple[str, str], float] = field(default_factory=lambda: _EMPTY)
    constant_base: float = 1.0
    rank_step: float = 0.05

    def __post_init__(self) -> None:
        for name, cost in self.op.items():
            if not (math.isfinite(cost) and cost >= 0):
                raise ValueError(f"CostModel: cost of {name!r} must be finite and >= 0, got {cost}")
        for key, cost in self.constant.items():
            if not (math.isfinite(cost) and cost >= 0):
                raise ValueError(f"CostModel: cost of constant {key!r} must be finite and >= 0, got {cost}")

    @classmethod
    def uniform(cls, names: list[str] | tuple[str, ...]) -> "CostModel":
        """Every primitive equally likely (cost ln N); constants by rank only."""
        cost = math.log(max(1, len(names)))
        return cls({name: cost for name in names})

    @classmethod
    def of(cls, costs: "CostModel | Mapping[str, float] | None", names: Iterable[str]) -> "CostModel":
        """`costs` as a CostModel over the primitives `names`: a CostModel as it is, None uniform,
        a mapping primitive -> cost pricing the names it has (the others uniform)."""
        if isinstance(costs, CostModel):
            return costs
        names = sorted(names)
        uniform = math.log(max(1, len(names)))
        return cls({name: float((costs or {}).get(name, uniform)) for name in names})

    def constant_cost(self, kind: str, value: object, rank: int) -> float:
        """The cost of one constant argument of `kind` with `value`, ranked `rank` among its kind."""
        cost = self.constant.get((kind, value))
        if cost is None:
            return self.constant_base + self.rank_step * rank
        return cost

    def conditional_cost(self, producer: str | None, consumer: str) -> float:
        """The extra cost of calling `consumer` on a value made by `producer` (0 when unknown)."""
        if producer is None or not self.conditional:
            return 0.0
        return self.conditional.get((producer, consumer), 0.0)

    def min_conditional(self, consumer: str) -> float:
        """The lowest conditional cost `consumer` can get (0 when none is negative): a bound."""
        if not self.conditional:
            return 0.0
        return min([0.0] + [c for (_, cons), c in self.conditional.items() if cons == consumer])
