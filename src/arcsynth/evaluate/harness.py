"""The harness: run a solver over tasks in worker processes, score by ARC rules, price the CPU time,
and keep every finished task in the results store."""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from arcsynth.budget import Budget
from arcsynth.errors import DataError
from arcsynth.evaluate.executor import (Job, JobLimits, Outcome, hard_limit_notes, is_infrastructure_failure, run_jobs,
                                        within_hard_limits)
from arcsynth.evaluate.held_signals import stop_signals_held
from arcsynth.evaluate.price import DEFAULT_PRICE_PER_CPU_HOUR, usd_for_cpu_seconds
from arcsynth.evaluate.records import OutputAttempts, RecordedAttempt, TaskRecord
from arcsynth.evaluate.run_results import RUN_SETTING_KEYS, RunResults
from arcsynth.evaluate.provenance import PROVENANCE_KEYS, git_sha, provenance
from arcsynth.evaluate.scoring import Scores, aggregate_scores, output_solved
from arcsynth.evaluate.search_figures import search_figures
from arcsynth.evaluate.store import LIMIT_KEYS, RunStore
from arcsynth.evaluate.submission import submission_entry
from arcsynth.grid import grid_to_list, is_valid_grid, make_grid
from arcsynth.solution import MAX_ATTEMPTS, Solver
from arcsynth.task import Task

__all__ = ["EvalSettings", "RunResult", "Progress", "evaluate", "solve_payload", "default_time_limit",
           "git_sha", "resume_config"]


@dataclass(frozen=True)
class EvalSettings:
    """How to run: the budget and its level name, limits, parallelism, price and seed."""

    budget: Budget
    level: str | None = None
    seed: int = 0
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    time_limit_seconds: float | None = None  # None: derived from the budget
    memory_limit_mb: int | None = 4096
    price_per_cpu_hour: float = DEFAULT_PRICE_PER_CPU_HOUR
    retries: int = 1  # runs more of a task whose worker was killed or lost (not of a solver failure)
    force: bool = False  # resume even if the code, the libraries or the limits changed (recorded)


@dataclass(frozen=True)
class Progress:
    """The running state, reported after every finished task. `score` is the tasks solved over
    the tasks done; `scored` how many of those have known outputs (None: all of them)."""

    done: int
    total: int
    score: float
    cpu_seconds: float
    usd: float
    last_task: str
    last_status: str
    scored: int | None = None


@dataclass(frozen=True)
class RunResult:
    """What a run produced: the results.json content, its folder, and whether it was cut short."""

    results: RunResults
    out_dir: Path
    interrupted: bool


def default_time_limit(budget: Budget) -> float:
    """The harness's hard wall limit per task: four times the CPU budget plus 30 s, because on a
    shared machine wall time runs well ahead of CPU time; it only has to catch runaways."""
    if budget.cpu_seconds is None:
        return 120.0
    return 4.0 * budget.cpu_seconds + 30.0


def solve_payload(solver: Solver, task: Task, budget: Budget) -> dict:
    """Run the solver on a task (test outputs already removed) and make its answer JSON-able.

    Attempts that are not valid grids are dropped and counted; extra attempts beyond two are
    refused by Solution itself.
    """
    solution = solver.solve(task, budget)
    test = []
    dropped = 0
    for index in range(len(task.test)):
        attempts = solution.attempts[index] if index < len(solution.attempts) else ()
        kept = []
        for attempt in attempts[:MAX_ATTEMPTS]:
            if is_valid_grid(np.asarray(attempt.output)):
                kept.append({"output": grid_to_list(attempt.output), "program": attempt.program})
            else:
                dropped += 1
        test.append(kept)
    return {"test": test, "nodes": int(solution.nodes), "stats": dict(solution.stats), "invalid_attempts": dropped}


