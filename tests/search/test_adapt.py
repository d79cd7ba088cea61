import math

import numpy as np
import pytest

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.dsl.types import GRID
from arcsynth.program.interpreter import run_program
from arcsynth.program.nodes import PrimRef
from arcsynth.program.text import print_program
from arcsynth.search.extract import node_program
from arcsynth.search import CostModel, SearchConfig, search
from arcsynth.search.adapt import adapted_costs, favoured_primitives, near_misses, primitives_of, reweight
from arcsynth.search.core import run_kernel
from arcsynth.search.state import ConstArg, Node, fast_key
from arcsynth.solver.search_solver import cost_model
from arcsynth.guide.base import UniformPrior
from arcsynth.dsl.registry import default_registry
from tests.search import toy
from tests.search.toy import INPUTS, TESTS, TOY, make_task


def test_reweight_favours_the_near_misses_primitives_and_keeps_the_others():
    op = {"a": 2.0, "b": 2.0, "c": 3.0, "d": 1.0}
    new = reweight(op, {"a": 0.75, "c": 0.25}, 0.5)
    assert new["a"] < op["a"] and new["c"] < op["c"]
    assert new["a"] < new["c"]              # the larger weight gets the larger discount
    assert math.exp(-new["a"]) == pytest.approx(math.exp(-2.0) + 0.5 * 0.75)
    assert new["b"] == op["b"] and new["d"] == op["d"]
    assert reweight(op, {"a": 1.0}, 0.0) == op
    assert reweight(op, {}, 0.5) == op
    assert reweight(op, {"zz": 1.0}, 0.5) == op
    with pytest.raises(ValueError):
        reweight(op, {"a": 1.0}, 1.5)


def test_primitives_of_walks_the_dag_and_function_arguments():
    root = Node(0, GRID, (), None, 0.0, None, (), 0)
    first = Node(1, GRID, (), None, 1.0, "flip_h", (root,), 1)
    ref = ConstArg(PrimRef("rot90"), None, 1.0, GRID)
    second = Node(2, GRID, (), None, 2.0, "overlay", (first, root, ref), 2)
    assert primitives_of(second) == {"flip_h", "overlay", "rot90"}
    assert primitives_of(root) == set()


def _near_miss_task():
    def fn(x):
        out = toy.flip_h(x).copy()
        out[0, 0] = 9    # one cell no program of the toy registry makes: flip_h is the nearest miss
        return out
    return make_task(fn, INPUTS, TESTS)


def test_the_nearest_miss_is_ranked_first_and_its_primitives_get_cheaper():
    task = _near_miss_task().without_test_outputs()
    costs = CostModel.uniform(sorted(TOY))
    kernel = run_kernel(task, TOY, costs, Budget(max_nodes=400), SearchConfig(max_depth=1, stacking=False))
    assert not kernel.solutions
    misses = near_misses(kernel, 3)
    assert misses[0].prim == "flip_h"
    assert len({frozenset(primitives_of(n)) for n in misses}) == len(misses)   # one per set of primitives
    favoured = favoured_primitives(misses, TOY)
    assert sum(favoured.values()) == pytest.approx(1.0)
    adapted, weights = adapted_costs(costs, kernel, 1, 0.5)
    assert weights == {"flip_h": 1.0}
    assert adapted.op["flip_h"] < costs.op["flip_h"]
    assert all(adapted.op[n] == costs.op[n] for n in TOY if n != "flip_h")


def test_near_misses_of_a_task_whose_output_size_is_reached_on_some_pairs_only():
    def fn(x):
        # the first pair is nearly upscale(x, 2); no toy program makes the others' 7x7 blank
        if x.shape != (3, 3):
            return np.zeros((7, 7), dtype=np.uint8)
        out = toy.upscale(x, 2).copy()
        out[0, 0] = 9
        return out
    task = make_task(fn, INPUTS, TESTS).without_test_outputs()
    kernel = run_kernel(task, TOY, CostModel.uniform(sorted(TOY)), Budget(max_nodes=300), SearchConfig(max_depth=2))
    assert not kernel.partials
    misses = near_misses(kernel, 4)
    assert misses and "upscale" in primitives_of(misses[0])


def test_no_near_miss_when_nothing_improves_on_the_input():
    task = _near_miss_task().without_test_outputs()
    kernel = run_kernel(task, TOY, CostModel.uniform(sorted(TOY)), Budget(max_nodes=1), SearchConfig(max_depth=1))
    assert near_misses(kernel, 4) == []
    costs = CostModel.uniform(sorted(TOY))
    assert adapted_costs(costs, kernel, 4, 0.5) == (costs, {})


def _untimed(runs):
    return [{key: value for key, value in run.items() if key != "cpu_seconds"} for run in runs]


def test_search_with_adaptation_finds_a_two_step_program_within_a_node_budget():
    task = make_task(lambda x: toy.gravity_down(toy.flip_h(x)), INPUTS, TESTS)
    config = SearchConfig(adapt_share=0.5, depth2_share=0.0, views_share=0.0)
    budget = Budget(max_nodes=3000)
    result = search(task.without_test_outputs(), budget, registry=TOY, config=config)
    again = search(task.without_test_outputs(), budget, registry=TOY, config=config)
    assert result.solved
    assert result.stats.nodes <= 3000
    assert [c.text for c in result.candidates] == [c.text for c in again.candidates]
    assert _untimed(result.stats.runs) == _untimed(again.stats.runs)


def test_adaptation_still_finds_a_real_training_program_within_the_node_budget():
    # 0520fde7 (hand-written: split the grid in two halves, keep the cells set in both): with
    # uniform costs and 3000 states, the first half of the kernel finds only near misses (the
    # halves); the kernel goes on with them favoured and finds a program that fits, the same
    # one every time, within the budget.
    registry = default_registry()
    task = load_dataset("arc1-train").get("0520fde7")
    hidden = task.without_test_outputs()
    costs = cost_model(UniformPrior(), hidden, registry)
    budget = Budget(max_nodes=3000)
    config = SearchConfig(adapt_share=0.5, depth2_share=0.0, views_share=0.0)
    on = search(hidden, budget, costs, registry, config)
    again = search(hidden, budget, costs, registry, config)
    assert on.solved and on.stats.nodes <= 3000
    assert [r["pass"] for r in on.stats.runs] == ["kernel-adapted"]
    assert {"left_half", "right_half"} <= set(on.stats.runs[0]["favoured"])
    best = on.candidates[0]
    for pair in task.train + task.test:
        assert np.array_equal(run_program(best.program, pair.input, registry), pair.output)
    assert _untimed(on.stats.runs) == _untimed(again.stats.runs)
    assert [c.text for c in on.candidates] == [c.text for c in again.candidates]
