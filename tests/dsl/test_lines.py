import numpy as np

from arcsynth.dsl.primitives import lines as ln
from tests.dsl.helpers import g


def same(result, expected):
    return np.array_equal(result, expected) and not result.flags.writeable


def test_shoot():
    assert same(ln.shoot(g("10020"), 1, (0, 1)), g("11120"))
    assert same(ln.shoot(g("2000", "0100", "0000", "0000"), 1, (1, 1)), g("2000", "0100", "0010", "0001"))
    assert same(ln.shoot(g("0", "3", "0", "1"), 1, (-1, 0)), g("0", "3", "1", "1"))


def test_shoot_to_edge():
    assert same(ln.shoot_to_edge(g("10020"), 1, (0, 1)), g("11121"))
    assert same(ln.shoot_to_edge(g("000", "000", "100"), 1, (-1, 1)), g("001", "010", "100"))


def test_smear():
    assert same(ln.smear(g("0102003"), (0, 1)), g("0112223"))
    assert same(ln.smear(g("0102003"), (0, -1)), g("1122333"))
    assert same(ln.smear(g("1", "0", "2", "0"), (1, 0)), g("1", "1", "2", "2"))


def test_hlines():
    assert same(ln.hlines(g("000", "010", "203"), 1), g("000", "111", "203"))


def test_vlines():
    assert same(ln.vlines(g("000", "010", "020"), 1), g("010", "010", "020"))


def test_cross_lines():
    assert same(ln.cross_lines(g("000", "010", "000"), 1), g("010", "111", "010"))


def test_diagonal_lines():
    assert same(ln.diagonal_lines(g("000", "010", "000"), 1), g("101", "010", "101"))


def test_connect_h():
    assert same(ln.connect_h(g("10001", "10000", "10201"), 1), g("11111", "10000", "11211"))


def test_connect_v():
    assert same(ln.connect_v(g("1", "0", "1"), 1), g("1", "1", "1"))


def test_connect_hv():
    assert same(ln.connect_hv(g("101", "000", "100"), 1), g("111", "100", "100"))


def test_draw_frame():
    assert same(ln.draw_frame(g("000", "010", "000"), 2), g("222", "212", "222"))


def test_connect_pairs_h():
    assert same(ln.connect_pairs_h(g("1001", "2003", "0220")), g("1111", "2003", "0220"))


def test_connect_pairs_v():
    assert same(ln.connect_pairs_v(g("10", "02", "12")), g("10", "12", "12"))


def test_link_h():
    assert same(ln.link_h(g("1001", "1000"), 1, 8), g("1881", "1000"))


def test_link_v():
    assert same(ln.link_v(g("10", "00", "11"), 1, 8), g("10", "80", "11"))


def test_link_hv():
    assert same(ln.link_hv(g("101", "000", "100"), 1, 8), g("181", "800", "100"))
