"""`arcsynth eval`: solve a dataset at a compute level; print score and cost; keep the results."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from datetime import datetime
from pathlib import Path

from arcsynth.budget import DEFAULT_LEVEL, LEVELS, Budget, level_budget
from arcsynth.cli.options import (add_data_option, add_executor_options, add_run_options, add_solver_options,
                                  megabytes, non_negative_int, positive_int, positive_seconds, task_id_list)
from arcsynth.cli.notes import print_dataset_warnings, print_note
from arcsynth.cli.progress import ProgressBar
from arcsynth.cli.summary import format_summary
from arcsynth.data import load_dataset
from arcsynth.data.load import select_tasks
from arcsynth.errors import UsageError, one_line
from arcsynth.evaluate import DaskExecutor, EvalSettings, RunStore, evaluate
from arcsynth.solver import make_solver

__all__ = ["NAME", "HELP", "add_arguments", "run", "default_out_dir", "settings_from_args", "executor_from_args"]

NAME = "eval"
HELP = "solve every selected task, score it by ARC rules (2 attempts) and count its cost"
DEFAULT_DATA = "arc1-eval"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth eval`."""
    add_data_option(parser, DEFAULT_DATA, "tasks to solve")
    parser.add_argument("--tasks", type=task_id_list, metavar="ID,ID", help="only these task ids")
    parser.add_argument("--limit", type=positive_int, metavar="N", help="only the first N tasks (sorted by id)")
    parser.add_argument("--level", default=DEFAULT_LEVEL, choices=tuple(LEVELS),
                        help=f"compute level: {', '.join(f'{k}={v.cpu_seconds:g}s' for k, v in LEVELS.items())} "
                             f"CPU per task (default: {DEFAULT_LEVEL})")
    parser.add_argument("--budget", type=positive_seconds, metavar="SECONDS",
                        help="CPU seconds per task (overrides the level's)")
    parser.add_argument("--nodes", type=positive_int, metavar="N",
                        help="search-node limit per task; alone (with --budget unset and --no-time-budget) "
                             "it makes runs reproducible")
    parser.add_argument("--no-time-budget", action="store_true", help="no CPU-second budget; use with --nodes")
    add_solver_options(parser)
    add_run_options(parser)
    add_executor_options(parser)
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="results folder (default: runs/<timestamp>-<data>-<level>)")
    parser.add_argument("--resume", action="store_true",
                        help="continue the run in --out, skipping finished tasks (and running again those "
                             "whose worker was killed or lost)")
    parser.add_argument("--force", action="store_true",
                        help="with --resume: continue even if the code, the libraries or the limits differ from "
                             "the run's start (recorded in run.json)")
    parser.add_argument("--retries", type=non_negative_int, default=1, metavar="N",
                        help="run a task again up to N times when its worker was killed or lost from outside "
                             "(not when the solver failed) (default: 1)")
    parser.add_argument("--time-limit", type=positive_seconds, metavar="SECONDS",
                        help="hard wall-clock limit per task, enforced by the harness (default: 4x budget + 30)")
    parser.add_argument("--memory-limit", type=megabytes, default=4096, metavar="MB",
                        help="memory limit per task worker, enforced by the harness (default: 4096)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def default_out_dir(data: str, level: str) -> Path:
    """A fresh timestamped folder under runs/."""
    label = Path(data).stem if not data.replace("-", "").isalnum() else data
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path("runs") / f"{stamp}-{label}-{level}"


def settings_from_args(args: argparse.Namespace) -> EvalSettings:
    """The run settings the options describe."""
    level_cpu = level_budget(args.level).cpu_seconds
    if args.no_time_budget and args.budget:
        raise UsageError("--budget and --no-time-budget contradict each other")
    if args.no_time_budget and not args.nodes:
        raise UsageError("--no-time-budget needs --nodes, or the search would never stop")
    cpu_seconds = None if args.no_time_budget else (args.budget or level_cpu)
    budget = Budget(cpu_seconds=cpu_seconds, max_nodes=args.nodes)
    level = args.level if args.budget is None and not args.no_time_budget and not args.nodes else None
    return EvalSettings(budget=budget, level=level, seed=args.seed, workers=args.workers,
                        time_limit_seconds=args.time_limit, memory_limit_mb=args.memory_limit,
                        price_per_cpu_hour=args.price_per_cpu_hour, retries=args.retries, force=args.force)


def executor_from_args(args: argparse.Namespace) -> contextlib.AbstractContextManager:
    """A context that yields the executor the options ask for (None: the local process pool)."""
    if args.executor != "dask":
        if args.scheduler is not None:
            raise UsageError("--scheduler needs --executor dask")
        return contextlib.nullcontext(None)
    return DaskExecutor(args.scheduler, local_workers=args.workers)


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class _StopOnSignal:
    """While a run goes on, Ctrl-C, SIGTERM (how a cluster scheduler stops a job) and SIGHUP (a closed
    terminal) all stop it the same way: the first one raises KeyboardInterrupt, so that the harness
    kills its workers and writes results.json and submission.json; any more of them are ignored,
    so that a burst of Ctrl-C cannot cut that short."""

    def __enter__(self) -> "_StopOnSignal":
        self._previous = {signum: signal.signal(signum, self._stop) for signum in STOP_SIGNALS}
        return self

    def _stop(self, signum: int, frame: object) -> None:
        for other in STOP_SIGNALS:
            signal.signal(other, signal.SIG_IGN)
        raise KeyboardInterrupt

    def __exit__(self, *exc_info: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)


def run(args: argparse.Namespace) -> int:
    """Evaluate; print the summary; 0 when the run completed."""
    if args.resume and args.out is None:
        raise UsageError("--resume needs --out DIR (the folder of the run to continue)")
    if args.force and not args.resume:
        raise UsageError("--force only applies with --resume")
    settings = settings_from_args(args)
    dataset = load_dataset(args.data)
    print_dataset_warnings(dataset)
    tasks = select_tasks(dataset, args.tasks, args.limit)
    out_dir = args.out or default_out_dir(args.data, args.level)
    solver = make_solver(args.solver, seed=args.seed, prior=args.prior)
    executor_context = executor_from_args(args)
    bar = None
    try:
        with _StopOnSignal(), executor_context as executor:
            bar = None if args.quiet else ProgressBar(len(tasks), sys.stderr,
                                                      outputs_known=all(task.has_test_outputs for task in tasks))
            result = evaluate(tasks, solver, settings, out_dir, data=dataset.name, data_version=dataset.version,
                              resume=args.resume, on_progress=bar.update if bar else None, executor=executor,
                              on_note=print_note)
    finally:
        if bar:
            bar.close()  # an error line starts on a line of its own
    print(format_summary(result.results, result.out_dir))
    if result.interrupted:
        print(f"interrupted: {result.results.tasks_finished}/{len(tasks)} tasks recorded; continue with "
              f"--resume --out {result.out_dir}", file=sys.stderr)
        return 130
    failed = result.results.infrastructure_failures
    if failed:
        first = RunStore(result.out_dir).read_tasks().get(failed[0])
        status, error = (first.status, first.error) if first else (None, None)
        print(f"{len(failed)} task(s) failed outside the solver after {args.retries} retries (e.g. {failed[0]}: "
              f"{status}, {one_line(str(error), 120)}): not a verdict on the solver; run "
              f"them again with --resume --out {result.out_dir}", file=sys.stderr)
        return 1
    return 0
