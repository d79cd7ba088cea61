"""Train the policy over grid states (search/policy.py) on the traces of the system's own search, seeded.

    .venv/bin/python bench/policy.py --traces T0.jsonl,T1.jsonl --out src/arcsynth/search/policy_weights.json

Examples (bench/traces.py): every state on a trace's path (the input included), its features
against the trace's outputs, labelled with the operations that read it next on the path (several:
a soft target spread over them). A softmax regression over the operations seen at least
`--min-count` times (numpy, full-batch Adam, L2) is fitted on the tasks outside
bench/traces.measured and measured on those inside (split by task): the mean -log p of the next
operation, top-1 and top-5, beside the marginal (the bias alone, fitted the same way), on all
measured paths and on the solved traces' paths alone. Then the cost the kernel would add to the
next operation and to an average one, and the CPU microseconds of PolicyScorer.penalties per
state (new values; values the memo holds). Refitted on all tasks and written as JSON (`--fit-only`:
the model fitted without the measured tasks, to choose the kernel's weight on them).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from arcsynth.data import load_dataset
from arcsynth.search.policy import PolicyModel, PolicyScorer
from arcsynth.search.value import StateScorer, load_value_model
from arcsynth.expert.state_fit import fit_softmax, policy_examples, scored_operations, soft_targets
from arcsynth.expert.traces import measured, read_traces, trace_lines


def examples(paths: list[str]) -> list[dict]:
    """One example per (trace, path state) of the traces files (expert/state_fit.py)."""
    return policy_examples(trace_lines(paths))


def report(name: str, model: PolicyModel, rows: list[dict], column: dict[str, int]) -> None:
    """-log p of the next operation (the best of its labels), top-1 and top-5, over `rows`."""
    x, targets = soft_targets(rows, column)
    if not len(x):
        print(f"| {name} | 0 | | | |")
        return
    log_p = model.log_probs(x)
    best = np.where(targets > 0, log_p, -np.inf).max(axis=1)
    rank = (log_p > best[:, None]).sum(axis=1)
    print(f"| {name} | {len(x)} | {-best.mean():.3f} | {np.mean(rank < 1):.3f} | {np.mean(rank < 5):.3f} |")


def penalty_figures(model: PolicyModel, rows: list[dict], column: dict[str, int], weight: float) -> None:
    """The kernel's extra cost (policy.PolicyScorer's formula) on the next operation and on the average one."""
    x, targets = soft_targets(rows, column)
    drop = np.clip(model.marginal() - model.log_probs(x), 0.0, 6.0) * weight
    on_next = (drop * targets).sum(axis=1)
    print(f"kernel's extra cost at weight {weight:g}: next operation {on_next.mean():.3f}, "
          f"average operation {drop.mean():.3f}, share of next operations with none {np.mean(on_next < 1e-9):.2f}")


def microseconds(model: PolicyModel, paths: list[str], limit: int = 20) -> None:
    """CPU microseconds of PolicyScorer.penalties per state on pool states of the first tasks: values new
    to it, values whose features the value model computed already (as in the kernel, value term on),
    values its memo holds."""
    tasks = {task.id: task for task in load_dataset("arc1-train").tasks}
    spent = {"new": 0.0, "shared": 0.0, "memo": 0.0}
    count = 0
    for number, line in enumerate(read_traces(paths[0])):
        if number >= limit:
            break
        task = tasks[line["task"]]
        outputs, inputs = [p.output for p in task.train], [p.input for p in task.train]
        states = line["pool"]
        ids = [[1000 * k + i for i in range(len(s))] for k, s in enumerate(states)]
        alone = PolicyScorer(model, 1.0, outputs, inputs)
        shared = PolicyScorer(model, 1.0, outputs, inputs)
        value = StateScorer(load_value_model(), 6.0, outputs, inputs)
        value.shared = shared.shared
        for s, i in zip(states, ids):
            value(s, i)
        columns = alone.columns(model.ops)
        for name, scorer in (("new", alone), ("shared", shared), ("memo", shared)):
            started = time.process_time()
            for s, i in zip(states, ids):
                scorer.penalties(s, i, columns)
            spent[name] += time.process_time() - started
        count += len(states)
    print(f"PolicyScorer.penalties, CPU us per state ({count} pool states of {limit} tasks): new values "
          f"{1e6 * spent['new'] / count:.1f}, features from the value term {1e6 * spent['shared'] / count:.1f}, "
          f"values the memo holds {1e6 * spent['memo'] / count:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--traces", required=True, help="traces files of bench/traces.py (comma-separated)")
    parser.add_argument("--min-count", type=int, default=3, help="operations seen fewer times as next are not scored")
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--weight", type=float, default=1.0, help="the weight the extra-cost figures use")
    parser.add_argument("--out", default=None)
    parser.add_argument("--fit-only", action="store_true", help="write the model fitted without the measured tasks "
                        "(to tune the kernel's weight on them) instead of the one refitted on all")
    args = parser.parse_args(argv)
    paths = args.traces.split(",")
    started = time.process_time()
    rows = examples(paths)
    fit = [r for r in rows if not measured(r["task"])]
    held = [r for r in rows if measured(r["task"])]
    ops = scored_operations(fit, args.min_count)
    column = {op: k for k, op in enumerate(ops)}
    x, targets = soft_targets(fit, column)
    print(f"examples {len(rows)} (fit {len(fit)}, measure {len(held)}; tasks measured "
          f"{len({r['task'] for r in held})}), operations scored {len(ops)}; features "
          f"{time.process_time() - started:.0f} CPU-s", file=sys.stderr)
    policy = fit_softmax(x, targets, args.l2, args.steps, True, ops)
    marginal = fit_softmax(x, targets, args.l2, args.steps, False, ops)
    print(f"measured tasks: {len({r['task'] for r in held})}; fitted on {len(x)} states, {len(ops)} operations")
    print("| model, states | states | mean -log p(next) | top-1 | top-5 |")
    print("|---|---|---|---|---|")
    solved = [r for r in held if r["kind"] == "solved"]
    deeper = [r for r in held if r["depth"] >= 1]
    for name, model in (("marginal", marginal), ("policy", policy)):
        report(f"{name}, all measured", model, held, column)
        report(f"{name}, solved traces", model, solved, column)
        report(f"{name}, states past the input", model, deeper, column)
    penalty_figures(policy, held, column, args.weight)
    microseconds(policy, paths)
    print(f"{time.process_time() - started:.0f} CPU-s in all", file=sys.stderr)
    if args.out and args.fit_only:
        raw = policy.to_json()
        raw["trained"] = {"traces": [Path(p).name for p in paths], "states": len(fit), "l2": args.l2,
                          "steps": args.steps, "min_count": args.min_count, "fit_only": True}
        Path(args.out).write_text(json.dumps(raw) + "\n", encoding="utf-8")
    elif args.out:
        ops = scored_operations(rows, args.min_count)
        column = {op: k for k, op in enumerate(ops)}
        final = fit_softmax(*soft_targets(rows, column), args.l2, args.steps, True, ops)
        raw = final.to_json()
        raw["trained"] = {"traces": [Path(p).name for p in paths], "states": len(rows), "l2": args.l2,
                          "steps": args.steps, "min_count": args.min_count}
        Path(args.out).write_text(json.dumps(raw) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
