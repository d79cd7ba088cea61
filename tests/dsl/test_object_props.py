import numpy as np

from arcsynth.dsl.primitives import object_props as op
from tests.dsl.helpers import g
from tests.dsl.object_helpers import obj

# A 3x4 ring of 2s with one 5, two holes separated by a wall, placed at (1, 2).
RING = obj("2222",
           "2.2.",
           "2225", top=1, left=2)
LSHAPE = obj("3.", "33", top=4, left=0)


def test_size():
    assert op.size(RING) == 10 and op.size(LSHAPE) == 3


def test_obj_color():
    assert op.obj_color(RING) == 2 and op.obj_color(obj("12")) == 1


def test_obj_height():
    assert op.obj_height(RING) == 3


def test_obj_width():
    assert op.obj_width(RING) == 4


def test_obj_top():
    assert op.obj_top(RING) == 1


def test_obj_left():
    assert op.obj_left(RING) == 2


def test_obj_bottom():
    assert op.obj_bottom(RING) == 3


def test_obj_right():
    assert op.obj_right(RING) == 5


def test_obj_num_colors():
    assert op.obj_num_colors(RING) == 2 and op.obj_num_colors(LSHAPE) == 1


def test_num_holes():
    # (1, 1) is enclosed; (1, 3) is open to the right edge of the box
    assert op.num_holes(RING) == 1
    assert op.num_holes(obj("22222", "2.2.2", "22222")) == 2
    assert op.num_holes(LSHAPE) == 0


def test_obj_grid():
    assert np.array_equal(op.obj_grid(LSHAPE), g("30", "33"))


def test_normalize():
    moved = op.normalize(LSHAPE)
    assert (moved.top, moved.left) == (0, 0) and np.array_equal(moved.mask, LSHAPE.mask)


def test_is_rectangle():
    assert op.is_rectangle(obj("11", "11")) and not op.is_rectangle(LSHAPE)


def test_is_square():
    assert op.is_square(obj("11", "11")) and not op.is_square(obj("111", "111"))


def test_is_hline():
    assert op.is_hline(obj("444")) and not op.is_hline(obj("4")) and not op.is_hline(obj("4", "4"))


def test_is_vline():
    assert op.is_vline(obj("4", "4")) and not op.is_vline(obj("44"))


def test_obj_symmetric_h():
    assert op.obj_symmetric_h(obj("1.1", "111")) and not op.obj_symmetric_h(LSHAPE)
    assert not op.obj_symmetric_h(obj("12"))


def test_obj_symmetric_v():
    assert op.obj_symmetric_v(obj("1.", "11", "1.")) and not op.obj_symmetric_v(LSHAPE)


def test_has_holes():
    assert op.has_holes(RING) and not op.has_holes(LSHAPE)


def test_is_multicolor():
    assert op.is_multicolor(RING) and not op.is_multicolor(LSHAPE)


def test_obj_area():
    assert op.obj_area(RING) == 12 and op.obj_area(LSHAPE) == 4


def test_is_single_cell():
    assert op.is_single_cell(obj("7")) and not op.is_single_cell(LSHAPE)


def test_is_line():
    assert op.is_line(obj("44")) and op.is_line(obj("4", "4")) and not op.is_line(obj("4"))
    assert not op.is_line(LSHAPE)


def test_has_center_cell():
    assert op.has_center_cell(obj("111", "1.1", "111")) and not op.has_center_cell(RING)
