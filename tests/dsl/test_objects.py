import numpy as np

from arcsynth.dsl.primitives import objects as ob
from tests.dsl.helpers import g
from tests.dsl.object_helpers import cells, obj

# Two diagonal 1s, a 2-domino touching a 3; background 0.
G = g("1000",
      "0122",
      "0003")


def test_objects_4():
    objs = ob.objects_4(G)
    assert [cells(o) for o in objs] == [{(0, 0, 1)}, {(1, 1, 1)}, {(1, 2, 2), (1, 3, 2)}, {(2, 3, 3)}]


def test_objects_8():
    objs = ob.objects_8(G)
    assert [cells(o) for o in objs] == [{(0, 0, 1), (1, 1, 1)}, {(1, 2, 2), (1, 3, 2)}, {(2, 3, 3)}]


def test_multicolor_objects_4():
    objs = ob.multicolor_objects_4(G)
    assert [len(cells(o)) for o in objs] == [1, 4]


def test_multicolor_objects_8():
    objs = ob.multicolor_objects_8(G)
    assert len(objs) == 1 and objs[0].size == 5 and (objs[0].height, objs[0].width) == (3, 4)


def test_objects_except():
    # background is 5 by majority, but 0 is named as the background here
    grid = g("555", "505", "055")
    assert [cells(o) for o in ob.objects_except(grid, 0)] == [
        {(0, 0, 5), (0, 1, 5), (0, 2, 5), (1, 0, 5), (1, 2, 5), (2, 1, 5), (2, 2, 5)}]


def test_multicolor_objects_except():
    grid = g("120", "004", "300")
    objs = ob.multicolor_objects_except(grid, 0)
    assert [o.size for o in objs] == [3, 1]


def test_objects_by_color():
    grid = g("1020", "0001", "2000")
    objs = ob.objects_by_color(grid)
    assert [cells(o) for o in objs] == [{(0, 0, 1), (1, 3, 1)}, {(0, 2, 2), (2, 0, 2)}]


def test_regions_4():
    grid = g("110", "010", "222")
    assert [cells(o) for o in ob.regions_4(grid)] == [
        {(0, 0, 1), (0, 1, 1), (1, 1, 1)}, {(0, 2, 0), (1, 2, 0)}, {(1, 0, 0)}, {(2, 0, 2), (2, 1, 2), (2, 2, 2)}]


def test_enclosed_regions():
    grid = g("00000",
             "01110",
             "01010",
             "01110",
             "00000")
    assert [cells(o) for o in ob.enclosed_regions(grid)] == [{(2, 2, 0)}]


def test_color_object():
    assert ob.color_object(G, 2) == obj("22", top=1, left=2)


def test_foreground():
    found = ob.foreground(G)
    assert found.size == 5 and cells(found) >= {(0, 0, 1), (2, 3, 3)}
    assert np.array_equal(found.mask, [[1, 0, 0, 0], [0, 1, 1, 1], [0, 0, 0, 1]])


def test_find_object():
    grid = g("1201", "0012", "1200")
    found = ob.find_object(grid, obj("12", top=9, left=9))
    assert [(o.top, o.left) for o in found] == [(0, 0), (1, 2), (2, 0)]
    # cells outside the mask are wildcards
    assert [(o.top, o.left) for o in ob.find_object(g("15", "32"), obj("1.", ".2"))] == [(0, 0)]
