"""`arcsynth export RUN_DIR --format arc-agi-benchmarking`: a run in an official per-task format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from arcsynth.report.benchmarking_export import FORMAT_NAME, export_arc_agi_benchmarking

__all__ = ["NAME", "HELP", "add_arguments", "run"]

NAME = "export"
HELP = "write a run's answers in the per-task format of the ARC Prize benchmarking harness"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth export`."""
    parser.add_argument("run_dir", type=Path, metavar="RUN_DIR", help="the results folder of an `arcsynth eval` run")
    parser.add_argument("--format", default=FORMAT_NAME, choices=(FORMAT_NAME,),
                        help=f"output format (default: {FORMAT_NAME}: <task_id>.json with attempt_1/attempt_2 "
                             "objects, as arcprize/arc-agi-benchmarking scores them)")
    parser.add_argument("--out", type=Path, metavar="DIR", help=f"output folder (default: RUN_DIR/{FORMAT_NAME})")


def run(args: argparse.Namespace) -> int:
    """Export; print the folder and how many task files were written."""
    summary = export_arc_agi_benchmarking(args.run_dir, args.out)
    print(f"{summary.out_dir}  ({len(summary.written)} task files)")
    if summary.skipped:
        print(f"skipped {len(summary.skipped)} unfinished task(s) whose test pairs are unknown: "
              f"{', '.join(summary.skipped)}", file=sys.stderr)
    return 0
