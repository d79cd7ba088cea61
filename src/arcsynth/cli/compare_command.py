"""`arcsynth compare RUN_A RUN_B`: tasks gained and lost, score and cost deltas."""

from __future__ import annotations

import argparse
from pathlib import Path

from arcsynth.report.compare import compare_runs, format_comparison

__all__ = ["NAME", "HELP", "add_arguments", "run"]

NAME = "compare"
HELP = "compare two runs: tasks gained and lost, score and cost deltas (B against A)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth compare`."""
    parser.add_argument("run_a", type=Path, metavar="RUN_A", help="the baseline run folder")
    parser.add_argument("run_b", type=Path, metavar="RUN_B", help="the run folder compared with it")


def run(args: argparse.Namespace) -> int:
    """Print the comparison."""
    print(format_comparison(compare_runs(args.run_a, args.run_b)))
    return 0
