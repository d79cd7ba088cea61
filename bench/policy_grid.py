"""Train the grid policy (search/grid_policy.py) on the traces of the system's own search, beside the
linear policy (search/policy.py) on the same split, seeded.

    .venv/bin/python bench/policy_grid.py --traces T0.jsonl,T1.jsonl [--out grid_policy.json]

Examples as bench/policy.py's: every state on a trace's path, labelled with the operations that
read it next (a soft target), the operations seen at least `--min-count` times scored. The grid
policy (per-example GRID_FEATURES, two ReLU layers, mean and max over the examples, a softmax over
the operations) is trained with torch (CPU, one thread, Adam, weight decay) on the tasks outside
bench/traces.measured, its epochs chosen on a fifth of those tasks held out (never on the measured
ones); the linear policy is fitted as bench/policy.py fits it. Both are measured on the measured
tasks: mean -log p of the next operation (the best of its labels), top-1, top-5, on all measured
states, the solved traces' and the states past the input. Then the numpy inference's CPU
microseconds per state in the kernel's scorer (GridPolicyScorer.penalties) beside the linear
one's, on pool states of the first tasks. `--out`: the grid model refitted on all tasks as JSON
(`--fit-only`: the one fitted without the measured tasks, as measured).
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

from arcsynth.data import load_dataset
from arcsynth.expert.state_fit import fit_softmax, scored_operations, soft_targets
from arcsynth.expert.traces import measured, read_traces, trace_lines, trace_targets
from arcsynth.search.grid_policy import GRID_FEATURES, GridPolicyModel, GridPolicyScorer, GridTargets, \
    grid_features
from arcsynth.search.policy import PolicyScorer, policy_features
from arcsynth.search.value import StateScorer, load_value_model


def examples(paths: list[str]) -> list[dict]:
    """One example per (trace, path state): task id, trace kind, linear features, per-example grid
    features (E, F), next operations, depth."""
    out = []
    for line, tasks in trace_lines(paths):
        for trace in line["traces"]:
            inputs, outputs = trace_targets(line, trace, tasks)
            targets = GridTargets(outputs, inputs)
            for step in trace["path"]:
                out.append({"task": line["task"], "kind": trace["kind"], "next": step["next"], "depth": step["depth"],
                            "features": policy_features(step["states"], outputs, inputs),
                            "grid": grid_features(step["states"], targets)})
    return out


def validation(task_id: str) -> bool:
    """A fifth of the fitted tasks, to choose the epochs on (another byte of the id's sha256 than measured's)."""
    return hashlib.sha256(task_id.encode()).digest()[1] % 5 == 0


def padded(rows: list[dict], column: dict[str, int]):
    """(features (N, E, F), mask (N, E), soft targets (N, C)) of the rows with a scored next operation."""
    kept = [r for r in rows if any(op in column for op in r["next"])]
    n_examples = max(len(r["grid"]) for r in kept)
    x = np.zeros((len(kept), n_examples, len(GRID_FEATURES)), dtype=np.float32)
    mask = np.zeros((len(kept), n_examples), dtype=np.float32)
    targets = np.zeros((len(kept), len(column)), dtype=np.float32)
    for k, r in enumerate(kept):
        x[k, :len(r["grid"])] = r["grid"]
        mask[k, :len(r["grid"])] = 1
        scored = [column[op] for op in r["next"] if op in column]
        targets[k, scored] = 1.0 / len(scored)
    return x, mask, targets


def train_grid(rows: list[dict], column: dict[str, int], ops: tuple[str, ...], epochs: int, hidden: int,
               decay: float, seed: int, solved_weight: float = 1.0) -> GridPolicyModel:
    """The grid policy trained on `rows` (torch, CPU, AdamW with a cosine learning rate over `epochs`);
    the solved traces' states weigh `solved_weight` times a hindsight state's."""
    import torch   # training only: the package never imports torch
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    x, mask, targets = padded(rows, column)
    kept = [r for r in rows if any(op in column for op in r["next"])]
    weights = torch.tensor([solved_weight if r["kind"] == "solved" else 1.0 for r in kept])
    flat = x[mask > 0]
    mean = flat.mean(axis=0)
    scale = flat.std(axis=0)
    scale[scale < 1e-6] = 1.0
    xt = torch.tensor((x - mean) / scale * mask[..., None])
    mt, tt = torch.tensor(mask), torch.tensor(targets)
    layer1 = torch.nn.Linear(len(GRID_FEATURES), hidden)
    layer2 = torch.nn.Linear(hidden, hidden)
    out = torch.nn.Linear(2 * hidden, len(ops))
    with torch.no_grad():
        out.bias.copy_(torch.log(tt.mean(dim=0) + 1e-3))
    params = list(layer1.parameters()) + list(layer2.parameters()) + list(out.parameters())
    optimiser = torch.optim.AdamW(params, lr=2e-3, weight_decay=decay)
    batches = (len(xt) + 127) // 128
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: 0.5 * (1 + np.cos(np.pi * min(1.0, step / max(1, epochs * batches)))))

    def forward(xb, mb):
        g = torch.relu(layer2(torch.relu(layer1(xb))))
        m = mb[..., None]
        pooled_mean = (g * m).sum(dim=1) / m.sum(dim=1)
        pooled_max = (g * m - (1 - m) * 1e9).max(dim=1).values
        return out(torch.cat([pooled_mean, pooled_max], dim=1))

    def model() -> GridPolicyModel:
        arrays = {"mean": mean, "scale": scale, "w1": layer1.weight, "b1": layer1.bias, "w2": layer2.weight,
                  "b2": layer2.bias, "v": out.weight, "c": out.bias}
        return GridPolicyModel(ops, {k: (v.detach().numpy() if hasattr(v, "detach") else v).astype(np.float64)
                                     for k, v in arrays.items()})

    generator = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        order = torch.randperm(len(xt), generator=generator)
        for start in range(0, len(order), 128):
            batch = order[start:start + 128]
            logits = forward(xt[batch], mt[batch])
            loss = -(weights[batch] * (tt[batch] * torch.log_softmax(logits, dim=1)).sum(dim=1)).sum() \
                / weights[batch].sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
    return model()


def grid_log_probs(model: GridPolicyModel, rows: list[dict]) -> np.ndarray:
    return np.array([model.log_probs(r["grid"]) for r in rows])


def figures(model, rows: list[dict], column: dict[str, int]) -> tuple[int, float, float, float]:
    """(states, mean -log p of the best next label, top-1, top-5) over the rows with a scored next op."""
    kept = [r for r in rows if any(op in column for op in r["next"])]
    if not kept:
        return 0, float("nan"), float("nan"), float("nan")
    if isinstance(model, GridPolicyModel):
        log_p = grid_log_probs(model, kept)
    else:
        log_p = model.log_probs(np.array([r["features"] for r in kept]))
    labels = np.zeros_like(log_p, dtype=bool)
    for k, r in enumerate(kept):
        labels[k, [column[op] for op in r["next"] if op in column]] = True
    best = np.where(labels, log_p, -np.inf).max(axis=1)
    rank = (log_p > best[:, None]).sum(axis=1)
    return len(kept), float(-best.mean()), float(np.mean(rank < 1)), float(np.mean(rank < 5))


def microseconds(grid: GridPolicyModel, linear, paths: list[str], limit: int = 20) -> None:
    """CPU microseconds per state of the kernel's scorers' penalties on pool states of the first tasks,
    the value term's features shared (as in the kernel, value term on): the linear policy, the grid
    policy's numpy pass and its compiled twin (numba; compiled before the clock starts)."""
    tasks = {task.id: task for task in load_dataset("arc1-train").tasks}
    spent = collections.Counter()
    count = 0
    for number, line in enumerate(read_traces(paths[0])):
        if number >= limit:
            break
        task = tasks[line["task"]]
        outputs, inputs = [p.output for p in task.train], [p.input for p in task.train]
        states = line["pool"]
        ids = [[1000 * k + i for i in range(len(s))] for k, s in enumerate(states)]
        for name, scorer in (("linear", PolicyScorer(linear, 1.0, outputs, inputs)),
                             ("grid, numpy", GridPolicyScorer(grid, 1.0, outputs, inputs, compiled=False)),
                             ("grid, compiled", GridPolicyScorer(grid, 1.0, outputs, inputs))):
            value = StateScorer(load_value_model(), 6.0, outputs, inputs)
            value.shared = scorer.shared
            for s, i in zip(states, ids):
                value(s, i)
            columns = scorer.columns(scorer.index)
            scorer.penalties(states[0], ids[0], columns)
            started = time.process_time()
            for s, i in zip(states, ids):
                scorer.penalties(s, i, columns)
            spent[name] += time.process_time() - started
        count += len(states)
    print(f"penalties, CPU us per state ({count} pool states of {limit} tasks, value features shared): "
          + ", ".join(f"{name} {1e6 * spent[name] / count:.1f}" for name in spent))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--traces", required=True, help="traces files of bench/traces.py (comma-separated)")
    parser.add_argument("--min-count", type=int, default=3, help="operations seen fewer times as next are not scored")
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--decay", type=float, default=1.0, help="AdamW weight decay")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--solved-weight", type=float, default=10.0,
                        help="a solved trace's state weighs this many hindsight states in the loss")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default=None, help="the grid policy refitted on all tasks, as JSON")
    parser.add_argument("--fit-only", action="store_true", help="write the model fitted without the measured tasks "
                        "instead of the one refitted on all")
    args = parser.parse_args(argv)
    paths = args.traces.split(",")
    started = time.process_time()
    rows = examples(paths)
    fit = [r for r in rows if not measured(r["task"])]
    held = [r for r in rows if measured(r["task"])]
    ops = scored_operations(fit, args.min_count)
    column = {op: k for k, op in enumerate(ops)}
    print(f"examples {len(rows)} (fit {len(fit)}, measure {len(held)}), operations scored {len(ops)}; "
          f"features {time.process_time() - started:.0f} CPU-s", file=sys.stderr)
    settings = (args.epochs, args.hidden, args.decay, args.seed, args.solved_weight)
    # the settings were chosen on a fifth of the fitted tasks, trained on the rest: their figures
    inner = [r for r in fit if not validation(r["task"])]
    check = [r for r in fit if validation(r["task"])]
    print(f"validation tasks ({len({r['task'] for r in check})} of the fitted, trained on the rest):")
    table([("linear policy", fit_softmax(*soft_targets(inner, column), 1e-3, 400, True, ops)),
           ("grid policy", train_grid(inner, column, ops, *settings))], check, column)
    trained = time.process_time()
    grid = train_grid(fit, column, ops, *settings)
    print(f"grid policy trained in {time.process_time() - trained:.0f} CPU-s", file=sys.stderr)
    x, targets = soft_targets(fit, column)
    linear = fit_softmax(x, targets, 1e-3, 400, True, ops)
    marginal = fit_softmax(x, targets, 1e-3, 400, False, ops)
    # the linear policy with the solved traces weighted as the grid policy's: what the weighting alone does
    kept = [r for r in fit if any(op in column for op in r["next"])]
    weighted = fit_softmax(x, targets, 1e-3, 400, True, ops,
                           np.array([args.solved_weight if r["kind"] == "solved" else 1.0 for r in kept]))
    print(f"measured tasks: {len({r['task'] for r in held})}; fitted on {len(fit)} states of "
          f"{len({r['task'] for r in fit})} tasks, {len(ops)} operations; grid policy: hidden {args.hidden}, "
          f"decay {args.decay:g}, {args.epochs} epochs, solved weight {args.solved_weight:g}")
    table([("marginal", marginal), ("linear policy", linear),
           (f"linear policy, solved weight {args.solved_weight:g}", weighted), ("grid policy", grid)], held, column)
    penalty_figures(grid, linear, held, column)
    microseconds(grid, linear, paths)
    print(f"{time.process_time() - started:.0f} CPU-s in all", file=sys.stderr)
    if args.out:
        states = len(fit)
        if not args.fit_only:
            ops = scored_operations(rows, args.min_count)
            grid = train_grid(rows, {op: k for k, op in enumerate(ops)}, ops, *settings)
            states = len(rows)
        raw = grid.to_json()
        raw["trained"] = {"traces": [Path(p).name for p in paths], "states": states, "hidden": args.hidden,
                          "decay": args.decay, "epochs": args.epochs, "solved_weight": args.solved_weight,
                          "min_count": args.min_count, "seed": args.seed, "fit_only": args.fit_only}
        Path(args.out).write_text(json.dumps(raw) + "\n", encoding="utf-8")
    return 0


