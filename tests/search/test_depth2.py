import math
from pathlib import Path

import numpy as np
import pytest

from arcsynth.dsl.registry import default_registry
from arcsynth.dsl.types import GRID
from arcsynth.program.interpreter import run_program
from arcsynth.program.nodes import Ref
from arcsynth.program.text import parse_program
from arcsynth.search.cost import CostModel
from arcsynth.search.depth2 import enumerate_depth2, grid_operations, one_step_size_rules, predict_size, warm_probe_cache
from arcsynth.search.views import IDENTITY, task_views
from arcsynth.task import Pair, Task
from tests.search.toy import TOY

PROGRAMS = Path(__file__).resolve().parents[2] / "programs" / "arc1-train"
REGISTRY = default_registry()
UNIFORM = {name: math.log(len(REGISTRY)) for name in REGISTRY}

# The hand-written training programs of two grid -> grid calls (constants allowed): each must be
# found (a candidate with the same test predictions) by the complete depth-2 enumeration.
TWO_STEP = {
    "017c7c7b": "extend_pattern then replace_color",
    "2013d3e2": "crop_to_content then crop",
    "28bf18c6": "crop_to_content then tile",
    "46f33fce": "downscale_nonzero then upscale",
    "5614dbcf": "erase_color then downscale_majority",
    "7468f01a": "crop_to_content then flip_h",
    "7b6016b9": "fill_enclosed then replace_color",
    "8f2ea7aa": "crop_to_content then self_kron",
    "90c28cc7": "crop_to_content then remove_duplicate_lines",
    "9f236235": "blocks_to_cells then flip_h",
    "a740d043": "crop_to_foreground then replace_color",
    "a79310a0": "shift_grid then replace_color",
    "d5d6de2d": "fill_enclosed then erase_color",
    "f25fbde4": "crop_to_content then upscale",
}


@pytest.fixture(scope="module")
def probes():
    """One probe cache for the module: what probing learnt about the primitives, shared by tasks."""
    return {}


def _grid_to_grid_shape(program) -> bool:
    for index, step in enumerate(program.steps):
        prim = REGISTRY[step.primitive]
        refs = [a for a in step.args if isinstance(a, Ref)]
        if (prim.return_type != GRID or sum(t == GRID for t in prim.arg_types) != 1
                or [r.index for r in refs] != [index]):
            return False
    return True


def _programs_of_shape(steps: int) -> list[str]:
    found = []
    for path in sorted(PROGRAMS.glob("*.dsl")):
        program = parse_program(path.read_text(), REGISTRY)
        if len(program.steps) == steps and _grid_to_grid_shape(program):
            found.append(path.stem)
    return found


def test_the_two_step_list_is_every_hand_written_program_of_that_shape():
    assert sorted(TWO_STEP) == _programs_of_shape(2)


def _assert_found(task, result):
    program = parse_program((PROGRAMS / f"{task.id}.dsl").read_text(), REGISTRY)
    expected = [run_program(program, pair.input, REGISTRY) for pair in task.test]
    matching = [c for c in result.candidates
                if c.fits_all and all(np.array_equal(p, e) for p, e in zip(c.predictions, expected))]
    assert matching, f"{task.id}: {[c.text for c in result.candidates]}"
    for candidate in matching:
        for pair, prediction in zip(task.test, candidate.predictions):
            assert np.array_equal(prediction, pair.output)


@pytest.mark.parametrize("task_id", sorted(TWO_STEP))
def test_finds_every_two_step_hand_written_program(task_id, training_tasks, probes):
    task = training_tasks[task_id]
    result = enumerate_depth2(task.without_test_outputs(), REGISTRY, UNIFORM, [IDENTITY], probe_cache=probes)
    assert result.stopped == "complete" and result.views[0].complete
    _assert_found(task, result)


@pytest.mark.slow
@pytest.mark.parametrize("task_id", _programs_of_shape(1))
def test_finds_every_one_step_hand_written_program(task_id, training_tasks, probes):
    task = training_tasks[task_id]
    result = enumerate_depth2(task.without_test_outputs(), REGISTRY, UNIFORM, [IDENTITY], probe_cache=probes)
    _assert_found(task, result)


def test_candidates_are_verified_on_the_task_and_stats_add_up(training_tasks):
    task = training_tasks["f25fbde4"]
    result = enumerate_depth2(task.without_test_outputs(), REGISTRY, UNIFORM, [IDENTITY])
    best = result.candidates[0]
    assert best.text == "x1 = crop_to_content(I)\nO = upscale(x1, 2)\n"
    assert best.origin == "depth2" and result.votes[best.text] == 1
    stats = result.views[0]
    assert stats.states1 > 0 and stats.pairs2 > 0 and stats.calls > 0 and stats.pruned > 0 and stats.skipped > 0
    assert stats.fits >= len(result.candidates) and stats.rejected == 0


