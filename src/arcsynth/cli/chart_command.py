"""`arcsynth chart RUN_DIR...`: the score-versus-cost chart of existing runs, beside reference systems."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Sequence

from arcsynth.errors import RunError
from arcsynth.cli.notes import print_warning
from arcsynth.evaluate import DEFAULT_PRICE_PER_CPU_HOUR
from arcsynth.evaluate.no_links import write_text_no_follow
from arcsynth.report.chart import CHART_STEM, draw_score_vs_cost
from arcsynth.report.curve_points import CurvePoint, curve_points, format_curve_table
from arcsynth.report.reference_systems import load_reference_systems

__all__ = ["NAME", "HELP", "add_arguments", "run", "draw_and_print", "expand_run_dirs", "chart_warnings"]

NAME = "chart"
HELP = "draw score versus cost per task (PNG and SVG, log cost) of runs beside published systems"
TABLE_FILE = f"{CHART_STEM}.txt"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth chart`."""
    parser.add_argument("run_dirs", type=Path, nargs="+", metavar="RUN_DIR",
                        help="run folders (one per level), or a folder holding them such as `arcsynth curve --out`")
    parser.add_argument("--out", type=Path, default=Path("."), metavar="DIR",
                        help=f"folder for {CHART_STEM}.png, {CHART_STEM}.svg and {TABLE_FILE} (default: .)")


def _price(points: Sequence[CurvePoint]) -> float:
    """The CPU-hour price the runs were costed at (the default when they disagree or do not say)."""
    prices = {point.price_per_cpu_hour for point in points} - {None}
    return prices.pop() if len(prices) == 1 else DEFAULT_PRICE_PER_CPU_HOUR


def expand_run_dirs(paths: Sequence[Path]) -> list[Path]:
    """Each path as given, or, for a folder that is not a run but holds runs, the runs inside it."""
    expanded = []
    for path in paths:
        try:
            inner = sorted(child for child in path.iterdir() if (child / "run.json").is_file()) \
                if path.is_dir() and not (path / "run.json").exists() else []
        except OSError as error:
            raise RunError(f"{path}: cannot read ({error.strerror})") from None
        expanded.extend(inner or [path])
    return expanded


def _check_scored(points: Sequence[CurvePoint]) -> None:
    """A run without a score cannot be placed on the chart: an error, not a chart without it."""
    for point in points:
        if point.score is None:
            raise RunError(f"{point.run_dir}: the run has no score (the expected outputs of {point.data} are "
                           "unknown), so it cannot be placed on a score-versus-cost chart")


def chart_warnings(points: Sequence[CurvePoint]) -> list[str]:
    """What makes the chart not like for like: runs on different data (splits), or unfinished runs."""
    warnings = []
    splits = sorted({point.data for point in points})
    if len(splits) > 1:
        warnings.append(f"the runs are on different data ({', '.join(splits)}): their scores are not comparable "
                        "with each other; each is drawn as its own curve")
    for point in points:
        if point.tasks_finished < point.tasks:
            warnings.append(f"{point.run_dir}: only {point.tasks_finished} of {point.tasks} tasks finished")
    prices = {point.price_per_cpu_hour for point in points} - {None}
    if len(prices) > 1:
        warnings.append(f"the runs were priced differently ({', '.join(f'${p}' for p in sorted(prices))} per "
                        "CPU-hour): their costs are as recorded, the references at the default price")
    return warnings


def draw_and_print(run_dirs: Sequence[Path], out_dir: Path) -> int:
    """Draw the chart of `run_dirs` into `out_dir`, write and print the table and the paths."""
    points = curve_points(run_dirs)
    _check_scored(points)
    price = _price(points)
    png, svg = draw_score_vs_cost(points, load_reference_systems(price), out_dir, price_per_cpu_hour=price)
    table = format_curve_table(points)
    write_text_no_follow(out_dir / TABLE_FILE, table + "\n", out_dir)
    for warning in chart_warnings(points):  # after the drawing: an error stays the only line on stderr
        print_warning(warning)
    print(table)
    print(png)
    print(svg)
    return 0


def run(args: argparse.Namespace) -> int:
    """Draw from existing runs."""
    return draw_and_print(expand_run_dirs(args.run_dirs), args.out)
