"""Mine the library of learned operations from the search's own verified programs.

    .venv/bin/python bench/library.py --runs RUN_DIR[,RUN_DIR...] --out src/arcsynth/search/library/library_ops.json

Reads the task records of evaluation-harness run folders (`arcsynth eval --data arc1-train ...`)
and takes, per task, every program that fits all its train pairs: the best program of a task
whose search fitted them (`stats.solved_train`), and the alternatives dropped for predicting
the same (`stats.dropped_alternatives` with every train pair solved). Only tasks of the training
splits outside the held-out fold and every evaluation task (`guide.splits.training_tasks`) are
read, and `check_training_sources` proves it; the hand-written programs (programs/) are never
read. The miner (search/library/mine.py) writes the library file and prints what it learned.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from arcsynth.dsl.registry import default_registry
from arcsynth.errors import ArcsynthError
from arcsynth.guide.splits import check_training_sources, training_tasks
from arcsynth.program.nodes import Program
from arcsynth.program.text import parse_program
from arcsynth.search.library import MinerSettings, library_to_json, mine_library

__all__ = ["verified_programs", "main"]


def verified_programs(run_dirs: list[Path], registry=None) -> list[tuple[str, Program]]:
    """(task id, program) for every program fitting all train pairs of a training-split task
    (never a held-out or evaluation task) in the run folders' records; each text once per task."""
    registry = default_registry() if registry is None else registry
    allowed = {task.id: task for task in training_tasks()}
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, Program]] = []
    used = {}
    for run_dir in run_dirs:
        for path in sorted((run_dir / "tasks").glob("*.json")):
            record = json.loads(path.read_text())
            task = allowed.get(record.get("task_id"))
            stats = record.get("stats") or {}
            if task is None or not stats.get("solved_train"):
                continue
            texts = [stats.get("best_program")]
            texts.extend(alt.get("program") for alt in stats.get("dropped_alternatives") or ()
                         if alt.get("train_solved") == len(task.train))
            for text in texts:
                if not text or (task.id, text) in seen:
                    continue
                seen.add((task.id, text))
                try:
                    out.append((task.id, parse_program(text, registry)))
                except ArcsynthError:
                    continue     # a record of an older DSL: a primitive renamed since
                used[task.id] = task
    check_training_sources(used.values())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", required=True, help="comma-separated run folders of arcsynth eval")
    parser.add_argument("--out", required=True, help="the library file to write")
    parser.add_argument("--max-operations", type=int, default=MinerSettings.max_operations)
    parser.add_argument("--min-tasks", type=int, default=MinerSettings.min_tasks)
    parser.add_argument("--max-size", type=int, default=MinerSettings.max_size)
    parser.add_argument("--max-params", type=int, default=MinerSettings.max_params)
    args = parser.parse_args()
    runs = [Path(p) for p in args.runs.split(",") if p]
    for run in runs:
        if not (run / "tasks").is_dir():
            print(f"{run}: not a run folder (no tasks/ inside)", file=sys.stderr)
            sys.exit(2)
    registry = default_registry()
    programs = verified_programs(runs, registry)
    settings = MinerSettings(min_size=2, max_size=args.max_size, max_params=args.max_params,
                             min_tasks=args.min_tasks, max_operations=args.max_operations)
    library = mine_library(programs, registry, settings)
    tasks = len({task for task, _ in programs})
    description = (f"Learned operations mined by bench/library.py from {len(programs)} verified programs of "
                   f"{tasks} training-split tasks (no held-out fold or evaluation task) in {', '.join(map(str, runs))}; "
                   f"settings {settings}.")
    Path(args.out).write_text(json.dumps(library_to_json(library, description), indent=1) + "\n")
    print(f"{len(programs)} programs of {tasks} tasks -> {len(library)} learned operations -> {args.out}")
    for fragment, counts in zip(library.fragments, library.counts):
        print(f"  {fragment.name}  tasks {counts['tasks']:>3}  uses {counts['uses']:>3}  "
              f"compression {counts['compression']:>3}  {fragment.text}")


if __name__ == "__main__":
    main()
