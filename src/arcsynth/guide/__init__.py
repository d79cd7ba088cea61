"""The guide: a prior over DSL operations for a task (layer 3 base here; models live beside it)."""

from arcsynth.guide.base import BaseCostPrior, CountPrior, Prior, UniformPrior, op_costs, task_bucket

__all__ = ["Prior", "UniformPrior", "BaseCostPrior", "CountPrior", "op_costs", "task_bucket"]
