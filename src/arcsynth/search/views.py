"""Views of a task: the task seen through a grid symmetry and/or a renaming of its colors.

A view v maps every grid g to v(g) (a rotation or reflection, then a color permutation P,
cell-wise). The viewed task has inputs v(I) and train outputs v(O); a program Q found for it
answers the original task as v^-1(Q(v(I))), which is again an ordinary program: a step of
the symmetry on the input, the color swaps of P, Q's steps, the swaps of P^-1, and the
inverse symmetry at the end. `View.wrap_program` writes that program; it must still be
verified on the original task (`search.verify.verify_candidate`).

Symmetries and the color swap are registered primitives found by their behaviour on probe
grids, never by name; a symmetry the registry lacks is skipped, and without a primitive that
exchanges two colors there are no color views. The color renaming is read from the inputs
only (train and test inputs): the most frequent color (the background) becomes 0, the others
follow by decreasing frequency; colors absent from every input keep their order after them.

The pair-colors view renames colors pair by pair instead (icecuber's color normalisation): each
input's colors by decreasing count, its output renamed like it, except the colors the task fixes
(new colors every output has, colors every input has and no output, an output palette common
to all pairs), which keep their numbers. A task whose pairs use different colors for the same
roles becomes one with fixed colors. Its programs are wrapped by two registered primitives
(found by behaviour): normalize the input, run, restore the colors from the input.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence

import numpy as np

from arcsynth.dsl.registry import Primitive, Registry
from arcsynth.dsl.types import COLOR, GRID, INT
from arcsynth.grid import NUM_COLORS, Grid, color_renaming, inverse_permutation
from arcsynth.program.nodes import Lit, Program, Ref, Step
from arcsynth.task import Pair, Task

__all__ = ["View", "Symmetry", "SYMMETRY_NAMES", "find_symmetries", "find_swap_colors", "color_permutation",
           "permutation_swaps", "task_views", "IDENTITY", "pair_color_keep",
           "find_pair_renamers", "pair_color_view"]

_Fn = Callable[[np.ndarray], np.ndarray]

# name -> (forward, inverse) on plain arrays; the registry must hold primitives behaving so.
_SYMMETRIES: dict[str, tuple[_Fn, _Fn]] = {
    "rot90": (lambda a: np.rot90(a, -1), lambda a: np.rot90(a, 1)),
    "rot180": (lambda a: a[::-1, ::-1], lambda a: a[::-1, ::-1]),
    "rot270": (lambda a: np.rot90(a, 1), lambda a: np.rot90(a, -1)),
    "flip_h": (lambda a: a[:, ::-1], lambda a: a[:, ::-1]),
    "flip_v": (lambda a: a[::-1], lambda a: a[::-1]),
    "transpose": (lambda a: a.T, lambda a: a.T),
    "anti_transpose": (lambda a: a[::-1, ::-1].T, lambda a: a[::-1, ::-1].T),
}
SYMMETRY_NAMES: tuple[str, ...] = tuple(_SYMMETRIES)

_PROBE = np.arange(6, dtype=np.uint8).reshape(2, 3)
_PROBE.setflags(write=False)
_COLOR_PROBE = np.array([[0, 1, 2], [3, 1, 0], [2, 4, 3]], dtype=np.uint8)
_COLOR_PROBE.setflags(write=False)


@dataclass(frozen=True)
class Symmetry:
    """A grid symmetry with the registered primitives that apply it and undo it."""

    name: str
    forward: Primitive
    inverse: Primitive


def _same(out: object, expected: np.ndarray) -> bool:
    return isinstance(out, np.ndarray) and out.shape == expected.shape and np.array_equal(out, expected)


def _behaves_as(prim: Primitive, fn: _Fn) -> bool:
    if prim.arg_types != (GRID,) or prim.return_type != GRID:
        return False
    try:
        out = prim.function(_PROBE)
    except Exception:  # a primitive that refuses the probe does not qualify
        return False
    return _same(out, fn(_PROBE))


def find_symmetries(registry: Registry, names: Sequence[str] = SYMMETRY_NAMES) -> list[Symmetry]:
    """The symmetries among `names` that registered primitives can apply and undo, in `names` order."""
    found = []
    ordered = sorted(registry)
    for name in names:
        forward_fn, inverse_fn = _SYMMETRIES[name]
        forward = next((registry[n] for n in ordered if _behaves_as(registry[n], forward_fn)), None)
        inverse = next((registry[n] for n in ordered if _behaves_as(registry[n], inverse_fn)), None)
        if forward is not None and inverse is not None:
            found.append(Symmetry(name, forward, inverse))
    return found


def find_swap_colors(registry: Registry) -> Primitive | None:
    """A primitive f(Grid, Color a, Color b) -> Grid exchanging colors a and b everywhere."""
    for name in sorted(registry):
        prim = registry[name]
        if prim.arg_types != (GRID, COLOR, COLOR) or prim.return_type != GRID:
            continue
        ok = True
        for a, b in ((1, 3), (0, 4), (2, 7)):
            expected = np.where(_COLOR_PROBE == a, b, np.where(_COLOR_PROBE == b, a, _COLOR_PROBE)).astype(np.uint8)
            try:
                out = prim.function(_COLOR_PROBE, a, b)
            except Exception:  # refusing the probe disqualifies it
                ok = False
                break
            if not _same(out, expected):
                ok = False
                break
        if ok:
            return prim
    return None


def color_permutation(task: Task) -> tuple[int, ...]:
    """perm[old] = new: inputs' colors by decreasing frequency (the background becomes 0),
    then the colors absent from every input in increasing order. Reads inputs only."""
    counts = np.zeros(NUM_COLORS, dtype=np.int64)
    for pair in task.train + task.test:
        counts += np.bincount(pair.input.ravel(), minlength=NUM_COLORS)[:NUM_COLORS]
    present = sorted((c for c in range(NUM_COLORS) if counts[c] > 0), key=lambda c: (-counts[c], c))
    absent = [c for c in range(NUM_COLORS) if counts[c] == 0]
    perm = [0] * NUM_COLORS
    for new, old in enumerate(present + absent):
        perm[old] = new
    return tuple(perm)


def permutation_swaps(perm: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """Color exchanges that, applied in order, send every cell of color c to perm[c].

    A cycle c0 -> c1 -> ... -> ck-1 -> c0 is the swaps (c0, c1), (c0, c2), ..., (c0, ck-1).
    """
    swaps: list[tuple[int, int]] = []
    done = [False] * len(perm)
    for start in range(len(perm)):
        if done[start]:
            continue
        cycle = [start]
        done[start] = True
        nxt = perm[start]
        while nxt != start:
            cycle.append(nxt)
            done[nxt] = True
            nxt = perm[nxt]
        swaps.extend((cycle[0], other) for other in cycle[1:])
    return tuple(swaps)


def pair_color_keep(task: Task) -> int:
    """Bit mask of the colors the pair-colors view keeps (bit c: color c), read off the train pairs:
    colors every output has and no input, or the whole output palette when every output has
    the same one; colors every input has and no output; colors some output has and no input."""
    masks = [(_color_mask(p.input), _color_mask(p.output)) for p in task.train if p.output is not None]
    if not masks:
        return 0
    or_in = or_out = 0
    and_in = and_out = (1 << NUM_COLORS) - 1
    for mask_in, mask_out in masks:
        or_in, and_in, or_out, and_out = or_in | mask_in, and_in & mask_in, or_out | mask_out, and_out & mask_out
    keep = and_out if or_out == and_out else and_out & ~or_in
    return keep | (and_in & ~or_out) | (or_out & ~or_in)


def _color_mask(grid: Grid) -> int:
    return sum(1 << int(c) for c in np.unique(grid))


def find_pair_renamers(registry: Registry) -> tuple[Primitive, Primitive] | None:
    """Registered f(Grid, Int keep) -> Grid renaming like `grid.color_renaming` and
    g(Grid, Grid like, Int keep) -> Grid undoing f(like, keep) (None when either is missing)."""
    probe, keep = _COLOR_PROBE, 1 << 4
    perm = color_renaming(probe, keep)
    inverse = inverse_permutation(perm)
    forward = backward = None
    for name in sorted(registry):
        prim = registry[name]
        if prim.return_type != GRID or prim.arg_types not in ((GRID, INT), (GRID, GRID, INT)):
            continue
        try:
            if prim.arg_types == (GRID, INT) and forward is None and _same(prim.function(probe, keep), perm[probe]):
                forward = prim
            elif prim.arg_types == (GRID, GRID, INT) and backward is None and \
                    _same(prim.function(_PROBE, probe, keep), inverse[_PROBE]):
                backward = prim
        except Exception:  # a primitive refusing the probe does not qualify
            continue
    return None if forward is None or backward is None else (forward, backward)


def pair_color_view(task: Task, registry: Registry, cost: float = 1.0) -> "View | None":
    """The pair-colors view of `task` when it explains the outputs' colors: the train outputs use
    different sets of colors, and the same set once renamed. None otherwise, or when the registry
    lacks the renaming primitives."""
    keep = pair_color_keep(task)
    outputs = [(p.input, p.output) for p in task.train if p.output is not None]
    if len({_color_mask(out) for _, out in outputs}) < 2:
        return None
    if len({_color_mask(color_renaming(inp, keep)[out]) for inp, out in outputs}) != 1:
        return None
    renamers = find_pair_renamers(registry)
    if renamers is None:
        return None
    return View("pair-colors", keep=keep, renamers=renamers, cost=cost)


@dataclass(frozen=True)
class View:
    """A task seen through a symmetry (None: as it is) and a color permutation (None: as it is).

    `cost` is added to the cost of a program found through this view.
    """

    name: str
    symmetry: Symmetry | None = None
    perm: tuple[int, ...] | None = None     # perm[old color] = new color
    swap: Primitive | None = None           # the color-exchange primitive, when perm is set
    cost: float = 0.0
    keep: int | None = None                 # pair-colors view: the colors kept (a bit mask), else None
    renamers: tuple[Primitive, Primitive] | None = None   # its (normalize, restore) primitives

    @property
    def is_identity(self) -> bool:
        """True when the view changes nothing."""
        return self.symmetry is None and self.perm is None and self.keep is None

    def unapply_prediction(self, grid: Grid, test_input: Grid) -> Grid:
        """v^-1 of a prediction made in the view for the test input `test_input` (original colors)."""
        if self.keep is None:
            return self.unapply_grid(grid)
        out = inverse_permutation(color_renaming(test_input, self.keep))[grid]
        out.setflags(write=False)
        return out

    def apply_grid(self, grid: Grid) -> Grid:
        """v(grid): the symmetry, then the color renaming."""
        out = grid if self.symmetry is None else self.symmetry.forward.function(grid)
        if self.perm is not None:
            out = np.asarray(self.perm, dtype=np.uint8)[out]
            out.setflags(write=False)
        return out

    def unapply_grid(self, grid: Grid) -> Grid:
        """v^-1(grid): the colors renamed back, then the inverse symmetry."""
        out = grid
        if self.perm is not None:
            out = inverse_permutation(self.perm)[out]
            out.setflags(write=False)
        if self.symmetry is not None:
            out = self.symmetry.inverse.function(out)
        return out

    def apply_task(self, task: Task) -> Task:
        """The task through the view: inputs and train outputs transformed; test outputs dropped."""
        if self.is_identity:
            return replace(task, test=tuple(Pair(p.input, None) for p in task.test))
        if self.keep is not None:
            return replace(task, id=f"{task.id}~{self.name}", train=tuple(
                Pair(*(self._renamed(g, p.input) for g in (p.input, p.output))) for p in task.train),
                test=tuple(Pair(self._renamed(p.input, p.input), None) for p in task.test))
        train = tuple(Pair(self.apply_grid(p.input), None if p.output is None else self.apply_grid(p.output))
                      for p in task.train)
        test = tuple(Pair(self.apply_grid(p.input), None) for p in task.test)
        return replace(task, id=f"{task.id}~{self.name}", train=train, test=test)

    def _renamed(self, grid: Grid | None, like: Grid) -> Grid | None:
        if grid is None:
            return None
        out = color_renaming(like, self.keep)[grid]
        out.setflags(write=False)
        return out

    def wrap_program(self, program: Program) -> Program:
        """v^-1(Q(v(I))) as one program on the original task."""
        if self.is_identity:
            return program
        if self.keep is not None:
            normalize, restore = self.renamers
            steps = [Step(normalize.name, (Ref(0), Lit(self.keep)))]
            steps.extend(Step(step.primitive, tuple(Ref(a.index + 1) if isinstance(a, Ref) else a for a in step.args))
                         for step in program.steps)
            steps.append(Step(restore.name, (Ref(len(steps)), Ref(0), Lit(self.keep))))
            return Program(tuple(steps))
        steps: list[Step] = []
        if self.symmetry is not None:
            steps.append(Step(self.symmetry.forward.name, (Ref(0),)))
        swaps = permutation_swaps(self.perm) if self.perm is not None else ()
        for a, b in swaps:
            steps.append(Step(self.swap.name, (Ref(len(steps)), Lit(a), Lit(b))))
        offset = len(steps)   # Ref(0) of the program is the viewed input: step `offset`
        for step in program.steps:
            steps.append(Step(step.primitive, tuple(
                Ref(a.index + offset) if isinstance(a, Ref) else a for a in step.args)))
        for a, b in reversed(swaps):
            steps.append(Step(self.swap.name, (Ref(len(steps)), Lit(a), Lit(b))))
        if self.symmetry is not None:
            steps.append(Step(self.symmetry.inverse.name, (Ref(len(steps)),)))
        return Program(tuple(steps))


IDENTITY = View("identity")


def task_views(task: Task, registry: Registry, symmetries: Sequence[str] = SYMMETRY_NAMES, colors: bool = True,
               symmetry_cost: float = 1.0, color_cost: float = 1.0) -> list[View]:
    """The identity view first, then each symmetry, then (when `colors` and the renaming is not the
    identity) the color-normalised form of each of those; views the registry cannot express are left out."""
    base: list[View] = [IDENTITY]
    base.extend(View(s.name, symmetry=s, cost=symmetry_cost) for s in find_symmetries(registry, symmetries))
    views = list(base)
    if colors:
        perm = color_permutation(task)
        swap = find_swap_colors(registry)
        if swap is not None and perm != tuple(range(NUM_COLORS)):
            for view in base:
                name = "colors" if view.is_identity else f"{view.name}+colors"
                views.append(View(name, view.symmetry, perm, swap, view.cost + color_cost))
    return views
