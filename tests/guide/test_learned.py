import math
import pickle

import numpy as np
import pytest

from arcsynth.dsl.registry import default_registry
from arcsynth.guide.base import op_costs
from arcsynth.guide.learned import LearnedPrior, mix
from arcsynth.guide.numpy_model import NumpyGuide
from tests.guide.helpers import recolor_task


def _fake_guide(prims=("flip_h", "replace_color", "rot90"), bias=(3.0, -3.0, 0.0)) -> NumpyGuide:
    """A features-only guide whose logits are its biases: flip_h likely, replace unlikely."""
    config = {"primitives": list(prims), "colors": list(range(10)), "ints": [0, 1, 2], "width": 0,
              "pair_dim": 0, "hidden": 0, "n_features": 87}
    n = len(prims) + 13
    head_bias = np.zeros(n)
    head_bias[:len(prims)] = bias
    head_bias[len(prims) + 2] = 4.0          # color:2 likely
    return NumpyGuide({"head.weight": np.zeros((n, 87)), "head.bias": head_bias}, config)


def test_learned_prior_is_a_distribution_over_the_registry():
    registry = default_registry()
    prior = LearnedPrior(_fake_guide(), lam=0.4)
    assert prior.name == "guide"  # as run.json records it
    log_probs = prior.log_probs(recolor_task(), registry)
    assert set(log_probs) == set(registry)
    assert math.isclose(sum(math.exp(v) for v in log_probs.values()), 1.0, rel_tol=1e-9)
    assert log_probs["flip_h"] > log_probs["rot90"] > log_probs["replace_color"]


def test_mixing_bounds_what_a_wrong_guide_costs():
    registry = default_registry()
    lam = 0.4
    log_probs = LearnedPrior(_fake_guide(), lam=lam).log_probs(recolor_task(), registry)
    floor = math.log(lam / len(registry))
    assert min(log_probs.values()) >= floor - 1e-12
    uniform = -math.log(len(registry))
    assert max(uniform - v for v in log_probs.values()) <= math.log(1 / lam) + 1e-9


def test_unknown_primitives_get_the_median_score():
    out = mix({"a": 0.9, "b": 0.1, "c": 0.5}, ["a", "b", "c", "new"], lam=0.5)
    assert math.isclose(out["new"], out["c"])


def test_constant_log_probs_name_colors_and_ints():
    prior = LearnedPrior(_fake_guide(), lam=0.4)
    constants = prior.constant_log_probs(recolor_task())
    assert {f"color:{c}" for c in range(10)} | {"int:0", "int:1", "int:2"} == set(constants)
    assert max(constants, key=lambda k: constants[k] if k.startswith("color:") else -99) == "color:2"
    colors = [math.exp(v) for k, v in constants.items() if k.startswith("color:")]
    assert math.isclose(sum(colors), 1.0)


def test_op_costs_from_the_learned_prior_are_finite():
    costs = op_costs(LearnedPrior(_fake_guide()), recolor_task(), default_registry())
    assert all(math.isfinite(c) and c > 0 for c in costs.values())


def test_prior_pickles_without_its_cache():
    prior = LearnedPrior(_fake_guide())
    prior.log_probs(recolor_task(), default_registry())
    copy = pickle.loads(pickle.dumps(prior))
    assert copy._last is None
    assert copy.log_probs(recolor_task(), default_registry()) == prior.log_probs(recolor_task(), default_registry())


def test_lambda_out_of_range_is_refused():
    with pytest.raises(ValueError):
        LearnedPrior(_fake_guide(), lam=0.0)


def test_bundled_guide_reads_the_pairs():
    prior = LearnedPrior.bundled()
    one = prior.log_probs(recolor_task(1, 2), default_registry())
    from arcsynth.task import Task
    flipped_pairs = tuple(type(p)(p.input, p.input[:, ::-1].copy()) for p in recolor_task().train)
    two = prior.log_probs(Task("f", flipped_pairs, recolor_task().test), default_registry())
    assert one != two
