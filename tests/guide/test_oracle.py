import math

import pytest

from arcsynth.dsl.registry import default_registry
from arcsynth.errors import UsageError
from arcsynth.guide.oracle import OraclePrior, share_log_probs
from arcsynth.task import Task
from tests.guide.helpers import recolor_task


def test_share_m_goes_to_the_chosen():
    out = share_log_probs(["a", "b", "c", "d"], {"a"}, 0.5)
    assert math.isclose(math.exp(out["a"]), 0.5)
    assert math.isclose(math.exp(out["b"]), 0.5 / 3)


def test_oracle_favours_the_hand_written_programs_primitives(tmp_path):
    (tmp_path / "abc.dsl").write_text("x1 = flip_h(I)\nO = rot90(x1)\n", encoding="utf-8")
    registry = default_registry()
    prior = OraclePrior(tmp_path, m=0.5)
    task = recolor_task(task_id="abc")
    log_probs = prior.log_probs(task, registry)
    assert math.isclose(math.exp(log_probs["flip_h"]), 0.25)
    assert math.isclose(sum(math.exp(v) for v in log_probs.values()), 1.0)
    assert log_probs["replace_color"] < log_probs["rot90"]


def test_oracle_without_a_program_is_uniform(tmp_path):
    log_probs = OraclePrior(tmp_path).log_probs(recolor_task(task_id="none"), default_registry())
    assert len(set(log_probs.values())) == 1


def test_oracle_constants_come_from_the_program(tmp_path):
    (tmp_path / "abc.dsl").write_text("O = replace_color(I, 1, 2)\n", encoding="utf-8")
    constants = OraclePrior(tmp_path, m=0.5).constant_log_probs(recolor_task(task_id="abc"))
    assert math.isclose(math.exp(constants["color:1"]), 0.25)
    assert constants["color:1"] > constants["color:3"]


def test_oracle_needs_a_folder(tmp_path):
    with pytest.raises(UsageError, match="hand-written"):
        OraclePrior(tmp_path / "missing")
