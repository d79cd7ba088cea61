"""Every object-level primitive, on random small inputs, returns a value of its declared DSL type
(read-only uint8 grids within ARC's sizes, non-empty objects, colors 0..9) or raises ValueError."""

import random

import numpy as np
import pytest

from arcsynth.dsl import default_registry
from arcsynth.dsl.primitives import objects as ob
from arcsynth.dsl.types import BOOL, COLOR, DIRECTION, GRID, GRIDS, INT, MASK, OBJECT, OBJECTS, is_fn
from arcsynth.dsl.values import Obj
from arcsynth.grid import is_valid_grid, make_grid

FAMILIES = ("objects", "object_props", "object_select", "object_paint", "combinators", "counting")
DIRECTIONS = ((0, 1), (1, 0), (0, -1), (-1, 0), (1, 1), (-1, -1), (1, -1), (-1, 1))


def _grid(rng):
    height, width = rng.randint(1, 10), rng.randint(1, 10)
    colors = rng.choice((2, 3, 10))
    return make_grid([[rng.randrange(colors) if rng.random() < 0.5 else 0 for _ in range(width)]
                      for _ in range(height)])


def _value(dsl_type, grid, rng, functions):
    if dsl_type == GRID:
        return grid
    if dsl_type == OBJECTS:
        return ob.objects_8(grid) if rng.random() < 0.8 else ob.regions_4(grid)
    if dsl_type == OBJECT:
        found = rng.choice(ob.regions_4(grid))
        shift = rng.randint(-2, 2) if rng.random() < 0.3 else 0
        return Obj(found.top + shift, found.left - shift, found.colors, found.mask)
    if dsl_type == COLOR:
        return rng.randrange(10)
    if dsl_type == INT:
        return rng.randint(-1, 4)
    if dsl_type == BOOL:
        return rng.random() < 0.5
    if dsl_type == DIRECTION:
        return rng.choice(DIRECTIONS)
    if dsl_type == GRIDS:
        return (grid, grid)
    assert is_fn(dsl_type), dsl_type
    return rng.choice(functions[dsl_type])


def _conforms(value, dsl_type):
    if dsl_type == GRID:
        return is_valid_grid(value) and value.dtype == np.uint8 and not value.flags.writeable
    if dsl_type == OBJECT:
        return (isinstance(value, Obj) and bool(value.mask.any()) and value.colors.dtype == np.uint8
                and not value.mask.flags.writeable and not value.colors.flags.writeable)
    if dsl_type == OBJECTS:
        return isinstance(value, tuple) and all(isinstance(item, Obj) for item in value)
    if dsl_type == GRIDS:
        return isinstance(value, tuple) and all(_conforms(item, GRID) for item in value)
    if dsl_type == COLOR:
        return type(value) is int and 0 <= value <= 9
    if dsl_type == INT:
        return type(value) is int
    if dsl_type == BOOL:
        return type(value) is bool
    if dsl_type == DIRECTION:
        return isinstance(value, tuple) and len(value) == 2 and all(type(v) is int for v in value)
    # A return type without a contract here is a gap in this test, not a pass.
    raise AssertionError(f"no contract for the DSL type {dsl_type}: add one to _conforms")


def test_every_return_type_of_these_families_has_a_contract():
    for prim in PRIMS:
        try:
            _conforms(None, prim.return_type)
        except AssertionError as error:
            raise AssertionError(f"{prim.name}: {error}") from None


def test_the_contracts_reject_values_of_the_wrong_kind():
    grid = make_grid([[1, 0], [0, 2]])
    assert _conforms(grid, GRID) and not _conforms([[1]], GRID)
    assert _conforms(ob.objects_8(grid)[0], OBJECT) and not _conforms(grid, OBJECT)
    assert _conforms(ob.objects_8(grid), OBJECTS) and not _conforms([grid], OBJECTS)
    assert _conforms(3, COLOR) and not _conforms(10, COLOR) and not _conforms(True, INT)
    assert _conforms((grid, grid), GRIDS) and not _conforms((grid, [[1]]), GRIDS)
    with pytest.raises(AssertionError, match="no contract"):
        _conforms(grid, MASK)


PRIMS = sorted((p for p in default_registry().values() if p.family in FAMILIES), key=lambda p: p.name)


@pytest.mark.parametrize("prim", PRIMS, ids=[p.name for p in PRIMS])
def test_object_primitive_keeps_its_contract(prim):
    rng = random.Random(prim.name)
    functions = {}
    for other in default_registry().values():
        functions.setdefault(other.type, []).append(other.function)
    for _ in range(30):
        grid = _grid(rng)
        args = [_value(t, grid, rng, functions) for t in prim.arg_types]
        try:
            result = prim.function(*args)
        except ValueError:
            continue
        assert _conforms(result, prim.return_type), (prim.name, args, result)
