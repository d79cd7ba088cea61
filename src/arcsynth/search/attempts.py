"""Two attempts per test input from ranked candidates: the best program's prediction, then the
best program whose prediction differs. Alternatives not used are recorded."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from arcsynth.search.result import Candidate
from arcsynth.solution import MAX_ATTEMPTS, Attempt

__all__ = ["choose_attempts"]


def choose_attempts(candidates: Sequence[Candidate], test_count: int,
                    max_recorded: int = 5) -> tuple[tuple[tuple[Attempt, ...], ...], dict]:
    """Per test input at most two attempts, and a record of the alternatives dropped."""
    ranked = sorted(candidates, key=Candidate.rank_key)
    attempts: list[tuple[Attempt, ...]] = []
    dropped: list[dict] = []
    for index in range(test_count):
        chosen: list[Attempt] = []
        for candidate in ranked:
            if index >= len(candidate.predictions):
                continue
            prediction = candidate.predictions[index]
            same = any(a.output.shape == prediction.shape and np.array_equal(a.output, prediction) for a in chosen)
            if same or len(chosen) >= MAX_ATTEMPTS:
                if len(dropped) < max_recorded * max(1, test_count):
                    dropped.append({"test": index, "program": candidate.text, "origin": candidate.origin,
                                    "train_solved": candidate.train_solved, "cost": round(candidate.cost, 3),
                                    "reason": "same prediction" if same else "third or later"})
                continue
            chosen.append(Attempt(prediction, candidate.text))
        attempts.append(tuple(chosen))
    return tuple(attempts), {"dropped_alternatives": dropped, "candidates": len(ranked)}
