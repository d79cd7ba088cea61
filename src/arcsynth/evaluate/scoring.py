"""Scoring by ARC rules: a test output is solved when one of at most 2 attempts equals it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np

from arcsynth.grid import Grid
from arcsynth.solution import MAX_ATTEMPTS

if TYPE_CHECKING:
    from arcsynth.task import Task

__all__ = ["output_solved", "Scores", "aggregate_scores", "score_submission"]


def output_solved(expected: Grid, attempts: Sequence[Grid]) -> bool:
    """True when one of the first two attempts equals `expected` in shape and every cell."""
    return any(np.shape(attempt) == np.shape(expected) and np.array_equal(attempt, expected)
               for attempt in list(attempts)[:MAX_ATTEMPTS])


@dataclass(frozen=True)
class Scores:
    """The three ARC figures, always over every selected task."""

    score: float           # mean over tasks of the fraction of its test outputs solved (headline)
    score_strict: float    # share of tasks with every test output solved
    score_per_output: float  # solved test outputs / all test outputs
    tasks: int
    test_outputs: int
    solved_tasks: int
    solved_outputs: int


def aggregate_scores(per_task_correct: Iterable[Sequence[bool]]) -> Scores:
    """Scores from one list of per-output correctness per task (a missing task: all False)."""
    per_task = [list(correct) for correct in per_task_correct]
    tasks = len(per_task)
    outputs = sum(len(correct) for correct in per_task)
    solved_outputs = sum(sum(correct) for correct in per_task)
    fractions = [sum(correct) / len(correct) if correct else 0.0 for correct in per_task]
    solved_tasks = sum(1 for correct in per_task if correct and all(correct))
    return Scores(
        score=sum(fractions) / tasks if tasks else 0.0,
        score_strict=solved_tasks / tasks if tasks else 0.0,
        score_per_output=solved_outputs / outputs if outputs else 0.0,
        tasks=tasks,
        test_outputs=outputs,
        solved_tasks=solved_tasks,
        solved_outputs=solved_outputs,
    )


def score_submission(submission: dict[str, list[list]], tasks: Sequence["Task"]) -> Scores:
    """Score parsed Kaggle attempts (task id -> per test input, attempt grids) against `tasks`.

    A task missing from the submission, or a test input without an entry, counts as wrong.
    """
    per_task = []
    for task in tasks:
        entries = submission.get(task.id, [])
        correct = []
        for index, pair in enumerate(task.test):
            attempts = entries[index] if index < len(entries) else []
            grids = [np.asarray(grid) for grid in attempts if _is_grid_like(grid)]
            correct.append(output_solved(pair.output, grids))
        per_task.append(correct)
    return aggregate_scores(per_task)


def _is_grid_like(value: object) -> bool:
    try:
        return np.asarray(value).ndim == 2
    except (ValueError, TypeError):
        return False
