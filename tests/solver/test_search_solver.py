import numpy as np
import pytest

from arcsynth.budget import Budget
from arcsynth.guide import UniformPrior
from arcsynth.program.text import parse_program
from arcsynth.solution import Solution
from arcsynth.solver import DEFAULT_SOLVER, SearchSolver, make_solver
from arcsynth.solver.factory import SOLVER_FACTORIES
from tests.search import toy
from tests.search.toy import INPUTS, TESTS, TOY, make_task


def test_search_is_the_default_solver():
    assert DEFAULT_SOLVER == "search"
    assert isinstance(make_solver(), SearchSolver)
    assert "transforms" in SOLVER_FACTORIES


def test_solver_answers_with_program_text():
    task = make_task(toy.flip_h, INPUTS, TESTS)
    solver = SearchSolver(registry=TOY)
    solution = solver.solve(task.without_test_outputs(), Budget(max_nodes=2000))
    assert isinstance(solution, Solution)
    first = solution.attempts[0][0]
    assert np.array_equal(first.output, task.test[0].output)
    assert parse_program(first.program, TOY)
    assert solution.nodes > 0
    assert solution.stats["solved_train"] is True
    assert solution.stats["best_program"] == first.program


def _untimed(value):
    """Stats without their CPU figures, at any depth (each pass in `runs` has its CPU seconds)."""
    if isinstance(value, dict):
        return {k: _untimed(v) for k, v in value.items() if "cpu" not in k}
    if isinstance(value, list):
        return [_untimed(item) for item in value]
    return value


def test_solver_with_node_budget_is_deterministic():
    task = make_task(lambda x: toy.upscale(toy.rot90(x), 2), INPUTS, TESTS).without_test_outputs()
    solver = SearchSolver(registry=TOY, prior=UniformPrior())
    one = solver.solve(task, Budget(max_nodes=800))
    two = solver.solve(task, Budget(max_nodes=800))
    assert one.nodes == two.nodes
    assert _untimed(one.stats) == _untimed(two.stats)
    assert [[a.program for a in per] for per in one.attempts] == [[a.program for a in per] for per in two.attempts]


def test_solver_never_needs_test_outputs():
    task = make_task(toy.rot90, INPUTS, TESTS).without_test_outputs()
    solution = SearchSolver(registry=TOY).solve(task, Budget(max_nodes=500))
    assert len(solution.attempts) == len(task.test)


def test_default_solver_is_deterministic_on_a_real_task_with_a_node_budget(training_tasks):
    task = list(training_tasks.values())[5].without_test_outputs()
    solver = make_solver()
    runs = [solver.solve(task, Budget(max_nodes=1500)) for _ in range(2)]
    assert runs[0].nodes == runs[1].nodes <= 1500
    assert runs[0].stats["best_program"] == runs[1].stats["best_program"]
    outputs = [[[a.output.tolist() for a in per] for per in run.attempts] for run in runs]
    assert outputs[0] == outputs[1]


def test_prepare_probes_the_depth2_operations_once_before_any_task():
    solver = SearchSolver(prior=UniformPrior())
    solver.prepare()
    probed = len(solver.probe_cache)
    assert probed > 1000
    solver.prepare()
    assert len(solver.probe_cache) == probed


def test_the_record_says_the_complete_depth_the_states_per_cpu_second_and_each_passs_cpu():
    task = make_task(toy.flip_h, INPUTS, TESTS).without_test_outputs()
    stats = SearchSolver(registry=TOY, prior=UniformPrior()).solve(task, Budget(max_nodes=2000)).stats
    # depth 1 enumerated completely within the depth-2 pass's share of 2000 states (not all of depth 2)
    assert stats["complete_depth"] == max(run.get("complete_depth", 0) for run in stats["runs"]) == 1
    # (the record's cpu_seconds is rounded to 0.1 ms)
    assert stats["states_per_cpu_second"] == pytest.approx(stats["nodes"] / stats["cpu_seconds"], rel=0.01)
    assert stats["distinct_states_per_cpu_second"] == pytest.approx(stats["accepted"] / stats["cpu_seconds"],
                                                                    rel=0.01)
    assert stats["runs"] and all(run["cpu_seconds"] >= 0 for run in stats["runs"])
