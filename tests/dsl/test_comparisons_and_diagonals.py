import numpy as np

from arcsynth.dsl.primitives import comparisons_and_diagonals as ca
from tests.dsl.helpers import g


def same(result, expected):
    return np.array_equal(result, expected) and not result.flags.writeable


def test_int_equal():
    assert ca.int_equal(3, 3) and not ca.int_equal(3, 4)


def test_int_less():
    assert ca.int_less(2, 5) and not ca.int_less(5, 5) and not ca.int_less(6, 5)


def test_connect_diagonal():
    assert same(ca.connect_diagonal(g("1000", "0000", "0010", "0000"), 1), g("1000", "0100", "0010", "0000"))
    assert same(ca.connect_diagonal(g("0002", "0000", "0300", "2000"), 2), g("0002", "0020", "0300", "2000"))
    assert same(ca.connect_diagonal(g("100", "000", "003"), 1), g("100", "000", "003"))
