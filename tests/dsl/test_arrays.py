"""The array helpers the primitive families share: one most-common-color rule, one painting of 0 cells."""

import numpy as np
import pytest

from arcsynth.dsl.primitives._arrays import background, most_common_color_of, paint_zeros


def test_the_most_common_color_takes_the_lowest_on_a_tie_whatever_the_shape():
    assert most_common_color_of(np.array([3, 5, 5, 3, 1], dtype=np.uint8)) == 3
    assert most_common_color_of(np.array([[7, 2], [2, 7]], dtype=np.uint8)) == 2
    assert background(np.array([[0, 4, 4]], dtype=np.uint8)) == 4


def test_painting_zeros_changes_only_the_0_cells_in_the_mask_and_returns_a_frozen_copy():
    grid = np.array([[0, 1, 0], [0, 0, 2]], dtype=np.uint8)
    where = np.array([[True, True, False], [False, True, True]])
    painted = paint_zeros(grid, where, 6)
    assert painted.tolist() == [[6, 1, 0], [0, 6, 2]]
    assert grid.tolist() == [[0, 1, 0], [0, 0, 2]] and not painted.flags.writeable
    with pytest.raises(ValueError, match="not a color"):
        paint_zeros(grid, where, 10)
