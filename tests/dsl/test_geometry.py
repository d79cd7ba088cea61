import numpy as np
import pytest

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


def test_anti_transpose():
    assert np.array_equal(geo.anti_transpose(A), g("642", "531"))


def test_shift_grid():
    assert np.array_equal(geo.shift_grid(A, (1, 0)), g("00", "12", "34"))
    assert np.array_equal(geo.shift_grid(A, (0, -1)), g("20", "40", "60"))


def test_roll_grid():
    assert np.array_equal(geo.roll_grid(A, (1, 0)), g("56", "12", "34"))
    assert np.array_equal(geo.roll_grid(A, (0, 1)), g("21", "43", "65"))


def test_crop():
    assert np.array_equal(geo.crop(A, 1, 1, 2, 1), g("4", "6"))
    with pytest.raises(ValueError):
        geo.crop(A, 2, 0, 2, 2)


def test_embed():
    assert np.array_equal(geo.embed(A, 2, 3), g("120", "340"))
    assert np.array_equal(geo.embed(A, 4, 1), g("1", "3", "5", "0"))
    with pytest.raises(ValueError):
        geo.embed(A, 0, 2)
    with pytest.raises(ValueError):
        geo.embed(A, 31, 2)


def test_crop_to_content():
    assert np.array_equal(geo.crop_to_content(g("000", "010", "002")), g("10", "02"))


def test_crop_to_color():
    assert np.array_equal(geo.crop_to_color(g("000", "210", "002"), 2), g("210", "002"))


def test_crop_to_mask():
    mask = np.array([[False, True], [False, False], [False, True]])
    assert np.array_equal(geo.crop_to_mask(A, mask), g("2", "4", "6"))


def test_trim_border():
    assert np.array_equal(geo.trim_border(g("5555", "5125", "5555")), g("12"))


def test_strip_edge():
    assert np.array_equal(geo.strip_edge(g("111", "121", "111")), g("2"))


def test_top_half():
    assert np.array_equal(geo.top_half(g("1", "2", "3")), g("1"))


def test_bottom_half():
    assert np.array_equal(geo.bottom_half(g("1", "2", "3")), g("3"))


def test_left_half():
    assert np.array_equal(geo.left_half(g("1234")), g("12"))


def test_right_half():
    assert np.array_equal(geo.right_half(g("123")), g("3"))


def test_crop_to_foreground():
    assert np.array_equal(geo.crop_to_foreground(g("5555", "5515", "5255")), g("51", "25"))


def test_pad():
    assert np.array_equal(geo.pad(g("1"), 2), g("222", "212", "222"))
