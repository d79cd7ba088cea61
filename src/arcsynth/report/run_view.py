"""A finished (or interrupted) run, read back from its folder for reporting.

The per-task records in tasks/<id>.json are the truth; run.json names the tasks and the data;
results.json holds the aggregate figures (recomputed from the records when it is missing).
The dataset itself is only needed for the train pairs and the test inputs: when it cannot be
loaded the report still works from the records alone, and says why the pairs are missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from arcsynth.data import load_dataset
from arcsynth.errors import ArcsynthError, RunError
from arcsynth.evaluate.records import TaskRecord
from arcsynth.evaluate.run_results import RUN_SETTING_KEYS, RunResults
from arcsynth.evaluate.search_figures import search_figures
from arcsynth.evaluate.store import RunStore
from arcsynth.task import Task

__all__ = ["RunView", "load_run", "load_run_tasks"]


@dataclass(frozen=True)
class RunView:
    """Everything a report needs to know about one run folder."""

    root: Path
    config: dict
    results: RunResults
    records: dict[str, TaskRecord]
    task_ids: tuple[str, ...]
    tasks: dict[str, Task]
    tasks_note: str | None = None  # why the dataset's tasks are missing, if they are

    @property
    def name(self) -> str:
        return self.root.name


def _task_ids(config: dict, records: dict[str, TaskRecord]) -> tuple[str, ...]:
    ids = list(config.get("task_ids") or [])
    ids.extend(task_id for task_id in sorted(records) if task_id not in set(ids))
    return tuple(ids)


def _results_from_records(config: dict, task_ids: tuple[str, ...], records: dict[str, TaskRecord]) -> RunResults:
    """The headline figures when results.json is missing (a run still in progress or killed)."""
    finished = [records[task_id] for task_id in task_ids if task_id in records]
    known = all(entry.correct is not None for record in finished for entry in record.test)
    count = max(1, len(finished))
    cpu_total = sum(record.cpu_seconds for record in finished)
    usd_total = sum(record.usd or 0.0 for record in finished)
    per_task = [record.score or 0.0 for record in finished]
    outputs = [bool(entry.correct) for record in finished for entry in record.test]
    return RunResults(
        score=sum(per_task) / len(task_ids) if known and task_ids else None,
        score_strict=sum(1 for s in per_task if s == 1.0) / len(task_ids) if known and task_ids else None,
        score_per_output=sum(outputs) / len(outputs) if known and outputs else None,
        tasks=len(task_ids),
        tasks_finished=len(finished),
        complete=False,
        statuses={status: sum(1 for r in finished if r.status == status)
                  for status in sorted({r.status for r in finished})},
        cpu_seconds_total=cpu_total,
        cpu_seconds_per_task=cpu_total / count,
        wall_seconds_per_task=sum(record.wall_seconds for record in finished) / count,
        usd_total=usd_total,
        usd_per_task=usd_total / count,
        nodes_per_task=sum(record.nodes for record in finished) / count,
        **search_figures(finished),
        **{key: config.get(key) for key in RUN_SETTING_KEYS},
        recomputed=True,
    )


def load_run_tasks(data: str | None, task_ids: tuple[str, ...]) -> tuple[dict[str, Task], str | None]:
    """The run's tasks from its dataset, or ({}, the reason they could not be loaded)."""
    if not data:
        return {}, "run.json names no dataset"
    try:
        dataset = load_dataset(data)
    except (ArcsynthError, OSError) as error:
        return {}, f"dataset {data!r} could not be loaded ({error})"
    wanted = set(task_ids)
    tasks = {task.id: task for task in dataset.tasks if task.id in wanted}
    missing = len(wanted) - len(tasks)
    return tasks, (f"{missing} task(s) not found in dataset {data!r}" if missing else None)


def load_run(run_dir: str | Path, *, with_tasks: bool = True) -> RunView:
    """Read a run folder; `with_tasks` also loads the dataset's tasks (train pairs, test inputs)."""
    store = RunStore(run_dir)
    if store.root.exists() and not store.root.is_dir():
        raise RunError(f"{store.root}: not a folder; expected the results folder of a run")
    if not store.root.is_dir():
        raise RunError(f"{store.root}: no such run folder")
    if not store.config_path.exists() and not store.tasks_dir.is_dir():
        raise RunError(f"{store.root}: not a run folder (no run.json and no tasks/)")
    config = store.read_config() if store.config_path.exists() else {}
    records = store.read_tasks()
    task_ids = _task_ids(config, records)
    results = store.read_results() if store.results_path.exists() else _results_from_records(config, task_ids, records)
    tasks, note = load_run_tasks(config.get("data") or results.data, task_ids) if with_tasks else ({}, None)
    return RunView(store.root, config, results, records, task_ids, tasks, note)
