"""Fit the state guide (the value model and the policy over states) on traces of the search.

    lines = list(trace_lines(["round-1/traces.jsonl"], tasks))
    value = fit_value(lines, StateFitConfig())
    policy = fit_policy(lines, StateFitConfig())

Both models read a state (one grid per train pair) against a trace's train pairs (traces.py:
the task's own outputs for a solved trace, the program's outputs for a hindsight one).
- Value (search/value.py): positives are the states on a trace's path past the input, negatives
  the task's pool states off that path (at most `negatives` per solved trace, a third of that per
  hindsight trace); a logistic regression with balanced classes (Newton steps, L2) on
  standardised features and their products.
- Policy (search/policy.py): every state on a path, the input included, labelled with the
  operations that read it next (a soft target spread over them); a softmax regression over the
  operations seen at least `min_count` times as a next one (full-batch Adam, L2).
A solved trace's path states count `solved_weight` times in the policy's fit (the search's real
answers are few beside its hindsight ones: on the held-out tasks of 294 tasks' traces, weight 10
raises the policy's top-1 on solved paths from 0.08 to 0.22; the value model fitted so ranks
them worse, 0.80 -> 0.79 AUC, so its examples count once). numpy only.
"""

from __future__ import annotations

import collections
import itertools
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from arcsynth.expert.traces import SOLVED, state_key, trace_targets
from arcsynth.search.policy import PolicyModel, policy_features
from arcsynth.search.value import FEATURES, ValueModel, state_features
from arcsynth.task import Task

__all__ = ["StateFitConfig", "ALL_PRODUCTS", "value_examples", "fit_logistic", "fit_value", "policy_examples",
           "scored_operations", "soft_targets", "fit_softmax", "fit_policy", "auc"]

ALL_PRODUCTS = tuple(itertools.combinations(range(len(FEATURES)), 2))   # as the shipped value weights

Lines = Sequence[tuple[dict, Mapping[str, Task]]]


@dataclass(frozen=True)
class StateFitConfig:
    """How the value model and the policy are fitted on traces."""

    negatives: int = 30          # pool states off the path per solved trace (a third per hindsight trace)
    products: tuple[tuple[int, int], ...] = ALL_PRODUCTS
    value_l2: float = 1e-3
    value_steps: int = 30        # Newton steps
    policy_l2: float = 1e-3
    policy_steps: int = 400      # Adam steps
    min_count: int = 3           # operations seen fewer times as a next one are not scored
    solved_weight: float = 10.0  # a solved trace's path state counts this many times in the policy's fit
    seed: int = 0


def value_examples(lines: Lines, negatives: int, rng: np.random.Generator,
                   products: Sequence[tuple[int, int]] = ()) -> list[tuple[str, list, list]]:
    """(task id, positives, negatives) per task line, each example (feature vector, of a solved trace)."""
    groups = []
    for line, tasks in lines:
        pool = line["pool"]
        positives, off = [], []
        for trace in line["traces"]:
            inputs, outputs = trace_targets(line, trace, tasks)
            solved = trace["kind"] == SOLVED
            if not any(step["depth"] >= 1 for step in trace["path"]):
                continue   # nothing on the path to contrast
            on_path = {state_key(step["states"]) for step in trace["path"]} | {state_key(outputs)}
            positives.extend((state_features(step["states"], outputs, inputs, products), solved)
                             for step in trace["path"] if step["depth"] >= 1)
            candidates = [s for s in pool if state_key(s) not in on_path]
            keep = negatives if solved else max(1, negatives // 3)
            if len(candidates) > keep:
                candidates = [candidates[k] for k in sorted(rng.choice(len(candidates), keep, replace=False))]
            off.extend((state_features(s, outputs, inputs, products), solved) for s in candidates)
        groups.append((line["task"], positives, off))
    return groups


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 30,
                 products: Sequence[tuple[int, int]] = (), weights: np.ndarray | None = None) -> ValueModel:
    """Logistic regression with balanced class weights (times `weights` per example), by Newton's
    method on standardised x."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    extra = np.ones(len(y)) if weights is None else weights
    positive, negative = (extra * y).sum(), (extra * (1 - y)).sum()
    sample = extra * np.where(y == 1, 0.5 / max(1e-9, positive), 0.5 / max(1e-9, negative))
    w = np.zeros(z.shape[1])
    ridge = l2 * np.eye(z.shape[1])
    ridge[-1, -1] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w)))
        gradient = z.T @ (sample * (p - y)) + ridge @ w
        hessian = (z * (sample * p * (1 - p))[:, None]).T @ z + ridge
        w -= np.linalg.solve(hessian, gradient)
    return ValueModel(w[:-1].copy(), float(w[-1]), mean, scale, tuple(products))


def fit_value(lines: Lines, config: StateFitConfig) -> ValueModel:
    """The value model fitted on every task of `lines`."""
    groups = value_examples(lines, config.negatives, np.random.default_rng(config.seed), config.products)
    rows = [(f, solved, 1.0) for _, pos, _ in groups for f, solved in pos] + \
           [(f, solved, 0.0) for _, _, neg in groups for f, solved in neg]
    if not any(label for _, _, label in rows) or all(label for _, _, label in rows):
        raise ValueError("the traces give no path state past the input, or no pool state off a path: "
                         "nothing to fit a value model on")
    x = np.array([f for f, _, _ in rows])
    y = np.array([label for _, _, label in rows])
    return fit_logistic(x, y, config.value_l2, config.value_steps, config.products)


def policy_examples(lines: Lines) -> list[dict]:
    """One example per (trace, path state): task id, trace kind, depth, features, next operations."""
    out = []
    for line, tasks in lines:
        for trace in line["traces"]:
            inputs, outputs = trace_targets(line, trace, tasks)
            for step in trace["path"]:
                out.append({"task": line["task"], "kind": trace["kind"], "next": step["next"], "depth": step["depth"],
                            "features": policy_features(step["states"], outputs, inputs)})
    return out


def scored_operations(rows: Sequence[dict], min_count: int) -> tuple[str, ...]:
    """The operations the rows name at least `min_count` times as a next one, sorted: the policy's columns."""
    counts = collections.Counter(op for r in rows for op in r["next"])
    return tuple(sorted(op for op, n in counts.items() if n >= min_count))


