"""Outputs composed from pieces: greedy covers of the train outputs' pixels (the 2020 winner's step).

A piece is an enumerated state brought to the target size on every example (the train
outputs' sizes, and the predicted size of each test output). Each piece offers three layers:
its non-zero cells ("fg"), its zero cells, which paint 0 ("bg"), or all of its cells ("all").
An answer is a stack of layers, the first on top: a cell takes the value of the topmost layer
active there. It is built greedily: each round adds the layer that sets the most cells still
unexplained in the cared-for train outputs without contradicting any unexplained cell of the
constrained train outputs; a composition is kept after every round. The rounds run over a few
(constrained, cared-for) choices of train pairs, so that a rule seen in most pairs survives an
odd one.

Cells are bits: per piece, one bitset of its cells that differ from the train outputs and one
of its zero cells, over all examples' cells laid end to end, packed in 64-bit words. A round
is then a handful of vector operations over all pieces at once.

A composition is written back as an ordinary program (the pieces' programs, then
`overlay_grids` for a "fg" layer and `mask_nonzero` + `keep_mask` for a "bg" layer), so the
interpreter verifies it and the answer stays readable. Never prints.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from arcsynth.dsl.registry import Registry
from arcsynth.grid import Grid
from arcsynth.dsl.primitives.color import recolor_nonzero
from arcsynth.dsl.primitives.geometry import embed
from arcsynth.dsl.values import freeze
from arcsynth.program.nodes import Arg, Lit, Program, Ref, Step

__all__ = ["Piece", "Layer", "Composition", "ComposeStats", "compose", "composition_program", "recolored", "embedded",
           "can_write_back", "MODES"]

MODES = ("fg", "bg", "all")       # a layer's active cells: the piece's non-zero, zero, or all cells
_FG, _BG, _ALL = 0, 1, 2
_WRITE_BACK = ("overlay_grids", "mask_nonzero", "keep_mask", "recolor_nonzero", "embed")


@dataclass(frozen=True, eq=False)
class Piece:
    """A state at the target size on every example (train inputs then test inputs), its depth
    (steps), its cost, and how to write the program that computes it from the input (built only
    for the pieces an answer uses)."""

    grids: tuple[Grid, ...]
    depth: int
    cost: float
    build: Callable[[], Program]


@dataclass(frozen=True)
class Layer:
    """One piece's cells in one mode (an index into MODES)."""

    piece: int
    mode: int


@dataclass(frozen=True)
class Composition:
    """Layers (the first on top), the train outputs it reproduces in the composer's model, and
    the figures it is ranked by."""

    layers: tuple[Layer, ...]
    train_solved: int
    max_depth: int
    cost: float
    filled: bool = False       # its holes (cells no layer sets) filled from 3x3 patches (`fill_zeros_by_patches`)

    def rank_key(self) -> tuple:
        """Most train outputs reproduced, then the shallowest deepest piece, the fewest pieces,
        unfilled before filled, cost."""
        return (-self.train_solved, self.max_depth, len(self.layers), self.filled, round(self.cost, 9))


@dataclass
class ComposeStats:
    """What composition spent and saw."""

    pieces: int = 0            # distinct pieces offered
    runs: int = 0              # greedy runs (choices of constrained and cared-for train pairs)
    rounds: int = 0            # layers added over all runs
    compositions: int = 0      # distinct compositions kept
    cpu_seconds: float = 0.0
    stopped: str = ""          # "complete" or "budget-cpu"


@dataclass
class _Bits:
    """The pieces' cells as packed bitsets over all examples' cells laid end to end."""

    zero: np.ndarray           # (pieces, words) uint64: the piece's cell is 0
    bad: np.ndarray            # (pieces, words): the piece's cell differs from a train output's
    valid: np.ndarray          # (words,): real cells (not padding)
    example: list[np.ndarray]  # per example, (words,): its cells
    values: np.ndarray         # (pieces, cells) uint8: the pieces' cells
    target: np.ndarray         # (cells,) uint8: train outputs' cells, 10 on the test examples
    spans: list[tuple[int, int]] = field(default_factory=list)   # per example, its cells' [start, end)


