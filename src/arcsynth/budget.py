"""Compute budgets and the named compute levels (each about 10x the last)."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from arcsynth.errors import UsageError

__all__ = ["Budget", "LEVELS", "DEFAULT_LEVEL", "level_budget"]


@dataclass(frozen=True)
class Budget:
    """What a solver may spend on one task: CPU seconds and/or search nodes (None = unlimited)."""

    cpu_seconds: float | None = None
    max_nodes: int | None = None

    def __post_init__(self) -> None:
        if self.cpu_seconds is not None and not self.cpu_seconds > 0:
            raise UsageError(f"budget: cpu_seconds must be positive, got {self.cpu_seconds}")
        if self.max_nodes is not None and self.max_nodes <= 0:
            raise UsageError(f"budget: max_nodes must be positive, got {self.max_nodes}")


LEVELS: Mapping[str, Budget] = MappingProxyType({
    "tiny": Budget(cpu_seconds=1.0),
    "low": Budget(cpu_seconds=10.0),
    "medium": Budget(cpu_seconds=100.0),
    "high": Budget(cpu_seconds=1000.0),
})
DEFAULT_LEVEL = "tiny"


def level_budget(name: str) -> Budget:
    """The budget of a named compute level."""
    try:
        return LEVELS[name]
    except KeyError:
        raise UsageError(f"unknown compute level {name!r}; choose one of {', '.join(LEVELS)}") from None
