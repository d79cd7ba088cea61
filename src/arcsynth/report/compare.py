"""Two runs side by side: which tasks were gained and lost, and how score and cost moved.

Mismatches come first: when the runs differ in their data (dataset, data version, task set) or
in a setting (budget, level, prior, solver, seed, price, limits, code version), the deltas below
are not a like-for-like comparison, and the account says so before any figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from collections import Counter

from arcsynth.report.formatting import TASKS_PER_PRICE, percent, seconds, usd
from arcsynth.report.run_view import RunView, load_run

__all__ = ["TaskChange", "SettingDifference", "RunComparison", "compare_runs", "compare_views",
           "format_comparison", "setting_differences", "DATA_KEYS", "SETTING_KEYS"]

SCORE_KEYS = ("score", "score_strict", "score_per_output")
COST_KEYS = ("cpu_seconds_per_task", "usd_per_task", "usd_total")
DATA_KEYS = ("data", "data_version")
# Every recorded setting that changes what a run can score or what it costs.
SETTING_KEYS = ("level", "budget_seconds", "budget_nodes", "solver", "prior", "seed", "price_per_cpu_hour",
                "time_limit_seconds", "memory_limit_mb", "retries", "version", "git_sha", "git_dirty")


@dataclass(frozen=True)
class SettingDifference:
    """One setting or data property whose value differs between the runs."""

    key: str
    a: object
    b: object
    is_data: bool  # data mismatches (dataset, version, task set) matter most


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
    differences: tuple[SettingDifference, ...] = ()

    @property
    def like_for_like(self) -> bool:
        """Same data, same task set and same settings."""
        return not self.differences and not self.only_in_a and not self.only_in_b

    def delta(self, key: str) -> float | None:
        before, after = self.figures[key]
        return None if before is None or after is None else after - before


def _task_score(view: RunView, task_id: str) -> float:
    record = view.records.get(task_id)
    return float(record.score or 0.0) if record else 0.0


def _setting(view: RunView, key: str) -> object:
    """A setting from run.json, else results.json; the prior from the task records' stats when
    neither names it (the solver records the prior it used per task)."""
    for value in (view.config.get(key), getattr(view.results, key, None)):
        if value is not None:
            return value
    if key == "prior":
        priors = Counter(str(record.stats["prior"]) for record in view.records.values()
                         if record.stats.get("prior") is not None)
        return ", ".join(sorted(priors)) if priors else None
    return None


def setting_differences(a: RunView, b: RunView) -> list[SettingDifference]:
    """Every data property and setting whose value differs between the runs, data first."""
    differences = []
    for keys, is_data in ((DATA_KEYS, True), (SETTING_KEYS, False)):
        for key in keys:
            value_a, value_b = _setting(a, key), _setting(b, key)
            if value_a != value_b:
                differences.append(SettingDifference(key, value_a, value_b, is_data))
    return differences


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
    differences = setting_differences(a, b)
    warnings = [f"{d.key} differs: {d.a} vs {d.b}" for d in differences if d.is_data]
    if a.results.score is None or b.results.score is None:
        warnings.append("a run has unknown expected outputs: no score to compare")
    figures = {key: (getattr(a.results, key), getattr(b.results, key)) for key in SCORE_KEYS + COST_KEYS}
    return RunComparison(a.root, b.root, tuple(gained), tuple(lost), len(common),
                         tuple(sorted(ids_a - ids_b)), tuple(sorted(ids_b - ids_a)), figures, tuple(warnings),
                         tuple(differences))


def compare_runs(run_a: str | Path, run_b: str | Path) -> RunComparison:
    """Compare the runs in two folders."""
    return compare_views(load_run(run_a, with_tasks=False), load_run(run_b, with_tasks=False))


def _signed(value: float | None, render) -> str:
    if value is None:
        return "n/a"
    return ("+" if value >= 0 else "-") + render(abs(value))


def _points(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f} pt"


def _shown(value: object) -> str:
    return "-" if value is None else str(value)


def _mismatch_lines(comparison: RunComparison) -> list[str]:
    """The mismatches, data first, as an aligned block (empty when the runs are like for like)."""
    rows = [(d.key.replace("_", " "), _shown(d.a), _shown(d.b)) for d in comparison.differences if d.is_data]
    if comparison.only_in_a or comparison.only_in_b:
        rows.append(("task set", f"{len(comparison.only_in_a)} task(s) only in A",
                     f"{len(comparison.only_in_b)} task(s) only in B"))
    data_rows = len(rows)
    rows += [(d.key.replace("_", " "), _shown(d.a), _shown(d.b)) for d in comparison.differences if not d.is_data]
    if not rows:
        return ["same data, task set and settings: a like-for-like comparison", ""]
    width = max(len(name) for name, _, _ in rows)
    left = max(len(value) for _, value, _ in rows)
    lines = []
    if data_rows:
        lines.append("DATA MISMATCH: the runs are not on the same tasks; the deltas below are not like for like")
    lines.append(f"{len(rows)} difference(s) between the runs (A -> B):")
    lines += [f"  {name.ljust(width)}  {value_a.rjust(left)} -> {value_b}" for name, value_a, value_b in rows]
    lines.append("")
    return lines


def format_comparison(comparison: RunComparison) -> str:
    """A plain-text account: mismatches of data and settings first, then figures with deltas,
    then gained and lost tasks."""
    renders = {"score": percent, "score_strict": percent, "score_per_output": percent,
               "cpu_seconds_per_task": seconds, "usd_per_task": usd, "usd_total": usd}
    names = {"usd_per_task": f"usd per {TASKS_PER_PRICE:,} tasks"}
    scale = {"usd_per_task": TASKS_PER_PRICE}
    lines = [f"A: {comparison.run_a}", f"B: {comparison.run_b}", ""]
    lines += _mismatch_lines(comparison)
    width = max(len(names.get(key, key)) for key in renders)
    for key, render in renders.items():
        before, after = comparison.figures[key]
        factor = scale.get(key, 1)
        before_shown = None if before is None else before * factor
        after_shown = None if after is None else after * factor
        delta = comparison.delta(key)
        shown = _signed(None if delta is None else delta * factor, _points if render is percent else render)
        ratio = f"  (x{after / before:.3g})" if key in COST_KEYS and before and after is not None else ""
        lines.append(f"{names.get(key, key).ljust(width)}  {render(before_shown):>10} -> {render(after_shown):<10}  "
                     f"{shown}{ratio}")
    lines.append("")
    lines.append(f"tasks compared: {comparison.common}; gained {len(comparison.gained)}, lost {len(comparison.lost)}")
    for title, changes in (("gained", comparison.gained), ("lost", comparison.lost)):
        for change in changes:
            lines.append(f"  {title:<6} {change.task_id}  {percent(change.before)} -> {percent(change.after)}")
    for title, ids in (("only in A", comparison.only_in_a), ("only in B", comparison.only_in_b)):
        if ids:
            lines.append(f"{title}: {len(ids)} task(s): {', '.join(ids[:20])}{' ...' if len(ids) > 20 else ''}")
    for warning in comparison.warnings:
        if " differs: " not in warning:  # the differences are listed first
            lines.append(f"warning: {warning}")
    return "\n".join(lines)
