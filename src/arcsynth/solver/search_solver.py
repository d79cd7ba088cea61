"""The search solver: a prior (the guide) wired into the typed program search."""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field

from arcsynth.budget import Budget
from arcsynth.dsl.registry import Registry, default_registry
from arcsynth.guide.base import Prior, op_costs
from arcsynth.search import CostModel, SearchConfig, choose_attempts, search
from arcsynth.search.depth2 import warm_probe_cache
from arcsynth.search.library import library_registry
from arcsynth.solution import Solution
from arcsynth.solver.priors import default_prior
from arcsynth.task import Task

__all__ = ["SearchSolver", "cost_model"]

def cost_model(prior: Prior, task: Task, registry: Registry) -> CostModel:
    """The search's cost model for `task` from a prior: -log p(op | task) per primitive, and,
    when the prior also scores constants (`constant_log_probs`, keys like 'color:3'), a cost per
    constant that is cheaper than the default by how much likelier than uniform it is."""
    ops = op_costs(prior, task, registry)
    constants: dict[tuple[str, object], float] = {}
    scorer = getattr(prior, "constant_log_probs", None)
    if scorer is not None:
        by_kind: dict[str, dict[int, float]] = {}
        for key, log_prob in scorer(task).items():
            kind, _, text = key.partition(":")
            try:
                by_kind.setdefault(kind, {})[int(text)] = log_prob
            except ValueError:
                continue
        for kind, scores in by_kind.items():
            uniform = -math.log(len(scores))   # the prior spreads one distribution over its kind's values
            for value, log_prob in scores.items():
                if math.isfinite(log_prob):
                    constants[(kind, value)] = min(4.0, max(0.1, 1.0 - (log_prob - uniform)))
    return CostModel(ops, constants)


@dataclass
class SearchSolver:
    """Best-first typed program search under a prior (default: the shipped guide); two attempts
    per test input."""

    name: str = "search"
    prior: Prior = field(default_factory=default_prior)
    config: SearchConfig = field(default_factory=SearchConfig)
    registry: Registry | None = None
    seed: int = 0
    # Facts about the primitives' behaviour (size rules read off probe grids) kept between tasks.
    probe_cache: dict = field(default_factory=dict, repr=False, compare=False)

    def prepare(self) -> None:
        """Import and build the registry and probe the depth-2 operations now (the harness calls
        this before forking its workers, so that a task's CPU seconds are its own search and not
        module imports or probing, about 1 CPU-second once, that every worker would repeat)."""
        registry = self.registry if self.registry is not None else default_registry()
        if self.config.library:      # the learned operations are probed too (and a bad file fails here)
            registry = library_registry(self.config.library, registry)
        if not self.probe_cache and self.config.depth2_share > 0:
            warm_probe_cache(registry, self.probe_cache)
        if self.config.layers_depth > 0:
            from arcsynth.search.ops import compile_all   # numba: only when the layers run
            compile_all()

    def settings(self) -> dict:
        """What, besides the budget and the seed, changes this solver's answers: the prior and the
        search's knobs (the harness records them, and a resume must keep them)."""
        return {"prior": self.prior.name, "search": asdict(self.config)}

    def solve(self, task: Task, budget: Budget) -> Solution:
        started = time.process_time()
        registry = self.registry if self.registry is not None else default_registry()
        costs = cost_model(self.prior, task, registry)
        result = search(task, budget, costs, registry, self.config, probe_cache=self.probe_cache)
        attempts, record = choose_attempts(result.candidates, len(task.test))
        stats = result.stats.as_dict()
        stats.update(record)
        stats["prior"] = self.prior.name
        stats["solved_train"] = result.solved
        stats["best_program"] = result.candidates[0].text if result.candidates else None
        if result.samples:
            stats["samples"] = list(result.samples)
        stats["solver_cpu_seconds"] = round(time.process_time() - started, 4)
        return Solution(attempts, nodes=result.stats.nodes, stats=stats)