def soft_targets(rows: Sequence[dict], column: Mapping[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """(features, soft targets) of the rows with at least one scored next operation."""
    kept = [r for r in rows if any(op in column for op in r["next"])]
    x = np.array([r["features"] for r in kept])
    targets = np.zeros((len(kept), len(column)))
    for k, r in enumerate(kept):
        scored = [column[op] for op in r["next"] if op in column]
        targets[k, scored] = 1.0 / len(scored)
    return x, targets


def fit_softmax(x: np.ndarray, targets: np.ndarray, l2: float, steps: int, use_features: bool = True,
                ops: tuple[str, ...] = (), weights: np.ndarray | None = None) -> PolicyModel:
    """Softmax regression on standardised x against soft targets (rows sum to 1; row k counts
    weights[k] times), full-batch Adam; with use_features False, the bias alone (the marginal)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale if use_features else np.zeros_like(x)
    c = targets.shape[1]
    share = (np.ones(len(x)) if weights is None else weights) / (len(x) if weights is None else weights.sum())
    w = np.zeros((c, x.shape[1]))
    b = np.log(targets.mean(axis=0) + 1e-3)
    params = [w, b]
    moments = [np.zeros_like(w), np.zeros_like(b)]
    squares = [np.zeros_like(w), np.zeros_like(b)]
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        logits = z @ w.T + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        error = (p - targets) * share[:, None]
        grads = [error.T @ z + l2 * w, error.sum(axis=0)]
        for param, grad, m, v in zip(params, grads, moments, squares):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            param -= rate * (m / (1 - beta1 ** step)) / (np.sqrt(v / (1 - beta2 ** step)) + 1e-8)
    return PolicyModel(tuple(ops), w, b, mean, scale)


def fit_policy(lines: Lines, config: StateFitConfig) -> PolicyModel:
    """The policy fitted on every path state of `lines`, over the operations seen `min_count` times."""
    rows = policy_examples(lines)
    ops = scored_operations(rows, config.min_count)
    if not ops:
        raise ValueError(f"the traces name no operation {config.min_count} times as a next one: "
                         "nothing to fit a policy on")
    column = {op: k for k, op in enumerate(ops)}
    kept = [r for r in rows if any(op in column for op in r["next"])]
    x, targets = soft_targets(kept, column)
    weights = np.array([config.solved_weight if r["kind"] == SOLVED else 1.0 for r in kept])
    return fit_softmax(x, targets, config.policy_l2, config.policy_steps, True, ops, weights)


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    """Area under the ROC curve (ties count half)."""
    order = np.argsort(scores, kind="stable")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    average = first + (counts - 1) / 2 + 1
    ranks[order] = np.repeat(average, counts)
    n_pos = y.sum()
    n_neg = len(y) - n_pos
    return float((ranks[y == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))

