"""Drawing grids in a terminal in the standard ARC palette (24-bit ANSI colors).

Black (color 0) is drawn as a dim dot on black, so that it stays visible on a dark terminal
whose own background is black too. Cells that differ from an expected grid are marked: `><` in
white over the cell's color, or a `*` after the digit when colors are off.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

__all__ = ["ARC_PALETTE", "render_grid", "render_grids_side_by_side", "wrong_cells"]

ARC_PALETTE: tuple[str, ...] = (
    "#000000", "#0074D9", "#FF4136", "#2ECC40", "#FFDC00",
    "#AAAAAA", "#F012BE", "#FF851B", "#7FDBFF", "#870C25",
)
_RESET = "\x1b[0m"
_BLACK_DOT = "\x1b[38;2;110;110;110m\u00b7\u00b7"  # grey dots: black cells visible on a dark terminal
_WRONG_MARK = "\x1b[1;38;2;255;255;255m><"       # bold white over the cell's own color
_CELL_WIDTH = 2


def _background(color: int) -> str:
    hex_code = ARC_PALETTE[color].lstrip("#")
    red, green, blue = (int(hex_code[i:i + 2], 16) for i in (0, 2, 4))
    return f"\x1b[48;2;{red};{green};{blue}m"


def _cell(color: int, use_color: bool, wrong: bool = False) -> str:
    if not use_color:
        return f"{color}{'*' if wrong else ' '}"
    glyph = _WRONG_MARK if wrong else _BLACK_DOT if color == 0 else "  "
    return f"{_background(color)}{glyph}{_RESET}"


def wrong_cells(grid: np.ndarray, expected: np.ndarray | None) -> np.ndarray:
    """Where `grid` differs from `expected` (nothing marked when the shapes differ or it is unknown)."""
    got = np.asarray(grid)
    if expected is None or np.asarray(expected).shape != got.shape:
        return np.zeros(got.shape, dtype=bool)
    return got != np.asarray(expected)


def render_grid(grid: np.ndarray, *, use_color: bool = True, expected: np.ndarray | None = None) -> list[str]:
    """One string per row: two-character colored blocks, or digits when `use_color` is off;
    with `expected`, the cells that differ from it are marked."""
    rows = np.asarray(grid)
    wrong = wrong_cells(rows, expected)
    return ["".join(_cell(int(value), use_color, bool(bad)) for value, bad in zip(row, marks))
            for row, marks in zip(rows, wrong)]


def render_grids_side_by_side(grids: Sequence[np.ndarray], titles: Sequence[str], *,
                              use_color: bool = True, gap: int = 3,
                              expected: Sequence[np.ndarray | None] | None = None) -> str:
    """Grids next to each other, each under its title, top-aligned; `expected[i]`, when given,
    marks the wrong cells of `grids[i]`."""
    wanted = list(expected) if expected is not None else [None] * len(grids)
    blocks = [render_grid(grid, use_color=use_color, expected=want) for grid, want in zip(grids, wanted)]
    widths = [max(len(title), _CELL_WIDTH * np.asarray(grid).shape[1]) for grid, title in zip(grids, titles)]
    height = max(len(block) for block in blocks)
    lines = [(" " * gap).join(title.ljust(width) for title, width in zip(titles, widths)).rstrip()]
    for row in range(height):
        parts = []
        for block, grid, width in zip(blocks, grids, widths):
            visible = _CELL_WIDTH * np.asarray(grid).shape[1]
            text = block[row] if row < len(block) else ""
            pad = width - (visible if row < len(block) else 0)
            parts.append(text + " " * pad)
        lines.append((" " * gap).join(parts).rstrip())
    return "\n".join(lines)
