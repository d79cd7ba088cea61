"""Throughput and overhead of the Dask executor against the local process pool (training tasks only).

    .venv/bin/python bench/scaling.py [--limit 6] [--level low] [--budget SECONDS] [--workers 1,2]

For each worker count it runs the same tasks through the harness twice, on the local process
pool and on a local Dask cluster of that many single-threaded worker processes, and prints
tasks per minute and the overhead per task of Dask against the pool:
- wall: (Dask run - pool run) / tasks; the run's wall time, cluster start-up excluded (printed apart);
- cpu: the CPU that is not the tasks' own, per task: this process (harness, Dask client and
  scheduler) plus Dask's worker and nanny processes, minus the same for the pool (this process).
The wall overhead is also given as a share of the pool's run time, the CPU overhead as a share of
a task's mean CPU seconds and of the budget.
Wall time is inflated on a shared machine; the CPU figures are the fair ones under load.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from arcsynth.budget import LEVELS, Budget
from arcsynth.data import load_dataset
from arcsynth.evaluate import DaskExecutor, EvalSettings, evaluate
from arcsynth.solver import make_solver


@dataclass(frozen=True)
class Measure:
    """One run: wall seconds, overhead CPU seconds (not the tasks' own), the tasks' CPU, and the score."""

    wall: float
    overhead_cpu: float
    task_cpu: float
    score: float


def _self_cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system  # the process alone: its reaped children are not in it


def _dask_processes() -> list[psutil.Process]:
    """The worker and nanny processes of the local cluster (the scheduler runs in this process)."""
    return psutil.Process().children(recursive=True)


def _run(tasks, settings, folder: Path, executor=None) -> Measure:
    me = psutil.Process()
    others = _dask_processes() if executor is not None else []
    cpu_before = _self_cpu(me) + sum(_self_cpu(process) for process in others)
    started = time.monotonic()
    result = evaluate(tasks, make_solver("search"), settings, folder, data="arc1-train", data_version="bench",
                      executor=executor)
    wall = time.monotonic() - started
    cpu_after = _self_cpu(me) + sum(_self_cpu(process) for process in others)
    task_cpu = result.results.cpu_seconds_total
    # Forked job processes on the workers are reaped there, so they are not in any _self_cpu.
    return Measure(wall, cpu_after - cpu_before, task_cpu, result.results.score)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=6, help="the first N arc1-train tasks (default 6)")
    parser.add_argument("--level", default="low", choices=tuple(LEVELS))
    parser.add_argument("--budget", type=float, help="CPU seconds per task (default: the level's)")
    parser.add_argument("--workers", default="1,2", help="worker counts (default 1,2)")
    args = parser.parse_args()
    budget_seconds = args.budget or LEVELS[args.level].cpu_seconds
    tasks = load_dataset("arc1-train").tasks[:args.limit]
    print(f"{len(tasks)} arc1-train tasks, budget {budget_seconds:g} CPU-s per task "
          f"(level {args.level}: {LEVELS[args.level].cpu_seconds:g}), search solver")
    print(f"{'workers':>7} {'executor':>8} {'start s':>8} {'wall s':>8} {'tasks/min':>9} {'task cpu s':>10} "
          f"{'overhead cpu s':>14} {'score':>6}")
    rows = {}
    with tempfile.TemporaryDirectory() as scratch:
        for workers in (int(part) for part in args.workers.split(",")):
            settings = EvalSettings(budget=Budget(cpu_seconds=budget_seconds), workers=workers)
            local = _run(tasks, settings, Path(scratch) / f"local-{workers}")
            started = time.monotonic()
            with DaskExecutor(local_workers=workers) as executor:
                startup = time.monotonic() - started
                dask = _run(tasks, settings, Path(scratch) / f"dask-{workers}", executor)
            for name, measure, start in (("local", local, 0.0), ("dask", dask, startup)):
                print(f"{workers:>7} {name:>8} {start:>8.2f} {measure.wall:>8.2f} "
                      f"{60 * len(tasks) / measure.wall:>9.2f} {measure.task_cpu:>10.2f} "
                      f"{measure.overhead_cpu:>14.3f} {measure.score:>6.3f}")
            rows[workers] = (local, dask)
    print()
    print("Dask overhead per task against the local pool (same workers):")
    for workers, (local, dask) in rows.items():
        count = len(tasks)
        wall = (dask.wall - local.wall) * workers / count  # worker-seconds per task
        cpu = (dask.overhead_cpu - local.overhead_cpu) / count
        task_cpu = local.task_cpu / count
        print(f"  {workers} worker(s): wall {wall:+.3f} worker-s/task ({100 * (dask.wall / local.wall - 1):+.1f}% "
              f"of the pool's run time); cpu {cpu:+.3f} s/task ({100 * cpu / task_cpu:+.2f}% of a task's mean "
              f"{task_cpu:.2f} CPU-s, {100 * cpu / budget_seconds:+.2f}% of the {budget_seconds:g}-s budget)")

if __name__ == "__main__":
    logging.getLogger("distributed").setLevel(logging.ERROR)
    main()
