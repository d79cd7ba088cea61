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


def test_layers_value_orders_depth_three_by_the_value_model():
    task = make_task(lambda x: toy.gravity_down(toy.upscale(toy.flip_h(x), 2)), INPUTS, TESTS)
    runs = {}
    for weight in (0.0, 6.0):
        config = SearchConfig(layers_depth=3, layers_value=weight, kernel_share=0.0, views_share=0.0,
                              compose_share=0.0, pair_colors_share=0.0, depth2_share=1.0)
        result = search(task.without_test_outputs(), Budget(max_nodes=50_000), registry=TOY, config=config)
        assert result.solved
        for pair, prediction in zip(task.test, result.candidates[0].predictions):
            assert np.array_equal(prediction, pair.output)
        runs[weight] = result.stats.runs[0]
    assert runs[0.0]["value_seconds"] == 0 < runs[6.0]["value_seconds"]
    assert runs[6.0]["depth3_first_fit"] is not None
