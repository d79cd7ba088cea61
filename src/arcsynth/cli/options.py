"""Option types shared by the subcommands; each rejects bad values with a one-line message."""

from __future__ import annotations

import argparse

__all__ = ["positive_int", "positive_float", "non_negative_int", "task_id_list", "add_data_option"]


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
