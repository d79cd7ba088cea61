"""Train the value model (search/value.py) on the traces of synthetic programs, seeded.

    .venv/bin/python bench/value.py --data /work/guide-data/synthetic-v2.jsonl --items 4000 \
        --nodes 800 --seed 0 --products all --out src/arcsynth/search/value_weights.json

For each synthetic item (a task made by running a sampled program on training-split inputs):
- positives: the program's intermediate grid states on the train inputs (its path), each
  step whose value is a grid on every train input, except the final output;
- negatives: grid states a short kernel search of the same task (uniform costs, `--nodes`
  states) accepted that are not on the path, at most `--negatives` per item, drawn seeded.
Features are search/value.py's; a logistic regression (numpy, Newton steps, L2, balanced
classes) is fitted on the first 80% of the items and measured on the last 20% (AUC, mean
penalty on and off the path), then refitted on all of them and written as JSON.

Items whose source is a held-out fold task are refused (guide/splits.py); the data files
come from `arcsynth generate` on training-split tasks only. Never reads programs/.

    .venv/bin/python bench/value.py --traces T0.jsonl,T1.jsonl --products all --out W.json

`--traces` learns instead from the system's own search (bench/traces.py): positives are the
states on a trace's path past the input (a program the search verified on a task's train pairs,
or one relabelled in hindsight), negatives the task's pool states off that path (at most
`--negatives` per solved trace, a third of it per hindsight trace), each against the trace's
outputs. Fitted on the tasks outside bench/traces.measured and measured on those inside (split
by task), beside the shipped weights on the same examples; then refitted on all tasks.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

import numpy as np

from arcsynth.budget import Budget
from arcsynth.dsl.registry import default_registry
from arcsynth.dsl.types import GRID
from arcsynth.guide.dataset_io import read_jsonl
from arcsynth.guide.splits import heldout_fold
from arcsynth.program.interpreter import compile_program
from arcsynth.search import CostModel, KernelConfig
from arcsynth.search.kernel import Kernel
from arcsynth.search.state import fast_key
from arcsynth.search.value import FEATURES, load_value_model, state_features
from arcsynth.expert.state_fit import auc, fit_logistic, value_examples
from arcsynth.expert.traces import measured, trace_lines


def _is_grid(value: object) -> bool:
    return type(value) is np.ndarray and value.ndim == 2 and 0 < value.shape[0] <= 30 and 0 < value.shape[1] <= 30


def item_examples(item, registry, nodes: int, negatives: int, rng,
                  products: tuple = ()) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(positive feature vectors, negative feature vectors) of one synthetic item."""
    task = item.task
    inputs = [p.input for p in task.train]
    outputs = [p.output for p in task.train]
    compiled = compile_program(item.program, registry)
    traces = [compiled.trace(x) for x in inputs]
    target_key = tuple(fast_key(t) for t in outputs)
    input_key = tuple(fast_key(x) for x in inputs)
    path: set[tuple] = set()
    positives = []
    for step in range(1, len(traces[0]) - 1):
        states = [trace[step] for trace in traces]
        if not all(_is_grid(s) for s in states):
            continue
        key = tuple(fast_key(s) for s in states)
        if key in path or key == target_key or key == input_key:
            continue
        path.add(key)
        positives.append(state_features(states, outputs, inputs, products))
    if not positives:
        return [], []   # a one-step program (or one through non-grid values only): nothing to contrast
    config = KernelConfig(value_weight=0.0)   # the kernel alone: no completers, no value term
    kernel = Kernel(task.without_test_outputs(), registry, CostModel.uniform(sorted(registry)),
                    Budget(max_nodes=nodes), config)
    kernel.run()
    n_train = len(inputs)
    off = []
    for node in kernel.nodes[1:]:
        if node.type != GRID:
            continue
        states = node.values[:n_train]
        key = tuple(fast_key(s) for s in states)
        if key in path or key == target_key:
            continue
        off.append(states)
    if len(off) > negatives:
        off = [off[k] for k in sorted(rng.choice(len(off), negatives, replace=False))]
    return positives, [state_features(s, outputs, inputs, products) for s in off]


