"""Option types shared by the subcommands; each rejects bad values with a one-line message."""

from __future__ import annotations

import argparse
import os

from arcsynth.evaluate import DEFAULT_PRICE_PER_CPU_HOUR
from arcsynth.solver import DEFAULT_PRIOR, DEFAULT_SOLVER, PRIOR_FACTORIES, SOLVER_FACTORIES

__all__ = ["positive_int", "positive_float", "positive_seconds", "non_negative_int", "task_id_list",
           "megabytes", "add_data_option", "add_solver_options", "add_run_options", "add_executor_options",
           "EXECUTORS", "MAX_SECONDS",
           "MAX_MEGABYTES"]

MAX_SECONDS = 1e7  # about 116 days: beyond any budget, and within what timers and rlimits accept
MAX_MEGABYTES = 2**24  # 16 TiB: beyond any machine, and within what rlimits accept
EXECUTORS = ("local", "dask")


def positive_int(text: str) -> int:
    """An integer > 0."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def non_negative_int(text: str) -> int:
    """An integer >= 0."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}")
    return value


def positive_float(text: str) -> float:
    """A finite number > 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def positive_seconds(text: str) -> float:
    """A number of seconds > 0 and at most MAX_SECONDS."""
    value = positive_float(text)
    if value > MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"expected at most {MAX_SECONDS:g} seconds, got {text!r}")
    return value


def megabytes(text: str) -> int:
    """A number of megabytes > 0 and at most MAX_MEGABYTES."""
    value = positive_int(text)
    if value > MAX_MEGABYTES:
        raise argparse.ArgumentTypeError(f"expected at most {MAX_MEGABYTES} MB, got {text!r}")
    return value


def task_id_list(text: str) -> tuple[str, ...]:
    """Comma-separated task ids."""
    ids = tuple(part.strip() for part in text.split(",") if part.strip())
    if not ids:
        raise argparse.ArgumentTypeError(f"expected task ids separated by commas, got {text!r}")
    return ids


def add_data_option(parser: argparse.ArgumentParser, default: str | None, what: str) -> None:
    """`--data NAME|PATH`: a bundled dataset name, a task file, a folder or a Kaggle file."""
    parser.add_argument("--data", default=default, metavar="NAME|PATH",
                        help=f"{what}: arc1-train, arc1-eval, arc2-train, arc2-eval, a folder of task JSON "
                             f"files, one task file, or a Kaggle *_challenges.json"
                             + (f" (default: {default})" if default else ""))


def add_solver_options(parser: argparse.ArgumentParser) -> None:
    """`--solver NAME`, `--prior NAME` and `--seed N`, for every command that solves."""
    parser.add_argument("--solver", default=DEFAULT_SOLVER, choices=tuple(SOLVER_FACTORIES),
                        help=f"solver (default: {DEFAULT_SOLVER})")
    parser.add_argument("--prior", default=None, choices=tuple(PRIOR_FACTORIES),
                        help=f"prior of the search solver: the shipped guide, uniform, or oracle (the "
                             f"hand-written programs of programs/arc1-train; benchmark only) (default: {DEFAULT_PRIOR})")
    parser.add_argument("--seed", type=non_negative_int, default=0, metavar="N", help="random seed (default: 0)")


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """`--workers N` and `--price-per-cpu-hour USD`, for every command that runs the harness."""
    parser.add_argument("--workers", type=positive_int, default=os.cpu_count() or 1, metavar="N",
                        help="worker processes (default: the number of cores)")
    parser.add_argument("--price-per-cpu-hour", type=positive_float, default=DEFAULT_PRICE_PER_CPU_HOUR,
                        metavar="USD", help=f"price of one CPU-hour (default: {DEFAULT_PRICE_PER_CPU_HOUR}, "
                                            "AWS m7i.large on-demand per vCPU; see README)")


def add_executor_options(parser: argparse.ArgumentParser) -> None:
    """`--executor local|dask` and `--scheduler ADDRESS`: where the tasks run."""
    parser.add_argument("--executor", default="local", choices=EXECUTORS,
                        help="local: a process pool on this machine (default); dask: a Dask cluster "
                             "(needs pip install 'arcsynth[dask]')")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --executor dask: the scheduler to use, e.g. tcp://10.0.0.5:8786 "
                             "(default: start a local cluster of --workers processes)")
