"""Search speed and score on a sample of ARC-AGI-1 training tasks (never the evaluation split).

    .venv/bin/python bench/search.py --limit 100 --seconds 1 [--profile] [--nodes N] [--offset K]

Prints per-task outcome (optional), states expanded per CPU-second, the score (pass@2,
per-task fractional) and, with --profile, where time goes (cProfile, top functions).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time

from arcsynth.budget import Budget
from config_text import config_overrides   # bench/ is on sys.path when a bench script runs
from arcsynth.data import load_dataset
from arcsynth.evaluate.scoring import output_solved
from arcsynth.solver.search_solver import SearchSolver


def _registry():
    """The default registry; while primitive families are in flux, a duplicate name keeps its first one."""
    import importlib

    from arcsynth.dsl.registry import Registry, default_registry, family_modules
    try:
        return default_registry()
    except ValueError as exc:
        print(f"warning: {exc}; using the first registration of each name", file=sys.stderr)
    prims = {}
    for module in family_modules():
        for prim in importlib.import_module(module).PRIMITIVES:
            prims.setdefault(prim.name, prim)
    return Registry(prims.values())


def write_counts(out: str, sources: list[str], skip: set[str] = frozenset()) -> int:
    """Count, per task bucket, the operations of the verified programs in `sources` (training only)."""
    import json
    from pathlib import Path

    from count_prior import count_programs, task_bucket
    train = {task.id: task for task in load_dataset("arc1-train").tasks}
    programs: dict[str, set[str]] = {}
    for source in sources:
        for line in Path(source).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["task"] not in train:
                raise SystemExit(f"{record['task']}: not an arc1-train task; counts are learnt on training only")
            if record["task"] not in skip:
                programs.setdefault(record["task"], set()).update(record["programs"])
    records = [(task_bucket(train[task_id]), sorted(texts)) for task_id, texts in sorted(programs.items()) if texts]
    counts = count_programs(records, _registry())
    payload = {"about": "tasks of arc1-train whose verified program used each operation, by task bucket; "
                        "made by bench/search.py --save-programs then --write-counts",
               "sources": [Path(s).name for s in sources], "tasks": len(records), "counts": counts}
    Path(out).write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(records)} tasks, {len(counts.get('all', {}))} operations")
    return 0


def configured_solver(config_text: str) -> SearchSolver:
    """The search solver with the `--config` overrides ("name=value,...") applied."""
    solver = SearchSolver(registry=_registry())
    solver.config = config_overrides(solver.config, config_text)
    return solver


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="arc1-train")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--stride", type=int, default=1, help="take every k-th task")
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--nodes", type=int, default=None)
    parser.add_argument("--tasks", default=None, help="comma-separated task ids")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--save-programs", default=None,
                        help="append, per task, the programs of correct attempts to this JSON-lines file")
    parser.add_argument("--write-counts", default=None, metavar="OUT",
                        help="write the operation counts of the --from program files (CountPrior) to OUT, then stop")
    parser.add_argument("--from", dest="sources", action="append", default=[],
                        help="a JSON-lines file made by --save-programs (repeatable)")
    parser.add_argument("--prior", choices=("base", "counts", "uniform"), default=None,
                        help="the prior (default: the solver's)")
    parser.add_argument("--counts", default=None, help="with --prior counts: a counts file (none: no counts)")
    parser.add_argument("--skip-ids-from", default=None,
                        help="with --write-counts: leave out the tasks listed (first column) in this file")
    parser.add_argument("--config", default="", help="SearchConfig overrides, e.g. max_depth=4,views_share=0")
    args = parser.parse_args(argv)
    if args.write_counts:
        skip = set()
        if args.skip_ids_from:
            from pathlib import Path
            skip = {line.split()[0] for line in Path(args.skip_ids_from).read_text().splitlines() if line.strip()}
        return write_counts(args.write_counts, args.sources, skip)
    if args.data != "arc1-train" and not args.data.startswith("arc2-train"):
        print("bench/search.py tunes on training splits only; use bench/curve.py to measure evaluation",
              file=sys.stderr)
        return 2
    dataset = load_dataset(args.data)
    tasks = list(dataset.tasks)
    if args.tasks:
        wanted = set(args.tasks.split(","))
        tasks = [t for t in tasks if t.id in wanted]
    else:
        tasks = tasks[args.offset::args.stride][:args.limit]
    budget = Budget(cpu_seconds=None if args.nodes else args.seconds, max_nodes=args.nodes)
    solver = configured_solver(args.config)
    if args.prior:
        from count_prior import BaseCostPrior, CountPrior
        from arcsynth.guide import UniformPrior
        solver.prior = {"base": BaseCostPrior, "counts": CountPrior, "uniform": UniformPrior}[args.prior]()
        if args.prior == "counts" and args.counts:
            solver.prior = CountPrior.from_file(args.counts)
    solver.prepare()      # as the harness does before its workers start: no task pays for warming up
    profiler = cProfile.Profile() if args.profile else None
    total_nodes = 0
    total_cpu = 0.0
    score = 0.0
    solved_train = 0
    origins: dict[str, int] = {}
    counts = {"calls": 0, "memo_hits": 0, "duplicates": 0, "failures": 0}
    for task in tasks:
        hidden = task.without_test_outputs()
        started = time.process_time()
        if profiler:
            profiler.enable()
        solution = solver.solve(hidden, budget)
        if profiler:
            profiler.disable()
        cpu = time.process_time() - started
        total_cpu += cpu
        total_nodes += solution.nodes
        for name in counts:
            counts[name] += int(solution.stats.get(name, 0) or 0)
        right = 0
        for pair, attempts in zip(task.test, solution.attempts):
            if output_solved(pair.output, [a.output for a in attempts]):
                right += 1
        task_score = right / len(task.test)
        if args.save_programs:
            import json
            programs = sorted({a.program for pair, attempts in zip(task.test, solution.attempts) for a in attempts
                               if a.program and output_solved(pair.output, [a.output])})
            with open(args.save_programs, "a", encoding="utf-8") as handle:
                handle.write(json.dumps({"task": task.id, "score": task_score, "programs": programs,
                                         }) + "\n")
        score += task_score
        solved_train += bool(solution.stats.get("solved_train"))
        if task_score > 0 and solution.stats.get("best_program"):
            first = solution.attempts[0][0].program if solution.attempts and solution.attempts[0] else ""
            origins[str(first.count("\n"))] = origins.get(str(first.count("\n")), 0) + 1
        if args.verbose:
            best = (solution.stats.get("best_program") or "").strip().replace("\n", "; ")
            print(f"{task.id} score={task_score:.2f} fit={int(bool(solution.stats.get('solved_train')))} "
                  f"nodes={solution.nodes} cpu={cpu:.2f} stop={solution.stats.get('stopped')} {best[:150]}")
    count = max(1, len(tasks))
    print(f"tasks={len(tasks)} budget={'nodes=%d' % args.nodes if args.nodes else '%.1fs' % args.seconds} "
          f"score={score / count:.4f} fits_train={solved_train / count:.4f} "
          f"cpu_per_task={total_cpu / count:.3f}s states_per_cpu_second={total_nodes / max(total_cpu, 1e-9):.0f}")
    print(f"solved tasks by program steps: {dict(sorted(origins.items()))}")
    nodes = max(1, total_nodes)
    print(f"primitive_calls_per_cpu_second={counts['calls'] / max(total_cpu, 1e-9):.0f} "
          f"memo_hit_share={counts['memo_hits'] / max(1, counts['calls'] + counts['memo_hits']):.3f} "
          f"duplicate_share={counts['duplicates'] / nodes:.3f} failure_share={counts['failures'] / nodes:.3f}")
    if profiler:
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(25)
        print(stream.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
