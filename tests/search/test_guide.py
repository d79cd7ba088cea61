import math

from arcsynth.guide import BaseCostPrior, Prior, UniformPrior, op_costs
from tests.search.toy import TOY, INPUTS, TESTS, make_task, rot90


def _task():
    return make_task(rot90, INPUTS, TESTS)


def test_uniform_prior_is_a_distribution():
    log_probs = UniformPrior().log_probs(_task(), TOY)
    assert set(log_probs) == set(TOY)
    assert math.isclose(sum(math.exp(v) for v in log_probs.values()), 1.0)
    assert len(set(log_probs.values())) == 1


def test_base_cost_prior_prefers_cheap_primitives():
    from arcsynth.dsl.registry import Registry, primitive
    from tests.search import toy
    registry = Registry([primitive(toy.rot90, 1.0), primitive(toy.flip_h, 2.0)])
    log_probs = BaseCostPrior().log_probs(_task(), registry)
    assert log_probs["rot90"] > log_probs["flip_h"]
    assert math.isclose(sum(math.exp(v) for v in log_probs.values()), 1.0)


def test_priors_satisfy_the_protocol():
    assert isinstance(UniformPrior(), Prior)
    assert isinstance(BaseCostPrior(), Prior)


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


def test_count_prior_prefers_counted_operations():
    from arcsynth.guide import CountPrior
    prior = CountPrior({"all": {"flip_h": 5.0}, "same": {"rot90": 3.0}})
    from tests.search.toy import flip_v
    task = make_task(flip_v, INPUTS, TESTS)   # outputs keep the input shapes: the 'same' bucket
    log_probs = prior.log_probs(task, TOY)
    assert math.isclose(sum(math.exp(v) for v in log_probs.values()), 1.0)
    assert log_probs["rot90"] > log_probs["overlay"]
    assert log_probs["flip_h"] > log_probs["overlay"]


def test_count_prior_without_counts_is_the_base_cost_prior():
    from arcsynth.guide import CountPrior
    a = CountPrior({}).log_probs(_task(), TOY)
    b = BaseCostPrior().log_probs(_task(), TOY)
    assert all(math.isclose(a[name], b[name]) for name in TOY)


def _package_folder(monkeypatch, folder):
    """Make CountPrior.bundled() read the package's files from `folder`."""
    import arcsynth.guide.base as base
    monkeypatch.setattr(base.resources, "files", lambda package: folder)


def test_bundled_count_prior_loads_the_packaged_counts(monkeypatch, tmp_path):
    import json
    from arcsynth.guide import CountPrior
    from arcsynth.guide.base import COUNTS_FILE
    counts = {"all": {"rot90": 40.0, "flip_h": 1.0}, "same": {"rot90": 5.0}}
    (tmp_path / COUNTS_FILE).write_text(json.dumps({"counts": counts}))
    _package_folder(monkeypatch, tmp_path)
    prior = CountPrior.bundled()
    assert prior.counts == counts
    log_probs = prior.log_probs(_task(), TOY)
    assert math.isclose(sum(math.exp(v) for v in log_probs.values()), 1.0)
    base = BaseCostPrior().log_probs(_task(), TOY)
    assert log_probs["rot90"] - log_probs["flip_h"] > base["rot90"] - base["flip_h"]  # the counts count


def test_without_a_packaged_counts_file_the_bundled_prior_is_the_base_cost_prior(monkeypatch, tmp_path):
    from arcsynth.guide import CountPrior
    _package_folder(monkeypatch, tmp_path)   # a package folder without the file
    prior = CountPrior.bundled()
    assert prior.counts == {}
    a, b = prior.log_probs(_task(), TOY), BaseCostPrior().log_probs(_task(), TOY)
    assert set(a) == set(TOY) and all(math.isclose(a[name], b[name]) for name in TOY)


def test_task_bucket_and_program_counts():
    from arcsynth.guide import task_bucket
    from arcsynth.guide.base import count_programs
    from tests.search.toy import upscale
    from tests.search.toy import flip_v
    assert task_bucket(make_task(flip_v, INPUTS, TESTS)) == "same"
    assert task_bucket(_task()) == "other"
    assert task_bucket(make_task(lambda x: upscale(x, 2), INPUTS, TESTS)) == "other"
    counts = count_programs([("same", ["x1 = rot90(I)\nO = rot90(x1)\n", "O = flip_h(I)\n"]),
                             ("other", ["O = rot90(I)\n", "O = no_such_primitive(I)\n"])], TOY)
    assert counts["all"] == {"rot90": 2.0, "flip_h": 1.0}
    assert counts["same"] == {"flip_h": 1.0, "rot90": 1.0}
    assert counts["other"] == {"rot90": 1.0}
