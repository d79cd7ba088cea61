"""Grids in the terminal: the ARC palette, black visible on a dark terminal, wrong cells marked."""

import re

import numpy as np

from arcsynth.report.terminal import render_grid, render_grids_side_by_side, wrong_cells

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _visible(text: str) -> str:
    return ANSI.sub("", text)


def test_black_cells_draw_a_visible_glyph_on_a_dark_terminal():
    row = render_grid(np.array([[0, 1]]), use_color=True)[0]
    black, blue = row.split("\x1b[0m")[:2]
    assert "48;2;0;0;0" in black
    assert _visible(black).strip() != ""          # not two blank cells on a black background
    assert "38;2;" in black                        # drawn in a foreground color other than the background
    assert _visible(blue) == "  "                  # other colors are plain blocks
    assert len(_visible(row)) == 4                 # two characters per cell


def test_wrong_cells_are_marked_against_the_expected_grid():
    got, want = np.array([[1, 2], [3, 4]]), np.array([[1, 2], [3, 5]])
    assert wrong_cells(got, want).tolist() == [[False, False], [False, True]]
    assert render_grid(got, use_color=False, expected=want) == ["1 2 ", "3 4*"]
    colored = render_grid(got, use_color=True, expected=want)
    assert _visible(colored[0]) == "    " and _visible(colored[1]) == "  ><"


def test_nothing_is_marked_when_the_shapes_differ_or_the_answer_is_unknown():
    got = np.array([[1, 2]])
    assert not wrong_cells(got, np.array([[1], [2]])).any()
    assert not wrong_cells(got, None).any()


def test_side_by_side_marks_only_the_grids_given_an_expected_one():
    attempt, expected = np.array([[1, 1]]), np.array([[1, 2]])
    text = render_grids_side_by_side([attempt, expected], ["attempt", "expected"], use_color=False,
                                     expected=[expected, None])
    assert text.splitlines()[1] == "1 1*      1 2"
