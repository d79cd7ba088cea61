import pytest

from arcsynth.dsl.primitives import object_props as op
from arcsynth.dsl.primitives import object_select as sel
from tests.dsl.helpers import g
from tests.dsl.object_helpers import cells, obj

A = obj("11", "11", top=0, left=0)          # 2x2 square of 1
B = obj("2", top=0, left=3)                 # single 2
C = obj("11", "11", top=3, left=3)          # another 1-square, bottom right
D = obj("3.", "33", top=2, left=0)          # L of 3
OBJS = (A, B, D, C)
GRID = g("00000", "00000", "00000", "00000", "00000")


def test_keep_if():
    assert sel.keep_if(OBJS, op.is_square) == (A, B, C)


def test_drop_if():
    assert sel.drop_if(OBJS, op.is_square) == (D,)


def test_largest():
    assert sel.largest(OBJS) == A
    with pytest.raises(ValueError):
        sel.largest(())


def test_smallest():
    assert sel.smallest(OBJS) == B


def test_argmax_by():
    assert sel.argmax_by(OBJS, op.obj_top) == C


def test_argmin_by():
    assert sel.argmin_by(OBJS, op.obj_width) == B


def test_sort_by():
    assert sel.sort_by(OBJS, op.size) == (B, D, A, C)


def test_select_by_color():
    assert sel.select_by_color(OBJS, 1) == (A, C)


def test_drop_by_color():
    assert sel.drop_by_color(OBJS, 1) == (B, D)


def test_select_by_size():
    assert sel.select_by_size(OBJS, 3) == (D,)


def test_unique_color_object():
    assert sel.unique_color_object((A, D, C)) == D
    with pytest.raises(ValueError):
        sel.unique_color_object(OBJS)


def test_unique_shape_object():
    assert sel.unique_shape_object((A, B, C)) == B


def test_common_shape_objects():
    assert sel.common_shape_objects(OBJS) == (A, C)


def test_common_color_objects():
    assert sel.common_color_objects(OBJS) == (A, C)


def test_first_object():
    assert sel.first_object(OBJS) == A


def test_last_object():
    assert sel.last_object(OBJS) == C


def test_border_objects():
    inner = obj("5", top=2, left=2)
    assert sel.border_objects(GRID, (A, inner, C)) == (A, C)


def test_interior_objects():
    inner = obj("5", top=2, left=2)
    assert sel.interior_objects(GRID, (A, inner, C)) == (inner,)


def test_merge_objects():
    merged = sel.merge_objects((A, B))
    assert cells(merged) == cells(A) | cells(B) and (merged.height, merged.width) == (2, 4)


def test_drop_by_size():
    assert sel.drop_by_size(OBJS, 4) == (B, D)


def test_same_shape_as():
    assert sel.same_shape_as(OBJS, obj("77", "77", top=9, left=9)) == (A, C)


def test_same_color_as():
    assert sel.same_color_as(OBJS, obj("1")) == (A, C)


def test_touching():
    # D (rows 2-3, cols 0-1) touches A (rows 0-1, cols 0-1) at its top edge; B and C are apart
    assert sel.touching(OBJS, D) == (A,)
    assert sel.touching(OBJS, obj("9", top=2, left=2)) == (A, D, C)


def test_without():
    assert sel.without(OBJS, B) == (A, D, C)


def test_most_common_object():
    # two identical 1-squares (A, C) against one L of 3 and one 2-dot
    assert sel.most_common_object(OBJS) == A
    recolored = obj("55", "55", top=6, left=6)
    assert sel.most_common_object((recolored, D, obj("3.", "33", top=8, left=0))) == D


def test_first_where():
    assert sel.first_where(OBJS, op.is_single_cell) == B
    with pytest.raises(ValueError):
        sel.first_where(OBJS, op.has_holes)


def test_most_cells_of():
    many_twos = obj("122", top=5, left=0)
    assert sel.most_cells_of((obj("12"), many_twos, B), 2) == many_twos
    assert sel.most_cells_of(OBJS, 3) == D
