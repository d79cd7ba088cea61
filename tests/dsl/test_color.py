import numpy as np

from arcsynth.dsl.primitives import color as col
from tests.dsl.helpers import g

A = g("102", "110", "032")


def same(result, expected):
    return np.array_equal(result, expected) and not result.flags.writeable


def test_replace_color():
    assert same(col.replace_color(A, 1, 5), g("502", "550", "032"))


def test_swap_colors():
    assert same(col.swap_colors(A, 1, 2), g("201", "220", "031"))


def test_keep_color():
    assert same(col.keep_color(A, 1), g("100", "110", "000"))


def test_erase_color():
    assert same(col.erase_color(A, 1), g("002", "000", "032"))


def test_recolor_nonzero():
    assert same(col.recolor_nonzero(A, 7), g("707", "770", "077"))


def test_recolor_foreground():
    assert same(col.recolor_foreground(g("551", "525"), 0), g("550", "505"))


def test_invert():
    assert same(col.invert(g("10", "01")), g("01", "10"))
    assert same(col.invert(A), g("010", "001", "100"))


def test_filled_like():
    assert same(col.filled_like(A, 3), g("333", "333", "333"))


def test_color_cell():
    assert same(col.color_cell(6), g("6"))


def test_most_common_color():
    assert col.most_common_color(A) == 0
    assert col.most_common_color(g("12", "21")) == 1


def test_least_common_color():
    assert col.least_common_color(A) == 3


def test_most_common_nonzero_color():
    assert col.most_common_nonzero_color(A) == 1


def test_least_common_nonzero_color():
    assert col.least_common_nonzero_color(A) == 3


def test_count_color():
    assert col.count_color(A, 1) == 3
    assert col.count_color(A, 9) == 0


def test_count_nonzero():
    assert col.count_nonzero(A) == 6


def test_palette():
    assert col.palette(A) == (0, 1, 2, 3)


def test_num_colors():
    assert col.num_colors(A) == 3
    assert col.num_colors(g("00")) == 0


def test_nonzero_colors_by_count():
    assert col.nonzero_colors_by_count(A) == (1, 2, 3)


def test_colors_column():
    assert same(col.colors_column((1, 2)), g("1", "2"))




def test_color_under_mask():
    mask = np.array([[True, True, False], [True, False, False], [False, False, False]])
    assert col.color_under_mask(g("112", "032", "000"), mask) == 1


def test_normalize_colors():
    grid = g("355", "350", "000")
    assert same(col.normalize_colors(grid, 0), g("211", "210", "000"))
    assert same(col.normalize_colors(grid, 1 << 3), g("311", "310", "000"))   # 3 kept


def test_restore_colors():
    grid = g("355", "350", "000")
    assert same(col.restore_colors(g("211", "222", "000"), grid, 0), g("355", "333", "000"))
    assert same(col.restore_colors(col.normalize_colors(grid, 8), grid, 8), grid)
