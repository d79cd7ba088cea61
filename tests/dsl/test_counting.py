import numpy as np
import pytest

from arcsynth.dsl.primitives import counting as ct
from tests.dsl.helpers import g
from tests.dsl.object_helpers import obj

OBJS = (obj("11", "1."), obj("2", top=0, left=3), obj("11", top=2, left=2))


def same(a, b):
    return np.array_equal(a, b)


def test_count_objects():
    assert ct.count_objects(OBJS) == 3 and ct.count_objects(()) == 0


def test_num_objects():
    assert ct.num_objects(g("1002", "0100", "0033")) == 3


def test_count_shapes():
    assert ct.count_shapes(OBJS) == 3 and ct.count_shapes((obj("1"), obj("2", top=3))) == 1


def test_row_of():
    assert same(ct.row_of(3, 4), g("444"))
    with pytest.raises(ValueError):
        ct.row_of(0, 4)


def test_column_of():
    assert same(ct.column_of(2, 5), g("5", "5"))


def test_square_of():
    assert same(ct.square_of(2, 7), g("77", "77"))


def test_size_bars():
    assert same(ct.size_bars(OBJS), g("100", "110", "112"))


def test_color_histogram():
    grid = g("0120", "0100", "3100")
    assert same(ct.color_histogram(grid), g("111", "200", "300"))


def test_common_object_color():
    assert ct.common_object_color(OBJS) == 1


def test_rare_object_color():
    assert ct.rare_object_color(OBJS) == 2