def _record(task: Task, outcome: Outcome, solver_name: str, price: float, retries: int) -> TaskRecord:
    payload = outcome.payload or {"test": [[] for _ in task.test], "nodes": 0, "stats": {}}
    test_entries = []
    for pair, attempts in zip(task.test, payload["test"]):
        kept = tuple(RecordedAttempt(attempt["output"], attempt.get("program")) for attempt in attempts)
        if pair.output is None:
            test_entries.append(OutputAttempts(kept, None))
        else:
            correct = output_solved(pair.output, [make_grid(attempt.output) for attempt in kept])
            test_entries.append(OutputAttempts(kept, correct, grid_to_list(pair.output)))
    known = [entry.correct for entry in test_entries]
    score = sum(known) / len(known) if known and None not in known else None
    return TaskRecord(
        task_id=task.id,
        status=outcome.status,
        error=outcome.error,
        test=tuple(test_entries),
        score=score,
        cpu_seconds=round(outcome.cpu_seconds, 4),
        wall_seconds=round(outcome.wall_seconds, 4),
        usd=usd_for_cpu_seconds(outcome.cpu_seconds, price),
        nodes=payload.get("nodes", 0),
        stats=payload.get("stats", {}),
        solver=solver_name,
        finished_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        retries=retries,
    )


def _correct_lists(tasks: Sequence[Task], records: dict[str, TaskRecord]) -> list[list[bool]]:
    """Per task the correctness of each test output; a missing or failed task is all wrong."""
    lists = []
    for task in tasks:
        record = records.get(task.id)
        if record is None:
            lists.append([False] * len(task.test))
        else:
            lists.append([bool(entry.correct) for entry in record.test])
    return lists


def _results(config: dict, tasks: Sequence[Task], records: dict[str, TaskRecord], interrupted: bool,
             wall_seconds_run: float) -> RunResults:
    # Scores are over the tasks whose test outputs are known (all of them, usually); the others
    # are counted and left out, so that one unknown task does not blank every score.
    scored = [task for task in tasks if task.has_test_outputs]
    scores: Scores = aggregate_scores(_correct_lists(scored, records))
    finished = [records[task.id] for task in tasks if task.id in records]
    cpu_total = sum(record.cpu_seconds for record in finished)
    wall_total = sum(record.wall_seconds for record in finished)
    count = max(1, len(finished))
    price = config["price_per_cpu_hour"]
    score_fields = {key: value for key, value in asdict(scores).items() if key != "tasks"} if scored else {
        "test_outputs": sum(len(task.test) for task in tasks)}
    statuses: dict[str, int] = {}
    for record in finished:
        statuses[record.status] = statuses.get(record.status, 0) + 1
    infrastructure = tuple(sorted(record.task_id for record in finished if is_infrastructure_failure(record.status)))
    return RunResults(
        **score_fields,
        tasks=len(tasks),
        tasks_scored=len(scored),
        tasks_without_solutions=len(tasks) - len(scored),
        tasks_finished=len(finished),
        complete=len(finished) == len(tasks) and not interrupted and not infrastructure,
        statuses=statuses,
        infrastructure_failures=infrastructure,
        cpu_seconds_total=round(cpu_total, 3),
        cpu_seconds_per_task=round(cpu_total / count, 4),
        wall_seconds_per_task=round(wall_total / count, 4),
        usd_total=usd_for_cpu_seconds(cpu_total, price),
        usd_per_task=usd_for_cpu_seconds(cpu_total / count, price),
        nodes_per_task=sum(record.nodes for record in finished) / count,
        **search_figures(finished),
        **{key: config.get(key) for key in RUN_SETTING_KEYS},
        finished_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        wall_seconds_run=round(wall_seconds_run, 3),
    )


def _prepare(solver: Solver) -> None:
    """Let the solver import and build what it needs once, here, before the workers are forked, so
    that each task's CPU seconds are its own work and not module imports (`prepare()` is optional)."""
    prepare = getattr(solver, "prepare", None)
    if callable(prepare):
        prepare()


def _solver_settings(solver: Solver) -> dict:
    """The solver's `settings()` (optional) as run.json will hold them, so that a resume compares like with like."""
    settings = getattr(solver, "settings", None)
    return json.loads(json.dumps(settings() if callable(settings) else {}, default=str))