def _pack(rows: np.ndarray) -> np.ndarray:
    """Bool (n, cells) -> uint64 (n, words), cell k at bit k % 64 of word k // 64."""
    n, cells = rows.shape
    words = (cells + 63) // 64
    padded = np.zeros((n, words * 64), dtype=bool)
    padded[:, :cells] = rows
    return np.packbits(padded, axis=1, bitorder="little").view(np.uint64)


def _bits(targets: Sequence[Grid], pieces: Sequence[Piece]) -> _Bits:
    n_train = len(targets)
    sizes = [g.size for g in pieces[0].grids]
    spans, start = [], 0
    for size in sizes:
        spans.append((start, start + size))
        start += size
    cells = start
    values = np.stack([np.concatenate([g.ravel() for g in p.grids]) for p in pieces])
    target = np.full(cells, 10, dtype=np.uint8)
    for e in range(n_train):
        target[spans[e][0]:spans[e][1]] = targets[e].ravel()
    example = []
    for lo, hi in spans:
        row = np.zeros((1, cells), dtype=bool)
        row[0, lo:hi] = True
        example.append(_pack(row)[0])
    train_end = spans[n_train - 1][1]
    bad = values != target
    bad[:, train_end:] = False
    return _Bits(_pack(values == 0), _pack(bad), _pack(np.ones((1, cells), dtype=bool))[0], example,
                 values, target, spans)


def _popcounts(words: np.ndarray) -> np.ndarray:
    return np.bitwise_count(words).sum(axis=1, dtype=np.int64)


