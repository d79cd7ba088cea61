"""What became of each task: solved, failed, a near miss, or unknown (no expected outputs)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["NEAR_MISS_CELL_FRACTION", "TaskOutcome", "cell_agreement", "task_outcome"]

# A wrong attempt is a near miss when it has the expected shape and at least this share of its
# cells is right. ("Most cells right": a stricter bar than half, so that copying the input
# onto a mostly-background output does not count.)
NEAR_MISS_CELL_FRACTION = 0.8

SOLVED = "solved"
PARTIAL = "partial"      # some test outputs solved, not all
FAILED = "failed"        # ran, no test output solved
ERROR = "error"          # the worker failed: error, timeout, memory, crashed
MISSING = "missing"      # never finished (an interrupted run)
UNKNOWN = "unknown"      # expected outputs not known, so neither solved nor failed


@dataclass(frozen=True)
class TaskOutcome:
    """A task's outcome for the report's filters."""

    kind: str                       # one of the constants above
    best_agreement: float | None    # best share of right cells among same-shape wrong attempts

    @property
    def solved(self) -> bool:
        return self.kind == SOLVED

    @property
    def failed(self) -> bool:
        """Not fully solved although its expected outputs are known (errors and missing included)."""
        return self.kind in (PARTIAL, FAILED, ERROR, MISSING)

    @property
    def near_miss(self) -> bool:
        return self.failed and self.best_agreement is not None and self.best_agreement >= NEAR_MISS_CELL_FRACTION


def cell_agreement(attempt: list[list[int]], expected: list[list[int]]) -> float | None:
    """The share of cells equal to the expected output, or None when the shapes differ."""
    got, want = np.asarray(attempt), np.asarray(expected)
    if got.shape != want.shape or want.size == 0:
        return None
    return float(np.mean(got == want))


def _best_agreement(record: dict) -> float | None:
    best = None
    for entry in record.get("test", []):
        if entry.get("correct") or entry.get("expected") is None:
            continue
        for attempt in entry.get("attempts", []):
            agreement = cell_agreement(attempt["output"], entry["expected"])
            if agreement is not None and (best is None or agreement > best):
                best = agreement
    return best


def task_outcome(record: dict | None) -> TaskOutcome:
    """Classify one task record (None: the task never finished)."""
    if record is None:
        return TaskOutcome(MISSING, None)
    correct = [entry.get("correct") for entry in record.get("test", [])]
    if record.get("status", "ok") != "ok":
        kind = UNKNOWN if correct and all(value is None for value in correct) else ERROR
        return TaskOutcome(kind, None)
    if not correct or any(value is None for value in correct):
        return TaskOutcome(UNKNOWN, None)
    if all(correct):
        return TaskOutcome(SOLVED, None)
    return TaskOutcome(PARTIAL if any(correct) else FAILED, _best_agreement(record))
