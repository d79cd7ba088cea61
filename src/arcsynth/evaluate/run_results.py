"""results.json: a run's scores, costs, search figures and settings, as one typed object.

The harness builds a `RunResults` from the task records and writes `to_json()`; the report,
compare, chart, curve and export read the file back through `RunResults.from_json`, which names
the file and the key of anything the harness would not have written. The JSON keys are the ones
results.json has always had. `schema_version` 1 is a file written before the field existed (the
same keys). The keys every results.json has held since the first harness (REQUIRED_KEYS) must be
there; a key added since (tasks_scored, infrastructure_failures, the search figures, prior,
git_dirty, the limits) reads as null or empty when an older file lacks it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable

from arcsynth.errors import DataError
from arcsynth.evaluate.records import is_timestamp, versioned_object

__all__ = ["RunResults", "RESULTS_SCHEMA_VERSION", "REQUIRED_KEYS", "NOT_NULL", "RUN_SETTING_KEYS"]

RESULTS_SCHEMA_VERSION = 2  # 1: results.json written before the field existed (the same keys)


@dataclass(frozen=True, kw_only=True)
class RunResults:
    """A run's aggregate figures (results.json). Scores are None when no task's test outputs are
    known; figures a run folder's records cannot give (when results.json is missing) are None."""

    schema_version: int = RESULTS_SCHEMA_VERSION
    # Scores by ARC rules over the tasks whose test outputs are known.
    score: float | None = None             # mean over tasks of the share of its test outputs solved
    score_strict: float | None = None      # share of tasks with every test output solved
    score_per_output: float | None = None  # solved test outputs over all test outputs
    tasks: int                             # tasks selected
    test_outputs: int | None = None
    solved_tasks: int | None = None
    solved_outputs: int | None = None
    tasks_scored: int | None = None        # tasks with known test outputs
    tasks_without_solutions: int | None = None
    # How the run went.
    tasks_finished: int
    complete: bool                         # every task answered, no interrupt, no worker lost
    statuses: dict[str, int] = field(default_factory=dict)
    infrastructure_failures: tuple[str, ...] = ()  # task ids whose workers were killed or lost
    # Cost.
    cpu_seconds_total: float = 0.0
    cpu_seconds_per_task: float = 0.0
    wall_seconds_per_task: float | None = None
    usd_total: float = 0.0
    usd_per_task: float = 0.0
    nodes_per_task: float | None = None
    # The search's figures (evaluate/search_figures.py).
    states_per_cpu_second_median: float | None = None
    distinct_states_per_cpu_second_median: float | None = None
    complete_depth_counts: dict[str, int] = field(default_factory=dict)
    cpu_share_by_pass: dict[str, float] = field(default_factory=dict)
    # Settings and provenance, as run.json holds them.
    data: str | None = None
    data_version: str | None = None
    level: str | None = None
    budget_seconds: float | None = None
    budget_nodes: int | None = None
    seed: int | None = None
    solver: str | None = None
    prior: str | None = None
    workers: int | None = None
    price_per_cpu_hour: float | None = None
    git_sha: str | None = None
    git_dirty: str | None = None
    version: str | None = None
    time_limit_seconds: float | None = None
    memory_limit_mb: int | None = None
    started_at: str | None = None          # ISO 8601
    finished_at: str | None = None
    wall_seconds_run: float | None = None
    recomputed: bool = False               # made from the records (no results.json); never written so

    def to_json(self) -> dict:
        data: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name == "recomputed":
                continue
            data[item.name] = list(value) if isinstance(value, tuple) else dict(value) if isinstance(value, dict) \
                else value
        if self.recomputed:
            data["recomputed"] = True
        return data

    @classmethod
    def from_json(cls, raw: Any, path: Path) -> "RunResults":
        """The results.json in file `path`, checked; DataError naming the file and the key otherwise."""
        file = str(path)
        version = versioned_object(raw, file, RESULTS_SCHEMA_VERSION, REQUIRED_KEYS)
        values: dict[str, Any] = {"schema_version": version}
        for key, (check, expected) in _CHECKS.items():
            value = raw.get(key)
            if value is None and key not in NOT_NULL:
                continue
            if not check(value):
                raise DataError(f"{key} is {value!r}, expected {expected}", file=file, path=key)
            values[key] = tuple(value) if isinstance(value, list) else value
        return cls(**values)


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_count(value: Any) -> bool:
    return _is_integer(value) and value >= 0


