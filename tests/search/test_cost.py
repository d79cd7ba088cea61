import math

import pytest

from arcsynth.search.cost import CostModel
from tests.search.toy import TOY


def test_of_gives_one_cost_model_from_none_a_mapping_or_a_model():
    uniform = math.log(len(TOY))
    assert CostModel.of(None, TOY).op == CostModel.uniform(sorted(TOY)).op
    partial = CostModel.of({"rot90": 0.5, "not_a_primitive": 9.0}, TOY)
    assert partial.op["rot90"] == 0.5 and partial.op["flip_h"] == pytest.approx(uniform)
    assert set(partial.op) == set(TOY)
    model = CostModel({"rot90": 1.0})
    assert CostModel.of(model, TOY) is model