class _Composer:
    """Greedy runs over one set of bitsets; compositions gathered by their layers."""

    def __init__(self, targets: Sequence[Grid], pieces: Sequence[Piece], n_train: int,
                 fill: Callable[[Grid], Grid] | None = None) -> None:
        self.pieces = pieces
        self.fill = fill
        self.filled: dict[bytes, Grid | None] = {}
        self.n_train = n_train
        self.bits = _bits(targets, pieces)
        self.nonzero = ~self.bits.zero & self.bits.valid
        self.depths = np.array([p.depth for p in pieces])
        self.costs = np.array([p.cost for p in pieces])
        # Ties in gain go to the shallower, then cheaper, then earlier piece.
        self.order = np.lexsort((np.arange(len(pieces)), self.costs, self.depths))
        self.rank = np.empty(len(pieces), dtype=np.int64)
        self.rank[self.order] = np.arange(len(pieces))
        self.found: dict[tuple[Layer, ...], Composition] = {}

    def run(self, constrained: Sequence[int], cared: Sequence[int], max_layers: int,
            deadline: float | None, stats: ComposeStats) -> bool:
        """One greedy run; False when the deadline passed."""
        bits = self.bits
        unexplained = np.zeros_like(bits.valid)
        for e in constrained:
            unexplained |= bits.example[e]
        care = np.zeros_like(bits.valid)
        for e in cared:
            care |= bits.example[e]
        nonzero = self.nonzero
        composed = np.full(bits.target.shape, 10, dtype=np.uint8)
        layers: list[Layer] = []
        for _ in range(max_layers):
            if deadline is not None and time.process_time() >= deadline:
                return False
            # Only the words with unexplained cells matter: the rest is already decided.
            open_words = np.flatnonzero(unexplained)
            if open_words.size == 0:
                break
            open_bad = bits.bad[:, open_words] & unexplained[open_words]
            ok_fg = ~(open_bad & nonzero[:, open_words]).any(axis=1)
            ok_bg = ~(open_bad & bits.zero[:, open_words]).any(axis=1)
            wanted = (unexplained & care)
            care_words = np.flatnonzero(wanted)
            wanted = wanted[care_words]
            gain_fg = np.where(ok_fg, _popcounts(nonzero[:, care_words] & wanted), -1)
            gain_bg = np.where(ok_bg, _popcounts(bits.zero[:, care_words] & wanted), -1)
            gain_all = np.where(ok_fg & ok_bg, gain_fg + gain_bg, -1)
            gains = np.stack([gain_fg, gain_bg, gain_all])        # (3, pieces)
            best = int(gains.max())
            if best <= 0:
                break
            # Among the best: the shallowest, cheapest piece; fg before bg before all.
            modes, indices = np.nonzero(gains == best)
            pick = int(np.argmin(self.rank[indices] * 3 + modes))
            layer = Layer(int(indices[pick]), int(modes[pick]))
            layers.append(layer)
            stats.rounds += 1
            active = self._active(layer)
            unexplained &= ~active
            cells = np.unpackbits(active.view(np.uint8), bitorder="little")[:composed.size].astype(bool)
            fresh = cells & (composed == 10)
            composed[fresh] = bits.values[layer.piece][fresh]
            self._keep(tuple(layers), composed)
            if self.fill is not None and layers[-1].mode != _BG:
                self._keep_filled(tuple(layers), composed, cared)
        return True

    def _active(self, layer: Layer) -> np.ndarray:
        zero = self.bits.zero[layer.piece]
        if layer.mode == _FG:
            return self.nonzero[layer.piece]
        if layer.mode == _BG:
            return zero
        return self.bits.valid.copy()

    def _composition(self, layers: tuple[Layer, ...], solved: int, filled: bool) -> Composition:
        """The layers as a Composition, with the depth of its deepest piece and the pieces' cost."""
        used = {layer.piece for layer in layers}
        return Composition(layers, solved, int(max(self.depths[k] for k in used)),
                           float(sum(self.costs[k] for k in used)), filled)

    def _keep(self, layers: tuple[Layer, ...], composed: np.ndarray) -> None:
        """A composition counts when it sets every test cell; it reproduces a train output when
        it sets all of its cells right."""
        if layers in self.found:
            return
        spans = self.bits.spans
        test = composed[spans[self.n_train][0]:]
        if (test == 10).any():
            return
        solved = sum(1 for e in range(self.n_train)
                     if np.array_equal(composed[spans[e][0]:spans[e][1]], self.bits.target[spans[e][0]:spans[e][1]]))
        if solved == 0:
            return
        self.found[layers] = self._composition(layers, solved, False)


    def _filled(self, cells: np.ndarray, shape: tuple[int, int]) -> Grid | None:
        """One example's composed cells, holes as 0, filled from patches (None: refused); memoised."""
        grid = np.where(cells == 10, 0, cells).astype(np.uint8).reshape(shape)
        key = grid.tobytes() + bytes(shape)
        if key not in self.filled:
            try:
                self.filled[key] = self.fill(freeze(grid))
            except ValueError:
                self.filled[key] = None
        return self.filled[key]

    def _keep_filled(self, layers: tuple[Layer, ...], composed: np.ndarray, cared: Sequence[int]) -> None:
        """The composition with its holes filled from 3x3 patches, when that reproduces the first
        cared-for train output (tried first, as it decides) and fills every test grid."""
        if layers in self.found and self.found[layers].train_solved == self.n_train:
            return
        spans, target = self.bits.spans, self.bits.target
        shapes = [g.shape for g in self.pieces[0].grids]
        first = cared[0]
        lo, hi = spans[first]
        if not (composed[lo:hi] == 10).any():
            return      # no hole where it matters: the plain composition says it all
        made = self._filled(composed[lo:hi], shapes[first])
        if made is None or not np.array_equal(made.ravel(), target[lo:hi]):
            return
        solved = 0
        for e, (lo, hi) in enumerate(spans):
            made = self._filled(composed[lo:hi], shapes[e])
            if made is None:
                return
            solved += e < self.n_train and np.array_equal(made.ravel(), target[lo:hi])
        key = layers + (Layer(-1, -1),)      # a key of its own beside the plain composition's
        if key in self.found:
            return
        self.found[key] = self._composition(layers, int(solved), True)


