import numpy as np

from arcsynth.dsl.primitives import fill as fl
from tests.dsl.helpers import g

# A ring with a hole and a cup open at the top.
RING = g("00000", "03330", "03030", "03330", "00000")
CUP = g("30300", "30300", "33300")


def m(*rows: str) -> np.ndarray:
    return np.array([[ch == "1" for ch in row] for row in rows])


def same(result, expected):
    return np.array_equal(result, expected) and not result.flags.writeable


def test_enclosed_mask():
    assert same(fl.enclosed_mask(RING), m("00000", "00000", "00100", "00000", "00000"))
    assert not fl.enclosed_mask(CUP).any()


def test_fill_enclosed():
    assert same(fl.fill_enclosed(RING, 4), g("00000", "03330", "03430", "03330", "00000"))
    snake = g("33333", "30003", "33303", "00003", "33333")
    assert same(fl.fill_enclosed(snake, 4), snake)


def test_fill_enclosed_by():
    grid = g("00000", "03330", "03130", "03030", "03330")
    assert same(fl.fill_enclosed_by(grid, 3, 4), g("00000", "03330", "03130", "03430", "03330"))
    assert same(fl.fill_enclosed_by(grid, 1, 4), grid)


def test_flood_from_color():
    grid = g("00300", "02300", "00300", "33300", "00001")
    assert same(fl.flood_from_color(grid, 2), g("22300", "22300", "22300", "33300", "00001"))
