import numpy as np
import pytest

from arcsynth.dsl.primitives import object_paint as pt
from tests.dsl.helpers import g
from tests.dsl.object_helpers import cells, obj

GRID = g("0000",
         "0110",
         "0000",
         "0002")
ONES = obj("11", top=1, left=1)
TWO = obj("2", top=3, left=3)


def same(a, b):
    return np.array_equal(a, b)


def test_paint():
    assert same(pt.paint(GRID, obj("3", "3", top=0, left=0)), g("3000", "3110", "0000", "0002"))
    # clipped at the edge
    assert same(pt.paint(GRID, obj("44", top=3, left=3)), g("0000", "0110", "0000", "0004"))


def test_paint_all():
    assert same(pt.paint_all(GRID, (obj("5", top=0, left=0), obj("6", top=0, left=3))),
                g("5006", "0110", "0000", "0002"))


def test_cover():
    assert same(pt.cover(GRID, ONES), g("0000", "0000", "0000", "0002"))


def test_cover_all():
    assert same(pt.cover_all(GRID, (ONES, TWO)), np.zeros((4, 4)))


def test_underpaint():
    assert same(pt.underpaint(GRID, obj("333", top=1, left=0)), g("0000", "3110", "0000", "0002"))


def test_keep_only():
    assert same(pt.keep_only(GRID, (TWO,)), g("0000", "0000", "0000", "0002"))


def test_recolor():
    assert cells(pt.recolor(ONES, 7)) == {(1, 1, 7), (1, 2, 7)}
    with pytest.raises(ValueError):
        pt.recolor(ONES, 12)


def test_shift_object():
    assert cells(pt.shift_object(TWO, (-2, -1))) == {(1, 2, 2)}


def test_offset_between():
    assert pt.offset_between(ONES, TWO) == (2, 2)


def test_move_object():
    assert same(pt.move_object(GRID, ONES, (1, 0)), g("0000", "0000", "0110", "0002"))


def test_slide_object():
    # down until it rests on the 2 (column 2 is free to the bottom, column 3 holds the 2)
    grid = g("0011", "0000", "0000", "0002")
    assert same(pt.slide_object(grid, obj("11", top=0, left=2), (1, 0)), g("0000", "0000", "0011", "0002"))
    assert same(pt.slide_object(GRID, ONES, (0, -1)), g("0000", "1100", "0000", "0002"))


def test_slide_all():
    grid = g("10", "20", "00", "03")
    objs = (obj("1", top=0, left=0), obj("2", top=1, left=0), obj("3", top=3, left=1))
    assert same(pt.slide_all(grid, objs, (1, 0)), g("00", "00", "10", "23"))
    assert same(pt.slide_all(grid, objs, (0, 1)), g("01", "02", "00", "03"))


def test_move_to_touch():
    grid = g("1000033", "0000000")
    assert same(pt.move_to_touch(grid, obj("1"), obj("33", top=0, left=5)), g("0000133", "0000000"))
    # offset in both axes: diagonally until the columns line up, then straight down
    grid = g("10000", "00000", "00000", "00330", "00330")
    assert same(pt.move_to_touch(grid, obj("1"), obj("33", "33", top=3, left=2)),
                g("00000", "00000", "00100", "00330", "00330"))


def test_move_all_to_touch():
    grid = g("5000005", "0000000", "0002000", "0000000", "0000050")
    target = obj("2", top=2, left=3)
    objs = (obj("5"), obj("5", top=0, left=6), target, obj("5", top=4, left=5))
    assert same(pt.move_all_to_touch(grid, objs, target), g("0000000", "0000000", "0052500", "0000500", "0000000"))


def test_crop_to_object():
    assert same(pt.crop_to_object(GRID, obj("1.", ".1", top=1, left=2)), g("10", "00"))


def test_frame_object():
    assert same(pt.frame_object(GRID, ONES, 5), g("5555", "5115", "5555", "0002"))


def test_fill_bbox():
    assert same(pt.fill_bbox(GRID, obj("1.", ".2", top=1, left=1), 4), g("0000", "0140", "0400", "0002"))


def test_fill_holes():
    grid = g("1110", "1010", "1110")
    assert same(pt.fill_holes(grid, obj("111", "1.1", "111"), 6), g("1110", "1610", "1110"))


def test_fill_holes_all():
    grid = g("11122", "10122", "11100")
    ring, square = obj("111", "1.1", "111"), obj("22", "22", top=0, left=3)
    assert same(pt.fill_holes_all(grid, (ring, square), 6), g("11122", "16122", "11100"))


def test_flip_object_h():
    assert cells(pt.flip_object_h(obj("12", top=2, left=2))) == {(2, 2, 2), (2, 3, 1)}


def test_flip_object_v():
    assert cells(pt.flip_object_v(obj("1", "2"))) == {(0, 0, 2), (1, 0, 1)}


def test_bbox_object():
    assert cells(pt.bbox_object(obj("3.", "33"))) == {(0, 0, 3), (0, 1, 3), (1, 0, 3), (1, 1, 3)}