def _choices(n_train: int, max_runs: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """(constrained, cared-for) train pairs per run, the most telling first: all pairs, caring
    for all and then for each alone; every pair but one; then the smaller subsets, caring for
    each of their pairs alone (as the 2020 winner did), up to `max_runs`."""
    every = tuple(range(n_train))
    runs = [(every, every)]
    if n_train > 1:
        runs.extend((every, (e,)) for e in every)
    subsets = [tuple(e for e in every if mask >> e & 1) for mask in range(1, 1 << min(n_train, 5))]
    subsets = [s for s in subsets if 0 < len(s) < n_train]
    subsets.sort(key=lambda s: (-len(s), s))
    for subset in subsets:
        if len(subset) == n_train - 1 and len(subset) > 1:
            runs.append((subset, subset))
        runs.extend((subset, (e,)) for e in subset)
    unique = list(dict.fromkeys(runs))
    return unique[:max_runs]


def _useful(targets: Sequence[Grid], pieces: Sequence[Piece], max_pieces: int) -> np.ndarray:
    """The indices of the pieces that agree with some train output's cell (a piece agreeing with
    none can never explain a cell), the shallowest and cheapest `max_pieces` of them, in order."""
    order = sorted(range(len(pieces)), key=lambda k: (pieces[k].depth, pieces[k].cost, k))
    useful = []
    for k in order:
        if any(np.any(g == t) for g, t in zip(pieces[k].grids, targets)):
            useful.append(k)
            if len(useful) >= max_pieces:
                break
    return np.array(useful, dtype=np.int64)


def compose(targets: Sequence[Grid], pieces: Sequence[Piece], *, max_layers: int = 10,
            cpu_seconds: float | None = None, max_compositions: int = 64, max_runs: int = 80,
            fill: Callable[[Grid], Grid] | None = None,
            max_pieces: int = 6000) -> tuple[list[Composition], ComposeStats]:
    """Compositions of `pieces` reproducing train outputs (`targets`), best first.

    Every piece must hold one grid per example (train, then test) at the target sizes, the
    train ones of the targets' shapes. Only compositions that set every test cell and
    reproduce at least one train output are returned; the layers name indices into `pieces`.
    At most `max_pieces` pieces take part, the shallowest and cheapest. With `fill` (a function filling a grid's
    0 cells, raising ValueError when it cannot), used only when no train output has a 0 cell,
    each composition is also tried with its holes filled.
    """
    started = time.process_time()
    stats = ComposeStats(pieces=len(pieces))
    if not pieces or not targets:
        stats.stopped = "complete"
        return [], stats
    deadline = None if cpu_seconds is None else started + cpu_seconds
    if fill is not None and any((t == 0).any() for t in targets):
        fill = None      # a fill paints every 0 cell: it can only reproduce outputs without any
    kept = _useful(targets, pieces, max_pieces)
    stats.pieces = len(kept)
    if len(kept) == 0:
        stats.stopped = "complete"
        return [], stats
    composer = _Composer(targets, [pieces[k] for k in kept], len(targets), fill)
    stats.stopped = "complete"
    for constrained, cared in _choices(len(targets), max_runs):
        stats.runs += 1
        if not composer.run(constrained, cared, max_layers, deadline, stats):
            stats.stopped = "budget-cpu"
            break
    ranked = [dataclasses.replace(c, layers=tuple(Layer(int(kept[layer.piece]), layer.mode) for layer in c.layers))
              for c in sorted(composer.found.values(), key=Composition.rank_key)[:max_compositions]]
    stats.compositions = len(composer.found)
    stats.cpu_seconds = time.process_time() - started
    return ranked, stats


def recolored(pieces: Sequence[Piece], colors: Sequence[int], cost: float = 1.0) -> list[Piece]:
    """Each piece with its non-zero cells in one color, for each color (`recolor_nonzero`): a
    shape taken from one piece, painted in an output's color (the 2020 winner's colShape)."""
    out = []
    for piece in pieces:
        for color in colors:
            grids = tuple(recolor_nonzero(g, color) for g in piece.grids)
            out.append(Piece(grids, piece.depth + 1, piece.cost + cost,
                             functools.partial(_recolored_program, piece.build, color)))
    return out


def embedded(states: Sequence[Piece], height: int, width: int, cost: float = 2.0) -> list[Piece]:
    """Each state of another size at the top-left of a height x width canvas of 0, cut where it
    overflows (`embed`): states brought to a target size that is the same on every example."""
    out = []
    for state in states:
        if all(g.shape == (height, width) for g in state.grids):
            continue
        grids = tuple(embed(g, height, width) for g in state.grids)
        out.append(Piece(grids, state.depth + 1, state.cost + cost,
                         functools.partial(_embedded_program, state.build, height, width)))
    return out


def _embedded_program(build: Callable[[], Program], height: int, width: int) -> Program:
    program = build()
    return Program(program.steps + (Step("embed", (Ref(len(program.steps)), Lit(height), Lit(width))),))


def _recolored_program(build: Callable[[], Program], color: int) -> Program:
    program = build()
    return Program(program.steps + (Step("recolor_nonzero", (Ref(len(program.steps)), Lit(color))),))


def can_write_back(registry: Registry) -> bool:
    """True when the registry has the primitives a composition is written with."""
    return all(name in registry for name in _WRITE_BACK)


def _append(program: Program, steps: list[Step], index: dict[Step, int]) -> int:
    """`program`'s steps added to `steps` (each distinct step once); the variable of its result."""
    where = {0: 0}
    for number, step in enumerate(program.steps, start=1):
        args: tuple[Arg, ...] = tuple(Ref(where[a.index]) if isinstance(a, Ref) else a for a in step.args)
        moved = Step(step.primitive, args)
        found = index.get(moved)
        if found is None:
            steps.append(moved)
            found = index[moved] = len(steps)
        where[number] = found
    return where[len(program.steps)]


def _call(primitive: str, args: tuple[Arg, ...], steps: list[Step], index: dict[Step, int]) -> int:
    step = Step(primitive, args)
    found = index.get(step)
    if found is None:
        steps.append(step)
        found = index[step] = len(steps)
    return found


def composition_program(composition: Composition, pieces: Sequence[Piece]) -> Program:
    """The composition as a program: the bottom layer's piece, then each layer above painted
    over it (`overlay_grids` for fg; `keep_mask` of `mask_nonzero` for bg, which paints 0)."""
    steps: list[Step] = []
    index: dict[Step, int] = {}
    layers = composition.layers
    result = _append(pieces[layers[-1].piece].build(), steps, index)
    for layer in reversed(layers[:-1]):
        piece = _append(pieces[layer.piece].build(), steps, index)
        if layer.mode == _ALL:
            result = piece
        elif layer.mode == _FG:
            result = _call("overlay_grids", (Ref(result), Ref(piece)), steps, index)
        else:
            mask = _call("mask_nonzero", (Ref(piece),), steps, index)
            result = _call("keep_mask", (Ref(result), Ref(mask)), steps, index)
    if composition.filled:
        result = _call("fill_zeros_by_patches", (Ref(result),), steps, index)
    if result != len(steps):
        # The result is an earlier step (shared with another piece): repeat it as the last.
        steps.append(Step("overlay_grids", (Ref(result), Ref(result))))
    return Program(tuple(steps))
