"""The score-and-cost table printed at the end of a run (a score never goes without its cost)."""

from __future__ import annotations

from pathlib import Path

from arcsynth.evaluate.run_results import RunResults
from arcsynth.report.formatting import TASKS_PER_PRICE, usd

__all__ = ["format_summary", "format_percent"]


def format_percent(value: float | None) -> str:
    """`42.5%`, or `n/a` when the test outputs were unknown."""
    return "n/a" if value is None else f"{100 * value:.1f}%"


def format_summary(results: RunResults, out_dir: Path | str | None = None) -> str:
    """A small aligned table of the run's scores and costs."""
    budget = results.budget_seconds
    level = results.level or "custom"
    wall = "n/a" if results.wall_seconds_per_task is None else f"{results.wall_seconds_per_task:.3f} s"
    rows = [
        ("data", f"{results.data}  ({results.data_version})"),
        ("solver / level", f"{results.solver} / {level}  (budget {budget if budget else '-'} CPU-s, "
                           f"nodes {results.budget_nodes or '-'})"),
        ("tasks", f"{results.tasks_finished}/{results.tasks} finished, {results.test_outputs} test outputs, "
                  f"statuses {results.statuses}"),
        ("score", f"{format_percent(results.score)}  (per-task fraction, 2 attempts)"),
        ("score_strict", format_percent(results.score_strict)),
        ("score_per_output", format_percent(results.score_per_output)),
        ("cpu per task", f"{results.cpu_seconds_per_task:.3f} s  (wall {wall})"),
        (f"usd per {TASKS_PER_PRICE:,} tasks", f"{usd(results.usd_per_task * TASKS_PER_PRICE)}  "
                                               f"at ${results.price_per_cpu_hour}/CPU-hour"),
        ("usd total", f"{usd(results.usd_total)}  ({results.cpu_seconds_total:.1f} CPU-s)"),
    ]
    if out_dir is not None:
        rows.append(("results", str(out_dir)))
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)