def test_hollow_object():
    square = obj("111", "111", "111")
    assert cells(pt.hollow_object(square)) == cells(square) - {(1, 1, 1)}


def test_frame_all():
    grid = g("00000", "01000", "00000", "00000", "00020")
    assert same(pt.frame_all(grid, (obj("1", top=1, left=1), obj("2", top=4, left=3)), 5),
                g("55500", "51500", "55500", "00555", "00525"))


def test_fill_bbox_all():
    grid = g("100", "010", "000", "202")
    objs = (obj("1.", ".1"), obj("2.2", top=3))
    assert same(pt.fill_bbox_all(grid, objs, 4), g("140", "410", "000", "242"))


def test_fill_inner_all():
    grid = g("5555", "5555", "5555", "0000")
    assert same(pt.fill_inner_all(grid, (obj("5555", "5555", "5555"),), 2), g("5555", "5225", "5555", "0000"))


def test_color_by_size():
    grid = g("110", "000", "101")
    objs = (obj("11"), obj("1", top=2), obj("1", top=2, left=2))
    assert same(pt.color_by_size(grid, objs), g("220", "000", "101"))


def test_color_by_size_rank():
    grid = g("111", "000", "101")
    objs = (obj("111"), obj("1", top=2), obj("1", top=2, left=2))
    assert same(pt.color_by_size_rank(grid, objs), g("111", "000", "202"))


def test_box_all():
    grid = g("00000", "00000", "00000", "00000")
    assert same(pt.box_all(grid, (obj("1..", "..1", top=1, left=1),), 4), g("00000", "04440", "04440", "00000"))
    assert same(pt.box_all(grid, (obj("111", "111", "111", top=0, left=0),), 4),
                g("44400", "40400", "44400", "00000"))


def test_mark_centers():
    grid = g("11100", "11100", "11100", "00022")
    objs = (obj("111", "111", "111"), obj("22", top=3, left=3))
    assert same(pt.mark_centers(grid, objs, 5), g("11100", "15100", "11100", "00052"))


def test_fill_object_holes():
    filled = pt.fill_object_holes(obj("111", "1.1", "111", top=2, left=2))
    assert cells(filled) == {(r, c, 1) for r in range(2, 5) for c in range(2, 5)}


def test_recolor_objects():
    assert same(pt.recolor_objects(GRID, (ONES, TWO), 6), g("0000", "0660", "0000", "0006"))


def test_paint_bboxes():
    grid = g("3000", "0300", "0000", "0202")
    objs = (obj("3.", ".3"), obj("2.2", top=3, left=1))
    assert same(pt.paint_bboxes(grid, objs), g("3300", "3300", "0000", "0222"))


def test_crop_inside_object():
    grid = g("22220", "21320", "22220")
    assert same(pt.crop_inside_object(grid, obj("2222", "2..2", "2222")), g("13"))
    with pytest.raises(ValueError):
        pt.crop_inside_object(grid, ONES)


def test_stamp_centered():
    grid = g("12000", "00000", "00050", "00000", "00000")
    pattern = obj("12")
    marker = obj("5", top=2, left=3)
    # a 1x2 pattern centered on a single cell: its left cell lands on the marker
    assert same(pt.stamp_centered(grid, pattern, (marker,)), g("12000", "00000", "00012", "00000", "00000"))
    plus = obj(".3.", "333", ".3.")
    assert same(pt.stamp_centered(g("000", "040", "000"), plus, (obj("4", top=1, left=1),)), g("030", "333", "030"))


def test_fill_object():
    assert same(pt.fill_object(GRID, ONES, 8), g("0000", "0880", "0000", "0002"))


def test_direction_to():
    assert pt.direction_to(ONES, TWO) == (1, 1)
    assert pt.direction_to(TWO, obj("5", top=3, left=0)) == (0, -1)
    assert pt.direction_to(ONES, obj("55", top=1, left=1)) == (0, 0)


def test_shift_object_n():
    assert cells(pt.shift_object_n(TWO, (-1, -1), 3)) == {(0, 0, 2)}
    assert pt.shift_object_n(TWO, (0, 1), 0) == TWO


def test_reflect_object():
    shape = obj("12", "3.", top=1, left=1)
    assert cells(pt.reflect_object(shape, (0, 1))) == {(1, 3, 2), (1, 4, 1), (2, 4, 3)}
    assert cells(pt.reflect_object(shape, (-1, 0))) == {(-1, 1, 3), (0, 1, 1), (0, 2, 2)}
    assert cells(pt.reflect_object(shape, (1, 1))) == {(3, 4, 3), (4, 3, 2), (4, 4, 1)}


def test_repeat_object():
    grid = g("00000", "01200", "00000")
    assert same(pt.repeat_object(grid, obj("12", top=1, left=1), (0, 1)), g("00000", "01212", "00000"))
    assert same(pt.repeat_object(grid, obj("12", top=1, left=1), (-1, 0)), g("01200", "01200", "00000"))
