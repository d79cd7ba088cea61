"""Score against CPU-seconds per task: the compute ladder on ARC-AGI-1 training and evaluation.

    .venv/bin/python bench/curve.py --levels tiny,low --train-limit 100 --eval [--eval-limit N]
                                    [--workers 2] [--out bench/results]

Runs the default solver through the evaluation harness (worker processes, CPU measured by the
kernel, ARC scoring) for each level on a sample of arc1-train (the last `--train-limit` tasks
by id: the first 100 were used for tuning) and, with --eval, on arc1-eval. Writes
`curve.md` (a table: data, level, CPU-s/task, USD/task, score, score_strict,
score_per_output), `curve.json` and `curve.png` (score against CPU-seconds per task) into
`--out`; each run's folder (resumable) sits beside them. The evaluation split is only
measured here, never inspected task by task.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from arcsynth.budget import level_budget
from arcsynth.data import load_dataset
from arcsynth.evaluate.harness import EvalSettings, evaluate
from arcsynth.solver import DEFAULT_SOLVER, make_solver

FIELDS = ("data", "level", "tasks", "cpu_seconds_per_task", "usd_per_task", "score", "score_strict",
          "score_per_output")


def run_one(data: str, level: str, tasks, workers: int, out: Path, version: str) -> dict:
    folder = out / f"{data}-{level}-{len(tasks)}"
    budget = level_budget(level)
    # The machine is shared: leave the CPU budget to the solver and give wall time room.
    wall = None if budget.cpu_seconds is None else 5.0 * budget.cpu_seconds + 30.0
    settings = EvalSettings(budget=budget, level=level, workers=workers, time_limit_seconds=wall)
    result = evaluate(tasks, make_solver(DEFAULT_SOLVER), settings, folder, data=data, data_version=version,
                      resume=(folder / "run.json").exists())
    row = {key: getattr(result.results, key) for key in FIELDS}
    row["data"], row["level"], row["tasks"] = data, level, len(tasks)
    row["solver"] = DEFAULT_SOLVER
    row["complete"] = result.results.complete
    print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)
    return row


def write_table(rows: list[dict], out: Path) -> None:
    lines = ["| data | level | tasks | CPU-s/task | USD/task | score | score_strict | score_per_output |",
             "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['data']} | {row['level']} | {row['tasks']} | {row['cpu_seconds_per_task']:.3f} | "
                     f"{row['usd_per_task']:.6f} | {row['score']:.4f} | {row['score_strict']:.4f} | "
                     f"{row['score_per_output']:.4f} |")
    (out / "curve.md").write_text("\n".join(lines) + "\n")
    (out / "curve.json").write_text(json.dumps(rows, indent=2) + "\n")


def write_plot(rows: list[dict], out: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 4))
    for data in dict.fromkeys(row["data"] for row in rows):
        points = sorted((row["cpu_seconds_per_task"], row["score"]) for row in rows if row["data"] == data)
        ax.plot([p[0] for p in points], [100 * p[1] for p in points], marker="o", label=data)
        for row in rows:
            if row["data"] == data:
                ax.annotate(row["level"], (row["cpu_seconds_per_task"], 100 * row["score"]),
                            textcoords="offset points", xytext=(4, -10), fontsize=8)
    ax.set_xscale("log")
    ax.set_xlabel("CPU-seconds per task")
    ax.set_ylabel("score (%, pass@2, per-task fractional)")
    ax.set_title("arcsynth search: score against compute")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "curve.png", dpi=120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="tiny,low")
    parser.add_argument("--train-limit", type=int, default=100)
    parser.add_argument("--eval", action="store_true", help="also measure arc1-eval (all 400 unless --eval-limit)")
    parser.add_argument("--eval-limit", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default="bench/results")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    levels = [level.strip() for level in args.levels.split(",") if level.strip()]
    rows: list[dict] = []
    train = load_dataset("arc1-train")
    jobs = []
    if args.train_limit:
        jobs.append(("arc1-train", train.tasks[-args.train_limit:], train.version))
    if args.eval:
        evaluation = load_dataset("arc1-eval")
        tasks = evaluation.tasks if args.eval_limit is None else evaluation.tasks[:args.eval_limit]
        jobs.append(("arc1-eval", tasks, evaluation.version))
    for data, tasks, version in jobs:
        for level in levels:
            rows.append(run_one(data, level, tasks, args.workers, out, version))
            write_table(rows, out)
    write_plot(rows, out)
    print((out / "curve.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
