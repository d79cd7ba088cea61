"""The Kaggle submission format: task id -> one {attempt_1, attempt_2} per test input."""

from __future__ import annotations

from typing import Any

from arcsynth.errors import DataError

__all__ = ["PLACEHOLDER", "submission_entry", "parse_submission"]

PLACEHOLDER = [[0]]  # Kaggle wants both attempts present; an empty answer is a 1x1 zero grid


def submission_entry(attempt_grids: list[list]) -> dict:
    """{attempt_1, attempt_2} from up to two answer grids (nested lists)."""
    grids = list(attempt_grids[:2]) + [PLACEHOLDER] * (2 - min(2, len(attempt_grids)))
    return {"attempt_1": grids[0], "attempt_2": grids[1]}


def parse_submission(raw: Any, file: str) -> dict[str, list[list]]:
    """task id -> per test input the list of attempt grids, checked for shape."""
    if not isinstance(raw, dict):
        raise DataError(f"expected an object of task id -> attempts, got {type(raw).__name__}", file=file)
    parsed: dict[str, list[list]] = {}
    for task_id, entries in raw.items():
        if not isinstance(entries, list):
            raise DataError("expected a list with one entry per test input", file=file, path=task_id)
        per_input = []
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                raise DataError("expected an object with attempt_1 and attempt_2", file=file,
                                path=f"{task_id}[{index}]")
            per_input.append([entry[key] for key in ("attempt_1", "attempt_2") if key in entry])
        parsed[task_id] = per_input
    return parsed