def _is_amount(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < math.inf  # not NaN


def _is_share(value: Any) -> bool:
    return _is_amount(value) and value <= 1


def _is_price(value: Any) -> bool:
    return _is_amount(value) and value > 0


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _object_of(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, dict) and all(check(item) for item in value.values())


def _is_id_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


_COUNT = (_is_count, "a whole number from 0 up")
_AMOUNT = (_is_amount, "a number from 0 up")
_SHARE = (_is_share, "a number from 0 to 1")
_TEXT = (_is_text, "a string or null")
_TIME = (is_timestamp, "an ISO 8601 time")
# Every key of results.json (but schema_version), its check and what the check expects.
_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "score": _SHARE, "score_strict": _SHARE, "score_per_output": _SHARE,
    "tasks": _COUNT, "test_outputs": _COUNT, "solved_tasks": _COUNT, "solved_outputs": _COUNT,
    "tasks_scored": _COUNT, "tasks_without_solutions": _COUNT, "tasks_finished": _COUNT,
    "complete": (lambda value: isinstance(value, bool), "true or false"),
    "statuses": (_object_of(_is_count), "an object of status -> count"),
    "infrastructure_failures": (_is_id_list, "a list of task ids"),
    "cpu_seconds_total": _AMOUNT, "cpu_seconds_per_task": _AMOUNT, "wall_seconds_per_task": _AMOUNT,
    "usd_total": _AMOUNT, "usd_per_task": _AMOUNT, "nodes_per_task": _AMOUNT,
    "states_per_cpu_second_median": _AMOUNT, "distinct_states_per_cpu_second_median": _AMOUNT,
    "complete_depth_counts": (_object_of(_is_count), "an object of depth -> count"),
    "cpu_share_by_pass": (_object_of(_is_share), "an object of pass -> share of the CPU from 0 to 1"),
    "data": _TEXT, "data_version": _TEXT, "level": _TEXT, "budget_seconds": _AMOUNT, "budget_nodes": _COUNT,
    "seed": (_is_integer, "a whole number"), "solver": _TEXT, "prior": _TEXT, "workers": _COUNT,
    "price_per_cpu_hour": (_is_price, "a positive price"), "git_sha": _TEXT, "git_dirty": _TEXT,
    "version": _TEXT, "time_limit_seconds": _AMOUNT, "memory_limit_mb": _COUNT,
    "started_at": _TIME, "finished_at": _TIME, "wall_seconds_run": _AMOUNT,
    "recomputed": (lambda value: isinstance(value, bool), "true or false"),
}
# The keys of the first harness's results.json (2026-11-26): every file written since has them.
REQUIRED_KEYS = ("score", "score_strict", "score_per_output", "solved_tasks", "solved_outputs", "tasks",
                 "test_outputs", "tasks_finished", "complete", "statuses", "cpu_seconds_total",
                 "cpu_seconds_per_task", "wall_seconds_per_task", "usd_total", "usd_per_task", "nodes_per_task",
                 "data", "data_version", "level", "budget_seconds", "budget_nodes", "seed", "solver", "workers",
                 "price_per_cpu_hour", "git_sha", "version", "started_at", "finished_at", "wall_seconds_run")
# The settings and provenance results.json repeats from run.json.
RUN_SETTING_KEYS = ("data", "data_version", "level", "budget_seconds", "budget_nodes", "seed", "solver", "prior",
                    "workers", "price_per_cpu_hour", "git_sha", "git_dirty", "version", "time_limit_seconds",
                    "memory_limit_mb", "started_at")
# Keys the harness has always written as a value, never null.
NOT_NULL = ("tasks", "test_outputs", "tasks_finished", "complete", "statuses", "cpu_seconds_total",
            "cpu_seconds_per_task", "wall_seconds_per_task", "usd_total", "usd_per_task", "nodes_per_task",
            "price_per_cpu_hour")