def trace_groups(paths: list[str], negatives: int, rng, products: tuple = ()) -> list[tuple[str, list, list]]:
    """(task id, positives, negatives) of each task line of the traces files (expert/state_fit.py)."""
    return value_examples(trace_lines(paths), negatives, rng, products)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/work/guide-data/synthetic-v2.jsonl")
    parser.add_argument("--items", type=int, default=1500)
    parser.add_argument("--nodes", type=int, default=1500, help="states of the kernel run that makes negatives")
    parser.add_argument("--negatives", type=int, default=30, help="negatives kept per item")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--products", choices=("none", "all"), default="none",
                        help="also the product of every two features, taken per train pair")
    parser.add_argument("--out", default=None, help="write the weights (JSON) here")
    parser.add_argument("--traces", default=None, help="learn from these traces files of bench/traces.py instead "
                        "(comma-separated)")
    args = parser.parse_args(argv)
    registry = default_registry()
    products = tuple(itertools.combinations(range(len(FEATURES)), 2)) if args.products == "all" else ()
    if args.traces:
        return from_traces(args, products)
    fold = set(heldout_fold())
    rng = np.random.default_rng(args.seed)
    started = time.process_time()
    groups: list[tuple[list, list]] = []
    for number, item in enumerate(itertools.islice(read_jsonl(args.data, registry), args.items), 1):
        if item.source in fold:
            raise SystemExit(f"{args.data}: item {number} comes from held-out task {item.source}; refused")
        groups.append(item_examples(item, registry, args.nodes, args.negatives, rng, products))
        if number % 100 == 0:
            print(f"\r{number}/{args.items} items, {time.process_time() - started:.0f} CPU-s", end="", file=sys.stderr)
    print(file=sys.stderr)

    def stack(part: list[tuple[list, list]]) -> tuple[np.ndarray, np.ndarray]:
        pos = [f for p, _ in part for f in p]
        neg = [f for _, n in part for f in n]
        return np.array(pos + neg), np.array([1.0] * len(pos) + [0.0] * len(neg))

    cut = int(0.8 * len(groups))
    x_fit, y_fit = stack(groups[:cut])
    x_val, y_val = stack(groups[cut:])
    model = fit_logistic(x_fit, y_fit, args.l2, products=products)
    logits = model.logit(x_val)
    penalties = np.logaddexp(0, -logits)
    print(f"items {len(groups)} (fit {cut}, measure {len(groups) - cut}); examples fit {len(y_fit)} "
          f"({int(y_fit.sum())} on path), measure {len(y_val)} ({int(y_val.sum())} on path); "
          f"{time.process_time() - started:.0f} CPU-s")
    print(f"measure: AUC {auc(logits, y_val):.3f}; mean -log p on path {penalties[y_val == 1].mean():.2f}, "
          f"off path {penalties[y_val == 0].mean():.2f}")
    x_all, y_all = stack(groups)
    final = fit_logistic(x_all, y_all, args.l2, products=products)
    print("| feature | weight (standardised) |")
    print("|---|---|")
    names = list(FEATURES) + [f"{FEATURES[i]}*{FEATURES[j]}" for i, j in products]
    for name, weight in zip(names, final.weights):
        print(f"| {name} | {weight:+.3f} |")
    if args.out:
        raw = final.to_json()
        raw["trained"] = {"data": Path(args.data).name, "items": len(groups), "nodes": args.nodes,
                          "negatives": args.negatives, "seed": args.seed, "l2": args.l2,
                          "products": args.products}
        Path(args.out).write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")
    return 0


def from_traces(args, products: tuple) -> int:
    """Fit on the traces' fitted tasks, measure on the measured ones beside the shipped weights."""
    started = time.process_time()
    groups = trace_groups(args.traces.split(","), args.negatives, np.random.default_rng(args.seed), products)

    def stack(part, solved_only: bool = False) -> tuple[np.ndarray, np.ndarray]:
        pos = [f for _, p, _ in part for f, solved in p if solved or not solved_only]
        neg = [f for _, _, n in part for f, solved in n if solved or not solved_only]
        return np.array(pos + neg), np.array([1.0] * len(pos) + [0.0] * len(neg))

    fit = [g for g in groups if not measured(g[0])]
    held = [g for g in groups if measured(g[0])]
    x_fit, y_fit = stack(fit)
    x_val, y_val = stack(held)
    print(f"tasks {len(groups)} (fit {len(fit)}, measure {len(held)}); examples fit {len(y_fit)} "
          f"({int(y_fit.sum())} on path), measure {len(y_val)} ({int(y_val.sum())} on path); "
          f"features {time.process_time() - started:.0f} CPU-s")
    model = fit_logistic(x_fit, y_fit, args.l2, products=products)
    shipped = load_value_model()
    if shipped.products != products:
        raise SystemExit("the shipped weights are measured on their own terms: pass --products as they were trained")
    x_solved, y_solved = stack(held, solved_only=True)
    print(f"measure, solved traces only: {len(y_solved)} examples ({int(y_solved.sum())} on path)")
    for name, scorer in (("shipped", shipped), ("retrained", model)):
        logits = scorer.logit(x_val)
        penalties = np.logaddexp(0, -logits)
        print(f"measure, {name}: AUC {auc(logits, y_val):.3f} (solved traces only: "
              f"{auc(scorer.logit(x_solved), y_solved):.3f}); mean -log p on path "
              f"{penalties[y_val == 1].mean():.2f}, off path {penalties[y_val == 0].mean():.2f}")
    final = fit_logistic(*stack(groups), args.l2, products=products)
    if args.out:
        raw = final.to_json()
        raw["trained"] = {"traces": [Path(p).name for p in args.traces.split(",")], "tasks": len(groups),
                          "negatives": args.negatives, "seed": args.seed, "l2": args.l2, "products": args.products}
        Path(args.out).write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
