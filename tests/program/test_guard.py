import numpy as np
import pytest

from arcsynth.dsl.registry import Primitive
from arcsynth.dsl.types import GRID as GRID_TYPE
from arcsynth.dsl.values import Obj, freeze
from arcsynth.errors import EvaluationError
from arcsynth.grid import make_grid
from arcsynth.program import Limits, apply_primitive, check_value
from tests.program.fake_primitives import FAKE_REGISTRY

GRID = make_grid([[0, 1], [2, 3]])


def test_a_working_primitive_returns_its_value():
    assert np.array_equal(apply_primitive(FAKE_REGISTRY["flip"], [GRID]), [[1, 0], [3, 2]])


@pytest.mark.parametrize("name, cause", [("divide_by_zero", ZeroDivisionError),
                                         ("recurse_forever", RecursionError)])
def test_any_exception_inside_becomes_evaluation_error(name, cause):
    with pytest.raises(EvaluationError, match=f"^{name}: {cause.__name__}") as caught:
        apply_primitive(FAKE_REGISTRY[name], [GRID])
    assert isinstance(caught.value.__cause__, cause)


def test_wrong_arguments_become_evaluation_error():
    with pytest.raises(EvaluationError, match="^flip: TypeError"):
        apply_primitive(FAKE_REGISTRY["flip"], [GRID, GRID])


def test_a_deliberate_refusal_passes_through():
    with pytest.raises(EvaluationError, match="^refuse: never applies$"):
        apply_primitive(FAKE_REGISTRY["refuse"], [GRID])


def test_long_messages_are_cut():
    with pytest.raises(EvaluationError) as caught:
        apply_primitive(FAKE_REGISTRY["flip"], ["x" * 1000])
    assert len(str(caught.value)) < 300


def test_oversize_side_trips_the_guard():
    with pytest.raises(EvaluationError, match=r"giant: result of shape \(100, 100\) has a side above 60"):
        apply_primitive(FAKE_REGISTRY["giant"], [GRID])


def test_runaway_integer_trips_the_guard():
    square = FAKE_REGISTRY["square"]
    assert apply_primitive(square, [1000]) == 1_000_000
    with pytest.raises(EvaluationError, match="integer result"):
        apply_primitive(square, [1001])


@pytest.mark.parametrize("value", [
    freeze(np.zeros((61, 2), dtype=np.uint8)),
    tuple(freeze(np.zeros((30, 30), dtype=np.uint8)) for _ in range(3)),  # 2700 cells > 2000
    tuple(range(11)),
    Obj(0, 0, freeze(np.zeros((1, 61), dtype=np.uint8)), freeze(np.ones((1, 61), dtype=bool))),
    ((1, 2), (3, 10**7)),
])
def test_limits_apply_inside_containers(value):
    limits = Limits(max_side=60, max_cells=2000, max_items=10, max_abs_int=100)
    with pytest.raises(EvaluationError):
        check_value(value, limits)


@pytest.mark.parametrize("value", [True, 5, (1, -1), freeze(np.zeros((60, 30), dtype=bool)), "text", None])
def test_values_within_limits_pass(value):
    check_value(value, Limits(max_side=60, max_cells=2000, max_items=10, max_abs_int=100))


def test_limits_must_be_positive():
    with pytest.raises(ValueError, match="max_items"):
        Limits(max_items=0)


def test_every_object_of_a_noisy_full_grid_fits_the_default_limits():
    # A 30x30 checkerboard of two colors has 900 one-cell objects in 4-connectivity.
    cell = freeze(np.ones((1, 1), dtype=np.uint8)), freeze(np.ones((1, 1), dtype=bool))
    objects = tuple(Obj(r, c, *cell) for r in range(30) for c in range(30))
    check_value(objects)


def test_numpy_integers_are_guarded_like_ints():
    limits = Limits(max_abs_int=100)
    check_value(np.int64(100), limits)
    with pytest.raises(EvaluationError, match="integer result"):
        check_value(np.int64(-101), limits)


def test_messages_are_one_line():
    def multiline(grid):
        raise ValueError("first line\nsecond line")
    prim = Primitive("multiline", multiline, (GRID_TYPE,), GRID_TYPE, 1.0, "Raises.", "test")
    with pytest.raises(EvaluationError, match="^multiline: ValueError: first line second line$"):
        apply_primitive(prim, [GRID])
