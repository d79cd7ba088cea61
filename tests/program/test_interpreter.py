import numpy as np
import pytest

from arcsynth.errors import DslTypeError, EvaluationError
from arcsynth.grid import make_grid
from arcsynth.program import (Limits, Lit, Program, Ref, Step, as_output_grid, compile_program,
                              parse_program, run_program, run_program_many)
from tests.program.fake_primitives import FAKE_REGISTRY

GRID = make_grid([[0, 1], [2, 3]])


def program(text: str) -> Program:
    return parse_program(text, FAKE_REGISTRY)


def run(text: str, grid=GRID, limits: Limits = Limits()):
    return run_program(program(text), grid, FAKE_REGISTRY, limits)


def test_runs_steps_in_order_with_constants_and_function_values():
    out = run("x1 = nonzero(I)\nx2 = where(x1, 7)\nx3 = pick(x2, T, RIGHT)\nO = apply_twice(flip, x3)\n")
    assert out.tolist() == [[7, 0], [7, 7]]


def test_outputs_are_read_only_uint8():
    out = run("O = flip(I)\n")
    assert out.dtype == np.uint8 and not out.flags.writeable


def test_writable_primitive_output_is_copied_read_only():
    out = run("O = writable(I)\n")
    assert not out.flags.writeable
    assert out.tolist() == GRID.tolist()


def test_trace_gives_every_value():
    compiled = compile_program(program("x1 = width(I)\nO = repeat(I, x1)\n"), FAKE_REGISTRY)
    values = compiled.trace(GRID)
    assert values[0] is GRID and values[1] == 2 and values[2].shape == (2, 4)


def test_run_many():
    grids = [GRID, make_grid([[5]])]
    outs = run_program_many(program("O = paint_all(I, 4)\n"), grids, FAKE_REGISTRY)
    assert [o.tolist() for o in outs] == [[[4, 4], [4, 4]], [[4]]]


def test_a_primitive_that_raises_is_an_evaluation_error():
    with pytest.raises(EvaluationError, match="divide_by_zero: ZeroDivisionError"):
        run("x1 = flip(I)\nO = divide_by_zero(x1)\n")


def test_output_that_is_no_valid_grid_is_an_evaluation_error():
    with pytest.raises(EvaluationError, match="not a valid grid"):
        run("O = bad_colors(I)\n")
    with pytest.raises(EvaluationError, match=r"not a valid grid .* shape \(1, 45\)"):
        run("O = wide(I)\n")  # fine as an intermediate value (side <= 60), not as an output
    assert run("x1 = wide(I)\nO = paint_all(I, 1)\n").shape == (2, 2)


def test_oversize_intermediate_trips_a_guard():
    with pytest.raises(EvaluationError, match="side above 60"):
        run("x1 = giant(I)\nO = paint_all(I, 1)\n")
    with pytest.raises(EvaluationError, match="side above 60"):
        run("O = repeat(I, 31)\n")  # 2 x 62


def test_runaway_integer_trips_a_guard():
    text = "x1 = width(I)\n" + "".join(f"x{k + 1} = square(x{k})\n" for k in range(1, 6)) + "O = flip(I)\n"
    with pytest.raises(EvaluationError, match="integer result"):
        run(text)


def test_oversize_literal_is_refused_before_running():
    with pytest.raises(EvaluationError, match="literal 10000000 beyond"):
        compile_program(Program((Step("repeat", (Ref(0), Lit(10**7))),)), FAKE_REGISTRY)


def test_too_many_steps():
    text = "".join(f"x{k} = flip({'I' if k == 1 else f'x{k - 1}'})\n" for k in range(1, 5)) + "O = flip(x4)\n"
    assert run(text, limits=Limits(max_steps=5)).tolist() == [[1, 0], [3, 2]]
    with pytest.raises(EvaluationError, match="5 steps, more than 4"):
        run(text, limits=Limits(max_steps=4))


def test_ill_typed_programs_do_not_compile():
    with pytest.raises(DslTypeError):
        compile_program(program("O = nonzero(I)\n"), FAKE_REGISTRY)


@pytest.mark.parametrize("value", [np.zeros((0, 3), dtype=np.uint8), np.zeros((31, 1), dtype=np.uint8),
                                   np.full((2, 2), -1), np.zeros(3, dtype=np.uint8), np.full((1, 1), 0.5),
                                   [[1, 2]], 3])
def test_as_output_grid_refuses_non_grids(value):
    with pytest.raises(EvaluationError):
        as_output_grid(value)


def test_as_output_grid_converts_integer_arrays():
    out = as_output_grid(np.array([[1, 9]], dtype=np.int64))
    assert out.dtype == np.uint8 and not out.flags.writeable and out.tolist() == [[1, 9]]
