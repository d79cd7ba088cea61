"""Two runs side by side: which tasks were gained and lost, and how score and cost moved."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from arcsynth.report.formatting import percent, seconds, usd
from arcsynth.report.run_view import RunView, load_run

__all__ = ["TaskChange", "RunComparison", "compare_runs", "compare_views", "format_comparison"]

SCORE_KEYS = ("score", "score_strict", "score_per_output")
COST_KEYS = ("cpu_seconds_per_task", "usd_per_task", "usd_total")


@dataclass(frozen=True)
class TaskChange:
    """A task whose score differs between the runs (a missing record counts as 0)."""

    task_id: str
    before: float
    after: float


@dataclass(frozen=True)
class RunComparison:
    """Run B against run A."""

    run_a: Path
    run_b: Path
    gained: tuple[TaskChange, ...]
    lost: tuple[TaskChange, ...]
    common: int
    only_in_a: tuple[str, ...]
    only_in_b: tuple[str, ...]
    figures: dict[str, tuple[float | None, float | None]]  # key -> (A, B)
    warnings: tuple[str, ...]

    def delta(self, key: str) -> float | None:
        before, after = self.figures[key]
        return None if before is None or after is None else after - before


def _task_score(view: RunView, task_id: str) -> float:
    record = view.records.get(task_id)
    return float(record.get("score") or 0.0) if record else 0.0


def compare_views(a: RunView, b: RunView) -> RunComparison:
    """Compare two loaded runs task by task, over the tasks both selected."""
    ids_a, ids_b = set(a.task_ids), set(b.task_ids)
    common = [task_id for task_id in a.task_ids if task_id in ids_b]
    gained, lost = [], []
    for task_id in common:
        before, after = _task_score(a, task_id), _task_score(b, task_id)
        if after > before:
            gained.append(TaskChange(task_id, before, after))
        elif after < before:
            lost.append(TaskChange(task_id, before, after))
    warnings = []
    for key in ("data", "data_version"):
        if a.results.get(key) != b.results.get(key):
            warnings.append(f"{key} differs: {a.results.get(key)} vs {b.results.get(key)}")
    if a.results.get("score") is None or b.results.get("score") is None:
        warnings.append("a run has unknown expected outputs: no score to compare")
    figures = {key: (a.results.get(key), b.results.get(key)) for key in SCORE_KEYS + COST_KEYS}
    return RunComparison(a.root, b.root, tuple(gained), tuple(lost), len(common),
                         tuple(sorted(ids_a - ids_b)), tuple(sorted(ids_b - ids_a)), figures, tuple(warnings))


def compare_runs(run_a: str | Path, run_b: str | Path) -> RunComparison:
    """Compare the runs in two folders."""
    return compare_views(load_run(run_a, with_tasks=False), load_run(run_b, with_tasks=False))


def _signed(value: float | None, render) -> str:
    if value is None:
        return "n/a"
    return ("+" if value >= 0 else "-") + render(abs(value))


def _points(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f} pt"


def format_comparison(comparison: RunComparison) -> str:
    """A plain-text account: figures with deltas, then gained and lost tasks."""
    renders = {"score": percent, "score_strict": percent, "score_per_output": percent,
               "cpu_seconds_per_task": seconds, "usd_per_task": usd, "usd_total": usd}
    lines = [f"A: {comparison.run_a}", f"B: {comparison.run_b}", ""]
    width = max(len(key) for key in renders)
    for key, render in renders.items():
        before, after = comparison.figures[key]
        delta = comparison.delta(key)
        shown = _signed(delta, _points if render is percent else render)
        ratio = f"  (x{after / before:.3g})" if key in COST_KEYS and before and after is not None else ""
        lines.append(f"{key.ljust(width)}  {render(before):>10} -> {render(after):<10}  {shown}{ratio}")
    lines.append("")
    lines.append(f"tasks compared: {comparison.common}; gained {len(comparison.gained)}, lost {len(comparison.lost)}")
    for title, changes in (("gained", comparison.gained), ("lost", comparison.lost)):
        for change in changes:
            lines.append(f"  {title:<6} {change.task_id}  {percent(change.before)} -> {percent(change.after)}")
    for title, ids in (("only in A", comparison.only_in_a), ("only in B", comparison.only_in_b)):
        if ids:
            lines.append(f"{title}: {len(ids)} task(s): {', '.join(ids[:20])}{' ...' if len(ids) > 20 else ''}")
    for warning in comparison.warnings:
        lines.append(f"warning: {warning}")
    return "\n".join(lines)
