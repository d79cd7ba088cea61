"""Any DSL value drawn for a terminal: grids in the ARC palette, masks as `#` and `.`, objects
and lists of them summarised and drawn, other values as short text. Used by `run --trace`."""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.values import Obj
from arcsynth.report.terminal import render_grid, render_grids_side_by_side

__all__ = ["describe_value", "MAX_DRAWN_ITEMS", "MAX_TEXT"]

MAX_DRAWN_ITEMS = 6   # members of a list drawn; the rest are counted
MAX_TEXT = 160        # characters of a value shown as text


def _shape(array: np.ndarray) -> str:
    return f"{array.shape[0]}x{array.shape[1]}"


def _object_grid(obj: Obj) -> np.ndarray:
    return np.where(obj.mask, obj.colors, 0)


def _object_title(obj: Obj) -> str:
    return f"at ({obj.top},{obj.left}) {obj.height}x{obj.width}, {obj.size} cells"


def _text(value: object) -> str:
    text = repr(value)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 3] + "..."


def _is_grid(value: object) -> bool:
    return isinstance(value, np.ndarray) and value.ndim == 2 and value.dtype != bool


def describe_value(value: object, *, use_color: bool) -> list[str]:
    """Lines describing `value`: a heading, then its drawing when it has one."""
    if isinstance(value, np.ndarray) and value.ndim == 2 and value.dtype == bool:
        rows = ["".join("# " if cell else ". " for cell in row).rstrip() for row in value]
        return [f"mask {_shape(value)}, {int(value.sum())} cells set"] + rows
    if _is_grid(value):
        return [f"grid {_shape(value)}"] + render_grid(value, use_color=use_color)
    if isinstance(value, Obj):
        return [f"object {_object_title(value)}"] + render_grid(_object_grid(value), use_color=use_color)
    if isinstance(value, (tuple, list)) and value and all(isinstance(item, Obj) for item in value):
        shown = value[:MAX_DRAWN_ITEMS]
        more = f" (first {len(shown)} drawn)" if len(value) > len(shown) else ""
        drawing = render_grids_side_by_side([_object_grid(obj) for obj in shown],
                                            [f"{n}: {obj.height}x{obj.width}" for n, obj in enumerate(shown, 1)],
                                            use_color=use_color)
        return [f"{len(value)} objects{more}"] + drawing.splitlines()
    if isinstance(value, (tuple, list)) and value and all(_is_grid(item) for item in value):
        shown = value[:MAX_DRAWN_ITEMS]
        more = f" (first {len(shown)} drawn)" if len(value) > len(shown) else ""
        drawing = render_grids_side_by_side(list(shown), [f"{n}: {_shape(grid)}" for n, grid in enumerate(shown, 1)],
                                            use_color=use_color)
        return [f"{len(value)} grids{more}"] + drawing.splitlines()
    if isinstance(value, (tuple, list)):
        return [f"{len(value)} items: {_text(tuple(value))}"]
    if isinstance(value, (np.integer, np.bool_)):
        value = value.item()
    return [_text(value)]
