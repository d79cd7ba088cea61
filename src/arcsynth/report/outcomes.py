"""What became of each task: solved, failed, a near miss, or unknown (no expected outputs)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from arcsynth.evaluate.records import TaskRecord

__all__ = ["NEAR_MISS_CELL_FRACTION", "RecordOutcome", "foreground_agreement", "record_outcome"]

# A wrong attempt is a near miss when it has the expected shape and most of its cells are right,
# counting only the cells that are not background (0) in both the attempt and the expected
# output: otherwise a copy of the input onto a mostly black grid would count as "most cells right".
NEAR_MISS_CELL_FRACTION = 0.75
BACKGROUND = 0

SOLVED = "solved"
PARTIAL = "partial"      # some test outputs solved, not all
FAILED = "failed"        # ran, no test output solved
ERROR = "error"          # the worker failed: error, timeout, memory, crashed
MISSING = "missing"      # never finished (an interrupted run)
UNKNOWN = "unknown"      # expected outputs not known, so neither solved nor failed


@dataclass(frozen=True)
class RecordOutcome:
    """What a task record shows, for the report's filters: solved, partial, failed, error, missing or unknown."""

    kind: str                       # one of the constants above
    best_agreement: float | None    # best foreground agreement among same-shape wrong attempts
    errored: bool = False           # the worker failed (error, timeout, memory, crashed), answer known or not

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


def foreground_agreement(attempt: list[list[int]], expected: list[list[int]]) -> float | None:
    """The share of right cells among those that are not background in the attempt or the expected
    output (1.0 when both are all background); None when the shapes differ."""
    got, want = np.asarray(attempt), np.asarray(expected)
    if got.shape != want.shape or want.size == 0:
        return None
    counted = (got != BACKGROUND) | (want != BACKGROUND)
    if not counted.any():
        return 1.0
    return float(np.mean(got[counted] == want[counted]))


def _best_agreement(record: TaskRecord) -> float | None:
    best = None
    for entry in record.test:
        if entry.correct or entry.expected is None:
            continue
        for attempt in entry.attempts:
            agreement = foreground_agreement(attempt.output, entry.expected)
            if agreement is not None and (best is None or agreement > best):
                best = agreement
    return best


def record_outcome(record: TaskRecord | None) -> RecordOutcome:
    """Classify one task record (None: the task never finished)."""
    if record is None:
        return RecordOutcome(MISSING, None)
    correct = [entry.correct for entry in record.test]
    if record.status != "ok":
        kind = UNKNOWN if correct and all(value is None for value in correct) else ERROR
        return RecordOutcome(kind, None, errored=True)
    if not correct or any(value is None for value in correct):
        return RecordOutcome(UNKNOWN, None)
    if all(correct):
        return RecordOutcome(SOLVED, None)
    return RecordOutcome(PARTIAL if any(correct) else FAILED, _best_agreement(record))
