"""Names in program text must mean one thing: no primitive may be spelled like a variable or
a named constant, or the parser would read it as the other."""

import pytest

from arcsynth.dsl import default_registry
from arcsynth.program import CONSTANTS, INPUT_NAME, OUTPUT_NAME, constants_of_type
from arcsynth.program.lexer import NAME, tokenize_line
from arcsynth.program.names import is_step_variable, variable_name


@pytest.mark.parametrize("name", sorted(default_registry()))
def test_primitive_names_are_unambiguous(name):
    assert name not in CONSTANTS
    assert name not in (INPUT_NAME, OUTPUT_NAME)
    assert not is_step_variable(name)
    assert [(token.kind, token.text) for token in tokenize_line(name, 1)] == [(NAME, name)]


def test_constants_are_typed_and_directions_are_unit_steps():
    for constant in CONSTANTS.values():
        assert constant in constants_of_type(constant.type)
    directions = {c.value for c in CONSTANTS.values() if c.type.name == "Direction"}
    assert directions == {(dr, dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)} - {(0, 0)}


def test_variable_names():
    assert [variable_name(k, 3) for k in range(4)] == ["I", "x1", "x2", "O"]
    assert is_step_variable("x12") and not is_step_variable("x0") and not is_step_variable("x")
    assert not is_step_variable("x１")  # a full-width digit is not ASCII
