"""The miner: recurring fragments of verified programs become learned operations."""

from __future__ import annotations

from arcsynth.dsl.registry import default_registry
from arcsynth.program.text import parse_program, print_program
from arcsynth.search.library.fragment import Slot
from arcsynth.search.library.mine import MinerSettings, compression, mine_library, without_color_map

REGISTRY = default_registry()


def programs(*pairs: tuple[str, str]):
    return [(task, parse_program(text, REGISTRY)) for task, text in pairs]


# The fragment objects_4 -> fill_bbox_all(I, _, color) in four tasks' programs, with other steps around
# it, its color differing between tasks; one more fragment occurs in a single task only.
TOY = programs(
    ("a", "x1 = objects_4(I)\nO = fill_bbox_all(I, x1, 1)\n"),
    ("b", "x1 = rot90(I)\nx2 = objects_4(x1)\nx3 = fill_bbox_all(x1, x2, 3)\nO = flip_h(x3)\n"),
    ("c", "x1 = objects_4(I)\nx2 = fill_bbox_all(I, x1, 3)\nO = transpose(x2)\n"),
    ("d", "x1 = objects_4(I)\nx2 = fill_bbox_all(I, x1, 5)\nO = replace_color(x2, 4, 6)\n"),
    ("e", "x1 = flip_v(I)\nx2 = transpose(x1)\nO = upscale(x2, 2)\n"),
)


def test_the_miner_finds_the_fragment_repeated_across_tasks_with_its_color_a_parameter():
    library = mine_library(TOY, REGISTRY)
    assert len(library) == 1
    fragment = library.fragments[0]
    assert fragment.name == "learned_01"
    assert print_program(fragment.body) == "x1 = objects_4(I)\nO = fill_bbox_all(I, x1, 1)\n"
    assert fragment.params == (Slot(2, 2),)
    assert fragment.text == "x1 = objects_4(I); O = fill_bbox_all(I, x1, p1)"
    counts = library.counts[0]
    assert counts["tasks"] == 4 and counts["task_ids"] == ["a", "b", "c", "d"]
    assert counts["compression"] == compression(4, 2) == 2


def test_a_fragment_of_one_task_only_or_of_fixed_constants_that_differ_is_not_learned():
    # Only tasks a and b share the fixed-color form; with three tasks needed, only the parameter form counts.
    library = mine_library(TOY, REGISTRY, MinerSettings(min_tasks=3, max_params=0))
    assert len(library) == 0
    assert len(mine_library(TOY[4:], REGISTRY)) == 0


def test_a_fragment_whose_inner_step_feeds_the_rest_of_the_program_is_not_a_candidate():
    shared = programs(*[(task, "x1 = objects_4(I)\nx2 = fill_bbox_all(I, x1, 1)\nO = paint_bboxes(x2, x1)\n")
                        for task in "abcd"])
    texts = [f.text for f in mine_library(shared, REGISTRY).fragments]
    assert "x1 = objects_4(I); O = fill_bbox_all(I, x1, 1)" not in texts
    assert texts and all("paint_bboxes" in text for text in texts)


def test_a_later_operation_holding_an_earlier_one_is_written_in_base_primitives():
    texts = ["x1 = objects_4(I)\nx2 = fill_bbox_all(I, x1, 1)\nO = flip_h(x2)\n"] * 3
    texts += ["x1 = objects_4(I)\nx2 = fill_bbox_all(I, x1, 1)\nO = rot90(x2)\n"] * 3
    library = mine_library(programs(*[(str(k), t) for k, t in enumerate(texts)]), REGISTRY)
    names = set(REGISTRY)
    for fragment in library.fragments:
        assert all(step.primitive in names for step in fragment.body.steps)
        fragment.check(REGISTRY)
    assert library.fragments[0].text == "x1 = objects_4(I); O = fill_bbox_all(I, x1, 1)"
    later = [f.text for f in library.fragments[1:]]
    assert "x1 = objects_4(I); x2 = fill_bbox_all(I, x1, 1); O = flip_h(x2)" in later


def test_the_color_map_and_color_swaps_a_completer_appends_are_cut_before_mining():
    program = parse_program("x1 = rot90(I)\nx2 = replace_color(x1, 1, 2)\nO = swap_colors(x2, 3, 4)\n", REGISTRY)
    assert print_program(without_color_map(program, {"replace_color", "swap_colors"})) == "O = rot90(I)\n"
    alone = parse_program("O = replace_color(I, 1, 2)\n", REGISTRY)
    assert without_color_map(alone, {"replace_color"}) == alone