def resume_config(tasks: Sequence[Task], solver: Solver, settings: EvalSettings, *, data: str,
                  data_version: str) -> dict:
    """The run.json settings a resume must keep (RESUME_KEYS): what was solved, how, at what price."""
    solver_settings = _solver_settings(solver)
    return {
        "data": data,
        "data_version": data_version,
        "task_ids": [task.id for task in tasks],
        "level": settings.level,
        "budget_seconds": settings.budget.cpu_seconds,
        "budget_nodes": settings.budget.max_nodes,
        "seed": settings.seed,
        "solver": solver.name,
        "prior": solver_settings.get("prior"),
        "solver_settings": solver_settings,
        "price_per_cpu_hour": settings.price_per_cpu_hour,
    }


def _submission(tasks: Sequence[Task], records: dict[str, TaskRecord]) -> dict:
    return {task.id: [submission_entry([attempt.output for attempt in entry.attempts]) for entry in records[task.id].test]
            if task.id in records else [submission_entry([]) for _ in task.test]
            for task in tasks}


def evaluate(tasks: Sequence[Task], solver: Solver, settings: EvalSettings, out_dir: str | Path, *,
             data: str, data_version: str, resume: bool = False,
             on_progress: Callable[[Progress], None] | None = None,
             executor: Callable[..., None] | None = None,
             on_note: Callable[[str], None] | None = None) -> RunResult:
    """Solve every task in worker processes, record each as it finishes, and write the results.

    `executor` runs the jobs; it is called like `run_jobs` (the local process pool, the default),
    e.g. a `DaskExecutor` for a cluster.

    Each worker sees the task with its test outputs removed; scoring happens here, in the
    parent. Ctrl-C stops cleanly: finished tasks stay recorded, results.json says
    `complete: false` and submission.json gets a submission.json.INCOMPLETE marker beside it;
    `resume=True` continues the run in the same folder, refusing other code, libraries or limits
    than the run started with unless `settings.force` (recorded in run.json as forced_resumes).

    One run at a time holds the folder (a lock; a second one gets RunError). A task whose worker
    was killed or lost from outside is run again up to `settings.retries` times, and by a resume.

    Local workers cannot exceed the hard limits this process inherited (`ulimit -v`, `ulimit -t`):
    the limits are capped there, run.json records the capped memory limit, and `on_note` hears once
    of each cap (run.json keeps the notes too).
    """
    store = RunStore(out_dir)
    time_limit = settings.time_limit_seconds or default_time_limit(settings.budget)
    limits = JobLimits(time_limit, settings.memory_limit_mb * 2**20 if settings.memory_limit_mb else None)
    notes = []
    if executor is None:  # the shell's limits bind local workers only
        notes = hard_limit_notes(limits)
        limits = within_hard_limits(limits)
    config = {
        **resume_config(tasks, solver, settings, data=data, data_version=data_version),
        "workers": settings.workers,
        "time_limit_seconds": time_limit,
        "memory_limit_mb": limits.memory_bytes // 2**20 if limits.memory_bytes else None,
        "retries": settings.retries,
        **({"limit_notes": notes} if notes else {}),
        **provenance(),
        "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    for note in notes if on_note is not None else ():
        on_note(note)
    store.lock()
    try:
        return _evaluate_locked(store, config, limits, tasks, solver, settings, resume, on_progress, executor)
    finally:
        store.unlock()


def _start_run(store: RunStore, config: dict, settings: EvalSettings, resume: bool) -> tuple[dict, dict[str, TaskRecord]]:
    """Begin the run (or check the resumed one's provenance); its config and the records that stand."""
    store.start(config, resume=resume)
    if resume:
        forced = store.check_provenance(config, PROVENANCE_KEYS + LIMIT_KEYS, force=settings.force)
        previous = store.read_config()
        if forced:
            at = datetime.now(timezone.utc).isoformat(timespec="seconds")
            previous["forced_resumes"] = list(previous.get("forced_resumes") or []) + [
                {"at": at, "differences": forced}]
            store.write_config(previous)
        config = {**previous, "workers": settings.workers}
    try:
        stored = store.read_tasks()
    except DataError as error:
        if error.file is None or Path(error.file).parent != store.tasks_dir:
            raise
        raise DataError(f"{error.reason} (delete this record and --resume runs its task again)", file=error.file,
                        path=error.path) from None
    # A record of a worker killed or lost from outside says nothing of the solver: run those again.
    records = {task_id: record for task_id, record in stored.items()
               if task_id in set(config["task_ids"]) and not is_infrastructure_failure(record.status)}
    return config, records


def _evaluate_locked(store: RunStore, config: dict, limits: JobLimits, tasks: Sequence[Task], solver: Solver,
                     settings: EvalSettings, resume: bool, on_progress: Callable[[Progress], None] | None,
                     executor: Callable[..., None] | None) -> RunResult:
    interrupted = False
    started = time.monotonic()
    ready = False
    records: dict[str, TaskRecord] = {}
    try:
        # An interrupt while the run starts waits for run.json and the records; from then on (the
        # solver's preparation included) it finishes the run like any other interrupt.
        with stop_signals_held():
            config, records = _start_run(store, config, settings, resume)
            ready = True
        _prepare(solver)
        _run_tasks(store, limits, tasks, solver, settings, records, on_progress, executor)
    except KeyboardInterrupt:
        if not ready:  # the run never started: nothing of it to finish
            raise
        interrupted = True
    with stop_signals_held():
        results = _results(config, tasks, records, interrupted, time.monotonic() - started)
        store.write_results(results)
        missing = len(tasks) - results.tasks_finished + len(results.infrastructure_failures)
        note = None if results.complete else (
            f"INCOMPLETE: {missing} of {len(tasks)} tasks have no answer from the solver "
            f"({'the run was interrupted' if interrupted else 'their workers were killed or lost'}); "
            f"continue with: arcsynth eval --resume --out {store.root}")
        store.write_submission(_submission(tasks, records), incomplete_note=note)
    return RunResult(results, store.root, interrupted)


def _run_tasks(store: RunStore, limits: JobLimits, tasks: Sequence[Task], solver: Solver, settings: EvalSettings,
               records: dict[str, TaskRecord], on_progress: Callable[[Progress], None] | None,
               executor: Callable[..., None] | None) -> None:
    """Solve the tasks without a record, adding each record to `records` (and the store) as it ends."""
    by_id = {task.id: task for task in tasks}
    todo = [task for task in tasks if task.id not in records]
    jobs = {task.id: Job(task.id, partial(solve_payload, solver, task.without_test_outputs(), settings.budget))
            for task in todo}
    tries = {task.id: 0 for task in todo}
    retry: list[Job] = []

    def on_outcome(outcome: Outcome) -> None:
        if is_infrastructure_failure(outcome.status) and tries[outcome.key] < settings.retries:
            tries[outcome.key] += 1
            retry.append(jobs[outcome.key])
            return
        record = _record(by_id[outcome.key], outcome, solver.name, settings.price_per_cpu_hour, tries[outcome.key])
        with stop_signals_held():
            store.write_task(record)
            records[outcome.key] = record
        if on_progress is not None:
            done = list(records.values())
            cpu = sum(r.cpu_seconds for r in done)
            solved = sum(r.score or 0.0 for r in done)
            on_progress(Progress(len(done), len(tasks), solved / max(1, len(done)), cpu,
                                 usd_for_cpu_seconds(cpu, settings.price_per_cpu_hour),
                                 outcome.key, outcome.status, sum(r.score is not None for r in done)))

    batch = list(jobs.values())
    while batch:
        (executor or run_jobs)(batch, workers=settings.workers, limits=limits, on_outcome=on_outcome)
        batch, retry[:] = list(retry), []
