import pytest
import numpy as np

from arcsynth.dsl.primitives import pattern as pt
from tests.dsl.helpers import g

PATTERN = g("12312", "45645", "12312", "45645")
MASKED = g("12312", "40045", "12002", "45645")


def same(result, expected):
    return np.array_equal(result, expected) and not result.flags.writeable


def test_complete_pattern():
    assert same(pt.complete_pattern(MASKED, 0), PATTERN)


def test_masked_patch_by_pattern():
    assert same(pt.masked_patch_by_pattern(MASKED, 0), g("564", "231"))


def test_period_tile():
    assert same(pt.period_tile(PATTERN), g("123", "456"))
    assert same(pt.period_tile(g("1212")), g("12"))


def test_extend_pattern():
    assert same(pt.extend_pattern(g("121", "343"), 3, 5), g("12121", "34343", "12121"))


def test_fill_zeros_by_patches():
    tiles = g(*(["123123123123", "456456456456", "789789789789"] * 3))
    holed = tiles.copy()
    holed[1:3, 3:5] = 0
    holed[4, 7] = 0
    assert same(pt.fill_zeros_by_patches(holed), tiles)
    assert same(pt.fill_zeros_by_patches(tiles), tiles)          # nothing to fill
    with pytest.raises(ValueError):
        pt.fill_zeros_by_patches(g("100", "000", "000"))          # no 0-free window to learn from
    with pytest.raises(ValueError):
        pt.fill_zeros_by_patches(g("12", "34"))
