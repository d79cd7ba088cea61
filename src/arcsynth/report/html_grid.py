"""One ARC grid as HTML: a CSS grid of cells in the standard palette, wrong cells marked."""

from __future__ import annotations

from html import escape
from typing import Sequence

import numpy as np

__all__ = ["grid_html", "missing_grid_html"]


def _shape(grid: Sequence[Sequence[int]]) -> tuple[int, int]:
    return len(grid), len(grid[0]) if len(grid) else 0


def _cell_px(height: int, width: int) -> int:
    """Cell size: small grids drawn larger, 30x30 grids still fit a card."""
    side = max(height, width)
    return 16 if side <= 8 else 12 if side <= 16 else 9


def grid_html(grid: Sequence[Sequence[int]] | np.ndarray, caption: str, *,
              expected: Sequence[Sequence[int]] | np.ndarray | None = None, verdict: str | None = None) -> str:
    """A captioned grid. With `expected`, cells that differ from it carry the class `x`
    (drawn crossed out); a grid of another shape gets a note instead. `verdict` is a short
    label ("right", "wrong") shown next to the caption."""
    rows = np.asarray(grid, dtype=int)
    height, width = rows.shape
    wrong = np.zeros_like(rows, dtype=bool)
    note = ""
    if expected is not None:
        want = np.asarray(expected, dtype=int)
        if want.shape == rows.shape:
            wrong = rows != want
            if wrong.any():
                note = f"{int(wrong.sum())} of {rows.size} cells wrong"
        else:
            note = f"shape {height}x{width}, expected {want.shape[0]}x{want.shape[1]}"
    cells = "".join(f'<b class="c{value}{" x" if bad else ""}"></b>'
                    for value, bad in zip(rows.ravel().tolist(), wrong.ravel().tolist()))
    badge = f' <span class="v {escape(verdict)}">{escape(verdict)}</span>' if verdict else ""
    note_html = f'<span class="note">{escape(note)}</span>' if note else ""
    return (f'<figure class="g"><figcaption>{escape(caption)}{badge}<span class="dim">{height}x{width}</span>'
            f'</figcaption><div class="cells" style="--w:{width};--cell:{_cell_px(height, width)}px" '
            f'data-wrong="{int(wrong.sum())}">'
            f'{cells}</div>{note_html}</figure>')


def missing_grid_html(caption: str, why: str) -> str:
    """A placeholder where a grid is not available."""
    return (f'<figure class="g missing"><figcaption>{escape(caption)}</figcaption>'
            f'<p class="dim">{escape(why)}</p></figure>')
