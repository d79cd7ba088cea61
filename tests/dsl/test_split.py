import numpy as np

from arcsynth.dsl.primitives import color, split as sp
from tests.dsl.helpers import g

LINED = g("10501", "00500", "55555", "20502")


def same(result, expected):
    return np.array_equal(result, expected) and not result.flags.writeable


def same_all(results, expected):
    return len(results) == len(expected) and all(same(r, e) for r, e in zip(results, expected))


def test_split_by_lines():
    assert same_all(sp.split_by_lines(LINED), [g("10", "00"), g("01", "00"), g("20"), g("02")])


def test_split_left_right():
    assert same_all(sp.split_left_right(g("1234", "5678"), 2), [g("12", "56"), g("34", "78")])
    assert same_all(sp.split_left_right(g("15", "26", "37"), 2), [g("1", "2", "3"), g("5", "6", "7")])


def test_split_top_bottom():
    assert same_all(sp.split_top_bottom(g("12", "34", "56"), 3), [g("12"), g("34"), g("56")])


def test_split_blocks():
    assert same_all(sp.split_blocks(g("1234", "5678"), 1, 2), [g("12", "56"), g("34", "78")])


def test_hconcat():
    assert same(sp.hconcat(g("1", "2"), g("3", "4")), g("13", "24"))


def test_vconcat():
    assert same(sp.vconcat(g("12"), g("34")), g("12", "34"))


def test_hconcat_all():
    assert same(sp.hconcat_all((g("1"), g("2"), g("3"))), g("123"))


def test_vconcat_all():
    assert same(sp.vconcat_all((g("1"), g("2"))), g("1", "2"))


GRIDS = (g("10", "00"), g("12", "30"), g("11", "11"))


def test_first_grid():
    assert same(sp.first_grid(GRIDS), GRIDS[0])


def test_last_grid():
    assert same(sp.last_grid(GRIDS), GRIDS[2])


def test_grid_with_most_colors():
    assert same(sp.grid_with_most_colors(GRIDS), GRIDS[1])


def test_grid_with_fewest_colors():
    assert same(sp.grid_with_fewest_colors(GRIDS), GRIDS[2])


def test_grid_with_most_nonzero():
    assert same(sp.grid_with_most_nonzero(GRIDS), GRIDS[2])


def test_grid_with_fewest_nonzero():
    assert same(sp.grid_with_fewest_nonzero(GRIDS), GRIDS[0])


def test_odd_grid_out():
    assert same(sp.odd_grid_out((g("1"), g("2"), g("1"))), g("2"))


def test_grid_with_max():
    assert same(sp.grid_with_max(GRIDS, color.num_colors), GRIDS[1])


def test_grid_with_min():
    assert same(sp.grid_with_min(GRIDS, color.count_nonzero), GRIDS[0])


def test_map_grids():
    assert same_all(sp.map_grids(GRIDS[:2], color.invert), [g("01", "11"), g("00", "01")])


def test_filter_grids():
    assert same_all(sp.filter_grids(GRIDS, lambda grid: grid[0, 1] != 0), GRIDS[1:])


def test_stack_grids():
    assert same(sp.stack_grids((g("22", "20"), g("00", "03"), g("11", "00"))), g("11", "23"))


def test_stack_in_order():
    assert same(sp.stack_in_order((g("02", "00"), g("30", "04"), g("11", "11"))), g("32", "14"))


def test_overlay_grids():
    assert same(sp.overlay_grids(g("12", "34"), g("50", "06")), g("52", "36"))


def test_overlay_except():
    assert same(sp.overlay_except(g("12", "34"), g("55", "06"), 5), g("12", "06"))


def test_cells_all():
    assert same(sp.cells_all((g("11", "00"), g("10", "10")), 7), g("70", "00"))


def test_cells_any():
    assert same(sp.cells_any((g("11", "00"), g("10", "10")), 7), g("77", "70"))


def test_cells_one():
    assert same(sp.cells_one((g("11", "00"), g("10", "10"), g("01", "00")), 7), g("00", "70"))


def test_cells_none():
    assert same(sp.cells_none((g("11", "00"), g("10", "10")), 7), g("00", "07"))


def test_cells_first_only():
    assert same(sp.cells_first_only((g("11", "01"), g("10", "10"), g("00", "01")), 7), g("07", "00"))


def test_cells_and():
    assert same(sp.cells_and(g("11", "00"), g("10", "10"), 7), g("70", "00"))


def test_cells_xor():
    assert same(sp.cells_xor(g("11", "00"), g("10", "10"), 7), g("07", "70"))
