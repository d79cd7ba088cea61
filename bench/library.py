"""Mine the library of learned operations from the search's own verified programs.

    .venv/bin/python bench/library.py --runs RUN_DIR[,RUN_DIR...] --out src/arcsynth/search/library/library_ops.json
    .venv/bin/python bench/library.py --summary RUN_DIR[,RUN_DIR...]    # e.g. the arms of one bench/ab.py run

Reads the task records of evaluation-harness run folders (`arcsynth eval --data arc1-train ...`)
and takes, per task, every program that fits all its train pairs: the best program of a task
whose search fitted them (`stats.solved_train`), and the alternatives dropped for predicting
the same (`stats.dropped_alternatives` with every train pair solved). Only tasks of the training
splits outside the held-out fold and every evaluation task (`guide.splits.training_tasks`) are
read, and `check_training_sources` proves it; the hand-written programs (programs/) are never
read. The miner (search/library/mine.py) writes the library file and prints what it learned.

`--summary` prints, per run folder, what a library changes besides the score: states per
CPU-second (all tasks' states over all their CPU seconds) and how far the depth-2 pass on the
task itself got (its deepest complete depth, 0/1/2, counted over tasks).
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

__all__ = ["verified_programs", "run_summary", "main"]


def _right_on_test(record: dict, program: str) -> bool:
    """Whether `program` is the first attempt on every test input and right there."""
    tests = record.get("test") or ()
    return bool(tests) and all(t.get("attempts") and t["attempts"][0].get("program") == program
                               and t["attempts"][0].get("output") == t.get("expected") for t in tests)


def verified_programs(run_dirs: list[Path], registry=None, correct_only: bool = False) -> list[tuple[str, Program]]:
    """(task id, program) for every program fitting all train pairs of a training-split task
    (never a held-out or evaluation task) in the run folders' records; each text once per task.
    With `correct_only`, only best programs that are also right on the task's test outputs (as
    expert iteration takes them; the alternatives' test outputs are not recorded)."""
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
            if correct_only:
                texts = [text for text in texts if _right_on_test(record, text)]
            else:
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


def run_summary(run_dir: Path) -> dict:
    """Score, train fits, states per CPU-second and the depth-2 pass's complete depths of a run folder."""
    records = [json.loads(p.read_text()) for p in sorted((run_dir / "tasks").glob("*.json"))]
    nodes = sum((r.get("stats") or {}).get("nodes", 0) for r in records)
    cpu = sum((r.get("stats") or {}).get("cpu_seconds", 0.0) for r in records)
    depths = [0, 0, 0]
    for r in records:
        for entry in (r.get("stats") or {}).get("runs", ()):
            if entry.get("pass") == "depth2":
                depths[min(2, entry.get("complete_depth", 0))] += 1
    return {"tasks": len(records), "score": sum(r.get("score") or 0.0 for r in records),
            "fits": sum(bool((r.get("stats") or {}).get("solved_train")) for r in records),
            "states_per_cpu_second": nodes / cpu if cpu else 0.0, "cpu_per_task": cpu / max(1, len(records)),
            "depth2_complete": depths}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", help="comma-separated run folders of arcsynth eval")
    parser.add_argument("--out", help="the library file to write")
    parser.add_argument("--summary", help="comma-separated run folders to summarise instead")
    parser.add_argument("--correct-only", action="store_true",
                        help="only programs right on the test outputs too (training tasks: expert iteration's rule)")
    parser.add_argument("--max-operations", type=int, default=MinerSettings.max_operations)
    parser.add_argument("--min-tasks", type=int, default=MinerSettings.min_tasks)
    parser.add_argument("--max-size", type=int, default=MinerSettings.max_size)
    parser.add_argument("--max-params", type=int, default=MinerSettings.max_params)
    args = parser.parse_args()
    if args.summary:
        print(f"{'run':<48} {'tasks':>5} {'score':>7} {'fits':>5} {'states/cpu-s':>12} {'cpu/task':>8}  depth-2 pass complete to depth 0/1/2")
        for run in (Path(p) for p in args.summary.split(",") if p):
            s = run_summary(run)
            print(f"{str(run)[-48:]:<48} {s['tasks']:>5} {s['score']:>7.2f} {s['fits']:>5} {s['states_per_cpu_second']:>12.0f}"
                  f" {s['cpu_per_task']:>8.3f}  {'/'.join(map(str, s['depth2_complete']))}")
        return
    if not args.runs or not args.out:
        parser.error("--runs and --out are needed (or --summary)")
    runs = [Path(p) for p in args.runs.split(",") if p]
    for run in runs:
        if not (run / "tasks").is_dir():
            print(f"{run}: not a run folder (no tasks/ inside)", file=sys.stderr)
            sys.exit(2)
    registry = default_registry()
    programs = verified_programs(runs, registry, args.correct_only)
    settings = MinerSettings(min_size=2, max_size=args.max_size, max_params=args.max_params,
                             min_tasks=args.min_tasks, max_operations=args.max_operations)
    library = mine_library(programs, registry, settings)
    tasks = len({task for task, _ in programs})
    kind = "verified programs (right on the test outputs too)" if args.correct_only else "verified programs"
    description = (f"Learned operations mined by bench/library.py from {len(programs)} {kind} of "
                   f"{tasks} training-split tasks (no held-out fold or evaluation task) in {', '.join(map(str, runs))}; "
                   f"settings {settings}.")
    Path(args.out).write_text(json.dumps(library_to_json(library, description), indent=1) + "\n")
    print(f"{len(programs)} programs of {tasks} tasks -> {len(library)} learned operations -> {args.out}")
    for fragment, counts in zip(library.fragments, library.counts):
        print(f"  {fragment.name}  tasks {counts['tasks']:>3}  uses {counts['uses']:>3}  "
              f"compression {counts['compression']:>3}  {fragment.text}")


if __name__ == "__main__":
    main()
