"""Traces of the system's own search on training-split tasks, for the value model and the policy (issue 16).

    .venv/bin/python bench/traces.py --limit 300 --nodes 3000 --pool-nodes 1500 --samples 24 \
        --seed 0 --out /work/guide-data/traces.jsonl [--shard 0/2]

The first `--limit` ARC-AGI-1 training tasks outside the held-out fold and every evaluation task
(guide/splits.training_tasks), in order, each searched by the shipped search and made into one
JSON line by arcsynth/expert/traces.py `task_traces` (what a line holds is written there);
`arcsynth train --guide states --rounds N` makes the same lines with each round's guide.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from arcsynth.dsl.registry import default_registry
from arcsynth.expert.traces import SOLVED, task_traces
from arcsynth.guide.relabel import HINDSIGHT
from arcsynth.guide.splits import training_tasks
from arcsynth.solver.priors import default_prior


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="the first N training-split tasks")
    parser.add_argument("--nodes", type=int, default=3000, help="states of the shipped search per task")
    parser.add_argument("--pool-nodes", type=int, default=1500, help="states of the kernel run that makes the pool")
    parser.add_argument("--pool", type=int, default=60, help="off-path grid states kept per task")
    parser.add_argument("--samples", type=int, default=24, help="programs kept for hindsight (keep_samples)")
    parser.add_argument("--deep-samples", type=int, default=24,
                        help="programs of depth 2+ of the pool run, also relabelled in hindsight")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shard", default="0/1", help="K/N: every N-th task from the K-th")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    shard, shards = (int(n) for n in args.shard.split("/"))
    registry = default_registry()
    prior = default_prior()
    tasks = list(training_tasks(include_arc2=False))[:args.limit][shard::shards]
    started = time.process_time()
    solved = hindsight = 0
    probe_cache: dict = {}
    with open(args.out, "w", encoding="utf-8") as out:
        for number, task in enumerate(tasks, 1):
            rng = np.random.default_rng([args.seed, number * shards + shard])
            line = task_traces(task, registry, prior, args.nodes, args.pool_nodes, args.pool, args.samples,
                               args.deep_samples, rng, probe_cache)
            solved += sum(t["kind"] == SOLVED for t in line["traces"])
            hindsight += sum(t["kind"] == HINDSIGHT for t in line["traces"])
            out.write(json.dumps(line) + "\n")
            print(f"\r{number}/{len(tasks)} tasks, {solved} solved, {hindsight} hindsight, "
                  f"{time.process_time() - started:.0f} CPU-s", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    print(f"{len(tasks)} tasks: {solved} solved traces, {hindsight} hindsight traces, "
          f"{time.process_time() - started:.0f} CPU-s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
