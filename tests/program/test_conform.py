import numpy as np
import pytest

from arcsynth.dsl.types import (BOOL, COLOR, COLORS, DIRECTION, GRID, GRIDS, INT, MASK, OBJECT, OBJECTS,
                                fn_type)
from arcsynth.dsl.values import Obj, freeze
from arcsynth.program import value_conforms, value_problem

GRID_VALUE = freeze(np.array([[0, 9]], dtype=np.uint8))
MASK_VALUE = freeze(np.array([[True, False]]))
OBJ = Obj(1, 2, GRID_VALUE, MASK_VALUE)


@pytest.mark.parametrize("value, dsl_type", [
    (GRID_VALUE, GRID), (MASK_VALUE, MASK), (3, COLOR), (-40, INT), (False, BOOL), ((0, -1), DIRECTION),
    (OBJ, OBJECT), ((OBJ, OBJ), OBJECTS), ((), OBJECTS), ((GRID_VALUE,), GRIDS), ((1, 2), COLORS),
    (len, fn_type(GRID, ret=INT)),
])
def test_well_formed_values(value, dsl_type):
    assert value_problem(value, dsl_type) is None


@pytest.mark.parametrize("value, dsl_type, problem", [
    (np.array([[0, 9]], dtype=np.uint8), GRID, "read-only"),
    (freeze(np.array([[0, 10]], dtype=np.uint8)), GRID, "value 10"),
    (freeze(np.array([[0, 1]], dtype=np.int64)), GRID, "dtype uint8"),
    (freeze(np.zeros((0, 2), dtype=np.uint8)), GRID, "non-empty"),
    (freeze(np.zeros(3, dtype=np.uint8)), GRID, "2-D"),
    ([[0, 1]], GRID, "numpy array"),
    (GRID_VALUE, MASK, "dtype bool"),
    (np.int64(3), COLOR, "plain int"),
    (10, COLOR, "outside 0..9"),
    (True, INT, "plain int"),
    (np.bool_(True), BOOL, "plain bool"),
    ((0, 1, 2), DIRECTION, "Direction"),
    (Obj(0, 0, GRID_VALUE, freeze(np.zeros((1, 2), dtype=bool))), OBJECT, "no cells"),
    (Obj(0, 0, GRID_VALUE, freeze(np.ones((2, 2), dtype=bool))), OBJECT, "differ in shape"),
    ([OBJ], OBJECTS, "must be a tuple"),
    ((OBJ, GRID_VALUE), OBJECTS, "item 1: Object must be an Obj"),
    ((1, 12), COLORS, "item 1: Color 12"),
    (3, fn_type(GRID, ret=INT), "callable"),
])
def test_malformed_values(value, dsl_type, problem):
    assert problem in value_problem(value, dsl_type)
    assert not value_conforms(value, dsl_type)
