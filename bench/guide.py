"""Uniform vs guide vs oracle through the same search at the same budget, on the held-out fold.

    .venv/bin/python bench/guide.py --seconds 1 [--priors uniform,guide,oracle] [--limit N]
    .venv/bin/python bench/guide.py --costs-only [--lams 0.2,0.3,0.4,0.5,0.6]
    .venv/bin/python bench/guide.py --forward [--priors guide,cnn=PATH]   # CPU time of one forward pass (encode + network)
    .venv/bin/python bench/guide.py --eval tiny,low [--eval-limit N] [--priors uniform,guide]
    .venv/bin/python bench/guide.py --priors guide --value 0 --out off.json  # value model's weight (search/value.py)
    .venv/bin/python bench/guide.py --nodes 12000 --config value_weights=W.json   # a state budget: same on any machine
    .venv/bin/python bench/guide.py --priors guide --nodes 10000 --arm shipped= --arm new=value_weights=W.json

The held-out fold (guide/splits.py: ARC-AGI-1 training tasks with hand-written programs, kept
out of all training) is searched once per prior, in this process, with 1 CPU-second per task
by default, or `--nodes N` states (no clock: the same result on any machine and under any load,
so two runs compare exactly). The search stops at the first program that fits every train pair
(extra_after_solution = 0); `states` is the number of states generated before the first program
fitting every train pair was found (SearchStats.first_fit_nodes: the depth-2 pass runs on to
its end or its budget, so its whole count would measure that budget, not the prior's order; all
states when no program fits); a task counts as found when an attempt is right on every test output.

Printed: tasks found by hand-written program length (number of steps), the median ratio of
states before the first correct program (prior vs uniform, on tasks both find), and the share
of the uniform-to-oracle gap a prior closes. `--costs-only` skips the search and prints the
mean cost (-log p) of the hand-written programs' primitives under each prior (and each lambda
of the learned prior): cheap, and what a prior is trying to lower.

`--eval LEVELS` instead scores each prior on ARC-AGI-1 evaluation (all 400 tasks, or the first
`--eval-limit`) at each level, through the evaluation harness with the default search (its
run folders go under `--eval-out`, and an interrupted bench resumes them).

A prior is `uniform`, `oracle` (m = 0.5), `guide` (the shipped weights) or `NAME=PATH.npz`
(a LearnedPrior from another weights file, e.g. the features-only baseline).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.evaluate.scoring import output_solved
from arcsynth.guide.base import UniformPrior
from arcsynth.guide.learned import DEFAULT_LAMBDA, LearnedPrior
from arcsynth.guide.oracle import OraclePrior
from arcsynth.program.text import parse_program
from arcsynth.search import KernelConfig, SearchConfig
from arcsynth.solver.search_solver import SearchSolver
from config_text import config_overrides   # bench/ is on sys.path when a bench script runs

ROOT = Path(__file__).resolve().parents[1]
PROGRAMS = ROOT / "programs" / "arc1-train"


def fold_ids() -> list[str]:
    """The held-out fold (guide/splits.py), or its JSON beside it."""
    try:
        from arcsynth.guide.splits import heldout_fold
        return list(heldout_fold())
    except ImportError:
        raw = json.loads((ROOT / "src" / "arcsynth" / "guide" / "heldout_fold.json").read_text())
        return sorted(raw["task_ids"])


def make_prior(spec: str, lam: float):
    if spec == "uniform":
        return "uniform", UniformPrior()
    if spec == "oracle":
        return "oracle", OraclePrior(PROGRAMS, m=0.5)
    if spec == "guide":
        return "guide", LearnedPrior.bundled(lam=lam)
    name, _, path = spec.partition("=")
    if not path:
        raise SystemExit(f"bad prior {spec!r}: uniform, oracle, guide or NAME=PATH.npz")
    return name, LearnedPrior.from_file(path, lam=lam)


def first_fit_config(value: float | None = None, overrides: str = "") -> SearchConfig:
    """The default search, stopping at the first program that fits every train pair (with the
    value model's term at weight `value` unless it is None: the default), with `overrides`
    ("name=value,..." of SearchConfig's fields, as bench/reach.py's --config)."""
    wanted = {"extra_after_solution": 0.0, "min_extra_nodes": 0}
    if value is not None:
        wanted["value_weight"] = value
    config = SearchConfig(kernel=KernelConfig(**wanted))
    return config_overrides(config, overrides)


def costs_table(tasks, programs, specs: list[str], lams: list[float]) -> None:
    registry = default_registry()
    print("| prior | lambda | mean cost of a hand-written program's primitives (nats) | same, programs of 1-4 steps "
          "| mean cost per program |")
    print("|---|---|---|---|---|")
    for spec in specs:
        for lam in (lams if spec not in ("uniform", "oracle") else [None]):
            name, prior = make_prior(spec, lam if lam is not None else DEFAULT_LAMBDA)
            per_prim, per_program, short = [], [], []
            for task in tasks:
                log_probs = prior.log_probs(task.without_test_outputs(), registry)
                used = [n for n in set(programs[task.id].primitive_names()) if n in log_probs]
                if used:
                    costs = [-log_probs[n] for n in used]
                    per_prim.append(float(np.mean(costs)))
                    if len(programs[task.id]) <= 4:
                        short.append(float(np.mean(costs)))
                    per_program.append(float(np.sum([-log_probs[n] for n in programs[task.id].primitive_names()
                                                     if n in log_probs])))
            print(f"| {name} | {'' if lam is None else lam} | {np.mean(per_prim):.3f} | {np.mean(short):.3f} "
                  f"| {np.mean(per_program):.2f} |")


def run_search(tasks, specs: list[str], seconds: float, lam: float, out: Path | None, value: float | None = None,
               nodes: int | None = None, overrides: str = "", arms: list[tuple[str, str]] = ()) -> dict:
    """Per prior (and per arm: a name and SearchConfig overrides added to `overrides`), per task:
    found, fits, states before the first fit, nodes, why it stopped, CPU-s."""
    registry = default_registry()
    budget = Budget(cpu_seconds=None, max_nodes=nodes) if nodes else Budget(cpu_seconds=seconds)
    results: dict[str, dict[str, dict]] = {}
    runs = [(spec, arm, extra) for spec in specs for arm, extra in (arms or [("", "")])]
    for spec, arm, extra in runs:
        name, prior = make_prior(spec, lam)
        if value is not None:
            name = f"{name}+value{value:g}"
        if arm:
            name = arm if len(specs) == 1 else f"{name}+{arm}"
        config = first_fit_config(value, ",".join(filter(None, (overrides, extra))))
        solver = SearchSolver(prior=prior, config=config, registry=registry)
        results[name] = {}
        started = time.process_time()
        for number, task in enumerate(tasks, 1):
            solution = solver.solve(task.without_test_outputs(), budget)
            right = all(output_solved(pair.output, [a.output for a in attempts])
                        for pair, attempts in zip(task.test, solution.attempts))
            results[name][task.id] = {"found": bool(right), "fits": bool(solution.stats.get("solved_train")),
                                      "states": solution.stats.get("first_fit_nodes") or solution.nodes,
                                      "nodes": solution.nodes, "stopped": solution.stats.get("stopped"),
                                      "cpu": solution.stats.get("solver_cpu_seconds")}
            print(f"\r{name}: {number}/{len(tasks)}", end="", file=sys.stderr, flush=True)
        print(f"\r{name}: {len(tasks)} tasks in {time.process_time() - started:.0f} CPU-s", file=sys.stderr)
    if out is not None:
        out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return results


def print_tables(results: dict, lengths: dict[str, int]) -> None:
    names = list(results)
    buckets = [(f"{n}", lambda k, n=n: k == n) for n in range(1, 7)] + [("7+", lambda k: k >= 7), ("all", lambda k: True)]
    print("| hand-written program length | tasks | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for label, keep in buckets:
        ids = [t for t, k in lengths.items() if keep(k)]
        if not ids:
            continue
        cells = [str(sum(results[n][t]["found"] for t in ids)) for n in names]
        print(f"| {label} | {len(ids)} | " + " | ".join(cells) + " |")
    reference = "uniform" if "uniform" in results else names[0]
    print()
    print(f"| prior | found | median states ratio vs {reference} (tasks both find) | tasks | gap to oracle closed "
          "| CPU-s, all tasks | states per CPU-s |")
    print("|---|---|---|---|---|---|---|")
    base = results[reference]
    total = {n: sum(r["found"] for r in results[n].values()) for n in names}
    for n in names:
        both = [t for t in base if base[t]["found"] and results[n][t]["found"]]
        ratios = [results[n][t]["states"] / max(1, base[t]["states"]) for t in both]
        median = statistics.median(ratios) if ratios else math.nan
        gap = ""
        if "oracle" in results and total["oracle"] != total["uniform"]:
            gap = f"{(total[n] - total['uniform']) / (total['oracle'] - total['uniform']):.0%}"
        cpu = [r["cpu"] for r in results[n].values() if r.get("cpu") is not None]
        states = sum(r["nodes"] for r in results[n].values() if r.get("cpu") is not None)
        print(f"| {n} | {total[n]} | {median:.3f} | {len(both)} | {gap} | {sum(cpu):.0f} | {states / max(sum(cpu), 1e-9):.0f} |")


def eval_table(specs: list[str], levels: list[str], lam: float, limit: int | None, workers: int, out: Path) -> None:
    """Score on ARC-AGI-1 evaluation per prior and level, through the harness; a table."""
    from arcsynth.budget import level_budget
    from arcsynth.data.load import select_tasks
    from arcsynth.evaluate import EvalSettings, evaluate
    dataset = load_dataset("arc1-eval")
    tasks = select_tasks(dataset, None, limit)
    rows = []
    for level in levels:
        for spec in specs:
            name, prior = make_prior(spec, lam)
            folder = out / f"{name}-{level}"
            settings = EvalSettings(budget=level_budget(level), level=level, workers=workers)
            run = evaluate(tasks, SearchSolver(prior=prior), settings, folder, data=dataset.name,
                           data_version=dataset.version, resume=(folder / "run.json").exists())
            r = run.results
            rows.append(f"| {name} | {level} | {r.tasks} | {r.score:.2%} | {r.cpu_seconds_per_task:.3f} "
                        f"| {r.usd_per_task * 1000:.4f} | {folder} |")
            print(f"{name} at {level}: {r.score:.2%}", file=sys.stderr)
    print(f"ARC-AGI-1 evaluation, {len(tasks)} tasks, default search, {workers} workers")
    print("| prior | level | tasks | score | CPU-s per task | USD per 1,000 tasks | run folder |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))


def forward_times(tasks, specs: list[str], lam: float) -> None:
    """CPU milliseconds per task of each learned prior in `specs` (`guide` or NAME=PATH): encoding,
    network, and the whole log_probs call."""
    from arcsynth.guide.encode import encode_task, pair_planes
    registry = default_registry()
    for spec in specs:
        if spec in ("uniform", "oracle"):
            continue
        name, prior = make_prior(spec, lam)
        encode_ms, net_ms, total_ms = [], [], []
        for task in tasks:
            hidden = task.without_test_outputs()
            started = time.process_time()
            encoded = encode_task(hidden)
            planes = pair_planes(encoded.pairs)[None]
            middle = time.process_time()
            prior.model.logits(planes, encoded.pair_mask[None], encoded.features[None])
            done = time.process_time()
            LearnedPrior(prior.model, lam).log_probs(hidden, registry)
            encode_ms.append(1000 * (middle - started))
            net_ms.append(1000 * (done - middle))
            total_ms.append(1000 * (time.process_time() - done))
        print(f"{name}: {prior.model.num_parameters()} parameters; per task (CPU ms, median / max over {len(tasks)}): "
              f"encode {statistics.median(encode_ms):.1f} / {max(encode_ms):.1f}, network "
              f"{statistics.median(net_ms):.1f} / {max(net_ms):.1f}, log_probs in all "
              f"{statistics.median(total_ms):.1f} / {max(total_ms):.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--priors", default="uniform,guide,oracle")
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--nodes", type=int, default=None, help="a budget of N states per task instead of --seconds")
    parser.add_argument("--config", default="", help="SearchConfig fields to change, name=value,... (as bench/reach.py)")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--arm", action="append", default=[], metavar="NAME=OVERRIDES",
                        help="search each prior also under these SearchConfig overrides, side by side (repeatable; "
                        "NAME= alone: as --config)")
    parser.add_argument("--lam", type=float, default=DEFAULT_LAMBDA, help="share of uniform in the learned priors")
    parser.add_argument("--costs-only", action="store_true")
    parser.add_argument("--forward", action="store_true", help="time the guide's forward pass (one thread)")
    parser.add_argument("--lams", default="0.2,0.3,0.4,0.5,0.6")
    parser.add_argument("--out", default=None, help="write per-task results (JSON) here")
    parser.add_argument("--value", type=float, default=None, help="weight of the value model's term (0: off; default: "
                        "SearchConfig's)")
    parser.add_argument("--from", dest="source", default=None, help="print the tables of earlier --out files (comma-separated; their priors side by side)")
    parser.add_argument("--eval", default=None, metavar="LEVELS",
                        help="score each prior on ARC-AGI-1 evaluation at these levels (e.g. tiny,low) instead")
    parser.add_argument("--eval-limit", type=int, default=None, help="with --eval: the first N tasks only")
    parser.add_argument("--eval-out", default="runs/bench-guide", help="with --eval: where the run folders go")
    parser.add_argument("--workers", type=int, default=2, help="with --eval: worker processes")
    args = parser.parse_args(argv)
    if args.eval:
        eval_table([s for s in args.priors.split(",") if s], args.eval.split(","), args.lam, args.eval_limit,
                   args.workers, Path(args.eval_out))
        return 0
    registry = default_registry()
    train = {task.id: task for task in load_dataset("arc1-train").tasks}
    programs = {}
    for task_id in fold_ids():
        path = PROGRAMS / f"{task_id}.dsl"
        if task_id in train and path.is_file():
            programs[task_id] = parse_program(path.read_text(encoding="utf-8"), registry)
    tasks = [train[t] for t in sorted(programs)][:args.limit]
    lengths = {task.id: len(programs[task.id]) for task in tasks}
    specs = [s for s in args.priors.split(",") if s]
    if args.forward:
        forward_times(tasks, specs, args.lam)
        return 0
    if args.costs_only:
        costs_table(tasks, programs, specs, [float(x) for x in args.lams.split(",")])
        return 0
    if args.source:
        results = {}
        for source in args.source.split(","):
            results.update(json.loads(Path(source).read_text()))
        results = {name: {t: r for t, r in per.items() if t in lengths} for name, per in results.items()}
    else:
        results = run_search(tasks, specs, args.seconds, args.lam, Path(args.out) if args.out else None, args.value,
                             args.nodes, args.config, [arm.partition("=")[::2] for arm in args.arm])
    each = "the budgets of the saved runs" if args.source else (f"{args.nodes} states" if args.nodes
                                                               else f"{args.seconds} CPU-s")
    print(f"held-out fold: {len(tasks)} tasks, {each} each, search stops at the first fitting program")
    print_tables(results, lengths)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
