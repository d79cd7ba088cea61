"""The small public API for notebooks and other tools: load, solve, evaluate, score."""

from __future__ import annotations

from pathlib import Path

from arcsynth.budget import DEFAULT_LEVEL, Budget, level_budget
from arcsynth.data import Dataset, find_task, load_dataset
from arcsynth.data.load import select_tasks
from arcsynth.evaluate import EvalSettings, RunResult, Scores, evaluate, parse_submission, score_submission
from arcsynth.solution import Solution
from arcsynth.solver import make_solver
from arcsynth.task import Task

__all__ = ["load_task", "solve", "evaluate_dataset", "score"]


def load_task(ref: str, data: str | None = None) -> Task:
    """A task by file path, or by id (in `data`, default every bundled dataset)."""
    return find_task(ref, data)[0]


def solve(task: Task, level: str = DEFAULT_LEVEL, *, budget: Budget | None = None, solver: str | None = None,
          seed: int = 0, prior: str | None = None) -> Solution:
    """Solve one task in this process at a compute level (or an explicit budget).

    The solver sees the task with its test outputs removed, as in the harness. `prior` names
    the search solver's prior ('guide', the default; 'uniform'; 'oracle').
    """
    return make_solver(solver, seed, prior).solve(task.without_test_outputs(), budget or level_budget(level))


def evaluate_dataset(data: str, out_dir: str | Path, *, level: str = DEFAULT_LEVEL, limit: int | None = None,
                     task_ids: list[str] | None = None, workers: int | None = None, solver: str | None = None,
                     seed: int = 0, resume: bool = False, prior: str | None = None) -> RunResult:
    """Evaluate a dataset (name or path) at a level; the results land in `out_dir`."""
    dataset: Dataset = load_dataset(data)
    tasks = select_tasks(dataset, task_ids, limit)
    extra = {"workers": workers} if workers else {}
    settings = EvalSettings(budget=level_budget(level), level=level, seed=seed, **extra)
    return evaluate(tasks, make_solver(solver, seed, prior), settings, out_dir, data=dataset.name,
                    data_version=dataset.version, resume=resume)


def score(submission: dict, data: str) -> Scores:
    """Score a Kaggle-format submission (already parsed JSON) over the tasks it names in `data`."""
    attempts = parse_submission(submission, "<submission>")
    by_id = {task.id: task for task in load_dataset(data).tasks}
    return score_submission(attempts, [by_id[task_id] for task_id in sorted(attempts) if task_id in by_id])