def table(models: list, rows: list[dict], column: dict[str, int]) -> None:
    """Figures of each model on all rows, the solved traces' and the states past the input."""
    solved = [r for r in rows if r["kind"] == "solved"]
    deeper = [r for r in rows if r["depth"] >= 1]
    print("| model | all: states, -log p, top-1, top-5 | solved traces | states past the input |")
    print("|---|---|---|---|")
    for name, model in models:
        cells = []
        for subset in (rows, solved, deeper):
            n, nll, top1, top5 = figures(model, subset, column)
            cells.append(f"{n}: {nll:.3f}, {top1:.3f}, {top5:.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |")


def penalty_figures(grid: GridPolicyModel, linear, rows: list[dict], column: dict[str, int]) -> None:
    """The kernel's extra cost at weight 1 (min(6, max(0, log p(op) - log p(op | state)))) on the next
    operation and on the average one, per model."""
    kept = [r for r in rows if any(op in column for op in r["next"])]
    targets = soft_targets(kept, column)[1]
    for name, log_p, marginal in (
            ("linear", linear.log_probs(np.array([r["features"] for r in kept])), linear.marginal()),
            ("grid", grid_log_probs(grid, kept), grid.marginal())):
        drop = np.clip(marginal - log_p, 0.0, 6.0)
        on_next = (drop * targets).sum(axis=1)
        print(f"{name}: kernel's extra cost at weight 1: next operation {on_next.mean():.3f}, average operation "
              f"{drop.mean():.3f}, share of next operations with none {np.mean(on_next < 1e-9):.2f}")


if __name__ == "__main__":
    raise SystemExit(main())
