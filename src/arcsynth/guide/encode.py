"""A task as fixed-size numpy arrays: what the guide reads (numpy only; training and inference).

Each train pair is kept compactly as int8 [2, 30, 30] (input, output; -1 outside the grid,
grids in the top-left corner) and expanded per batch (`pair_planes`) into 30x30 planes: the
input one-hot over the 10 colors, the output one-hot, a plane marking the input's cells, one
marking the output's cells, and (where the two have the same size) one marking the cells that
changed. At most MAX_PAIRS pairs are kept, the others dropped; a pair mask says which are real.

Beside the grids, a vector of cheap task features: sizes and size ratios, colors present,
added and removed, share of cells changed, object counts, crops and symmetries. The test
inputs contribute their colors and sizes (never their outputs, which a solver never has).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from arcsynth.dsl.components import background, label
from arcsynth.grid import Grid, MAX_SIDE, NUM_COLORS
from arcsynth.task import Task

__all__ = ["MAX_PAIRS", "PAIR_CHANNELS", "FEATURE_NAMES", "N_FEATURES", "EncodedTask", "encode_task",
           "encode_pairs", "pair_planes", "task_features", "stack_encoded"]

MAX_PAIRS = 4
SIDE = MAX_SIDE
# input one-hot (10) + output one-hot (10) + input cells + output cells + changed cells
PAIR_CHANNELS = 2 * NUM_COLORS + 3


def _feature_names() -> tuple[str, ...]:
    names = ["n_train", "same_shape", "out_smaller", "out_larger", "out_shape_fixed",
             "log_h_ratio", "log_w_ratio", "h_ratio_int", "w_ratio_int", "in_area", "out_area",
             "changed_share", "color_map", "out_in_input", "out_is_transform",
             "in_colors", "out_colors", "in_objects", "out_objects", "objects_ratio",
             "out_sym_h", "out_sym_v", "in_sym_h", "in_sym_v", "out_single_color",
             "test_area", "test_in_colors_new"]
    for prefix in ("in_has", "out_has", "added", "removed", "test_has", "in_most"):
        names.extend(f"{prefix}_{c}" for c in range(NUM_COLORS))
    return tuple(names)


FEATURE_NAMES = _feature_names()
N_FEATURES = len(FEATURE_NAMES)


@dataclass(frozen=True)
class EncodedTask:
    """pairs: int8 [MAX_PAIRS, 2, 30, 30] (input, output; -1 outside a grid);
    pair_mask: float32 [MAX_PAIRS]; features: float32 [N_FEATURES]."""

    pairs: np.ndarray
    pair_mask: np.ndarray
    features: np.ndarray


def encode_pairs(pairs: Sequence[tuple[Grid, Grid]]) -> tuple[np.ndarray, np.ndarray]:
    """(pairs int8 [MAX_PAIRS, 2, 30, 30], pair_mask float32 [MAX_PAIRS]) of the first MAX_PAIRS pairs."""
    out = np.full((MAX_PAIRS, 2, SIDE, SIDE), -1, dtype=np.int8)
    mask = np.zeros(MAX_PAIRS, dtype=np.float32)
    for k, (source, target) in enumerate(pairs[:MAX_PAIRS]):
        mask[k] = 1.0
        out[k, 0, :source.shape[0], :source.shape[1]] = source
        out[k, 1, :target.shape[0], :target.shape[1]] = target
    return out, mask


def pair_planes(pairs: np.ndarray) -> np.ndarray:
    """int8 [..., 2, 30, 30] -> float32 [..., PAIR_CHANNELS, 30, 30] (one-hots, cell masks, changes)."""
    source, target = pairs[..., 0, :, :], pairs[..., 1, :, :]
    colors = np.arange(NUM_COLORS, dtype=np.int8).reshape(NUM_COLORS, 1, 1)
    in_cells = source >= 0
    out_cells = target >= 0
    # Same size <=> the two cell masks agree everywhere (both grids start at the top-left corner).
    same = (in_cells == out_cells).all(axis=(-2, -1), keepdims=True)
    changed = same & in_cells & (source != target)
    planes = np.concatenate([source[..., None, :, :] == colors, target[..., None, :, :] == colors,
                             in_cells[..., None, :, :], out_cells[..., None, :, :], changed[..., None, :, :]],
                            axis=-3)
    return planes.astype(np.float32)


def _colors(grid: Grid) -> np.ndarray:
    return np.bincount(grid.ravel(), minlength=NUM_COLORS)[:NUM_COLORS] > 0


def _objects(grid: Grid) -> int:
    """4-connected single-colour components of the non-background cells."""
    keep = grid != background(grid)
    if not keep.any():
        return 0
    roots = label(grid, keep, False, False)
    return int(np.unique(roots[roots >= 0]).size)


def _color_map(pairs: Sequence[tuple[Grid, Grid]]) -> bool:
    """True when one cell-wise color map (the same for every pair) turns each input into its output."""
    table = np.full(NUM_COLORS, -1)
    for source, target in pairs:
        for color in np.unique(source):
            seen = np.unique(target[source == color])
            if seen.size != 1 or table[color] not in (-1, seen[0]):
                return False
            table[color] = seen[0]
    return True


def _contains(big: Grid, small: Grid) -> bool:
    """True when `small` occurs as a sub-grid of `big`."""
    bh, bw = big.shape
    sh, sw = small.shape
    if sh > bh or sw > bw or (sh, sw) == (bh, bw):
        return False
    windows = np.lib.stride_tricks.sliding_window_view(big, (sh, sw))
    return bool((windows == small).all(axis=(2, 3)).any())


def _is_transform(source: Grid, target: Grid) -> bool:
    """True when `target` is one of the 7 non-identity rotations/reflections of `source`."""
    views = (np.rot90(source, 1), np.rot90(source, 2), np.rot90(source, 3), source[::-1], source[:, ::-1],
             source.T, np.rot90(source, 2).T)
    return any(v.shape == target.shape and np.array_equal(v, target) for v in views)


def task_features(train: Sequence[tuple[Grid, Grid]], test_inputs: Sequence[Grid]) -> np.ndarray:
    """float32 [N_FEATURES], in the order of FEATURE_NAMES; each roughly within [-2, 2]."""
    f: dict[str, float] = {}
    n = max(1, len(train))
    shapes_in = [s.shape for s, _ in train]
    shapes_out = [t.shape for _, t in train]
    f["n_train"] = len(train) / 5.0
    f["same_shape"] = float(all(a == b for a, b in zip(shapes_in, shapes_out)))
    f["out_smaller"] = float(all(b[0] * b[1] < a[0] * a[1] for a, b in zip(shapes_in, shapes_out)))
    f["out_larger"] = float(all(b[0] * b[1] > a[0] * a[1] for a, b in zip(shapes_in, shapes_out)))
    f["out_shape_fixed"] = float(len(set(shapes_out)) == 1)
    f["log_h_ratio"] = float(np.mean([np.log2(b[0] / a[0]) for a, b in zip(shapes_in, shapes_out)])) / 2 if train else 0.0
    f["log_w_ratio"] = float(np.mean([np.log2(b[1] / a[1]) for a, b in zip(shapes_in, shapes_out)])) / 2 if train else 0.0
    f["h_ratio_int"] = float(all(b[0] % a[0] == 0 and b[0] != a[0] for a, b in zip(shapes_in, shapes_out)))
    f["w_ratio_int"] = float(all(b[1] % a[1] == 0 and b[1] != a[1] for a, b in zip(shapes_in, shapes_out)))
    f["in_area"] = sum(a[0] * a[1] for a in shapes_in) / n / (SIDE * SIDE)
    f["out_area"] = sum(b[0] * b[1] for b in shapes_out) / n / (SIDE * SIDE)
    same = [(s, t) for s, t in train if s.shape == t.shape]
    f["changed_share"] = float(np.mean([(s != t).mean() for s, t in same])) if same else 0.0
    f["color_map"] = float(bool(same) and len(same) == len(train) and _color_map(same))
    f["out_in_input"] = float(bool(train) and all(_contains(s, t) for s, t in train))
    f["out_is_transform"] = float(bool(train) and all(_is_transform(s, t) for s, t in train))
    in_has = np.zeros(NUM_COLORS, dtype=bool)
    out_has = np.zeros(NUM_COLORS, dtype=bool)
    added = np.zeros(NUM_COLORS, dtype=bool)
    removed = np.zeros(NUM_COLORS, dtype=bool)
    in_most = np.zeros(NUM_COLORS, dtype=np.float32)
    in_colors, out_colors, in_objects, out_objects = [], [], [], []
    sym = {"out_sym_h": [], "out_sym_v": [], "in_sym_h": [], "in_sym_v": []}
    for s, t in train:
        cs, ct = _colors(s), _colors(t)
        in_has |= cs
        out_has |= ct
        added |= ct & ~cs
        removed |= cs & ~ct
        in_most[background(s)] += 1.0 / n
        in_colors.append(cs.sum())
        out_colors.append(ct.sum())
        in_objects.append(_objects(s))
        out_objects.append(_objects(t))
        sym["out_sym_h"].append(np.array_equal(t, t[:, ::-1]))
        sym["out_sym_v"].append(np.array_equal(t, t[::-1]))
        sym["in_sym_h"].append(np.array_equal(s, s[:, ::-1]))
        sym["in_sym_v"].append(np.array_equal(s, s[::-1]))
    f["in_colors"] = float(np.mean(in_colors)) / NUM_COLORS if train else 0.0
    f["out_colors"] = float(np.mean(out_colors)) / NUM_COLORS if train else 0.0
    f["in_objects"] = min(float(np.mean(in_objects)), 30.0) / 10.0 if train else 0.0
    f["out_objects"] = min(float(np.mean(out_objects)), 30.0) / 10.0 if train else 0.0
    f["objects_ratio"] = float(np.mean([np.log2((b + 1) / (a + 1)) for a, b in zip(in_objects, out_objects)])) / 2 \
        if train else 0.0
    for key, values in sym.items():
        f[key] = float(np.mean(values)) if values else 0.0
    f["out_single_color"] = float(bool(train) and all(c <= 1 for c in out_colors))
    test_has = np.zeros(NUM_COLORS, dtype=bool)
    for grid in test_inputs:
        test_has |= _colors(grid)
    f["test_area"] = float(np.mean([g.size for g in test_inputs])) / (SIDE * SIDE) if test_inputs else 0.0
    f["test_in_colors_new"] = float((test_has & ~in_has).sum()) / 3.0
    assert len(f) == N_FEATURES - 6 * NUM_COLORS, "every scalar feature is set"
    values = [f[name] for name in FEATURE_NAMES[:len(f)]]
    for row in (in_has, out_has, added, removed, test_has):
        values.extend(row.astype(np.float32).tolist())
    values.extend(in_most.tolist())
    return np.asarray(values, dtype=np.float32)


def encode_task(task: Task) -> EncodedTask:
    """The arrays of `task` (its train pairs and test inputs; test outputs are never read)."""
    train = [(p.input, p.output) for p in task.train if p.output is not None]
    pairs, mask = encode_pairs(train)
    return EncodedTask(pairs, mask, task_features(train, [p.input for p in task.test]))


def stack_encoded(items: Sequence[EncodedTask]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A batch: pairs int8 [B, MAX_PAIRS, 2, 30, 30], pair_mask [B, MAX_PAIRS], features [B, N_FEATURES]."""
    return (np.stack([e.pairs for e in items]), np.stack([e.pair_mask for e in items]),
            np.stack([e.features for e in items]))
