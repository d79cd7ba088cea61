"""Learned operations: one step computes what its body computes, and is written back as the body."""

from __future__ import annotations

import numpy as np
import pytest

from arcsynth.data import load_dataset
from arcsynth.dsl.registry import Registry, default_registry, primitive
from arcsynth.dsl.types import Grid
from arcsynth.errors import EvaluationError
from arcsynth.program.interpreter import arg_value, run_program
from arcsynth.program.nodes import Const, Lit, Program, Ref, Step
from arcsynth.program.text import parse_program, print_program
from arcsynth.search.library.fragment import Fragment, Slot, inline_program

REGISTRY = default_registry()

FILL = Fragment("learned_fill", parse_program("x1 = objects_4(I)\nO = fill_bbox_all(I, x1, 1)\n", REGISTRY),
                (Slot(2, 2),))
SHIFTED = Fragment("learned_shift", parse_program("x1 = shift_grid(I, DOWN)\nO = recolor_nonzero(x1, 2)\n",
                                                  REGISTRY), (Slot(1, 1), Slot(2, 1)))
FIXED = Fragment("learned_crop", parse_program("x1 = objects_by_color(I)\nx2 = smallest(x1)\n"
                                               "O = crop_to_object(I, x2)\n", REGISTRY))


def training_grids(count: int = 60):
    tasks = load_dataset("arc1-train").tasks
    return [pair.input for task in tasks[:count] for pair in task.train[:1]]


@pytest.mark.parametrize("fragment,params", [(FILL, (Lit(4),)), (SHIFTED, (Const("UP_LEFT"), Lit(7))),
                                             (FIXED, ())])
def test_a_learned_operation_computes_what_its_expansion_computes(fragment, params):
    prim = fragment.primitive(REGISTRY)
    assert str(prim.arg_types[0]) == "Grid" and str(prim.return_type) == "Grid"
    assert len(prim.arg_types) == 1 + len(params)
    expanded = inline_program(Program((Step(fragment.name, (Ref(0),) + params),)), {fragment.name: fragment})
    assert all(step.primitive in REGISTRY for step in expanded.steps)
    runtime = [arg_value(p, REGISTRY) for p in params]
    compared = 0
    for grid in training_grids():
        try:
            expected = run_program(expanded, grid, REGISTRY)
        except EvaluationError:
            continue
        assert np.array_equal(prim.function(grid, *runtime), expected)
        compared += 1
    assert compared >= 30


def test_a_learned_step_is_written_back_as_its_body_with_the_references_after_it_moved():
    program = Program((Step("rot90", (Ref(0),)), Step("learned_shift", (Ref(1), Const("LEFT"), Lit(3))),
                       Step("overlay_grids", (Ref(2), Ref(1)))))
    inlined = inline_program(program, {"learned_shift": SHIFTED})
    assert print_program(inlined) == ("x1 = rot90(I)\nx2 = shift_grid(x1, LEFT)\nx3 = recolor_nonzero(x2, 3)\n"
                                      "O = overlay_grids(x3, x1)\n")


def test_a_fragment_that_is_not_a_grid_operation_is_refused():
    with pytest.raises(ValueError, match="not a constant argument"):
        Fragment("bad", FILL.body, (Slot(2, 0),)).check(REGISTRY)
    with pytest.raises(ValueError, match="already registered"):
        Fragment("rot90", FILL.body).check(REGISTRY)
    with pytest.raises(ValueError, match="names no step"):
        Fragment("bad", FILL.body, (Slot(3, 0),)).check(REGISTRY)


SEEN: list = []


def counted_copy(grid: Grid) -> Grid:
    """The grid itself, counting the calls in SEEN."""
    SEEN.append(grid)
    return grid


def test_the_steps_that_read_no_parameter_run_once_per_grid_whatever_the_parameters():
    SEEN.clear()
    registry = Registry([*REGISTRY.values(), primitive(counted_copy)])
    fragment = Fragment("learned_recolor", parse_program("x1 = counted_copy(I)\nO = replace_color(x1, 1, 2)\n",
                                                         registry), (Slot(2, 1), Slot(2, 2)))
    run = fragment.primitive(registry).function
    grids = training_grids(3)
    for grid in grids:
        for source in range(4):
            for dest in range(4):
                assert np.array_equal(run(grid, source, dest), np.where(grid == source, dest, grid))
    assert len(SEEN) == len(grids)
