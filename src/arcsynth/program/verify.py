"""Run one program on every pair of a task and say, per pair, whether its output matches."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from arcsynth.dsl.registry import Registry
from arcsynth.errors import EvaluationError
from arcsynth.grid import Grid
from arcsynth.program.interpreter import compile_program
from arcsynth.program.limits import DEFAULT_LIMITS, Limits
from arcsynth.program.nodes import Program
from arcsynth.task import Task

__all__ = ["PairOutcome", "ProgramVerification", "verify_program", "MATCH", "WRONG", "ERROR", "UNKNOWN"]

MATCH = "match"      # the output equals the expected one
WRONG = "wrong"      # an output, but not the expected one
ERROR = "error"      # running failed (EvaluationError)
UNKNOWN = "unknown"  # the task withholds this pair's expected output


@dataclass(frozen=True)
class PairOutcome:
    """How the program did on one pair: `split` is train or test, `index` 1-based."""

    split: str
    index: int
    status: str
    detail: str = ""

    def describe(self) -> str:
        """`train 2: wrong (3 of 9 cells differ)`."""
        return f"{self.split} {self.index}: {self.status}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class ProgramVerification:
    """A program checked on every pair of one task (the outcome of each, train pairs first)."""

    task_id: str
    pairs: tuple[PairOutcome, ...]

    @property
    def solved(self) -> bool:
        """Every pair with a known output matches (and there is at least one such pair)."""
        known = [pair for pair in self.pairs if pair.status != UNKNOWN]
        return bool(known) and all(pair.status == MATCH for pair in known)

    @property
    def matched(self) -> int:
        """How many pairs match."""
        return sum(pair.status == MATCH for pair in self.pairs)

    @property
    def known(self) -> int:
        """How many pairs have a known expected output."""
        return sum(pair.status != UNKNOWN for pair in self.pairs)

    def first_failure(self) -> PairOutcome | None:
        """The first pair that is wrong or failed, if any."""
        return next((pair for pair in self.pairs if pair.status in (WRONG, ERROR)), None)


def verify_program(program: Program, task: Task, registry: Registry | None = None,
                   limits: Limits = DEFAULT_LIMITS) -> ProgramVerification:
    """Run `program` on each train and test input of `task` and compare with the expected outputs.

    Raises DslTypeError when the program is ill-typed; a failure while running is a pair's ERROR.
    """
    compiled = compile_program(program, registry, limits)
    outcomes: list[PairOutcome] = []
    for split, pairs in (("train", task.train), ("test", task.test)):
        for index, pair in enumerate(pairs, 1):
            try:
                output = compiled.run(pair.input)
            except EvaluationError as error:
                outcomes.append(PairOutcome(split, index, ERROR, str(error)))
                continue
            outcomes.append(_compare(split, index, output, pair.output))
    return ProgramVerification(task.id, tuple(outcomes))


def _compare(split: str, index: int, output: Grid, expected: Grid | None) -> PairOutcome:
    if expected is None:
        return PairOutcome(split, index, UNKNOWN, "no expected output")
    if output.shape != expected.shape:
        return PairOutcome(split, index, WRONG, f"output {_shape(output)}, expected {_shape(expected)}")
    differ = int(np.count_nonzero(output != expected))
    if differ:
        return PairOutcome(split, index, WRONG, f"{differ} of {expected.size} cells differ")
    return PairOutcome(split, index, MATCH)


def _shape(grid: Grid) -> str:
    return f"{grid.shape[0]}x{grid.shape[1]}"
