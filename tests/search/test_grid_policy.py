import json

import numpy as np
import pytest

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.grid import make_grid
from arcsynth.search import CostModel, KernelConfig, SearchConfig, search
from arcsynth.search.grid_policy import (GRID_FEATURES, GridPolicyModel, GridPolicyScorer, GridTargets,
                                         compiled_grid_features, grid_features, load_grid_policy_model)
from arcsynth.search.kernel import Kernel
from arcsynth.search.value import StateScorer, _features, _Target, load_value_model

REGISTRY = default_registry()
F = len(GRID_FEATURES)


def g(*rows: str):
    return make_grid([[int(c) for c in row] for row in rows])


def feature(row: np.ndarray, name: str) -> float:
    return float(row[GRID_FEATURES.index(name)])


def _model(ops, rng=None, hidden: int = 4) -> GridPolicyModel:
    """Random weights (rng) or all zero."""
    def draw(*shape):
        return rng.normal(size=shape) if rng is not None else np.zeros(shape)
    return GridPolicyModel(ops, {"mean": draw(F), "scale": np.ones(F) if rng is None else rng.uniform(0.5, 2, F),
                                 "w1": draw(hidden, F), "b1": draw(hidden), "w2": draw(hidden, hidden),
                                 "b2": draw(hidden), "v": draw(len(ops), 2 * hidden), "c": draw(len(ops))})


def test_features_read_each_examples_grids():
    inputs = [g("000", "010", "000"), g("22", "00")]
    outputs = [g("000", "111", "000"), g("2222", "0000", "2222", "0000")]
    states = [g("000", "010", "000"), g("22", "00")]                         # the inputs themselves
    rows = grid_features(states, GridTargets(outputs, inputs))
    assert rows.shape == (2, F)
    first, second = rows
    # example 1: shapes agree, two cells to add (background -> colour), a colour map cannot do it
    assert feature(first, "same_shape") == 1.0 and feature(first, "input_shape") == 1.0
    assert feature(first, "to_add") == pytest.approx(2 / 9) and feature(first, "to_erase") == 0.0
    assert feature(first, "color_map_fits") == pytest.approx(7 / 9)
    assert feature(first, "flip_h_symmetric") == 1.0 and feature(first, "transpose_symmetric") == 1.0
    assert feature(first, "state_color_1") == pytest.approx(1 / 9)
    assert feature(first, "output_minus_state_1") == pytest.approx(3 / 9 - 1 / 9)
    assert feature(first, "bbox_area_share") == pytest.approx(1 / 9)
    assert feature(first, "uniform_rows") == pytest.approx(2 / 3) and feature(first, "repeated_rows") == 0.0
    # 4-neighbour patterns: the centre cell equals none of its neighbours; a corner equals its two
    assert feature(first, "state_structure_0") == pytest.approx(1 / 9)
    # example 2: the output is the state scaled by 2 on both sides and starts with it
    assert feature(second, "same_shape") == 0.0 and feature(second, "output_multiple") == 1.0
    assert feature(second, "log_height_to_output") == pytest.approx(np.log(2))
    assert feature(second, "output_top_left_is_state") == 1.0 and feature(second, "to_add") == 0.0
    assert feature(second, "uniform_rows") == 1.0 and feature(second, "uniform_cols") == 0.0


def test_features_of_a_state_are_those_of_its_examples_alone():
    inputs = [g("12", "34"), g("5", "6"), g("7788", "7788", "0000")]
    outputs = [g("21", "43"), g("56",), g("78", "80")]
    states = [g("11", "33"), g("5", "6"), g("7788", "7788", "0800")]
    together = grid_features(states, GridTargets(outputs, inputs))
    for i in range(3):
        alone = grid_features([states[i]], GridTargets([outputs[i]], [inputs[i]]))[0]
        assert alone == pytest.approx(together[i])
    base = [_features(s, _Target(o, x)) for s, o, x in zip(states, outputs, inputs)]
    assert together[:, :18] == pytest.approx(np.array(base))


def test_the_compiled_features_are_the_numpy_ones():
    pytest.importorskip("numba")
    rng = np.random.default_rng(3)
    for _ in range(40):
        n = int(rng.integers(1, 4))
        shapes = [tuple(rng.integers(1, 7, size=2)) for _ in range(n)]
        def grids(same_shape):
            return [rng.integers(0, int(rng.integers(1, 5)), size=shape if same_shape or rng.random() < 0.5
                                 else tuple(rng.integers(1, 7, size=2))).astype(np.uint8) for shape in shapes]
        inputs, outputs, states = grids(False), grids(True), grids(False)
        targets = GridTargets(outputs, inputs)
        base = [None] * n
        assert compiled_grid_features(states, targets, base) == pytest.approx(grid_features(states, targets))
    # a state that is the output's top-left corner, and one equal to its output
    inputs, outputs = [g("12", "34"), g("55", "05")], [g("120", "340", "000"), g("55", "05")]
    targets = GridTargets(outputs, inputs)
    states = [g("12", "34"), g("55", "05")]
    assert compiled_grid_features(states, targets, [None, None]) == pytest.approx(grid_features(states, targets))


