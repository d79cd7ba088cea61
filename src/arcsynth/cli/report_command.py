"""`arcsynth report RUN_DIR`: write the run's static HTML report and print its path."""

from __future__ import annotations

import argparse
from pathlib import Path

from arcsynth.report.html_report import REPORT_FILE, write_report

__all__ = ["NAME", "HELP", "add_arguments", "run"]

NAME = "report"
HELP = "write a self-contained HTML report of a run (summary, one card per task, filters)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth report`."""
    parser.add_argument("run_dir", type=Path, metavar="RUN_DIR", help="the results folder of an `arcsynth eval` run")
    parser.add_argument("--out", type=Path, metavar="FILE",
                        help=f"where to write the report (default: RUN_DIR/{REPORT_FILE})")


def run(args: argparse.Namespace) -> int:
    """Write the report; print its path."""
    print(write_report(args.run_dir, args.out))
    return 0
