"""The solver boundary: what a solver returns and the protocol the harness calls."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from arcsynth.budget import Budget
from arcsynth.grid import Grid
from arcsynth.task import Task

__all__ = ["Attempt", "Solution", "Solver", "MAX_ATTEMPTS"]

MAX_ATTEMPTS = 2  # ARC rules: at most two attempts per test input


@dataclass(frozen=True, eq=False)
class Attempt:
    """One predicted output grid and the program text that made it (None if no program)."""

    output: Grid
    program: str | None = None


@dataclass(frozen=True, eq=False)
class Solution:
    """Per test input (in order) at most two attempts, plus search statistics."""

    attempts: tuple[tuple[Attempt, ...], ...]
    nodes: int = 0
    stats: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        for index, attempts in enumerate(self.attempts):
            if len(attempts) > MAX_ATTEMPTS:
                raise ValueError(f"test input {index}: {len(attempts)} attempts, at most {MAX_ATTEMPTS}")


@runtime_checkable
class Solver(Protocol):
    """Anything that answers a task (with test outputs removed) within a budget.

    A solver may also have `prepare()`: the harness calls it once before forking its workers,
    to import and build what every task needs (so that it is not charged to each task); and
    `settings()`: a JSON-able dict of what else changes its answers (its prior, its knobs), which
    the harness records in run.json and a resume must keep."""

    name: str

    def solve(self, task: Task, budget: Budget) -> Solution:
        """At most two attempts per test input of `task`."""
        ...
