import json
import subprocess
import sys

import numpy as np
import pytest

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.grid import make_grid
from arcsynth.program.interpreter import run_program
from arcsynth.program.text import parse_program
from arcsynth.search import CostModel, KernelConfig, SearchConfig, search
from arcsynth.search.value import (FEATURES, StateScorer, ValueModel, load_value_model, pair_features,
                                   state_features)

REGISTRY = default_registry()


def g(*rows: str):
    return make_grid([[int(c) for c in row] for row in rows])


def feature(vector, name):
    return vector[FEATURES.index(name)]


def test_features_of_the_output_itself():
    out = g("120", "034")
    f = pair_features(out, out, g("111", "111"))
    assert feature(f, "same_shape") == 1 and feature(f, "exact") == 1
    assert feature(f, "cell_accuracy") == 1 and feature(f, "color_jaccard") == 1
    assert feature(f, "histogram_distance") == 0 and feature(f, "log_area_ratio") == 0
    assert feature(f, "missing_colors") == 0 and feature(f, "extra_colors") == 0
    assert feature(f, "contains_output") == 0 and feature(f, "equals_input") == 0
    assert feature(f, "accuracy_gain") == pytest.approx(1 - 1 / 6)


def test_features_of_shapes():
    out = g("12", "34", "56")                       # 3x2
    transposed = g("123", "456")                    # 2x3
    f = pair_features(transposed, out, transposed)
    assert feature(f, "transposed_shape") == 1 and feature(f, "same_shape") == 0
    assert feature(f, "cell_accuracy") == 0 and feature(f, "equals_input") == 1
    small = g("1", "2", "3")                         # 3x1: the output is twice as wide
    f = pair_features(small, out, small)
    assert feature(f, "divides_shape") == 1 and feature(f, "larger") == 0
    assert feature(f, "log_area_ratio") == pytest.approx(np.log(2))
    big = g("0000", "0120", "0340", "0560")          # holds the output at (1, 1)
    f = pair_features(big, out, big)
    assert feature(f, "larger") == 1 and feature(f, "contains_output") == 1
    f = pair_features(g("0000", "0120", "0340", "0570"), out, big)
    assert feature(f, "contains_output") == 0


def test_features_of_colors_and_cells():
    out = g("1100", "1100")
    state = g("1122", "0000")
    f = pair_features(state, out, g("1111", "1111"))
    assert feature(f, "color_jaccard") == pytest.approx(2 / 3)
    assert feature(f, "missing_colors") == 0 and feature(f, "extra_colors") == pytest.approx(1 / 3)
    assert feature(f, "cell_accuracy") == pytest.approx(4 / 8)
    assert feature(f, "accuracy_gain") == pytest.approx(4 / 8 - 4 / 8)
    assert feature(f, "histogram_distance") == pytest.approx(0.25)
    assert feature(f, "color_count_gap") == pytest.approx(0.1)
    # the output changes 4 cells of the input; the state has 2 of them right and changes 6, 2 of them right
    assert feature(f, "change_recall") == pytest.approx(2 / 4)
    assert feature(f, "change_precision") == pytest.approx(2 / 6)


def test_state_features_average_the_pairs():
    a, b = g("12", "21"), g("33", "33")
    both = state_features([a, b], [a, g("34", "43")], [b, a])
    assert both == pytest.approx((pair_features(a, a, b) + pair_features(b, g("34", "43"), a)) / 2)


def test_shipped_model_prefers_a_state_near_the_outputs():
    model = load_value_model()
    outputs = [g("1100", "1100", "0000"), g("0011", "0011", "0000")]
    inputs = [g("1000", "0000", "0000"), g("0001", "0000", "0000")]
    scorer = StateScorer(model, 1.0, outputs, inputs)
    near = [g("1100", "1000", "0000"), g("0011", "0001", "0000")]
    far = [g("75", "57"), g("75", "57")]
    assert 0 <= scorer(near, (1, 2)) < scorer(far, (3, 4))
    assert len(scorer.memo) == 4
    assert scorer(near, (1, 2)) == pytest.approx(model.penalty(state_features(near, outputs, inputs, model.products)))
    assert scorer(near, (1, 2)) == scorer(near, (1, 2))


