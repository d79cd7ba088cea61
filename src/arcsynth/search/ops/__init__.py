"""Compiled grid -> grid operations, applied to a batch of stored values in one call.

`compiled_twin(name, constants)` finds the compiled kernel and integer parameters standing for
primitive `name` with those constant arguments, or None (then the caller calls the Python
primitive per grid). The Python primitive stays the definition: tests/search/test_ops.py checks
every twin against it, refusals included. Kernels are numba functions compiled on first use and
cached on disk (`cache=True`); `compile_all()` compiles or loads them all ahead of any task.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from arcsynth.grid import MAX_SIDE
from arcsynth.search.ops import blocks, cells, color, geometry, lines, pattern, scaling
from arcsynth.search.ops.hashing import color_mappable, hash_packed, hash_rows, index_insert, index_rehash, palette_bits

__all__ = ["Twin", "compiled_twin", "compiled_names", "run_twin", "compile_all"]

_PARAMS = 5


@dataclass(frozen=True)
class Twin:
    """A compiled kernel and the integer parameters that make it one primitive with its constants."""

    kernel: Callable
    params: np.ndarray


def _is_color(value: object) -> bool:
    return type(value) is int and 0 <= value <= 9


def _is_positive(value: object) -> bool:
    return type(value) is int and 0 < value <= MAX_SIDE


def _is_int(value: object) -> bool:
    return type(value) is int and -64 <= value <= 64


def _is_direction(value: object) -> bool:
    return (type(value) is tuple and len(value) == 2 and all(type(x) is int and -1 <= x <= 1 for x in value)
            and value != (0, 0))


def _line_params(mode: int, name: str) -> Callable:
    """The constants of line primitive `name` as (mode, color, line color, drow, dcol)."""
    if name in ("shoot", "shoot_to_edge"):
        return lambda c, d: (mode, c, 0, d[0], d[1]) if _is_color(c) and _is_direction(d) else None
    if name == "smear":
        return lambda d: (mode, 0, 0, d[0], d[1]) if _is_direction(d) else None
    if name.startswith("link"):
        return lambda c, line: (mode, c, line) if _is_int(c) and _is_color(line) else None
    if name.startswith("connect_pairs"):
        return lambda: (mode,)
    return lambda c: (mode, c) if _is_color(c) else None


def _modes(kernel: Callable, names: tuple[str, ...]) -> dict[str, tuple[Callable, Callable]]:
    """Primitives served by `kernel` through a mode number and no constants."""
    return {name: (kernel, (lambda mode: lambda: (mode,))(mode)) for mode, name in enumerate(names)}


# name -> (kernel, a function of the constants' runtime values giving the integer parameters),
# with checks on the constants: anything else goes to the Python primitive.
_TABLE: dict[str, tuple[Callable, Callable]] = {
    **_modes(geometry.dihedral, geometry.DIHEDRAL),
    "shift_grid": (geometry.shift, lambda d: (0, d[0], d[1]) if _is_direction(d) else None),
    "roll_grid": (geometry.shift, lambda d: (1, d[0], d[1]) if _is_direction(d) else None),
    "crop_to_content": (geometry.crop_box, lambda: (0,)),
    "crop_to_color": (geometry.crop_box, lambda c: (1, c) if _is_int(c) else None),
    "crop_to_foreground": (geometry.crop_box, lambda: (2,)),
    "trim_border": (geometry.crop_box, lambda: (3,)),
    **_modes(geometry.cut, geometry.CUT[:5]),
    "crop": (geometry.cut, lambda t, l, h, w: (5, t, l, h, w) if all(_is_int(x) for x in (t, l, h, w)) else None),
    "pad": (geometry.pad, lambda c: (c,) if _is_color(c) else None),
    "replace_color": (color.recolor, lambda a, b: (0, a, b) if _is_int(a) and _is_color(b) else None),
    "swap_colors": (color.recolor, lambda a, b: (1, a, b) if _is_color(a) and _is_color(b) else None),
    "keep_color": (color.recolor, lambda a: (2, a) if _is_int(a) else None),
    "erase_color": (color.recolor, lambda a: (3, a) if _is_int(a) else None),
    "recolor_nonzero": (color.recolor, lambda a: (4, a) if _is_color(a) else None),
    "recolor_foreground": (color.recolor, lambda a: (5, a) if _is_color(a) else None),
    "invert": (color.recolor, lambda: (6,)),
    "filled_like": (color.recolor, lambda a: (7, a) if _is_color(a) else None),
    "upscale": (scaling.upscale, lambda f: (f, f) if _is_positive(f) else None),
    "upscale_h": (scaling.upscale, lambda f: (1, f) if _is_positive(f) else None),
    "upscale_v": (scaling.upscale, lambda f: (f, 1) if _is_positive(f) else None),
    **{name: (scaling.downscale, (lambda mode: lambda f: (mode, f) if _is_positive(f) else None)(mode))
       for mode, name in enumerate(scaling.DOWNSCALE)},
    "tile": (scaling.tiling, lambda r, c: (0, r, c) if _is_positive(r) and _is_positive(c) else None),
    **{name: (scaling.tiling, (lambda mode: lambda: (mode,))(mode))
       for mode, name in enumerate(scaling.TILING) if mode > 0},
    "self_kron": (scaling.self_kron, lambda: (0,)),
    "self_kron_inverse": (scaling.self_kron, lambda: (1,)),
    "gravity": (cells.settle, lambda d: (0, 0, d[0], d[1]) if _is_direction(d) else None),
    "gravity_color": (cells.settle, lambda c, d: (1, c, d[0], d[1]) if _is_int(c) and _is_direction(d) else None),
    "fill_enclosed": (cells.fill, lambda c: (0, 0, c) if _is_color(c) else None),
    "fill_enclosed_by": (cells.fill, lambda wall, c: (1, wall, c) if _is_int(wall) and _is_color(c) else None),
    "flood_from_color": (cells.fill, lambda c: (2, 0, c) if _is_color(c) else None),
    **_modes(cells.symmetrize, cells.SYMMETRIZE),
    **_modes(cells.remove_lines, cells.REMOVE_LINES),
    **{name: (lines.lines, _line_params(mode, name)) for mode, name in enumerate(lines.LINES)},
    "surround": (cells.neighbours, lambda c, ring: (0, c, ring) if _is_int(c) and _is_color(ring) else None),
    "surround4": (cells.neighbours, lambda c, ring: (1, c, ring) if _is_int(c) and _is_color(ring) else None),
    "surround_diagonal": (cells.neighbours, lambda c, ring: (2, c, ring) if _is_int(c) and _is_color(ring) else None),
    "erase_isolated": (cells.neighbours, lambda: (3,)),
    **{name: (pattern.pattern, (lambda mode: lambda c: (mode, c) if _is_int(c) else None)(mode))
       for mode, name in enumerate(pattern.PATTERN) if name not in ("period_tile", "extend_pattern")},
    "period_tile": (pattern.pattern, lambda: (2,)),
    "blocks_to_cells": (blocks.summary, lambda: (0,)),
    "color_histogram": (blocks.summary, lambda: (1,)),
    "normalize_colors": (blocks.summary, lambda keep: (2, keep) if type(keep) is int and 0 <= keep < 1024 else None),
    "extend_pattern": (pattern.pattern, lambda h, w: (3, h, w) if _is_int(h) and _is_int(w) else None),
}


def compiled_names() -> tuple[str, ...]:
    """The primitives that have a compiled twin (for some constants)."""
    return tuple(sorted(_TABLE))


def compiled_twin(name: str, constants: tuple) -> Twin | None:
    """The compiled twin of primitive `name` applied with `constants` (runtime values, in
    argument order), or None when there is none for these constants."""
    entry = _TABLE.get(name)
    if entry is None:
        return None
    kernel, make = entry
    try:
        values = make(*constants)
    except TypeError:     # a different number of constants than the twin takes
        return None
    if values is None:
        return None
    params = np.zeros(_PARAMS, dtype=np.int64)
    params[:len(values)] = values
    return Twin(kernel, params)


def run_twin(twin: Twin, grids: np.ndarray, shapes: np.ndarray, idx: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The twin on the packed values `idx`: (outputs, output shapes, ok flags, content hashes)."""
    count = idx.shape[0]
    out = np.empty((count, MAX_SIDE, MAX_SIDE), dtype=np.uint8)
    oshapes = np.zeros((count, 2), dtype=np.int64)
    ok = np.zeros(count, dtype=np.bool_)
    twin.kernel(grids, shapes, idx, twin.params, out, oshapes, ok)
    hashes = np.zeros(count, dtype=np.uint64)
    hash_packed(out, oshapes, ok, hashes)
    return out, oshapes, ok, hashes


