from collections import Counter

import numpy as np
import pytest

from arcsynth.dsl.registry import default_registry
from arcsynth.dsl.types import GRID
from arcsynth.guide.draw import DrawSettings, ProgramDrawer, drop_unused_steps
from arcsynth.program import check_program, parse_program, print_program
from arcsynth.guide.synthetic import uses_input


def test_drawn_programs_type_check_end_in_a_grid_and_use_the_input():
    drawer = ProgramDrawer()
    rng = np.random.default_rng(3)
    lengths = Counter()
    for _ in range(500):
        program = drawer.draw(rng, colors=(0, 2, 5))
        assert program is not None
        assert check_program(program, drawer.registry)[-1] == GRID
        assert uses_input(program)
        assert drop_unused_steps(program) == program
        lengths[len(program)] += 1
    assert set(lengths) <= set(range(1, 7))
    assert lengths[1] < 0.2 * 500 and sum(lengths[k] for k in (3, 4, 5, 6)) > 0.4 * 500


def test_same_seed_same_programs():
    drawer = ProgramDrawer()
    first = [drawer.draw(np.random.default_rng(9)) for _ in range(5)]
    again = [drawer.draw(np.random.default_rng(9)) for _ in range(5)]
    assert first == again


def test_op_weights_steer_the_primitives_drawn():
    registry = default_registry()
    rng = np.random.default_rng(0)
    heavy = ProgramDrawer(registry, {name: (500.0 if name == "flip_h" else 1.0) for name in registry})
    uniform = ProgramDrawer(registry)
    share = lambda drawer: sum("flip_h" in drawer.draw(rng).primitive_names() for _ in range(300)) / 300
    assert share(heavy) > 0.5 > 0.1 > share(uniform)


def test_a_zero_weight_primitive_is_never_drawn_and_missing_names_get_the_least_weight():
    registry = default_registry()
    drawer = ProgramDrawer(registry, {"rot90": 0.0, "flip_h": 2.0})
    assert drawer.weights["rot90"] == 0.0 and drawer.weights["transpose"] == 2.0
    rng = np.random.default_rng(1)
    assert not any("rot90" in drawer.draw(rng).primitive_names() for _ in range(300))


def test_bad_weights_are_refused():
    with pytest.raises(ValueError):
        ProgramDrawer(op_weights={"rot90": -1.0})
    with pytest.raises(ValueError):
        DrawSettings(length_weights=())


def test_a_step_check_that_refuses_a_primitive_keeps_it_out():
    drawer = ProgramDrawer()
    rng = np.random.default_rng(2)
    for _ in range(100):
        program = drawer.draw(rng, check=lambda: (lambda step, last: step.primitive != "rot90"))
        assert program is None or "rot90" not in [s.primitive for s in program.steps]


def test_unused_steps_are_dropped_and_references_renumbered():
    program = parse_program("x1 = rot90(I)\nx2 = flip_h(I)\nx3 = transpose(x1)\nO = hconcat(x3, x1)\n")
    assert print_program(drop_unused_steps(program)) == "x1 = rot90(I)\nx2 = transpose(x1)\nO = hconcat(x2, x1)\n"
    dead = parse_program("x1 = rot90(I)\nO = flip_h(I)\n")
    assert print_program(drop_unused_steps(dead)) == "O = flip_h(I)\n"
