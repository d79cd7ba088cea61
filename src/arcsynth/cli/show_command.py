"""`arcsynth show`: draw a task in the terminal in the standard ARC palette."""

from __future__ import annotations

import argparse
import sys

from arcsynth.cli.color import color_enabled
from arcsynth.cli.options import add_data_option
from arcsynth.data import find_task
from arcsynth.report.terminal import render_grids_side_by_side

__all__ = ["NAME", "HELP", "add_arguments", "run", "MAX_PAIRS_SHOWN", "not_shown"]

NAME = "show"
HELP = "draw a task's train pairs and test inputs in the terminal"
MAX_PAIRS_SHOWN = 10  # per kind (train, test): a task of thousands of pairs gets a bounded summary


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth show`."""
    parser.add_argument("task", metavar="TASK_FILE|TASK_ID", help="a task JSON file, or a task id")
    add_data_option(parser, None, "where to find a task id (default: every bundled dataset)")
    parser.add_argument("--all", action="store_true",
                        help=f"draw every pair (default: at most {MAX_PAIRS_SHOWN} train pairs and "
                             f"{MAX_PAIRS_SHOWN} test inputs, and how many more there are)")
    parser.add_argument("--no-color", action="store_true", help="digits instead of colored cells (the default when not writing to a terminal or when NO_COLOR is set)")


def not_shown(count: int, kind: str) -> str:
    """The line that stands for the pairs a bounded drawing leaves out."""
    return f"... {count} more {kind} not shown (--all draws every one)"


def run(args: argparse.Namespace) -> int:
    """Draw the pairs (a bounded number of them unless --all)."""
    task, dataset = find_task(args.task, args.data)
    use_color = color_enabled(sys.stdout, refused=args.no_color)
    limit = None if args.all else MAX_PAIRS_SHOWN
    print(f"task {task.id} ({dataset.name}): {len(task.train)} train pairs, {len(task.test)} test inputs")
    for index, pair in enumerate(task.train[:limit], start=1):
        print()
        print(render_grids_side_by_side([pair.input, pair.output], [f"train {index} input", "output"],
                                        use_color=use_color))
    if limit is not None and len(task.train) > limit:
        print()
        print(not_shown(len(task.train) - limit, "train pairs"))
    for index, pair in enumerate(task.test[:limit], start=1):
        grids = [pair.input] + ([pair.output] if pair.output is not None else [])
        titles = [f"test {index} input"] + (["output"] if pair.output is not None else [])
        print()
        print(render_grids_side_by_side(grids, titles, use_color=use_color))
    if limit is not None and len(task.test) > limit:
        print()
        print(not_shown(len(task.test) - limit, "test inputs"))
    return 0
