"""Which tasks the guide may learn from: the training splits, never an evaluation task.

Training inputs come from ARC-AGI-1 training and ARC-AGI-2 training. ARC-AGI-2 training holds
most ARC-AGI-1 evaluation tasks (376 by id), so every candidate is checked against the
fingerprints of both evaluation splits: a task is out when its id is an evaluation id, when
its content (its pairs, in any order) is an evaluation task's, or when any one of its input
grids is an input grid of an evaluation task. The held-out fold (100 ARC-AGI-1 training tasks
with hand-written programs, listed in `heldout_fold.json`) is out of every training source by
the same three tests, so that it measures generalisation honestly.

    sources = training_tasks()            # what generation, training and relabelling may read
    fold = heldout_fold()                 # ids kept out of all of them
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Iterable

from arcsynth.data import load_dataset
from arcsynth.grid import Grid, grid_key
from arcsynth.task import Task

__all__ = ["Fingerprints", "LeakageError", "training_tasks", "forbidden_fingerprints", "check_training_sources", "heldout_fold", "evaluation_fingerprints", "fingerprints_of",
           "task_content_hash", "grid_hash", "TRAINING_DATASETS", "EVALUATION_DATASETS", "FOLD_FILE",
           "FOLD_SIZE"]

TRAINING_DATASETS = ("arc1-train", "arc2-train")
EVALUATION_DATASETS = ("arc1-eval", "arc2-eval")
FOLD_FILE = "heldout_fold.json"   # in this package; written once by fold_from_program_ids
FOLD_SIZE = 100


def grid_hash(grid: Grid) -> str:
    """sha256 of a grid's shape and cells (hex)."""
    shape, data = grid_key(grid)
    return hashlib.sha256(f"{shape[0]}x{shape[1]}:".encode() + data).hexdigest()


def _pair_hash(input_grid: Grid, output_grid: Grid | None) -> str:
    out = "-" if output_grid is None else grid_hash(output_grid)
    return hashlib.sha256(f"{grid_hash(input_grid)}>{out}".encode()).hexdigest()


def task_content_hash(task: Task) -> str:
    """sha256 of a task's pairs (train and test together), insensitive to their order and to its id."""
    pairs = sorted(_pair_hash(pair.input, pair.output) for pair in (*task.train, *task.test))
    return hashlib.sha256("|".join(pairs).encode()).hexdigest()


class LeakageError(ValueError):
    """A task that training may not read (an evaluation or held-out task) was about to be read."""


@dataclass(frozen=True)
class Fingerprints:
    """Ids, content hashes and input-grid hashes of a set of tasks."""

    ids: frozenset[str]
    task_hashes: frozenset[str]
    input_hashes: frozenset[str]

    def matches(self, task: Task) -> bool:
        """True when `task` is one of these tasks by id, by content, or shares an input grid."""
        if task.id in self.ids or task_content_hash(task) in self.task_hashes:
            return True
        return any(grid_hash(pair.input) in self.input_hashes for pair in (*task.train, *task.test))

    def __or__(self, other: "Fingerprints") -> "Fingerprints":
        return Fingerprints(self.ids | other.ids, self.task_hashes | other.task_hashes,
                            self.input_hashes | other.input_hashes)


def fingerprints_of(tasks: Iterable[Task]) -> Fingerprints:
    """The fingerprints of `tasks`."""
    tasks = tuple(tasks)
    return Fingerprints(frozenset(task.id for task in tasks), frozenset(task_content_hash(t) for t in tasks),
                        frozenset(grid_hash(pair.input) for task in tasks for pair in (*task.train, *task.test)))


@cache
def evaluation_fingerprints() -> Fingerprints:
    """Ids and content hashes of every task of ARC-AGI-1 evaluation and ARC-AGI-2 evaluation."""
    return fingerprints_of(task for name in EVALUATION_DATASETS for task in load_dataset(name).tasks)


@cache
def heldout_fold() -> tuple[str, ...]:
    """The fixed fold of ARC-AGI-1 training task ids kept out of all training (sorted)."""
    raw = json.loads(resources.files("arcsynth.guide").joinpath(FOLD_FILE).read_text(encoding="utf-8"))
    return tuple(sorted(raw["task_ids"]))


def fold_from_program_ids(program_ids: Iterable[str], size: int = FOLD_SIZE) -> tuple[str, ...]:
    """The `size` ids with the smallest sha256 of the id (how the stored fold was chosen)."""
    ranked = sorted(set(program_ids), key=lambda task_id: hashlib.sha256(task_id.encode()).hexdigest())
    return tuple(sorted(ranked[:size]))


@cache
def _heldout_fingerprints() -> Fingerprints:
    fold = set(heldout_fold())
    return fingerprints_of(task for task in load_dataset("arc1-train").tasks if task.id in fold)


def forbidden_fingerprints() -> Fingerprints:
    """Every task that generation, training and relabelling may not read: both evaluation
    splits and the held-out fold."""
    return evaluation_fingerprints() | _heldout_fingerprints()


def check_training_sources(tasks: Iterable[Task]) -> None:
    """Raise LeakageError naming the first task that is, by id, content or a shared input
    grid, an evaluation or held-out task."""
    forbidden = forbidden_fingerprints()
    for task in tasks:
        if forbidden.matches(task):
            raise LeakageError(f"task {task.id!r} is an evaluation or held-out task (by id, content or an "
                               "input grid) and may not be used for training")


@cache
def training_tasks(include_arc2: bool = True) -> tuple[Task, ...]:
    """ARC-AGI-1 training (and ARC-AGI-2 training) minus every task that matches an evaluation
    task or a held-out task by id, content or a shared input grid; each id once, in order."""
    excluded = forbidden_fingerprints()
    names = TRAINING_DATASETS if include_arc2 else TRAINING_DATASETS[:1]
    kept: dict[str, Task] = {}
    contents: set[str] = set()
    for name in names:
        for task in load_dataset(name).tasks:
            content = task_content_hash(task)
            if task.id in kept or content in contents or excluded.matches(task):
                continue
            kept[task.id] = task
            contents.add(content)
    return tuple(kept.values())
