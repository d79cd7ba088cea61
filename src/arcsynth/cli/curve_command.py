"""`arcsynth curve`: evaluate the same tasks at several compute levels, then draw score versus cost."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Sequence

from arcsynth.budget import LEVELS, level_budget
from arcsynth.cli.chart_command import draw_and_print
from arcsynth.cli.options import add_data_option, add_run_options, add_solver_options, positive_int, task_id_list
from arcsynth.cli.notes import print_dataset_warnings, print_note
from arcsynth.cli.progress import ProgressBar
from arcsynth.cli.summary import format_summary
from arcsynth.data import Dataset, load_dataset
from arcsynth.data.load import select_tasks
from arcsynth.errors import RunError, UsageError
from arcsynth.evaluate import EvalSettings, evaluate
from arcsynth.evaluate.harness import resume_config
from arcsynth.evaluate.store import RunStore
from arcsynth.report.formatting import usd
from arcsynth.solver import make_solver
from arcsynth.task import Task

__all__ = ["NAME", "HELP", "add_arguments", "run", "level_list", "cost_statement"]

NAME = "curve"
HELP = "evaluate at several compute levels (DIR/<level>/) and draw the score-versus-cost curve"
DEFAULT_LEVELS = ("tiny", "low", "medium")


def level_list(text: str) -> tuple[str, ...]:
    """Comma-separated compute level names, each known."""
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [name for name in names if name not in LEVELS]
    if not names or unknown:
        raise argparse.ArgumentTypeError(f"expected compute levels from {', '.join(LEVELS)} separated by commas, "
                                         f"got {text!r}")
    return names


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth curve`."""
    add_data_option(parser, "arc1-eval", "tasks to solve")
    parser.add_argument("--levels", type=level_list, default=DEFAULT_LEVELS, metavar="L,L",
                        help=f"compute levels to run (default: {','.join(DEFAULT_LEVELS)})")
    parser.add_argument("--tasks", type=task_id_list, metavar="ID,ID", help="only these task ids")
    parser.add_argument("--limit", type=positive_int, metavar="N", help="only the first N tasks (sorted by id)")
    add_solver_options(parser)
    add_run_options(parser)
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="folder of the runs (DIR/<level>/) and the chart (default: runs/curve-<timestamp>); "
                             "a level already run there is resumed, not repeated")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")


def _check_out_dir(out_dir: Path, args: argparse.Namespace, dataset: Dataset, tasks: Sequence[Task]) -> None:
    """Report a bad DIR before any level runs: not a folder, or a level's run unreadable or another's."""
    if out_dir.exists() and not out_dir.is_dir():
        raise RunError(f"{out_dir}: not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RunError(f"{error.filename or out_dir}: cannot write ({error.strerror})") from None
    for level in args.levels:
        store = RunStore(out_dir / level)
        if store.config_path.exists():
            store.check_resume(resume_config(tasks, make_solver(args.solver, seed=args.seed, prior=args.prior),
                                             _level_settings(args, level), data=dataset.name,
                                             data_version=dataset.version))
            store.read_tasks()


def _level_settings(args: argparse.Namespace, level: str) -> EvalSettings:
    return EvalSettings(budget=level_budget(level), level=level, seed=args.seed, workers=args.workers,
                        price_per_cpu_hour=args.price_per_cpu_hour)


def cost_statement(levels: Sequence[str], tasks: int, workers: int, price_per_cpu_hour: float,
                   resumed: Sequence[str] = ()) -> str:
    """What the run will cost at most, said before it starts: CPU-seconds, CPU-hours, dollars
    and the least wall time on `workers` cores (levels already finished in DIR are not counted)."""
    todo = [level for level in levels if level not in resumed]
    per_task = sum(level_budget(level).cpu_seconds or 0.0 for level in todo)
    total = per_task * tasks
    hours = total / 3600
    wall = total / max(1, workers) / 3600
    skipped = f"; {', '.join(resumed)} resumed from DIR, their finished tasks not counted" if resumed else ""
    return (f"curve: {len(todo)} level(s) ({', '.join(todo) or 'none'}) x {tasks} tasks = up to "
            f"{per_task:g} CPU-s per task, {total:,.0f} CPU-s in all ({hours:,.1f} CPU-hours, "
            f"{usd(hours * price_per_cpu_hour)} at ${price_per_cpu_hour}/CPU-hour); "
            f"at least {wall:,.1f} hours of wall time on {workers} worker(s){skipped}. "
            "Fewer tasks: --limit N; cheaper: --levels tiny,low")


def run(args: argparse.Namespace) -> int:
    """Run each level (resuming any already in DIR), then draw the chart and print the table."""
    out_dir = args.out or Path("runs") / f"curve-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
    dataset = load_dataset(args.data)
    print_dataset_warnings(dataset)
    tasks = select_tasks(dataset, args.tasks, args.limit)
    if not tasks:
        raise UsageError(f"no tasks selected from {args.data}")
    unknown = [task.id for task in tasks if not task.has_test_outputs]
    if unknown:
        raise UsageError(f"{args.data}: {len(unknown)} selected task(s) have no known test outputs (e.g. "
                         f"{unknown[0]}), so no score to draw; curve needs data with its solutions")
    _check_out_dir(out_dir, args, dataset, tasks)
    resumed = [level for level in args.levels if RunStore(out_dir / level).config_path.exists()]
    print(cost_statement(args.levels, len(tasks), args.workers, args.price_per_cpu_hour, resumed),
          file=sys.stderr, flush=True)
    run_dirs = []
    for level in args.levels:
        settings = _level_settings(args, level)
        level_dir = out_dir / level
        resume = RunStore(level_dir).config_path.exists()
        bar = None if args.quiet else ProgressBar(len(tasks), sys.stderr,
                                                     outputs_known=all(task.has_test_outputs for task in tasks))
        print(f"== level {level} ({settings.budget.cpu_seconds:g} CPU-s per task){' resumed' if resume else ''}",
              file=sys.stderr)
        result = evaluate(tasks, make_solver(args.solver, seed=args.seed, prior=args.prior), settings, level_dir, data=dataset.name,
                          data_version=dataset.version, resume=resume, on_progress=bar.update if bar else None,
                          on_note=print_note)
        if bar:
            bar.close()
        print(format_summary(result.results, result.out_dir), file=sys.stderr)
        if result.interrupted:
            print(f"interrupted at level {level}; continue with the same command and --out {out_dir}",
                  file=sys.stderr)
            return 130
        run_dirs.append(result.out_dir)
    return draw_and_print(run_dirs, out_dir)
