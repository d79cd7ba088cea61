"""arcsynth/expert/state_fit.py: the value model and the policy fitted on (made-up) trace lines."""

from __future__ import annotations

import numpy as np
import pytest

from arcsynth.expert.state_fit import StateFitConfig, auc, fit_policy, fit_value, value_examples
from arcsynth.grid import make_grid
from arcsynth.search.policy import policy_features
from tests.guide.helpers import source_task

TASKS = {f"t{k}": source_task(f"t{k}", k) for k in range(8)}   # outputs: the inputs flipped left-right


def _corner(states):
    return [make_grid(s[:2, :2]) for s in states]


def _step(states, next_ops, depth):
    return {"states": states, "next": next_ops, "depth": depth}


def _lines(solved_label: str = "flip_h", hindsight_label: str = "rot90", hindsight_copies: int = 3):
    """Per task: a solved trace whose input is read next by `solved_label` and a 2x2 corner by
    `tile`, and `hindsight_copies` hindsight traces (against the same outputs) whose input is read
    by `hindsight_label`; the pool holds 2x2 corners and the input recoloured."""
    lines = []
    for task_id, task in TASKS.items():
        inputs = [p.input for p in task.train]
        outputs = [p.output for p in task.train]
        solved = {"kind": "solved", "program": "", "outputs": None,
                  "path": [_step(inputs, [solved_label], 0), _step(_corner(inputs), ["tile"], 1)]}
        hindsight = [{"kind": "hindsight", "program": "", "outputs": outputs,
                      "path": [_step(inputs, [hindsight_label], 0), _step(outputs, ["identity"], 1)]}
                     for _ in range(hindsight_copies)]
        pool = [_corner(outputs), [make_grid((x + 1) % 10) for x in inputs]]
        lines.append(({"task": task_id, "train": len(inputs), "pool": pool, "traces": [solved, *hindsight]}, TASKS))
    return lines


def _log_p(policy, states, task_id: str) -> dict[str, float]:
    task = TASKS[task_id]
    features = policy_features(states, [p.output for p in task.train], [p.input for p in task.train])
    return dict(zip(policy.ops, policy.log_probs(features)))


def test_the_policy_learns_which_operation_reads_which_state():
    policy = fit_policy(_lines(hindsight_copies=0), StateFitConfig(min_count=2, policy_steps=300))
    assert set(policy.ops) == {"flip_h", "tile"}
    task = TASKS["t0"]
    inputs = [p.input for p in task.train]
    at_input, at_corner = _log_p(policy, inputs, "t0"), _log_p(policy, _corner(inputs), "t0")
    assert at_input["flip_h"] > at_input["tile"] and at_corner["tile"] > at_corner["flip_h"]


def test_solved_traces_outweigh_hindsight_ones_by_the_solved_weight():
    lines = _lines(hindsight_copies=3)
    inputs = [p.input for p in TASKS["t1"].train]
    once = _log_p(fit_policy(lines, StateFitConfig(min_count=2, solved_weight=1.0, policy_steps=300)), inputs, "t1")
    tenfold = _log_p(fit_policy(lines, StateFitConfig(min_count=2, solved_weight=10.0, policy_steps=300)), inputs, "t1")
    assert once["rot90"] > once["flip_h"]          # three hindsight traces against one solved
    assert tenfold["flip_h"] > tenfold["rot90"]    # ten against three


def test_an_operation_seen_too_rarely_is_not_scored_and_none_at_all_is_an_error():
    assert "identity" in fit_policy(_lines(), StateFitConfig(min_count=8, policy_steps=20)).ops
    assert "tile" not in fit_policy(_lines(), StateFitConfig(min_count=9, policy_steps=20)).ops
    with pytest.raises(ValueError, match="nothing to fit a policy on"):
        fit_policy(_lines(), StateFitConfig(min_count=1000))


def test_the_value_model_ranks_path_states_above_pool_states():
    lines = _lines()
    config = StateFitConfig(negatives=6, value_steps=20)
    model = fit_value(lines, config)
    groups = value_examples(lines, config.negatives, np.random.default_rng(0), config.products)
    positives = np.array([f for _, pos, _ in groups for f, _ in pos])
    negatives = np.array([f for _, _, neg in groups for f, _ in neg])
    assert len(positives) and len(negatives)
    scores = model.logit(np.vstack([positives, negatives]))
    assert auc(scores, np.r_[np.ones(len(positives)), np.zeros(len(negatives))]) > 0.9


def test_traces_without_a_state_past_the_input_fit_no_value_model():
    lines = _lines()
    for line, _ in lines:
        for trace in line["traces"]:
            trace["path"] = trace["path"][:1]
    with pytest.raises(ValueError, match="nothing to fit a value model on"):
        fit_value(lines, StateFitConfig())


def test_auc_counts_ties_half():
    assert auc(np.array([0.1, 0.9, 0.5, 0.5]), np.array([0.0, 1.0, 1.0, 0.0])) == pytest.approx(0.875)
