"""This project's runs as points of a score-versus-cost curve, and the table beside the chart."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from arcsynth.budget import LEVELS
from arcsynth.report.formatting import TASKS_PER_PRICE, percent, seconds, usd
from arcsynth.report.run_view import RunView, load_run

__all__ = ["CurvePoint", "curve_point", "curve_points", "format_curve_table", "point_of_view"]


@dataclass(frozen=True)
class CurvePoint:
    """One run: its compute level, data, scores and cost per task."""

    label: str
    data: str
    score: float | None
    score_strict: float | None
    usd_per_task: float
    cpu_seconds_per_task: float
    tasks: int
    tasks_finished: int
    run_dir: Path
    price_per_cpu_hour: float | None = None


def _level_rank(label: str) -> int:
    names = list(LEVELS)
    return names.index(label) if label in names else len(names)


def curve_point(run_dir: str | Path) -> CurvePoint:
    """The curve point of one run folder (from results.json, or its records when unfinished)."""
    return point_of_view(load_run(run_dir, with_tasks=False))


def point_of_view(view: RunView) -> CurvePoint:
    """The curve point of a loaded run."""
    results = view.results
    return CurvePoint(
        label=results.level or f"{results.budget_seconds} CPU-s",
        data=str(results.data),
        score=results.score,
        score_strict=results.score_strict,
        usd_per_task=float(results.usd_per_task),
        cpu_seconds_per_task=float(results.cpu_seconds_per_task),
        tasks=results.tasks or len(view.task_ids),
        tasks_finished=results.tasks_finished,
        run_dir=view.root,
        price_per_cpu_hour=results.price_per_cpu_hour,
    )


def curve_points(run_dirs: Iterable[str | Path]) -> list[CurvePoint]:
    """Points of several runs, ordered by data, then compute level, then cost."""
    points = [curve_point(run_dir) for run_dir in run_dirs]
    return sorted(points, key=lambda p: (p.data, _level_rank(p.label), p.usd_per_task))


def format_curve_table(points: Sequence[CurvePoint]) -> str:
    """An aligned text table: one row per run."""
    header = ("level", "data", "tasks", "score", "strict", "CPU-s/task", f"USD/{TASKS_PER_PRICE:,} tasks", "run")
    rows = [header] + [(p.label, p.data, f"{p.tasks_finished}/{p.tasks}", percent(p.score), percent(p.score_strict),
                        seconds(p.cpu_seconds_per_task), usd(p.usd_per_task * TASKS_PER_PRICE), str(p.run_dir)) for p in points]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows)
