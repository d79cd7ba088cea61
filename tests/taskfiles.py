"""Task files written to a temporary folder, for tests of loading, the harness and the CLI."""

from __future__ import annotations

import json
from pathlib import Path


def flip_task(task_id: str = "flip", solvable: bool = True) -> dict:
    """A task whose answer is the input mirrored left-right (or, if not solvable, a constant)."""
    def answer(grid: list[list[int]]) -> list[list[int]]:
        return [row[::-1] for row in grid] if solvable else [[task_id.__len__() % 10]]

    inputs = [[[1, 2, 3], [4, 5, 6]], [[0, 7], [8, 9]], [[3, 3, 1]]]
    test_inputs = [[[2, 0], [0, 1]], [[5, 6, 7]]]
    return {
        "train": [{"input": grid, "output": answer(grid)} for grid in inputs],
        "test": [{"input": grid, "output": answer(grid)} for grid in test_inputs],
    }


def write_task(folder: Path, task_id: str, task: dict) -> Path:
    """Write one task file `<task_id>.json`."""
    path = folder / f"{task_id}.json"
    path.write_text(json.dumps(task))
    return path


def write_task_folder(folder: Path, count: int) -> Path:
    """A folder of `count` tasks: the even-numbered ones are solvable by a flip."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        write_task(folder, f"t{index:02d}", flip_task(f"t{index:02d}", solvable=index % 2 == 0))
    return folder
