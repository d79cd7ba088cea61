"""A task record (tasks/<id>.json): what one task's worker answered, how it scored and what it cost.

The harness builds a `TaskRecord` and writes `to_json()`; every reader (resume, results, the
report, export, compare) goes through `TaskRecord.from_json`, which checks the file as the
harness writes it and names the file and the key when it is not. `schema_version` says which
layout a file has: 1 is a record written before the field existed (the same keys), and a file of
a later version than this code knows is refused rather than misread (results.json's own version,
run_results.py, is checked the same way).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from arcsynth.data.ids import check_task_id
from arcsynth.data.validate import parse_grid
from arcsynth.errors import DataError

__all__ = ["RecordedAttempt", "OutputAttempts", "TaskRecord", "RECORD_SCHEMA_VERSION",
           "MAX_RECORD_NUMBER", "RECORD_KEYS", "schema_version", "versioned_object", "is_timestamp"]

RECORD_SCHEMA_VERSION = 2
MAX_RECORD_NUMBER = 1e9  # seconds, nodes or dollars beyond this are not a record the harness wrote
# Keys every task record has; the harness totals them when it resumes.
RECORD_KEYS = ("task_id", "status", "test", "cpu_seconds", "wall_seconds", "nodes")


@dataclass(frozen=True)
class RecordedAttempt:
    """One answer to a test input: the output grid (rows of colors) and the program that made it."""

    output: list[list[int]]
    program: str | None = None

    def to_json(self) -> dict:
        return {"output": self.output, "program": self.program}


@dataclass(frozen=True)
class OutputAttempts:
    """The attempts at one test output; `correct` is None when the expected output is not known."""

    attempts: tuple[RecordedAttempt, ...]
    correct: bool | None
    expected: list[list[int]] | None = None

    def to_json(self) -> dict:
        entry: dict[str, Any] = {"attempts": [attempt.to_json() for attempt in self.attempts], "correct": self.correct}
        if self.expected is not None:
            entry["expected"] = self.expected
        return entry


@dataclass(frozen=True)
class TaskRecord:
    """One finished task: the worker's status, the attempts per test input, the score and the cost."""

    task_id: str
    status: str                       # ok, or a failure (executor.SOLVER_FAILURES, INFRASTRUCTURE_FAILURES)
    test: tuple[OutputAttempts, ...]
    cpu_seconds: float
    wall_seconds: float
    nodes: float                      # search states the solver visited
    score: float | None = None        # share of test outputs solved; None when one is not known
    usd: float | None = None          # cpu_seconds at the run's price per CPU-hour
    error: str | None = None
    stats: dict = field(default_factory=dict)  # the solver's own figures (search: passes, depths, ...)
    solver: str | None = None
    finished_at: str | None = None    # ISO 8601
    retries: int = 0                  # runs again after an infrastructure failure (written when not 0)
    schema_version: int = RECORD_SCHEMA_VERSION

    def to_json(self) -> dict:
        data: dict[str, Any] = {
            "schema_version": self.schema_version,
            "task_id": self.task_id,
            "status": self.status,
            "error": self.error,
            "test": [entry.to_json() for entry in self.test],
            "score": self.score,
            "cpu_seconds": self.cpu_seconds,
            "wall_seconds": self.wall_seconds,
            "usd": self.usd,
            "nodes": self.nodes,
            "stats": self.stats,
            "solver": self.solver,
            "finished_at": self.finished_at,
        }
        if self.retries:
            data["retries"] = self.retries
        return data

    @classmethod
    def from_json(cls, raw: Any, path: Path) -> "TaskRecord":
        """The record in file `path`, checked; DataError naming the file and the bad key otherwise."""
        return _parse_record(raw, path)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_timestamp(value: Any) -> bool:
    """True for an ISO 8601 time."""
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def schema_version(raw: dict, file: str, newest: int) -> int:
    """The file's schema_version (1 when it has none); DataError when it is not one up to `newest`."""
    version = raw.get("schema_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataError(f"{version!r}, expected a positive integer", file=file,
                        path="schema_version")
    if version > newest:
        raise DataError(f"version {version} is newer than this arcsynth reads (up to {newest}); read it "
                        "with the version that wrote it", file=file, path="schema_version")
    return version