def compile_all() -> int:
    """Compile (or load from the on-disk cache) every kernel on a tiny batch; the kernels run."""
    grids = np.zeros((1, MAX_SIDE, MAX_SIDE), dtype=np.uint8)
    shapes = np.array([[2, 2]], dtype=np.int64)
    idx = np.zeros(1, dtype=np.int64)
    kernels = {id(kernel): kernel for kernel, _ in _TABLE.values()}
    for kernel in kernels.values():
        run_twin(Twin(kernel, np.ones(_PARAMS, dtype=np.int64)), grids, shapes, idx)
    hashes = np.ones(1, dtype=np.uint64)
    hash_rows(hashes, np.zeros((1, 1), dtype=np.int64), hashes.copy())
    index_insert(np.zeros(4, dtype=np.uint64), np.zeros(4, dtype=np.int64), hashes, np.ones(1, dtype=np.bool_), 0,
                 np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.bool_))
    index_rehash(np.zeros(4, dtype=np.uint64), np.zeros(4, dtype=np.int64), np.zeros(8, dtype=np.uint64),
                 np.zeros(8, dtype=np.int64))
    palette_bits(grids, shapes, idx, np.zeros(1, dtype=np.int64))
    color_mappable(grids, shapes, idx, grids[0, :2, :2], np.zeros(1, dtype=np.bool_))
    return len(kernels) + 6
