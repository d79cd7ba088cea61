"""Drawing grids in a terminal in the standard ARC palette (24-bit ANSI colors)."""

from __future__ import annotations

from typing import Sequence

import numpy as np

__all__ = ["ARC_PALETTE", "render_grid", "render_grids_side_by_side"]

ARC_PALETTE: tuple[str, ...] = (
    "#000000", "#0074D9", "#FF4136", "#2ECC40", "#FFDC00",
    "#AAAAAA", "#F012BE", "#FF851B", "#7FDBFF", "#870C25",
)
_RESET = "\x1b[0m"


def _cell(color: int, use_color: bool) -> str:
    if not use_color:
        return f"{color} "
    hex_code = ARC_PALETTE[color].lstrip("#")
    red, green, blue = (int(hex_code[i:i + 2], 16) for i in (0, 2, 4))
    return f"\x1b[48;2;{red};{green};{blue}m  {_RESET}"


def render_grid(grid: np.ndarray, *, use_color: bool = True) -> list[str]:
    """One string per row: two-character colored blocks, or digits when `use_color` is off."""
    return ["".join(_cell(int(value), use_color) for value in row) for row in np.asarray(grid)]


def render_grids_side_by_side(grids: Sequence[np.ndarray], titles: Sequence[str], *,
                              use_color: bool = True, gap: int = 3) -> str:
    """Grids next to each other, each under its title, top-aligned."""
    blocks = [render_grid(grid, use_color=use_color) for grid in grids]
    widths = [max(len(title), 2 * np.asarray(grid).shape[1]) for grid, title in zip(grids, titles)]
    height = max(len(block) for block in blocks)
    lines = ["".ljust(0)]
    lines[0] = (" " * gap).join(title.ljust(width) for title, width in zip(titles, widths))
    for row in range(height):
        parts = []
        for block, grid, width in zip(blocks, grids, widths):
            visible = 2 * np.asarray(grid).shape[1]
            text = block[row] if row < len(block) else ""
            pad = width - (visible if row < len(block) else 0)
            parts.append(text + " " * pad)
        lines.append((" " * gap).join(parts).rstrip())
    return "\n".join(lines)