def test_deduced_color_map_completes_a_state(training_tasks):
    task = training_tasks["7b6016b9"]      # fill_enclosed, then black becomes green
    result = enumerate_depth2(task.without_test_outputs(), REGISTRY, UNIFORM, [IDENTITY])
    assert result.candidates[0].origin == "depth2-color-map"
    assert result.candidates[0].text == "x1 = fill_enclosed(I, 2)\nO = replace_color(x1, 0, 3)\n"
    _assert_found(task, result)


def test_budgets_stop_the_enumeration(training_tasks):
    task = training_tasks["8f2ea7aa"].without_test_outputs()
    result = enumerate_depth2(task, REGISTRY, UNIFORM, [IDENTITY], max_nodes=200)
    assert result.stopped == "budget-nodes" and not result.views[0].complete
    again = enumerate_depth2(task, REGISTRY, UNIFORM, [IDENTITY], max_nodes=200)
    assert [c.text for c in again.candidates] == [c.text for c in result.candidates]


def test_operations_have_constants_from_the_task(training_tasks):
    task = training_tasks["f25fbde4"]
    ops = grid_operations(task, REGISTRY, CostModel(UNIFORM))
    texts = {op.text for op in ops}
    assert "upscale(_, 2)" in texts and "crop_to_content(_)" in texts
    assert all(op.cost >= UNIFORM[op.prim.name] for op in ops)
    assert not any("Fn" in str(t) for op in ops for t in op.prim.arg_types)


def test_a_warmed_probe_cache_leaves_little_to_probe_on_a_real_task(training_tasks):
    task = training_tasks["f25fbde4"].without_test_outputs()
    cold: dict = {}
    enumerate_depth2(task, REGISTRY, UNIFORM, [IDENTITY], probe_cache=cold)
    warm: dict = {}
    added = warm_probe_cache(REGISTRY, warm)
    assert added == len(warm) > 1000
    before = len(warm)
    result = enumerate_depth2(task, REGISTRY, UNIFORM, [IDENTITY], probe_cache=warm)
    # Every probe the task needs but the warm-up did not make is a new entry: a small share.
    assert len(warm) - before < 0.25 * len(cold)
    assert result.candidates and result.candidates[0].fits_all


def test_a_three_cycle_color_map_with_one_free_color_is_written_and_returns():
    # Output: the input mirrored, colors 1 -> 2 -> 3 -> 1; the inputs hold every color but 9, the
    # only one the cycle can borrow (order_replacements used to loop for ever on such cycles).
    cycle = np.array([0, 2, 3, 1, 4, 5, 6, 7, 8, 9], dtype=np.uint8)
    inputs = [np.array([[1, 2, 3, 0], [4, 5, 6, 0], [7, 8, 1, 2]], dtype=np.uint8),
              np.array([[3, 3, 0], [1, 2, 4], [5, 6, 7], [8, 0, 1]], dtype=np.uint8)]
    test_input = np.array([[2, 1, 3], [0, 8, 7]], dtype=np.uint8)
    pairs = tuple(Pair(grid, cycle[grid[:, ::-1]]) for grid in inputs)
    task = Task("cycle", pairs, (Pair(test_input, None),))
    result = enumerate_depth2(task, TOY, None, [IDENTITY], max_nodes=5_000)
    best = result.candidates[0]
    assert best.fits_all and best.origin == "depth2-color-map"
    assert np.array_equal(best.predictions[0], cycle[test_input[:, ::-1]])
    assert "replace_color(x1, 1, 9)" in best.text


def test_complete_depth_says_how_deep_the_enumeration_finished(training_tasks, probes):
    task = training_tasks["f25fbde4"].without_test_outputs()
    whole = enumerate_depth2(task, REGISTRY, UNIFORM, [IDENTITY], probe_cache=probes)
    assert whole.stopped == "complete" and whole.complete_depth == 2 and whole.views[0].complete_depth == 2
    ops = whole.views[0].ops       # depth 1 spends one node per operation, depth 2 more than 64
    level1 = enumerate_depth2(task, REGISTRY, UNIFORM, [IDENTITY], max_nodes=ops, probe_cache=probes)
    assert level1.stopped == "budget-nodes" and level1.complete_depth == 1 and not level1.views[0].complete
    cut = enumerate_depth2(task, REGISTRY, UNIFORM, [IDENTITY], max_nodes=ops - 1, probe_cache=probes)
    assert cut.complete_depth == 0
    two_views = enumerate_depth2(task, REGISTRY, UNIFORM, task_views(task, REGISTRY)[:2], max_nodes=ops + 1,
                                 probe_cache=probes)
    assert two_views.complete_depth == 0 and two_views.views[0].complete_depth == 1


def test_one_step_size_rules_read_the_size_of_one_argument_operations_from_probes():
    rules = one_step_size_rules(default_registry(), {})
    assert predict_size(rules["self_kron"], (3, 4)) == (9, 16)
    assert predict_size(rules["mirror_hconcat"], (3, 4)) == (3, 8)
    assert predict_size(rules["transpose"], (3, 4)) == (4, 3)
    assert predict_size(rules["top_half"], (6, 5)) == (3, 5)
    assert "crop_to_content" not in rules       # its size depends on the content
    assert "shift_grid" not in rules            # it takes a constant besides the grid
