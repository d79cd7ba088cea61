"""`arcsynth show`: draw a task in the terminal in the standard ARC palette."""

from __future__ import annotations

import argparse
import sys

from arcsynth.cli.color import color_enabled
from arcsynth.cli.options import add_data_option
from arcsynth.data import find_task
from arcsynth.report.terminal import render_grids_side_by_side

__all__ = ["NAME", "HELP", "add_arguments", "run"]

NAME = "show"
HELP = "draw a task's train pairs and test inputs in the terminal"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth show`."""
    parser.add_argument("task", metavar="TASK_FILE|TASK_ID", help="a task JSON file, or a task id")
    add_data_option(parser, None, "where to find a task id (default: every bundled dataset)")
    parser.add_argument("--no-color", action="store_true", help="digits instead of colored cells (the default when not writing to a terminal or when NO_COLOR is set)")


def run(args: argparse.Namespace) -> int:
    """Draw every pair."""
    task, dataset = find_task(args.task, args.data)
    use_color = color_enabled(sys.stdout, refused=args.no_color)
    print(f"task {task.id} ({dataset.name})")
    for index, pair in enumerate(task.train, start=1):
        print()
        print(render_grids_side_by_side([pair.input, pair.output], [f"train {index} input", "output"],
                                        use_color=use_color))
    for index, pair in enumerate(task.test, start=1):
        grids = [pair.input] + ([pair.output] if pair.output is not None else [])
        titles = [f"test {index} input"] + (["output"] if pair.output is not None else [])
        print()
        print(render_grids_side_by_side(grids, titles, use_color=use_color))
    return 0
