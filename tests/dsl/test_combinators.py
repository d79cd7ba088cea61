import numpy as np

from arcsynth.dsl.primitives import combinators as cb
from arcsynth.dsl.primitives import geometry as geo
from arcsynth.dsl.primitives import object_paint as pt
from arcsynth.dsl.primitives import object_props as op
from tests.dsl.helpers import g
from tests.dsl.object_helpers import cells, obj

GRID = g("120", "000", "003")
PAIR = obj("12", top=0, left=0)
THREE = obj("3", top=2, left=2)


def same(a, b):
    return np.array_equal(a, b)


def test_map_objects():
    assert [cells(o) for o in cb.map_objects((PAIR, THREE), pt.flip_object_h)] == [
        {(0, 0, 2), (0, 1, 1)}, {(2, 2, 3)}]


def test_objects_to_grids():
    grids = cb.objects_to_grids((PAIR, THREE), op.obj_grid)
    assert same(grids[0], g("12")) and same(grids[1], g("3"))


def test_paint_mapped():
    assert same(cb.paint_mapped(GRID, (PAIR,), pt.hollow_object), GRID)
    assert same(cb.paint_mapped(GRID, (PAIR, THREE), op.normalize), g("320", "000", "000"))


def test_map_object_boxes():
    assert same(cb.map_object_boxes(GRID, (PAIR,), geo.flip_h), g("210", "000", "003"))


def test_apply_in_box():
    grid = g("1200", "3400", "0005")
    assert same(cb.apply_in_box(grid, obj("12", "34"), geo.rot90), g("3100", "4200", "0005"))


def test_chain():
    assert same(cb.chain(GRID, geo.flip_h, geo.flip_v), g("300", "000", "021"))


def test_fork_hconcat():
    assert same(cb.fork_hconcat(g("12"), geo.flip_h, geo.rot180), g("2121"))


def test_fork_vconcat():
    assert same(cb.fork_vconcat(g("12"), geo.flip_h, geo.flip_v), g("21", "12"))


def test_fork_overlay():
    assert same(cb.fork_overlay(g("10", "00"), geo.flip_h, geo.flip_v), g("01", "10"))


def test_if_else():
    def is_wide(grid):
        return grid.shape[1] > grid.shape[0]

    assert same(cb.if_else(g("12"), is_wide, geo.transpose, geo.flip_h), g("1", "2"))
    assert same(cb.if_else(g("1", "2"), is_wide, geo.transpose, geo.flip_v), g("2", "1"))


def test_count_if():
    assert cb.count_if((PAIR, THREE, obj("44")), op.is_hline) == 2


def test_recolor_if():
    grid = g("110", "000", "301")
    objs = (obj("11"), obj("3", top=2), obj("1", top=2, left=2))
    assert same(cb.recolor_if(grid, objs, op.is_single_cell, 5), g("110", "000", "505"))


def test_branch():
    assert same(cb.branch(True, g("1"), g("2")), g("1")) and same(cb.branch(False, g("1"), g("2")), g("2"))


def test_any_object():
    assert cb.any_object((PAIR, THREE), op.is_multicolor)
    assert not cb.any_object((THREE,), op.is_multicolor)