def versioned_object(raw: Any, file: str, newest: int, required: tuple[str, ...]) -> int:
    """The schema_version of `raw`, an object holding every key of `required`; DataError otherwise."""
    if not isinstance(raw, dict):
        raise DataError(f"expected an object, got {type(raw).__name__}", file=file)
    version = schema_version(raw, file, newest)
    for key in required:
        if key not in raw:
            raise DataError(f"missing key {key!r}", file=file, path="$")
    return version


def _parse_test_entry(entry: Any, file: str, where: str) -> OutputAttempts:
    if not isinstance(entry, dict) or not isinstance(entry.get("attempts"), list):
        raise DataError("expected an object with a list of attempts", file=file, path=where)
    correct = entry.get("correct", "missing")
    if correct not in (True, False, None):
        raise DataError(f"correct is {correct!r}, expected true, false or null", file=file, path=f"{where}.correct")
    expected = entry.get("expected")
    if expected is not None:
        parse_grid(expected, file=file, path=f"{where}.expected")
    attempts = []
    for number, attempt in enumerate(entry["attempts"]):
        if not isinstance(attempt, dict) or "output" not in attempt:
            raise DataError("expected an object with an output grid", file=file, path=f"{where}.attempts[{number}]")
        parse_grid(attempt["output"], file=file, path=f"{where}.attempts[{number}].output")
        if not isinstance(attempt.get("program") or "", str):
            raise DataError("program is not a string or null", file=file, path=f"{where}.attempts[{number}].program")
        attempts.append(RecordedAttempt(attempt["output"], attempt.get("program")))
    return OutputAttempts(tuple(attempts), correct, expected)


def _parse_record(record: Any, path: Path) -> TaskRecord:
    file = str(path)
    version = versioned_object(record, file, RECORD_SCHEMA_VERSION, RECORD_KEYS)
    check_task_id(record["task_id"], file=file, path="task_id")
    if record["task_id"] != path.stem:
        raise DataError(f"task_id {record['task_id']!r} does not match the file name", file=file, path="task_id")
    if not isinstance(record["status"], str):
        raise DataError(f"status is {record['status']!r}, expected a string", file=file, path="status")
    for key in ("cpu_seconds", "wall_seconds", "nodes", "usd", "score", "retries"):
        value = record.get(key)
        if not _is_number(value) and (value is not None or key in RECORD_KEYS):
            raise DataError(f"{key} is {value!r}, expected a number", file=file, path=key)
        if value is not None and not 0 <= value <= MAX_RECORD_NUMBER:  # NaN fails this too
            raise DataError(f"{key} is {value!r}, expected a number from 0 to {MAX_RECORD_NUMBER:g}", file=file,
                            path=key)
    if record.get("finished_at") is not None and not is_timestamp(record["finished_at"]):
        raise DataError(f"finished_at is {record['finished_at']!r}, expected an ISO 8601 time", file=file,
                        path="finished_at")
    for key in ("error", "solver"):
        if not isinstance(record.get(key) or "", str):
            raise DataError(f"{key} is {record[key]!r}, expected a string or null", file=file, path=key)
    if not isinstance(record.get("stats") or {}, dict):
        raise DataError("stats is not an object", file=file, path="stats")
    if not isinstance(record["test"], list):
        raise DataError(f"test is {type(record['test']).__name__}, expected a list", file=file, path="test")
    test = tuple(_parse_test_entry(entry, file, f"test[{index}]") for index, entry in enumerate(record["test"]))
    return TaskRecord(task_id=record["task_id"], status=record["status"], test=test,
                      cpu_seconds=record["cpu_seconds"], wall_seconds=record["wall_seconds"], nodes=record["nodes"],
                      score=record.get("score"), usd=record.get("usd"), error=record.get("error"),
                      stats=record.get("stats") or {}, solver=record.get("solver"),
                      finished_at=record.get("finished_at"), retries=int(record.get("retries") or 0),
                      schema_version=version)
