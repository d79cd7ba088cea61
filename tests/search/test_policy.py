import json

import numpy as np
import pytest

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.grid import make_grid
from arcsynth.search import CostModel, KernelConfig, SearchConfig, search
from arcsynth.search.kernel import Kernel
from arcsynth.search.policy import (N_POLICY, POLICY_FEATURES, PolicyModel, PolicyScorer, load_policy_model,
                                    policy_features)
from arcsynth.search.value import StateScorer, load_value_model

REGISTRY = default_registry()


def g(*rows: str):
    return make_grid([[int(c) for c in row] for row in rows])


def _model(ops, favour: dict[str, tuple[str, float]]) -> PolicyModel:
    """A policy whose op gets `weight` times a feature in its logit (unit scale, zero mean)."""
    weights = np.zeros((len(ops), N_POLICY))
    for k, op in enumerate(ops):
        if op in favour:
            name, weight = favour[op]
            weights[k, POLICY_FEATURES.index(name)] = weight
    return PolicyModel(tuple(ops), weights, np.zeros(len(ops)), np.zeros(N_POLICY), np.ones(N_POLICY))


def test_policy_features_extend_the_value_features_against_the_input():
    x, y = g("12", "34"), g("120", "340")
    features = policy_features([x], [y], [x])
    assert len(features) == N_POLICY
    assert features[POLICY_FEATURES.index("input_shape")] == 1.0
    assert features[POLICY_FEATURES.index("input_log_area")] == 0.0
    assert features[POLICY_FEATURES.index("n_colors")] == pytest.approx(0.4)
    wide = policy_features([y], [y], [x])
    assert wide[POLICY_FEATURES.index("input_shape")] == 0.0
    assert wide[POLICY_FEATURES.index("input_log_area")] == pytest.approx(np.log(1.5))


def test_a_state_moves_only_the_operations_it_makes_less_likely():
    model = _model(("crop", "rot90"), {"crop": ("same_shape", 3.0)})
    out, x = g("12", "34"), g("123", "456", "789")
    scorer = PolicyScorer(model, 2.0, [out], [x])
    columns = scorer.columns(["crop", "rot90", "not_scored"])
    near = scorer.penalties([g("11", "11")], [1], columns)   # the output's shape: crop likelier than anywhere
    assert near[0] == 0.0 and near[2] == 0.0
    assert near[1] == pytest.approx(2.0 * (np.log(0.5) - np.log(1 / (1 + np.exp(3.0)))))
    far = scorer.penalties([x], [2], columns)                # the input's shape: features at the mean
    assert far.tolist() == [0.0, 0.0, 0.0]


def test_the_kernels_scorer_agrees_with_the_model_on_the_training_features():
    rng = np.random.default_rng(0)
    ops = ("crop", "rot90", "flip_h", "fill_enclosed")
    model = PolicyModel(ops, rng.normal(size=(4, N_POLICY)), rng.normal(size=4), rng.normal(size=N_POLICY),
                        rng.uniform(0.5, 2, size=N_POLICY))
    outputs, inputs = [g("12", "21"), g("34", "43")], [g("333", "303"), g("1",)]
    states = [g("12", "22"), g("5")]
    scorer = PolicyScorer(model, 1.5, outputs, inputs, cap=100.0)
    expected = np.clip(model.marginal() - model.log_probs(policy_features(states, outputs, inputs)), 0, 100) * 1.5
    assert scorer.penalties(states, [7, 8], scorer.columns(ops)) == pytest.approx(expected)
    # With the value term's features shared (as in the kernel), the same figures.
    shared = PolicyScorer(model, 1.5, outputs, inputs, cap=100.0)
    value = StateScorer(load_value_model(), 1.0, outputs, inputs)
    value.shared = shared.shared
    value(states, [7, 8])
    assert len(shared.shared) == 2
    assert shared.penalties(states, [7, 8], shared.columns(ops)) == pytest.approx(expected)


def test_model_round_trips_json_and_refuses_malformed_weights(tmp_path):
    model = _model(("crop", "rot90"), {"crop": ("exact", 1.0)})
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(model.to_json()))
    again = load_policy_model(str(path))
    assert again.ops == model.ops and np.array_equal(again.weights, model.weights)
    raw = model.to_json()
    raw["weights"] = raw["weights"][:1]
    with pytest.raises(ValueError, match="malformed"):
        PolicyModel.from_json(raw)
    raw = model.to_json()
    raw["features"] = raw["features"][:-1]
    with pytest.raises(ValueError, match="POLICY_FEATURES"):
        PolicyModel.from_json(raw)


def test_the_shipped_policy_loads():
    model = load_policy_model()
    assert len(model.ops) > 10 and set(model.ops) <= set(REGISTRY)


def _kernel_only(**kernel) -> SearchConfig:
    return SearchConfig(depth2_share=0.0, views_share=0.0, kernel_share=1.0, stacking=False,
                        kernel=KernelConfig(**kernel))


def test_the_policy_reorders_a_grid_states_expansions_in_the_kernel(tmp_path):
    task = load_dataset("arc1-train").get("a416b8f3").without_test_outputs()   # tile(I, 1, 2)
    costs = CostModel.uniform(sorted(REGISTRY))
    # Every op but rot90 far less likely on the input than anywhere: rot90 of the input comes first.
    others = tuple(sorted(op for op in REGISTRY if op != "rot90"))
    model = _model(("rot90",) + others, {op: ("equals_input", -8.0) for op in others})
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(model.to_json()))

    def first_grids(weight: float) -> list[str]:
        config = KernelConfig(policy_weight=weight, policy_weights=str(path), value_weight=0.0)
        kernel = Kernel(task, REGISTRY, costs, Budget(max_nodes=60), config)
        kernel.run()
        return [node.prim for node in kernel.nodes[1:] if node.args and node.args[0] is kernel.nodes[0]]

    assert first_grids(0.0)[0] != "rot90"
    assert first_grids(3.0)[0] == "rot90"


def test_policy_term_is_deterministic_under_a_node_budget(tmp_path):
    task = load_dataset("arc1-train").get("a416b8f3").without_test_outputs()
    costs = CostModel.uniform(sorted(REGISTRY))
    model = _model(("tile", "crop"), {"tile": ("same_shape", -2.0)})
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(model.to_json()))
    config = _kernel_only(policy_weight=1.0, policy_weights=str(path))
    runs = [search(task, Budget(max_nodes=600), costs, REGISTRY, config) for _ in range(2)]
    assert [c.text for c in runs[0].candidates] == [c.text for c in runs[1].candidates]
    assert runs[0].stats.accepted == runs[1].stats.accepted and runs[0].stats.max_cost == runs[1].stats.max_cost