def test_model_round_trips_json_and_refuses_other_features():
    model = load_value_model()
    again = ValueModel.from_json(json.loads(json.dumps(model.to_json())))
    assert np.array_equal(again.weights, model.weights) and again.bias == model.bias
    raw = model.to_json()
    raw["features"] = raw["features"][:-1]
    with pytest.raises(ValueError):
        ValueModel.from_json(raw)


def test_model_loads_and_scores_without_torch():
    code = ("import sys; sys.modules['torch'] = None\n"
            "from arcsynth.search.value import load_value_model, state_features\n"
            "import numpy as np\n"
            "grid = np.zeros((2, 2), dtype=np.uint8)\n"
            "model = load_value_model()\n"
            "print(model.penalty(state_features([grid], [grid], [grid], model.products)) >= 0)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "True"


def _kernel_only(value_weight: float, **changes) -> SearchConfig:
    return SearchConfig(depth2_share=0.0, views_share=0.0, kernel_share=1.0,
                        kernel=KernelConfig(value_weight=value_weight), **changes)


def test_search_with_the_value_term_finds_a_known_program():
    task = load_dataset("arc1-train").get("a416b8f3")   # the input beside itself: tile(I, 1, 2)
    costs = CostModel.uniform(sorted(REGISTRY))
    result = search(task.without_test_outputs(), Budget(max_nodes=20_000), costs, REGISTRY,
                    _kernel_only(value_weight=1.0))
    assert result.solved
    program = parse_program(result.candidates[0].text, REGISTRY)
    for pair in task.train + task.test:
        assert np.array_equal(run_program(program, pair.input, REGISTRY), pair.output)


def test_value_term_is_deterministic_under_a_node_budget_and_changes_the_order():
    task = load_dataset("arc1-train").get("a416b8f3").without_test_outputs()
    costs = CostModel.uniform(sorted(REGISTRY))
    runs = [search(task, Budget(max_nodes=1500), costs, REGISTRY, _kernel_only(value_weight=w, stacking=False))
            for w in (1.0, 1.0, 0.0)]

    def summary(result):
        s = result.stats
        return ([c.text for c in result.candidates], s.nodes, s.accepted, s.duplicates, s.max_cost, s.by_type)
    assert summary(runs[0]) == summary(runs[1])
    assert runs[0].stats.max_cost != runs[2].stats.max_cost


def test_products_are_taken_per_pair_and_the_scorer_matches_the_model():
    a, b = g("12", "21"), g("33", "33")
    outputs, inputs = [a, g("34", "43")], [b, a]
    products = ((0, 9), (9, 9))                      # same_shape * cell_accuracy, cell_accuracy squared
    terms = state_features([a, b], outputs, inputs, products)
    pairs = [pair_features(a, a, b), pair_features(b, g("34", "43"), a)]
    assert len(terms) == len(FEATURES) + 2
    assert terms[len(FEATURES):] == pytest.approx([np.mean([p[0] * p[9] for p in pairs]),
                                                   np.mean([p[9] ** 2 for p in pairs])])
    rng = np.random.default_rng(0)
    model = ValueModel(rng.normal(size=len(terms)), 0.3, rng.normal(size=len(terms)),
                       rng.uniform(0.5, 2, size=len(terms)), products)
    scorer = StateScorer(model, 2.0, outputs, inputs)
    assert scorer([a, b], (1, 2)) == pytest.approx(2.0 * model.penalty(terms))
    again = ValueModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.products == products and np.array_equal(again.weights, model.weights)
    raw = model.to_json()
    raw["products"] = [["same_shape", "no_such_feature"]]
    with pytest.raises(ValueError):
        ValueModel.from_json(raw)
