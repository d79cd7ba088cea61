import numpy as np
import pytest

from arcsynth.dsl.primitives import gravity as gr
from tests.dsl.helpers import g

A = g("120", "003", "400")


def same(result, expected):
    return np.array_equal(result, expected) and not result.flags.writeable


def test_gravity():
    assert same(gr.gravity(A, (1, 0)), g("000", "100", "423"))
    assert same(gr.gravity(A, (-1, 0)), g("123", "400", "000"))
    assert same(gr.gravity(A, (0, 1)), g("012", "003", "004"))
    assert same(gr.gravity(A, (0, -1)), g("120", "300", "400"))
    with pytest.raises(ValueError):
        gr.gravity(A, (1, 1))


def test_gravity_color():
    grid = g("1", "0", "2", "1", "0", "0")
    assert same(gr.gravity_color(grid, 1, (1, 0)), g("0", "1", "2", "0", "0", "1"))
    assert same(gr.gravity_color(grid, 1, (-1, 0)), g("1", "0", "2", "1", "0", "0"))


def test_remove_duplicate_lines():
    assert same(gr.remove_duplicate_lines(g("1122", "1122", "3344")), g("12", "34"))


def test_remove_empty_lines():
    assert same(gr.remove_empty_lines(g("000", "010", "002")), g("10", "02"))
    with pytest.raises(ValueError):
        gr.remove_empty_lines(g("00"))


def test_remove_uniform_lines():
    assert same(gr.remove_uniform_lines(g("15121", "55555", "35424")), g("1121", "3424"))
