"""Notes and warnings on stderr, one bounded line each (the results stay on stdout)."""

from __future__ import annotations

import sys

from arcsynth.data import Dataset
from arcsynth.errors import one_line

__all__ = ["print_note", "print_warning", "print_dataset_warnings"]


def print_note(note: str) -> None:
    """A note about how the run goes, once, on stderr."""
    print(one_line(f"note: {note}"), file=sys.stderr)


def print_warning(warning: str) -> None:
    """Something the user may not have meant, on stderr."""
    print(one_line(f"warning: {warning}"), file=sys.stderr)


def print_dataset_warnings(dataset: Dataset) -> None:
    """What loading the dataset found loaded but unused."""
    for warning in dataset.warnings:
        print_warning(warning)
