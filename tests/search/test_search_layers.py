"""The search with its depth-2 passes on the compiled layers (`SearchConfig.layers_depth`)."""

import numpy as np
import pytest

from arcsynth.budget import Budget
from arcsynth.program.interpreter import run_program
from arcsynth.search import SearchConfig, search
from tests.search import toy
from tests.search.toy import INPUTS, TESTS, TOY, make_task

pytest.importorskip("numba")


def _layers_only(depth: int) -> SearchConfig:
    """The layers alone: no kernel, no views, no composition."""
    return SearchConfig(layers_depth=depth, kernel_share=0.0, views_share=0.0, compose_share=0.0,
                        pair_colors_share=0.0, depth2_share=1.0)


def test_layers_depth_runs_the_depth2_pass_on_the_layers_and_finds_a_two_step_program():
    task = make_task(lambda x: toy.upscale(toy.flip_h(x), 2), INPUTS, TESTS)
    result = search(task.without_test_outputs(), Budget(max_nodes=20_000), registry=TOY, config=_layers_only(2))
    assert result.solved
    assert [run["pass"] for run in result.stats.runs] == ["depth2"]
    assert "distinct" in result.stats.runs[0]          # the layers' record, not depth2.py's
    assert result.stats.complete_depth == 2
    best = result.candidates[0]
    assert best.fits_all and best.size == 2
    for pair in task.test:
        assert np.array_equal(run_program(best.program, pair.input, TOY), pair.output)


def test_layers_depth_zero_keeps_the_depth2_pass():
    task = make_task(lambda x: toy.upscale(toy.flip_h(x), 2), INPUTS, TESTS)
    result = search(task.without_test_outputs(), Budget(max_nodes=20_000), registry=TOY,
                    config=SearchConfig(kernel_share=0.0, views_share=0.0, compose_share=0.0,
                                        pair_colors_share=0.0, depth2_share=1.0))
    assert result.solved
    assert "distinct" not in result.stats.runs[0]
