import numpy as np

from arcsynth.dsl.primitives import masks as mk
from tests.dsl.helpers import g

A = g("102", "110", "032")


def m(*rows: str) -> np.ndarray:
    """A mask from strings of 0/1: m("01", "10")."""
    return np.array([[ch == "1" for ch in row] for row in rows])


def same(result, expected):
    return (result.dtype == expected.dtype and np.array_equal(result, expected)
            and not result.flags.writeable)


def test_mask_of_color():
    assert same(mk.mask_of_color(A, 1), m("100", "110", "000"))


def test_mask_nonzero():
    assert same(mk.mask_nonzero(A), m("101", "110", "011"))


def test_mask_foreground():
    assert same(mk.mask_foreground(g("551", "525")), m("001", "010"))


def test_edge_mask():
    assert same(mk.edge_mask(g("000", "000", "000")), m("111", "101", "111"))


def test_mask_and():
    assert same(mk.mask_and(m("110"), m("011")), m("010"))


def test_mask_or():
    assert same(mk.mask_or(m("100"), m("001")), m("101"))


def test_mask_minus():
    assert same(mk.mask_minus(m("110"), m("011")), m("100"))


def test_mask_not():
    assert same(mk.mask_not(m("10")), m("01"))


def test_mask_dilate():
    assert same(mk.mask_dilate(m("000", "010", "000")), m("010", "111", "010"))


def test_mask_dilate8():
    assert same(mk.mask_dilate8(m("000", "010", "000")), m("111", "111", "111"))


def test_mask_erode():
    assert same(mk.mask_erode(m("1110", "1110", "1110")), m("0000", "0100", "0000"))


def test_mask_outline():
    assert same(mk.mask_outline(m("0000", "0111", "0111", "0111")), m("0000", "0111", "0101", "0111"))


def test_mask_halo():
    assert same(mk.mask_halo(m("000", "010", "000")), m("111", "101", "111"))


def test_mask_bbox():
    assert same(mk.mask_bbox(m("0100", "0001", "0000")), m("0111", "0111", "0000"))


def test_isolated_cells():
    assert same(mk.isolated_cells(g("1000", "0002", "0002")), m("1000", "0000", "0000"))


def test_fill_mask():
    assert same(mk.fill_mask(A, m("110", "000", "001"), 5), g("552", "110", "035"))


def test_underfill_mask():
    assert same(mk.underfill_mask(A, m("110", "000", "001"), 5), g("152", "110", "032"))


def test_keep_mask():
    assert same(mk.keep_mask(A, m("001", "100", "010")), g("002", "100", "030"))


def test_mask_to_grid():
    assert same(mk.mask_to_grid(m("10", "01"), 4), g("40", "04"))




def test_erase_isolated():
    assert same(mk.erase_isolated(g("1000", "0002", "0002")), g("0000", "0002", "0002"))


def test_surround():
    assert same(mk.surround(g("0000", "0100", "0002"), 1, 5), g("5550", "5150", "5552"))


def test_surround4():
    assert same(mk.surround4(g("000", "010", "002"), 1, 5), g("050", "515", "052"))


def test_surround_diagonal():
    assert same(mk.surround_diagonal(g("000", "010", "002"), 1, 5), g("505", "010", "502"))


def test_mask_xor():
    assert same(mk.mask_xor(m("110"), m("011")), m("101"))


def test_shift_mask():
    assert same(mk.shift_mask(m("10", "00"), (1, 1)), m("00", "01"))


def test_nth_rows_mask():
    assert same(mk.nth_rows_mask(g("00", "00", "00"), 2), m("11", "00", "11"))


def test_nth_cols_mask():
    assert same(mk.nth_cols_mask(g("0000"), 3), m("1001"))


def test_checker_mask():
    assert same(mk.checker_mask(g("000", "000")), m("101", "010"))
