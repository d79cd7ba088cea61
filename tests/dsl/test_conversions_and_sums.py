import numpy as np
import pytest

from arcsynth.dsl.primitives import conversions_and_sums as cb
from tests.dsl.helpers import g
from tests.dsl.object_helpers import obj


def test_grid_height():
    assert cb.grid_height(g("12", "34", "56")) == 3


def test_grid_width():
    assert cb.grid_width(g("12", "34", "56")) == 2


def test_int_add():
    assert cb.int_add(3, 4) == 7 and cb.int_add(2, -5) == -3


def test_int_sub():
    assert cb.int_sub(3, 4) == -1 and cb.int_sub(9, 1) == 8


def test_object_colors():
    objs = (obj("11", "1."), obj("2", top=0, left=3), obj("373", top=2))
    assert cb.object_colors(objs) == (1, 2, 3) and cb.object_colors(()) == ()


def test_blocks_to_cells():
    grid = g("33500", "33500", "55555", "00522", "01522")
    assert np.array_equal(cb.blocks_to_cells(grid), g("30", "02"))
    with pytest.raises(ValueError):
        cb.blocks_to_cells(g("12", "34"))
