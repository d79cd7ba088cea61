from dataclasses import replace

import numpy as np
import pytest

from arcsynth.data import load_dataset
from arcsynth.grid import grid_key
from arcsynth.guide.relabel import HINDSIGHT, SOLVED, relabel_task, solves
from arcsynth.guide.splits import LeakageError, heldout_fold
from arcsynth.program.text import parse_program
from tests.guide.helpers import source_task

FLIP = "O = flip_h(I)\n"          # what source_task's outputs are
ROTATE = "O = rot90(I)\n"
TWO_STEPS = "x1 = rot90(I)\nO = replace_color(x1, 1, 2)\n"


def test_a_program_that_reproduces_every_output_solves_the_task():
    task = source_task("g1", 1)
    assert solves(parse_program(FLIP), task)
    assert not solves(parse_program(ROTATE), task)


def test_a_verified_solution_is_an_item_on_the_real_task_and_a_wrong_one_is_not():
    task = source_task("g1", 1)
    items = relabel_task(task, [ROTATE, FLIP], [])
    assert [item.augment for item in items] == [SOLVED]
    assert items[0].task is task and items[0].source == "g1"


def test_hindsight_makes_a_task_of_the_real_inputs_and_the_programs_own_outputs():
    task = source_task("g1", 1)
    items = relabel_task(task, [], [TWO_STEPS])
    assert len(items) == 1 and items[0].augment == HINDSIGHT
    made = items[0].task
    assert len(made.train) == len(task.train) and len(made.test) == len(task.test)
    for original, pair in zip((*task.train, *task.test), (*made.train, *made.test)):
        assert grid_key(pair.input) == grid_key(original.input)
        expected = np.rot90(original.input, -1)      # the DSL turns clockwise
        assert np.array_equal(pair.output, np.where(expected == 1, 2, expected))
    assert solves(items[0].program, made)


def test_uninformative_failing_and_duplicate_programs_are_dropped():
    task = source_task("g1", 1)
    identity = "x1 = flip_h(I)\nO = flip_h(x1)\n"         # the input again
    bad = "O = crop(I, 40, 40, 2, 2)\n"                   # fails on every input
    unparsable = "O = no_such_primitive(I)\n"
    items = relabel_task(task, [FLIP], [FLIP, identity, bad, unparsable, ROTATE, ROTATE])
    assert [item.augment for item in items] == [SOLVED, HINDSIGHT]    # FLIP's outputs are the task's own


def test_relabelling_refuses_an_evaluation_or_held_out_task(training_tasks):
    evaluation_task = load_dataset("arc1-eval").tasks[0]
    held_out = training_tasks[heldout_fold()[0]]
    for bad in (evaluation_task, held_out, replace(evaluation_task, id="disguised")):
        with pytest.raises(LeakageError):
            relabel_task(bad, [], [ROTATE])
