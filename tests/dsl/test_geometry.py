import numpy as np

from arcsynth.dsl.primitives import geometry as geo
from tests.dsl.helpers import g

A = g("12", "34", "56")


def test_rot90():
    assert np.array_equal(geo.rot90(A), g("531", "642"))


def test_rot180():
    assert np.array_equal(geo.rot180(A), g("65", "43", "21"))


def test_rot270():
    assert np.array_equal(geo.rot270(A), g("246", "135"))


def test_flip_h():
    assert np.array_equal(geo.flip_h(A), g("21", "43", "65"))


def test_flip_v():
    assert np.array_equal(geo.flip_v(A), g("56", "34", "12"))


def test_transpose():
    assert np.array_equal(geo.transpose(A), g("135", "246"))


def test_results_are_read_only():
    assert not geo.rot90(A).flags.writeable