def test_the_kernels_scorer_agrees_with_the_model():
    rng = np.random.default_rng(0)
    ops = ("crop", "rot90", "flip_h", "fill_enclosed")
    model = _model(ops, rng)
    outputs, inputs = [g("12", "21"), g("34", "43")], [g("333", "303"), g("1",)]
    states = [g("12", "22"), g("5")]
    log_p = model.log_probs(grid_features(states, GridTargets(outputs, inputs)))
    assert np.exp(log_p).sum() == pytest.approx(1.0)
    expected = np.clip(model.marginal() - log_p, 0, 100) * 1.5
    for compiled in (False, True):
        scorer = GridPolicyScorer(model, 1.5, outputs, inputs, cap=100.0, compiled=compiled)
        columns = scorer.columns(ops + ("not_scored",))
        got = scorer.penalties(states, [7, 8], columns)
        assert got[:4] == pytest.approx(expected) and got[4] == 0.0
    # with the value term's features shared, as in the kernel: the same figures
    shared = GridPolicyScorer(model, 1.5, outputs, inputs, cap=100.0)
    value = StateScorer(load_value_model(), 1.0, outputs, inputs)
    value.shared = shared.shared
    value(states, [7, 8])
    assert len(shared.shared) == 2
    assert shared.penalties(states, [7, 8], columns)[:4] == pytest.approx(expected)


def test_model_round_trips_json_and_refuses_malformed_weights(tmp_path):
    model = _model(("crop", "rot90"), np.random.default_rng(1))
    path = tmp_path / "grid.json"
    path.write_text(json.dumps(model.to_json(decimals=12)))
    again = load_grid_policy_model(str(path))
    assert again.ops == model.ops and np.allclose(again.w1, model.w1) and np.allclose(again.v, model.v)
    features = np.random.default_rng(2).normal(size=(3, F))
    assert again.log_probs(features) == pytest.approx(model.log_probs(features))
    raw = model.to_json()
    raw["v"] = raw["v"][:1]
    with pytest.raises(ValueError, match="v has shape"):
        GridPolicyModel.from_json(raw)
    raw = model.to_json()
    raw["features"] = raw["features"][:-1]
    with pytest.raises(ValueError, match="GRID_FEATURES"):
        GridPolicyModel.from_json(raw)
    raw = model.to_json()
    del raw["kind"]
    with pytest.raises(ValueError, match="kind 'grid'"):
        GridPolicyModel.from_json(raw)
    raw = model.to_json()
    raw["w2"] = [[1.0, "x"]]
    with pytest.raises(ValueError, match="not numeric"):
        GridPolicyModel.from_json(raw)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="bad.json"):
        load_grid_policy_model(str(bad))


def test_the_shipped_grid_policy_loads():
    model = load_grid_policy_model()
    assert len(model.ops) > 10 and set(model.ops) <= set(REGISTRY)


def _first_grids(task, config: KernelConfig, nodes: int = 60) -> list[str]:
    kernel = Kernel(task, REGISTRY, CostModel.uniform(sorted(REGISTRY)), Budget(max_nodes=nodes), config)
    kernel.run()
    return [node.prim for node in kernel.nodes[1:] if node.args and node.args[0] is kernel.nodes[0]]


def test_the_grid_policy_reorders_a_grid_states_expansions_in_the_kernel(tmp_path):
    task = load_dataset("arc1-train").get("a416b8f3").without_test_outputs()   # tile(I, 1, 2)
    # rot90 far likelier than any other op on any state: rot90 of the input comes first
    others = tuple(sorted(op for op in REGISTRY if op != "rot90"))
    model = _model(("rot90",) + others)
    model.c[0] = 0.0
    model.c[1:] = -1.0                           # the marginal: rot90 a little likelier
    model.b2[0] = 1.0                            # one embedding unit always on, pushing rot90 up
    model.v[0, 0] = 8.0
    path = tmp_path / "grid.json"
    path.write_text(json.dumps(model.to_json()))
    off = KernelConfig(policy_weight=0.0, value_weight=0.0)
    on = KernelConfig(policy_weight=3.0, policy_kind="grid", policy_weights=str(path), value_weight=0.0)
    assert _first_grids(task, off)[0] != "rot90"
    assert _first_grids(task, on)[0] == "rot90"


def test_a_kernel_run_with_the_shipped_grid_policy_finds_a_tiny_task_deterministically():
    task = load_dataset("arc1-train").get("a416b8f3")
    config = SearchConfig(depth2_share=0.0, views_share=0.0, kernel_share=1.0, stacking=False,
                          kernel=KernelConfig(policy_weight=1.0, policy_kind="grid"))
    costs = CostModel.uniform(sorted(REGISTRY))
    runs = [search(task.without_test_outputs(), Budget(max_nodes=3000), costs, REGISTRY, config) for _ in range(2)]
    assert [c.text for c in runs[0].candidates] == [c.text for c in runs[1].candidates]
    assert any(c.fits_all for c in runs[0].candidates)


def test_an_unknown_policy_kind_is_refused():
    task = load_dataset("arc1-train").get("a416b8f3").without_test_outputs()
    with pytest.raises(ValueError, match="policy_kind"):
        Kernel(task, REGISTRY, CostModel.uniform(sorted(REGISTRY)), Budget(max_nodes=10),
               KernelConfig(policy_weight=1.0, policy_kind="conv"))
