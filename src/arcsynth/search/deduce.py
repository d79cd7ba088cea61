"""Deduction: what the examples pin down before any enumeration.

- constants a program may need: the colors of the task, small integers and the factors and
  sizes that relate input and output shapes;
- output-size hypotheses (same as input, constant, scaled, transposed), checked on every
  train pair, that predict the test output shapes;
- cell-wise color maps that turn a right-sized state into the outputs;
- which registered primitives behave as "replace one color" and "overlay" (found by probing
  their behaviour, not by name), so that deduced colour maps and stacked partial fits can be
  written as ordinary program steps. If no primitive behaves so, those deductions are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from arcsynth.dsl.registry import Primitive, Registry
from arcsynth.dsl.types import COLOR, GRID
from arcsynth.grid import Grid, NUM_COLORS
from arcsynth.task import Task

__all__ = ["TaskFacts", "task_facts", "shape_hypotheses", "deduce_color_map", "map_generalises", "order_replacements",
           "color_map_steps",
           "find_replace_color", "find_overlay", "find_overlay_except", "Overlay"]


@dataclass(frozen=True)
class TaskFacts:
    """Facts read off the task before searching."""

    input_colors: tuple[int, ...]       # colors in any input (train and test)
    output_colors: tuple[int, ...]      # colors in any train output
    ints: tuple[int, ...]               # integer constants worth trying, most likely first
    test_shapes: tuple[tuple[int, int], ...] | None  # test output shapes of the first size hypothesis
    allowed_test_shapes: tuple[frozenset, ...] = ()  # per test input: the shapes some hypothesis predicts


def _colors(grids: Sequence[Grid]) -> set[int]:
    seen: set[int] = set()
    for grid in grids:
        seen.update(np.flatnonzero(np.bincount(grid.ravel(), minlength=NUM_COLORS)).tolist())
    return seen


Shape = tuple[int, int]
ShapeRule = Callable[[Grid], Shape]


def _background(grid: Grid) -> int:
    return int(np.argmax(np.bincount(grid.ravel(), minlength=NUM_COLORS)))


def _content_box(grid: Grid, background: int | None) -> Shape:
    """The size of the bounding box of the cells not of `background` (its most common color if None)."""
    background = _background(grid) if background is None else background
    rows = np.flatnonzero((grid != background).any(axis=1))
    cols = np.flatnonzero((grid != background).any(axis=0))
    if rows.size == 0:
        return (0, 0)
    return (int(rows[-1] - rows[0] + 1), int(cols[-1] - cols[0] + 1))


def _color_count(grid: Grid) -> int:
    """Colors present other than the most common one."""
    return int(np.count_nonzero(np.bincount(grid.ravel(), minlength=NUM_COLORS))) - 1


def shape_hypotheses(task: Task) -> list[tuple[str, ShapeRule]]:
    """Rules mapping an input grid to its output's size that hold on every train pair.

    Tried: same as the input, transposed, a constant, a multiple or a fraction of the input,
    a fixed offset, the bounding box of the content (background: the most common color, or
    0), and a side given by the number of colors.
    """
    pairs = [(p.input, p.output.shape) for p in task.train if p.output is not None]
    if not pairs:
        return []
    rules: list[tuple[str, ShapeRule]] = [
        ("same", lambda g: g.shape),
        ("transposed", lambda g: (g.shape[1], g.shape[0])),
    ]
    out0 = pairs[0][1]
    rules.append((f"constant {out0[0]}x{out0[1]}", lambda g, o=out0: o))
    (ih, iw), (oh, ow) = pairs[0][0].shape, pairs[0][1]
    for fh in ((oh // ih,) if ih and oh % ih == 0 else ()):
        for fw in ((ow // iw,) if iw and ow % iw == 0 else ()):
            rules.append((f"scaled {fh}x{fw}", lambda g, a=fh, b=fw: (g.shape[0] * a, g.shape[1] * b)))
    for dh in ((ih // oh,) if oh and ih % oh == 0 else ()):
        for dw in ((iw // ow,) if ow and iw % ow == 0 else ()):
            rules.append((f"divided {dh}x{dw}", lambda g, a=dh, b=dw: (g.shape[0] // a, g.shape[1] // b)))
    rules.append((f"offset {oh - ih},{ow - iw}", lambda g, a=oh - ih, b=ow - iw: (g.shape[0] + a, g.shape[1] + b)))
    rules.append(("content box", lambda g: _content_box(g, None)))
    rules.append(("content box (0 background)", lambda g: _content_box(g, 0)))
    rules.append(("colors x 1", lambda g: (_color_count(g), 1)))
    rules.append(("1 x colors", lambda g: (1, _color_count(g))))
    rules.append(("colors x colors", lambda g: (_color_count(g), _color_count(g))))
    return [(name, rule) for name, rule in rules if all(rule(i) == o for i, o in pairs)]


def task_facts(task: Task) -> TaskFacts:
    """Colors, integer constants and the output-size hypotheses of a task."""
    inputs = [p.input for p in task.train] + [p.input for p in task.test]
    outputs = [p.output for p in task.train if p.output is not None]
    ints: list[int] = [1, 2, 3]
    for pair in task.train:
        if pair.output is None:
            continue
        (ih, iw), (oh, ow) = pair.input.shape, pair.output.shape
        for big, small in ((oh, ih), (ow, iw), (ih, oh), (iw, ow)):
            if small and big % small == 0 and 1 < big // small <= 10:
                ints.append(big // small)
    if outputs and len({o.shape for o in outputs}) == 1:
        ints.extend(outputs[0].shape)
    ints.append(0)
    ints.append(4)
    unique = tuple(dict.fromkeys(i for i in ints if 0 <= i <= 30))

    def valid(shape: Shape) -> bool:
        return 1 <= shape[0] <= 30 and 1 <= shape[1] <= 30
    predictions = [tuple(rule(p.input) for p in task.test) for _, rule in shape_hypotheses(task)]
    predictions = [shapes for shapes in predictions if all(valid(s) for s in shapes)]
    test_shapes = predictions[0] if predictions else None
    allowed = tuple(frozenset(shapes[k] for shapes in predictions) for k in range(len(task.test)))
    return TaskFacts(tuple(sorted(_colors(inputs))), tuple(sorted(_colors(outputs))), unique,
                     test_shapes, allowed if predictions else ())


def deduce_color_map(values: Sequence[Grid], targets: Sequence[Grid]) -> dict[int, int] | None:
    """The cell-wise map color -> color that turns each value into its target, or None.

    Shapes must match pair by pair and each source color must always become the same color.
    """
    table = np.full(NUM_COLORS, -1, dtype=np.int16)
    for value, target in zip(values, targets):
        if value.shape != target.shape or value.max() >= NUM_COLORS:
            return None
        codes = np.unique(value.ravel().astype(np.int16) * NUM_COLORS + target.ravel())
        sources = codes // NUM_COLORS
        if np.unique(sources).size != sources.size:
            return None
        dests = codes % NUM_COLORS
        known = table[sources]
        if np.any((known >= 0) & (known != dests)):
            return None
        table[sources] = dests
    return {int(s): int(table[s]) for s in range(NUM_COLORS) if table[s] >= 0}


def map_generalises(mapping: dict[int, int], train_values: Sequence[Grid], test_values: Sequence[Grid]) -> bool:
    """Whether a color map learnt on the train pairs is a deduction for the test inputs too.

    It is unless both: the colors it changes differ from one train pair to the next (each pair
    recolors its own color: the rule is about a role, not a color), and a test input holds a
    color the map never saw (the role falls to a color the map cannot know).
    """
    def present(grid: Grid) -> set[int]:
        return set(np.flatnonzero(np.bincount(grid.ravel(), minlength=NUM_COLORS)).tolist())
    changed = [{c for c in present(value) if mapping.get(c, c) != c} for value in train_values]
    if all(group == changed[0] for group in changed):
        return True
    return all(present(value) <= mapping.keys() for value in test_values)


def order_replacements(mapping: dict[int, int], free_colors: Sequence[int]) -> list[tuple[int, int]] | None:
    """Single-color replacements that, applied in order, realise `mapping` (identities dropped).

    A chain a->b, b->c is done from its end; a cycle borrows a color of `free_colors` (one
    that no value holds) that is neither a source nor a destination of `mapping`, and is
    broken at a color on the cycle, not on a chain leading into it (either choice otherwise
    would never end). None when a cycle has no such color.
    """
    pending = {s: d for s, d in mapping.items() if s != d}
    borrowable = [c for c in free_colors if c not in mapping and c not in mapping.values()]
    steps: list[tuple[int, int]] = []
    while pending:
        sources = set(pending)
        ready = sorted(s for s, d in pending.items() if d not in sources)
        if ready:
            for s in ready:
                steps.append((s, pending.pop(s)))
            continue
        if not borrowable:
            return None
        # Every destination is a source: following them from any color ends on a cycle.
        s = min(pending)
        for _ in range(len(pending)):
            s = pending[s]
        temp = borrowable[0]
        steps.append((s, temp))
        pending[temp] = pending.pop(s)
    return steps


def color_map_steps(values: Sequence[Grid], targets: Sequence[Grid]) -> tuple[dict[int, int], list] | None:
    """The color map turning the train values (the first len(targets) of `values`, the test
    values after them) into `targets`, and the single-color replacements that realise it; None
    when there is no map, it does not generalise to the test values, or it changes nothing."""
    nt = len(targets)
    mapping = deduce_color_map(values[:nt], targets)
    if mapping is None or not map_generalises(mapping, values[:nt], values[nt:]):
        return None
    used = _colors(values) | set(mapping.values())
    replacements = order_replacements(mapping, [c for c in range(NUM_COLORS) if c not in used])
    return (mapping, replacements) if replacements else None


_PROBE = np.array([[0, 1, 2], [1, 3, 0], [2, 2, 1]], dtype=np.uint8)
_PROBE.setflags(write=False)
_PROBE_TOP = np.array([[5, 0, 0], [0, 6, 0], [0, 0, 7]], dtype=np.uint8)
_PROBE_TOP.setflags(write=False)


def _probe(prim: Primitive, args: Sequence[object], expected: np.ndarray) -> bool:
    try:
        out = prim.function(*args)
    except Exception:  # a primitive that refuses the probe simply does not qualify
        return False
    return isinstance(out, np.ndarray) and out.shape == expected.shape and np.array_equal(out, expected)


def find_replace_color(registry: Registry) -> Primitive | None:
    """A primitive f(Grid, Color a, Color b) -> Grid that turns every cell of color a into b."""
    for name in sorted(registry):
        prim = registry[name]
        if prim.arg_types == (GRID, COLOR, COLOR) and prim.return_type == GRID:
            if (_probe(prim, (_PROBE, 1, 4), np.where(_PROBE == 1, 4, _PROBE))
                    and _probe(prim, (_PROBE, 0, 9), np.where(_PROBE == 0, 9, _PROBE))):
                return prim
    return None


@dataclass(frozen=True)
class Overlay:
    """A primitive that puts the non-zero cells of one grid over another, and which argument is on top."""

    prim: Primitive
    top_first: bool   # True: f(top, bottom); False: f(bottom, top)


def find_overlay(registry: Registry) -> Overlay | None:
    """A primitive f(Grid, Grid) -> Grid that overlays the non-zero cells of one argument."""
    expected = np.where(_PROBE_TOP != 0, _PROBE_TOP, _PROBE)
    for name in sorted(registry):
        prim = registry[name]
        if prim.arg_types == (GRID, GRID) and prim.return_type == GRID:
            if _probe(prim, (_PROBE, _PROBE_TOP), expected):
                return Overlay(prim, top_first=False)
            if _probe(prim, (_PROBE_TOP, _PROBE), expected):
                return Overlay(prim, top_first=True)
    return None


def find_overlay_except(registry: Registry) -> Primitive | None:
    """A primitive f(bottom, top, color) -> Grid that lays top's cells not of `color` over bottom."""
    expected = np.where(_PROBE_TOP != 6, _PROBE_TOP, _PROBE)
    for name in sorted(registry):
        prim = registry[name]
        if prim.arg_types == (GRID, GRID, COLOR) and prim.return_type == GRID:
            if _probe(prim, (_PROBE, _PROBE_TOP, 6), expected):
                return prim
    return None
