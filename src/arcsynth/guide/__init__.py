"""The guide: a prior over DSL operations for a task (layer 3 base here; models live beside it)."""

from arcsynth.guide.base import Prior, UniformPrior, op_costs

__all__ = ["Prior", "UniformPrior", "op_costs"]
