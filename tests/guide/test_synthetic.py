import numpy as np
import pytest

from arcsynth.grid import grid_key, is_valid_grid, make_grid
from arcsynth.guide.augment import parse_augmentation
from arcsynth.guide.splits import task_content_hash
from arcsynth.guide.synthetic import (GenerationStats, _StepRunner, generate, item_constants, item_primitives,
                                      reject_reason, uses_input)
from arcsynth.dsl.registry import default_registry
from arcsynth.program import Lit, Ref, Step, compile_program, parse_program, print_program
from tests.guide.helpers import distinctive_grid, source_task

SOURCES = tuple(source_task(f"src{k}", k) for k in range(6))


def traces(text, grids):
    compiled = compile_program(parse_program(text))
    return [compiled.trace(grid) for grid in grids]


def test_uses_input_follows_the_steps_the_output_needs():
    assert uses_input(parse_program("O = rot90(I)\n"))
    assert not uses_input(parse_program("O = color_cell(3)\n"))
    assert not uses_input(parse_program("x1 = rot90(I)\nO = color_cell(3)\n"))
    assert uses_input(parse_program("x1 = most_common_color(I)\nO = color_cell(x1)\n"))


def test_identity_constant_and_no_op_programs_are_rejected():
    grids = [distinctive_grid(k) for k in range(4)]
    assert reject_reason(grids, traces("x1 = rot90(I)\nO = rot270(x1)\n", grids)) == "identity"
    assert reject_reason(grids, traces("x1 = crop(I, 0, 0, 2, 2)\nO = filled_like(x1, 4)\n", grids)) == "constant"
    assert reject_reason(grids, traces("x1 = rot90(I)\nx2 = rot180(x1)\nx3 = rot90(x2)\nO = flip_h(x3)\n", grids)) \
        == "no-op step"
    too_wide = [(grid, np.zeros((3, 31), dtype=np.uint8)) for grid in grids]
    assert reject_reason(grids, too_wide) == "invalid output"
    assert reject_reason(grids, traces("O = flip_h(I)\n", grids)) is None
    sizes = [grid[:, :k + 2] for k, grid in enumerate(grids)]
    assert reject_reason(sizes, traces("x1 = rot90(I)\nO = filled_like(x1, 3)\n", sizes)) == "uniform"
    assert reject_reason(grids, traces("x1 = least_common_color(I)\nO = color_cell(x1)\n", grids)) is None


def test_identity_on_some_pairs_only_is_kept():
    symmetric = make_grid([[1, 2, 1], [3, 0, 3]])
    grids = [symmetric, *(distinctive_grid(k) for k in range(3))]
    assert reject_reason(grids, traces("O = flip_h(I)\n", grids)) is None
    sizes = [grid[:, :k + 2] for k, grid in enumerate(grids)]
    assert reject_reason(sizes, traces("x1 = rot90(I)\nO = filled_like(x1, 3)\n", sizes)) == "uniform"
    assert reject_reason(grids, traces("x1 = least_common_color(I)\nO = color_cell(x1)\n", grids)) is None


def test_the_step_runner_refuses_failing_no_op_and_uninformative_steps():
    grids = [distinctive_grid(k) for k in range(4)]    # all 7 x 9
    stats = GenerationStats()
    runner = _StepRunner(grids, default_registry(), stats)
    assert not runner(Step("crop", (Ref(0), Lit(0), Lit(0), Lit(40), Lit(40))), False)   # fails
    assert not runner(Step("filled_like", (Ref(0), Lit(4))), True)   # last step, one output for all
    assert runner(Step("rot90", (Ref(0),)), False)                   # x1
    assert not runner(Step("rot270", (Ref(1),)), False)              # back to I: a no-op
    assert not runner(Step("rot270", (Ref(1),)), True)               # identity output
    assert runner(Step("flip_h", (Ref(1),)), True)
    assert stats.attempts == 1 and stats.steps_run == 6 and stats.steps_refused == 4


def test_items_are_informative_tasks_made_by_their_program():
    stats = GenerationStats()
    items = list(generate(60, 4, SOURCES, stats=stats))
    assert len(items) == 60 and stats.kept == 60
    digests = {task_content_hash(item.task) for item in items}
    assert len(digests) == 60
    by_id = {task.id: task for task in SOURCES}
    for item in items:
        task = item.task
        assert 3 <= len(task.train) <= 4 and len(task.test) == 1
        pairs = (*task.train, *task.test)
        assert all(is_valid_grid(p.input) and is_valid_grid(p.output) for p in pairs)
        assert 1 <= len(item.program) <= 6 and uses_input(item.program)
        compiled = compile_program(item.program)
        assert all(np.array_equal(compiled.run(p.input), p.output) for p in pairs)
        assert len({grid_key(p.output) for p in pairs}) > 1
        assert not all(grid_key(p.output) == grid_key(p.input) for p in pairs)
        # the inputs are the source task's inputs, augmented
        augmentation = parse_augmentation(item.augment)
        source_inputs = {grid_key(p.input) for p in (*by_id[item.source].train, *by_id[item.source].test)}
        assert all(grid_key(augmentation.undo(p.input)) in source_inputs for p in pairs)
        assert len({grid_key(p.input) for p in pairs}) == len(pairs)


def test_same_seed_same_items_and_another_seed_others():
    first = [(print_program(i.program), i.source, i.augment, task_content_hash(i.task))
             for i in generate(25, 11, SOURCES)]
    again = [(print_program(i.program), i.source, i.augment, task_content_hash(i.task))
             for i in generate(25, 11, SOURCES)]
    other = [(print_program(i.program), i.source, i.augment, task_content_hash(i.task))
             for i in generate(25, 12, SOURCES)]
    assert first == again and first != other


def test_without_running_while_drawing_the_items_pass_the_same_filters():
    stats = GenerationStats()
    items = list(generate(20, 2, SOURCES, run_while_drawing=False, stats=stats))
    assert len(items) == 20 and stats.steps_run == 0
    assert sum(stats.rejected.values()) > 0


def test_sources_with_too_few_inputs_are_passed_over():
    small = source_task("tiny", 99, inputs=3)
    items = list(generate(10, 0, (small, SOURCES[0])))
    assert {item.source for item in items} == {SOURCES[0].id}
    with pytest.raises(ValueError):
        list(generate(1, 0, (small,)))


def test_primitives_and_constants_of_an_item():
    program = parse_program("x1 = objects_8(I)\nx2 = keep_if(x1, is_square)\nx3 = recolor_if(I, x2, is_square, 3)\n"
                            "O = upscale(x3, 2)\n")
    assert item_primitives(program) == ["is_square", "keep_if", "objects_8", "recolor_if", "upscale"]
    assert item_constants(program) == {"colors": [3], "ints": [2]}
