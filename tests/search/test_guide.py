import math

from arcsynth.guide import UniformPrior, op_costs
from tests.search.toy import TOY, INPUTS, TESTS, make_task, rot90


def _task():
    return make_task(rot90, INPUTS, TESTS)


def test_uniform_prior_is_a_distribution():
    log_probs = UniformPrior().log_probs(_task(), TOY)
    assert set(log_probs) == set(TOY)
    assert math.isclose(sum(math.exp(v) for v in log_probs.values()), 1.0)
    assert len(set(log_probs.values())) == 1


def test_priors_name_themselves_as_run_json_records_them():
    # isinstance on the runtime Protocol would only see that the attributes exist
    assert UniformPrior().name == "uniform"


def test_op_costs_fill_missing_operations():
    class Partial:
        name = "partial"

        def log_probs(self, task, registry):
            return {"rot90": math.log(0.5), "flip_h": float("-inf")}

    costs = op_costs(Partial(), _task(), TOY)
    assert set(costs) == set(TOY)
    assert math.isclose(costs["rot90"], math.log(2))
    assert costs["flip_h"] > costs["rot90"] and math.isfinite(costs["flip_h"])
    assert costs["overlay"] == costs["flip_h"]
