"""Property tests over the whole registry: every primitive on random valid grids with random
well-typed arguments gives a well-formed value of its declared type or an EvaluationError;
geometric identities hold; random well-typed programs round-trip through text and JSON.

The primitive set grows, so every test iterates over the registry. Hypothesis runs
derandomized (a fixed seed): a failure reproduces on every run and every machine. The default
run tries a few examples per primitive; `pytest -m slow` runs the few-hundred sweep.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arcsynth.dsl import default_registry
from arcsynth.dsl.types import is_fn
from arcsynth.dsl.values import value_key
from arcsynth.errors import EvaluationError
from arcsynth.grid import make_grid
from arcsynth.program import (ProgramSampler, SampleSettings, apply_primitive, check_program,
                              compile_program, parse_program, print_program, program_from_json,
                              program_to_json, value_problem)

REGISTRY = default_registry()
PRIMITIVE_NAMES = sorted(REGISTRY)
# Small ints as programs use them, plus a few edge values (negative, zero, a full side).
SAMPLER = ProgramSampler(REGISTRY, SampleSettings(int_literals=(-2, -1, 0, 1, 1, 2, 2, 3, 4, 5, 10, 30)))

QUICK = settings(max_examples=10, derandomize=True, database=None, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
SWEEP = settings(QUICK, max_examples=300)

# A primitive refuses inputs it does not apply to by raising ValueError (the primitive families'
# convention) or EvaluationError; anything else (IndexError, TypeError, ZeroDivisionError, ...)
# is a bug that the guard happens to contain.
DELIBERATE_REFUSALS = (ValueError, EvaluationError)
# ValueErrors that numpy raises by accident rather than a primitive by intent: writing into a
# shared read-only value, reducing an empty selection, mismatched shapes.
ACCIDENTAL_VALUE_ERRORS = ("read-only", "zero-size array", "could not be broadcast",
                           "setting an array element with a sequence")


@st.composite
def grids(draw) -> np.ndarray:
    """ARC-like grids: 1..30 per side (a third square), a background with a few colors at some density."""
    height = draw(st.integers(1, 30))
    # Many ARC grids and primitives (diagonal symmetry, pinwheels) are square: draw them often.
    width = height if draw(st.integers(0, 2)) == 0 else draw(st.integers(1, 30))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    background = int(draw(st.sampled_from([0, 0, 0, int(rng.integers(10))])))
    palette = rng.choice(10, size=draw(st.integers(1, 9)), replace=False)
    density = draw(st.sampled_from([0.0, 0.05, 0.2, 0.5, 1.0]))
    cells = np.where(rng.random((height, width)) < density, rng.choice(palette, size=(height, width)), background)
    return make_grid(cells)


def _describe(call_text: str, grid: np.ndarray) -> str:
    return f"on grid {grid.tolist()} with\n{call_text}"


def check_primitive(name: str, grid: np.ndarray, seed: int) -> None:
    prim = REGISTRY[name]
    drawn = SAMPLER.sample_arguments(np.random.default_rng(seed), prim, grid)
    if drawn is None:
        return  # no argument could be built on this grid (e.g. it has no objects)
    call, args = drawn
    try:
        value = apply_primitive(prim, args)
    except EvaluationError as error:
        cause = error.__cause__
        unexpected = cause is not None and (not isinstance(cause, DELIBERATE_REFUSALS)
                                            or any(text in str(cause) for text in ACCIDENTAL_VALUE_ERRORS))
        assert not unexpected, f"{name} raised {type(cause).__name__}: {cause} {_describe(call.text(), grid)}"
        return
    problem = value_problem(value, prim.return_type)
    assert problem is None, f"{name} returned a malformed {prim.return_type}: {problem} {_describe(call.text(), grid)}"
    if not is_fn(prim.return_type):  # function values are compared by identity; skip them
        again = prim.function(*args)
        assert value_key(again) == value_key(value), f"{name} is not deterministic {_describe(call.text(), grid)}"


@pytest.mark.parametrize("name", PRIMITIVE_NAMES)
@QUICK
@given(grid=grids(), seed=st.integers(0, 2**32 - 1))
def test_primitive_gives_a_well_formed_value_or_refuses(name, grid, seed):
    check_primitive(name, grid, seed)


@pytest.mark.slow
@pytest.mark.parametrize("name", PRIMITIVE_NAMES)
@SWEEP
@given(grid=grids(), seed=st.integers(0, 2**32 - 1))
def test_primitive_sweep(name, grid, seed):
    check_primitive(name, grid, seed)


IDENTITIES = [
    ("rot90", 4), ("rot180", 2), ("rot270", 4), ("transpose", 2), ("anti_transpose", 2), ("flip_h", 2),
    ("flip_v", 2),
]


@pytest.mark.parametrize("name, times", IDENTITIES)
@settings(QUICK, max_examples=50)
@given(grid=grids())
def test_repeating_a_symmetry_gives_the_input_back(name, times, grid):
    if name not in REGISTRY:
        pytest.skip(f"{name} is not registered")
    value = grid
    for _ in range(times):
        value = apply_primitive(REGISTRY[name], [value])
    assert np.array_equal(value, grid)


@settings(QUICK, max_examples=50)
@given(grid=grids())
def test_quarter_turns_compose(grid):
    needed = ("rot90", "rot180", "rot270", "transpose", "flip_h", "flip_v")
    if any(name not in REGISTRY for name in needed):
        pytest.skip("a geometry primitive is not registered")
    def apply(name, value):
        return apply_primitive(REGISTRY[name], [value])
    assert np.array_equal(apply("rot90", apply("rot90", grid)), apply("rot180", grid))
    assert np.array_equal(apply("rot90", apply("rot180", grid)), apply("rot270", grid))
    assert np.array_equal(apply("flip_h", apply("flip_v", grid)), apply("rot180", grid))
    assert np.array_equal(apply("flip_h", apply("transpose", grid)), apply("rot90", grid))  # clockwise


@settings(QUICK, max_examples=100)
@given(seed=st.integers(0, 2**32 - 1))
def test_random_programs_round_trip_through_text_and_json(seed):
    program = SAMPLER.sample_program(np.random.default_rng(seed))
    check_program(program, REGISTRY)
    text = print_program(program)
    assert parse_program(text, REGISTRY) == program
    assert print_program(parse_program(text, REGISTRY)) == text
    assert program_from_json(json.loads(json.dumps(program_to_json(program))), REGISTRY) == program


def check_random_program(grid: np.ndarray, seed: int) -> None:
    """A random program runs or fails with EvaluationError, and every value it computes has the
    representation of the type the checker gave it."""
    program = SAMPLER.sample_program(np.random.default_rng(seed), colors=tuple(np.unique(grid).tolist()))
    types = check_program(program, REGISTRY)
    compiled = compile_program(program, REGISTRY)
    try:
        values = compiled.trace(grid)
    except EvaluationError:
        return
    for position, (value, dsl_type) in enumerate(zip(values, types)):
        problem = value_problem(value, dsl_type)
        assert problem is None, f"step {position} of\n{print_program(program)}gave a malformed {dsl_type}: {problem}"
    try:
        output = compiled.run(grid)
    except EvaluationError:
        return  # e.g. larger than 30x30: fine inside a program, not as its output
    assert output.dtype == np.uint8 and max(output.shape) <= 30


@settings(QUICK, max_examples=100)
@given(grid=grids(), seed=st.integers(0, 2**32 - 1))
def test_random_programs_run_or_fail_with_evaluation_error(grid, seed):
    check_random_program(grid, seed)


@pytest.mark.slow
@settings(QUICK, max_examples=2000)
@given(grid=grids(), seed=st.integers(0, 2**32 - 1))
def test_random_programs_sweep(grid, seed):
    check_random_program(grid, seed)
