"""A run's search figures, read from its task records: how fast and how deep the search went.

Solver-agnostic: a record counts only the figures it has (`nodes` and `cpu_seconds` in every
record; `stats.accepted`, `stats.complete_depth` and `stats.runs[].cpu_seconds` when the solver
writes them, as the search solver does).
"""

from __future__ import annotations

import statistics
from typing import Iterable

from arcsynth.evaluate.records import TaskRecord

__all__ = ["search_figures"]


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def search_figures(records: Iterable[TaskRecord]) -> dict:
    """Medians of states and distinct states per CPU-second over the records that spent CPU, the
    count of records per complete depth, and each pass's share of the CPU seconds of the records
    that name their passes."""
    states: list[float] = []
    distinct: list[float] = []
    depths: dict[str, int] = {}
    pass_seconds: dict[str, float] = {}
    timed_cpu = 0.0
    for record in records:
        stats = record.stats
        cpu = record.cpu_seconds
        if cpu > 0:
            states.append(record.nodes / cpu)
            if isinstance(stats.get("accepted"), int):
                distinct.append(stats["accepted"] / cpu)
        depth = stats.get("complete_depth")
        if isinstance(depth, int) and not isinstance(depth, bool):
            depths[str(depth)] = depths.get(str(depth), 0) + 1
        runs = [run for run in stats.get("runs") or () if isinstance(run, dict)
                and isinstance(run.get("cpu_seconds"), (int, float))]
        if runs and cpu > 0:
            timed_cpu += cpu
            for run in runs:
                name = str(run.get("pass"))
                pass_seconds[name] = pass_seconds.get(name, 0.0) + run["cpu_seconds"]
    return {
        "states_per_cpu_second_median": _median(states),
        "distinct_states_per_cpu_second_median": _median(distinct),
        "complete_depth_counts": dict(sorted(depths.items())),
        "cpu_share_by_pass": {name: round(seconds / timed_cpu, 4) for name, seconds in sorted(pass_seconds.items())}
        if timed_cpu > 0 else {},
    }
