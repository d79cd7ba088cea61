import pytest

from arcsynth.dsl.types import BOOL, COLOR, DIRECTION, GRID, INT, MASK, fn_type
from arcsynth.errors import DslTypeError
from arcsynth.program import (INPUT, Const, Lit, PrimRef, Program, Ref, Step, StepTypeError, check_program,
                              parse_program)
from tests.program.fake_primitives import FAKE_REGISTRY


def check(text: str):
    return check_program(parse_program(text, FAKE_REGISTRY), FAKE_REGISTRY)


def test_types_of_every_position():
    assert check("x1 = nonzero(I)\nx2 = width(I)\nx3 = repeat(I, x2)\nO = where(x1, 4)\n") == (
        GRID, MASK, INT, GRID, GRID)


def test_literals_take_the_parameter_type():
    assert check("x1 = paint_all(I, 9)\nO = repeat(x1, 40)\n") == (GRID, GRID, GRID)


def test_constants_and_function_values_are_typed():
    assert check("x1 = pick(I, F, UP)\nO = apply_twice(flip, x1)\n")[-1] == GRID


@pytest.mark.parametrize("text, message", [
    ("O = nonzero(I)\n", "O must be a Grid, but nonzero returns Mask"),
    ("O = flip(I, I)\n", "takes 1 arguments, got 2"),
    ("O = paint_all(I)\n", "takes 2 arguments, got 1"),
    ("O = paint_all(I, 10)\n", "color literal 10 is not in 0..9"),
    ("O = paint_all(I, -1)\n", "color literal -1 is not in 0..9"),
    ("O = flip(3)\n", "integer literal 3 where a Grid is expected"),
    ("O = paint_all(I, T)\n", "must be Color, got Bool"),
    ("x1 = width(I)\nO = paint_all(I, x1)\n", "must be Color, got Int"),
    ("O = pick(I, UP, T)\n", "argument 2 of pick(Grid, Bool, Direction) -> Grid must be Bool, got Direction"),
    ("O = apply_twice(width, I)\n", "must be Fn[Grid, Grid], got Fn[Grid, Int]"),
    ("O = apply_twice(I, I)\n", "must be Fn[Grid, Grid], got Grid"),
])
def test_type_errors_name_the_step(text, message):
    with pytest.raises(DslTypeError) as caught:
        check(text)
    assert message in str(caught.value)
    assert str(caught.value).startswith("step ")
    assert "\n" not in str(caught.value)


def test_type_error_quotes_the_step_as_text():
    with pytest.raises(DslTypeError, match=r"step 2 `O = flip\(x1\)`"):
        check("x1 = width(I)\nO = flip(x1)\n")


@pytest.mark.parametrize("program, message", [
    (Program(()), "at least one step"),
    (Program((Step("flip", (Ref(1),)),)), "refers to step 1"),
    (Program((Step("nothing", (INPUT,)),)), "unknown primitive 'nothing'"),
    (Program((Step("apply_twice", (PrimRef("nothing"), INPUT)),)), "unknown primitive 'nothing'"),
    (Program((Step("pick", (INPUT, Const("MAYBE"), Const("UP"))),)), "unknown constant 'MAYBE'"),
])
def test_programs_built_in_code_are_checked_too(program, message):
    with pytest.raises(DslTypeError, match=message):
        check_program(program, FAKE_REGISTRY)


def test_function_value_type_is_the_primitive_type():
    assert FAKE_REGISTRY["flip"].type == fn_type(GRID, ret=GRID)
    types = check_program(Program((Step("pick", (INPUT, Const("T"), Const("LEFT"))),)), FAKE_REGISTRY)
    assert types == (GRID, GRID)


@pytest.mark.parametrize("text, position", [
    ("x1 = width(I)\nO = flip(x1)\n", 2), ("O = nonzero(I)\n", 1), ("x1 = flip(I, I)\nO = flip(x1)\n", 1),
])
def test_step_type_errors_carry_the_position(text, position):
    with pytest.raises(StepTypeError) as caught:
        check(text)
    assert caught.value.position == position
