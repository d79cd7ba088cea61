"""Option types shared by the subcommands; each rejects bad values with a one-line message."""

from __future__ import annotations

import argparse

__all__ = ["positive_int", "positive_float", "positive_seconds", "non_negative_int", "task_id_list",
           "megabytes", "add_data_option", "MAX_SECONDS", "MAX_MEGABYTES"]

MAX_SECONDS = 1e7  # about 116 days: beyond any budget, and within what timers and rlimits accept
MAX_MEGABYTES = 2**24  # 16 TiB: beyond any machine, and within what rlimits accept


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
