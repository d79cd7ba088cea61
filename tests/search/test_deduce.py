import numpy as np

from arcsynth.search.deduce import (color_map_steps, deduce_color_map, find_overlay, find_replace_color,
                                    order_replacements, shape_hypotheses, task_facts)
from tests.search.toy import INPUTS, TESTS, TOY, g, make_task, rot90, upscale


def test_shape_hypotheses_same_and_transposed():
    names = [name for name, _ in shape_hypotheses(make_task(rot90, INPUTS, TESTS))]
    assert "transposed" in names


def test_shape_hypothesis_scaled_predicts_test_shape():
    task = make_task(lambda x: upscale(x, 2), INPUTS, TESTS)
    facts = task_facts(task)
    assert facts.test_shapes == ((6, 6),)
    assert 2 in facts.ints


def test_task_colors():
    facts = task_facts(make_task(rot90, INPUTS, TESTS))
    assert set(facts.input_colors) == {0, 1, 2, 3, 4, 5, 6, 7}


def test_color_map_found_and_refused():
    a = g("012", "210")
    assert deduce_color_map([a], [g("034", "430")]) == {0: 0, 1: 3, 2: 4}
    assert deduce_color_map([a], [g("034", "433")]) is None          # 0 -> 0 and 0 -> 3
    assert deduce_color_map([a], [g("03", "43")]) is None             # shape differs


def test_order_replacements_chain_and_cycle():
    assert order_replacements({1: 2, 2: 3}, []) == [(2, 3), (1, 2)]
    steps = order_replacements({1: 2, 2: 1}, [7])
    grid = np.array([1, 2, 0])
    for s, d in steps:
        grid = np.where(grid == s, d, grid)
    assert grid.tolist() == [2, 1, 0]
    assert order_replacements({1: 2, 2: 1}, []) is None


def _replaced(grid: np.ndarray, steps: list[tuple[int, int]]) -> list:
    for s, d in steps:
        grid = np.where(grid == s, d, grid)
    return grid.tolist()


def test_order_replacements_never_borrows_a_color_of_the_mapping():
    # Borrowing 3, a source of the cycle, used to loop for ever.
    assert order_replacements({1: 2, 2: 3, 3: 1}, [3]) is None
    assert order_replacements({1: 2, 2: 3, 3: 1, 5: 5}, [5, 3]) is None
    steps = order_replacements({1: 2, 2: 3, 3: 1}, [3, 1, 8])
    assert _replaced(np.array([1, 2, 3, 0]), steps) == [2, 3, 1, 0]
    steps = order_replacements({1: 2, 2: 1, 4: 6, 6: 4}, [2, 9])
    assert _replaced(np.array([1, 2, 4, 6, 0]), steps) == [2, 1, 6, 4, 0]


def test_order_replacements_breaks_a_cycle_on_the_cycle_not_on_a_chain_into_it():
    # 1 -> 5 leads into the cycle 3 <-> 5: breaking at 1 (the smallest) used to loop for ever.
    steps = order_replacements({3: 5, 5: 3, 1: 5, 0: 7, 8: 8}, [2, 6, 9])
    assert _replaced(np.array([0, 1, 3, 5, 8]), steps) == [7, 5, 5, 3, 8]


def test_probes_find_primitives_by_behaviour():
    assert find_replace_color(TOY).name == "replace_color"
    overlay = find_overlay(TOY)
    assert overlay is not None and overlay.prim.name == "overlay" and not overlay.top_first


def test_color_map_steps_swap_through_a_free_color_and_refuse_no_change():
    train, test = g("12", "21"), g("1", "2")
    mapping, steps = color_map_steps([train, test], [g("21", "12")])
    assert mapping == {1: 2, 2: 1} and steps[0][1] not in (1, 2)     # a cycle borrows a free color
    grid = train.copy()
    for source, dest in steps:       # applied in order, the steps realise the swap
        grid[grid == source] = dest
    assert np.array_equal(grid, g("21", "12"))
    assert color_map_steps([train, test], [train]) is None                  # the map changes nothing
    assert color_map_steps([train, test], [g("11", "11")]) is not None      # 2 -> 1
    assert color_map_steps([train, test], [g("1", "1")]) is None            # the shape differs
