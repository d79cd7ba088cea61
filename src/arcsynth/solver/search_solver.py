"""The search solver: a prior (the guide) wired into the typed program search."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from arcsynth.budget import Budget
from arcsynth.dsl.registry import Registry, default_registry
from arcsynth.guide.base import Prior, UniformPrior, op_costs
from arcsynth.search import SearchConfig, choose_attempts, search
from arcsynth.solution import Solution
from arcsynth.task import Task

__all__ = ["SearchSolver"]


@dataclass
class SearchSolver:
    """Best-first typed program search under a prior; two attempts per test input."""

    name: str = "search"
    prior: Prior = field(default_factory=UniformPrior)
    config: SearchConfig = field(default_factory=SearchConfig)
    registry: Registry | None = None
    seed: int = 0

    def solve(self, task: Task, budget: Budget) -> Solution:
        started = time.process_time()
        registry = self.registry if self.registry is not None else default_registry()
        costs = op_costs(self.prior, task, registry)
        result = search(task, budget, costs, registry, self.config)
        attempts, record = choose_attempts(result.candidates, len(task.test))
        stats = result.stats.as_dict()
        stats.update(record)
        stats["prior"] = self.prior.name
        stats["solved_train"] = result.solved
        stats["best_program"] = result.candidates[0].text if result.candidates else None
        stats["solver_cpu_seconds"] = round(time.process_time() - started, 4)
        return Solution(attempts, nodes=result.stats.nodes, stats=stats)
