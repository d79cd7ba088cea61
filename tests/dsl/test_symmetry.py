import numpy as np

from arcsynth.dsl.primitives import symmetry as sy
from tests.dsl.helpers import g


def same(result, expected):
    return np.array_equal(result, expected) and not result.flags.writeable


def test_is_symmetric_h():
    assert sy.is_symmetric_h(g("121", "303"))
    assert not sy.is_symmetric_h(g("12"))


def test_is_symmetric_v():
    assert sy.is_symmetric_v(g("12", "34", "12"))
    assert not sy.is_symmetric_v(g("1", "2"))


def test_is_symmetric_diag():
    assert sy.is_symmetric_diag(g("12", "23"))
    assert not sy.is_symmetric_diag(g("12", "33"))
    assert not sy.is_symmetric_diag(g("12"))


def test_complete_symmetry_h():
    # The mirror axis is column 1, off the grid's centre.
    assert same(sy.complete_symmetry_h(g("9321", "5654"), 9), g("2321", "5654"))


def test_complete_symmetry_v():
    assert same(sy.complete_symmetry_v(g("95", "36", "25", "14"), 9), g("25", "36", "25", "14"))


def test_complete_symmetry():
    pattern = g("1221", "2332", "2332", "1221")
    masked = g("1221", "2392", "2992", "1221")
    assert same(sy.complete_symmetry(masked, 9), pattern)


def test_masked_patch_by_symmetry():
    assert same(sy.masked_patch_by_symmetry(g("1221", "2392", "2992", "1221"), 9), g("33", "33"))


def test_symmetrize_h():
    assert same(sy.symmetrize_h(g("100", "020")), g("101", "020"))


def test_symmetrize_v():
    assert same(sy.symmetrize_v(g("10", "00", "02")), g("12", "00", "12"))


def test_symmetrize_diag():
    assert same(sy.symmetrize_diag(g("12", "00")), g("12", "20"))


def test_symmetrize_rot90():
    assert same(sy.symmetrize_rot90(g("10", "00")), g("11", "11"))


def test_mirror_left_to_right():
    assert same(sy.mirror_left_to_right(g("12345")), g("12321"))


def test_mirror_top_to_bottom():
    assert same(sy.mirror_top_to_bottom(g("1", "2", "3")), g("1", "2", "1"))


