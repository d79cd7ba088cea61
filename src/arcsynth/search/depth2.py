"""Complete depth-2 enumeration of grid-to-grid operations, on every view of a task (icecuber style).

A grid operation is a registered primitive with exactly one Grid argument and a Grid result,
its other arguments filled with constants deduced from the task (its colors, integers relating
input and output sizes, the eight directions, the booleans). Depth 1 applies every operation to
the input vector (train inputs then test inputs, one value per example); the distinct results
(dedupe by content over the whole vector) are the depth-1 states. Depth 2 applies every
operation to every depth-1 state. Every state is checked against the train outputs: an exact
fit, or a fit up to one deduced cell-wise color map (written as color-replacement steps), is a
candidate, mapped back through its view and verified on the original task.

Speed comes from: values interned once (an id per distinct grid), a memo of each operation's
result per value id (states that share a value on an example share the call), checking a
depth-2 state example by example and stopping at the first train output it cannot reach, and
skipping an operation whose output size is known not to match (its size rule, read from probe
grids and confirmed on every real call, predicts a wrong shape). An operation seen on probes to
change nothing, or to refuse, on a grid lacking its constant color is not called on such a
value. Operations with more than two constant arguments (such as a crop) are used only as the
last step; one that refused every probe and every input is not tried at depth 2; cell-wise
recolorings with fixed colors are not used as the last step (the deduced color map covers them).
Depth-2 pairs are taken cheapest first (state cost + operation cost), so a budget cut keeps
the cheapest programs. What probing learns depends only on the primitives: a caller may keep
it across tasks (`probe_cache`).

Nothing here prints; `enumerate_depth2` returns candidates and per-view statistics.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import time
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import numpy as np

from arcsynth.dsl.registry import Primitive, Registry
from arcsynth.dsl.types import BOOL, COLOR, DIRECTION, GRID, INT, DslType
from arcsynth.grid import NUM_COLORS, Grid
from arcsynth.program.constants import constants_of_type
from arcsynth.program.nodes import Arg, Const, Lit, Program, Ref, Step
from arcsynth.search.clock import Clock
from arcsynth.search.compose import Piece
from arcsynth.search.cost import CostModel, constant_kind
from arcsynth.search.deduce import find_replace_color, task_facts
from arcsynth.search.fits import Fit, fitted_program, ranked_candidates
from arcsynth.search.result import Candidate
from arcsynth.search.views import IDENTITY, View
from arcsynth.task import Pair, Task

__all__ = ["GridOp", "ViewStats", "Depth2Result", "grid_operations", "enumerate_depth2",
           "warm_probe_cache", "SizeRule", "predict_size", "one_step_size_rules"]

_MAX_SIDE = 30
_FAIL = -1


@dataclass(frozen=True, eq=False)
class GridOp:
    """One grid -> grid operation: a primitive, the position of its Grid argument and constants."""

    prim: Primitive
    position: int
    consts: tuple[tuple[Arg, object], ...]   # (program node, runtime value) per other argument, in order
    cost: float
    last_only: bool = False      # too many constant combinations to expand from: only as the last step
    recolor: bool = False        # a fixed cell-wise recoloring: redundant as the last step

    def call(self, grid: Grid) -> object:
        """The primitive on `grid` with the constants in place."""
        args = [value for _, value in self.consts]
        args.insert(self.position, grid)
        return self.prim.function(*args)

    def step(self, source: int) -> Step:
        """This operation as a program step reading variable `source`."""
        args: list[Arg] = [arg for arg, _ in self.consts]
        args.insert(self.position, Ref(source))
        return Step(self.prim.name, tuple(args))

    @property
    def text(self) -> str:
        """`name(_, consts...)`, for listings."""
        parts = [repr(v) if not isinstance(a, Const) else a.name for a, v in self.consts]
        parts.insert(self.position, "_")
        return f"{self.prim.name}({', '.join(parts)})"


@dataclass
class ViewStats:
    """What the enumeration spent and saw on one view."""

    view: str
    ops: int = 0                 # grid operations (primitive x constants) for this view
    states1: int = 0             # distinct depth-1 states (the input excluded)
    pairs2: int = 0              # depth-2 (state, operation) pairs examined
    pruned: int = 0              # depth-2 pairs skipped because the output size cannot be right
    calls: int = 0               # primitive calls actually made
    memo_hits: int = 0           # primitive calls answered by the memo
    skipped: int = 0             # calls answered without calling: the operation's color is missing
    duplicates: int = 0          # depth-1 results equal to an earlier state; depth-2 fits equal to one
    failures: int = 0            # calls that raised or returned no valid grid
    fits: int = 0                # distinct states fitting every train output (before mapping back)
    rejected: int = 0            # fits whose program, mapped back, failed verification on the task
    cpu_seconds: float = 0.0
    complete: bool = False       # depth 2 finished within the budget
    complete_depth: int = 0      # the deepest level enumerated completely on this view: 0, 1 or 2
    first_fit_at: int | None = None   # states1 + pairs2 when the first fitting state was found

    def as_dict(self) -> dict:
        """A JSON-able copy."""
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


@dataclass
class Depth2Result:
    """Verified candidates (best first), how many views found each prediction, and statistics."""

    candidates: tuple[Candidate, ...]
    votes: dict = field(default_factory=dict)      # candidate text -> number of views predicting the same
    views: list = field(default_factory=list)      # ViewStats per view, in the order searched
    stopped: str = ""                              # "complete", "budget-cpu" or "budget-nodes"
    cpu_seconds: float = 0.0
    pieces: list = field(default_factory=list)     # compose.Piece per state at `piece_shapes` (the task itself)
    complete_depth: int = 0                        # the deepest level enumerated completely on every view
    unsized: list = field(default_factory=list)    # compose.Piece per depth-1 state of other sizes, when the
                                                   # target size is one size on every example

    @property
    def solved(self) -> bool:
        """True when some candidate fits every train pair."""
        return any(c.fits_all for c in self.candidates)

    def total(self, name: str) -> int:
        """A ViewStats counter summed over the views."""
        return sum(getattr(v, name) for v in self.views)


# ----- constants and operations ----------------------------------------------------------------

def _constant_domains(task: Task, max_ints: int) -> dict[DslType, list[tuple[Arg, object]]]:
    facts = task_facts(task)
    colors = list(dict.fromkeys(facts.output_colors + facts.input_colors))
    ints = list(facts.ints)
    for pair in task.train:
        if pair.output is None:
            continue
        for big, small in zip(pair.input.shape, pair.output.shape):
            if 0 < big - small <= _MAX_SIDE:
                ints.append(big - small)
    ints = list(dict.fromkeys(ints))[:max_ints]
    return {
        COLOR: [(Lit(c), c) for c in colors],
        INT: [(Lit(i), i) for i in ints],
        DIRECTION: [(Const(c.name), c.value) for c in constants_of_type(DIRECTION)],
        BOOL: [(Const(c.name), c.value) for c in constants_of_type(BOOL)],
    }


_RECOLOR_PROBES = (np.arange(20, dtype=np.uint8).reshape(4, 5) % NUM_COLORS,
                   (np.arange(20, dtype=np.uint8).reshape(5, 4) * 3) % NUM_COLORS)


def _is_fixed_recolor(op: GridOp) -> bool:
    """True when the operation maps each cell's color through one fixed table (same on any grid)."""
    codes = []
    for probe in _RECOLOR_PROBES:
        try:
            out = op.call(probe)
        except Exception:  # refusing a probe: not a recoloring we can vouch for
            return False
        if not isinstance(out, np.ndarray) or out.shape != probe.shape:
            return False
        codes.append(probe.astype(np.int16).ravel() * NUM_COLORS + out.ravel())
    pairs = np.unique(np.concatenate(codes))
    return bool(np.unique(pairs // NUM_COLORS).size == pairs.size)


def grid_operations(task: Task, registry: Registry, costs: CostModel, max_ints: int = 10, max_combos: int = 512,
                    cache: dict | None = None) -> list[GridOp]:
    """Every grid -> grid operation with constants deduced from `task`, cheapest first.

    `cache` (any dict, reused across calls) keeps what probing found out about each operation."""
    cache = {} if cache is None else cache
    domains = _constant_domains(task, max_ints)
    ops: list[GridOp] = []
    for name in sorted(registry):
        prim = registry[name]
        if prim.return_type != GRID or sum(t == GRID for t in prim.arg_types) != 1:
            continue
        others = [t for t in prim.arg_types if t != GRID]
        if not all(domains.get(t) for t in others):
            continue
        position = prim.arg_types.index(GRID)
        base = costs.op.get(name, 0.0)
        choices = [[(costs.constant_cost(constant_kind(t.name), value, rank), (arg, value))
                    for rank, (arg, value) in enumerate(domains[t])] for t in others]
        combos = sorted(itertools.product(*choices), key=lambda c: sum(cost for cost, _ in c))[:max_combos]
        last_only = len(others) > 2
        for combo in combos:
            cost = base + sum(cost for cost, _ in combo)
            op = GridOp(prim, position, tuple(item for _, item in combo), cost, last_only)
            if others and all(t == COLOR for t in others):
                key = ("recolor", prim.function, tuple(value for _, value in op.consts))
                if key not in cache:
                    cache[key] = _is_fixed_recolor(op)
                if cache[key]:
                    op = GridOp(prim, position, op.consts, cost, last_only, recolor=True)
            ops.append(op)
    ops.sort(key=lambda op: (op.cost, op.prim.name))
    return ops


# ----- output-size rules ---------------------------------------------------------------------------

def _probe_grids() -> list[np.ndarray]:
    """Small and middle-sized grids in two contents each (plain noise; a zero border around rows
    that repeat), and large noise grids so that crops and cuts with large constants fit."""
    rng = np.random.default_rng(7)
    grids = []
    for h, w in ((4, 5), (5, 3), (3, 4), (12, 10), (30, 29), (28, 30), (29, 27), (24, 18)):
        plain = rng.integers(1, NUM_COLORS, size=(h, w)).astype(np.uint8)
        plain[rng.random((h, w)) < 0.3] = 0
        plain.setflags(write=False)
        grids.append(plain)
        if h > 20:
            continue
        structured = np.zeros((h, w), dtype=np.uint8)
        inner = rng.integers(0, 4, size=(max(1, h - 2), max(1, w - 2))).astype(np.uint8)
        inner[min(1, inner.shape[0] - 1)] = inner[0]        # a repeated row
        structured[1:h - 1, 1:w - 1] = inner[:h - 2, :w - 2]
        structured.setflags(write=False)
        grids.append(structured)
    return grids


_PROBES = _probe_grids()
_LARGE = 8      # index of the first large probe

_Form = tuple[str, int, int]    # (kind, which input side 0/1 or -1, parameter)
SizeRule = tuple[_Form, _Form]  # an output-size rule: one form per output side


def _forms() -> list[_Form]:
    out: list[_Form] = []
    for side in (0, 1):
        out.append(("mul", side, 1))
        out.extend(("add", side, b) for b in (-4, -3, -2, -1, 1, 2, 3, 4))
        out.extend(("mul", side, a) for a in range(2, 11))
        out.extend(("div", side, a) for a in range(2, 6))
        out.append(("square", side, 0))
    return out


_FORMS = _forms()


def _apply_form(form: _Form, shape: tuple[int, int]) -> int:
    kind, side, p = form
    if kind == "const":
        return p
    x = shape[side]
    if kind == "mul":
        return x * p
    if kind == "add":
        return x + p
    if kind == "div":
        return x // p
    return x * x


def _fit_rule(observations: list[tuple[tuple[int, int], tuple[int, int]]]) -> SizeRule | None:
    """The output-size rule (one form per output side) consistent with every observation, or None
    when the observations cannot pin one down (too few, or the size depends on the content)."""
    if len(observations) < 3:
        return None
    ins = {i for i, _ in observations}
    if len({s[0] for s in ins}) < 2 or len({s[1] for s in ins}) < 2 or all(h == w for h, w in ins):
        return None
    rule = []
    for d in (0, 1):
        outs = {o[d] for _, o in observations}
        if len(outs) == 1 and len(observations) >= 3:
            # A constant side only when it never moves while the inputs' sides do.
            form: _Form | None = ("const", -1, next(iter(outs)))
        else:
            form = next((f for f in _FORMS if all(_apply_form(f, i) == o[d] for i, o in observations)), None)
        if form is None:
            return None
        rule.append(form)
    return (rule[0], rule[1])


def _probe_rule(op: GridOp) -> tuple[SizeRule | None, bool]:
    """The operation's output-size rule read from the probe grids (None: unknown), and whether
    it refused every probe."""
    observations: list[tuple[tuple[int, int], tuple[int, int]]] = []
    by_shape: dict[tuple[int, int], tuple[int, int]] = {}
    content_dependent = False
    for number, probe in enumerate(_PROBES):
        if number == _LARGE and len(observations) >= 4:
            break        # the small probes pinned the rule down: spare the costly large ones
        try:
            out = op.call(probe)
        except Exception:  # a refused probe tells nothing about sizes
            continue
        if not isinstance(out, np.ndarray) or out.ndim != 2:
            return None, False
        previous = by_shape.setdefault(probe.shape, out.shape)
        content_dependent = content_dependent or previous != out.shape
        observations.append((probe.shape, out.shape))
    if content_dependent:      # two contents of one size give two sizes
        return None, False
    return _fit_rule(observations), not observations


def _never_fits(rule: SizeRule | None, targets: Sequence[tuple[int, int]]) -> bool:
    if rule is None:
        return False
    return any(form[0] == "const" and any(t[d] != form[2] for t in targets) for d, form in enumerate(rule))


def _without_color(color: int) -> list[np.ndarray]:
    grids = []
    for probe in (_PROBES[0], _PROBES[2], _PROBES[6]):
        grid = np.where(probe == color, (color + 1) % NUM_COLORS, probe).astype(np.uint8)
        grid.setflags(write=False)
        grids.append(grid)
    return grids


def _absent_color_rule(op: GridOp) -> tuple[int, int] | None:
    """(color, outcome) when the operation, on any grid lacking one of its constant colors, returns
    the grid unchanged (outcome 1) or refuses it (outcome 0), as seen on probes; else None."""
    for arg, value in op.consts:
        if not isinstance(arg, Lit) or type(value) is not int or not 0 <= value < NUM_COLORS:
            continue
        outcomes = set()
        for grid in _without_color(value):
            try:
                out = op.call(grid)
            except Exception:  # refusing is one of the two outcomes we look for
                outcomes.add(0)
                continue
            same = isinstance(out, np.ndarray) and out.shape == grid.shape and np.array_equal(out, grid)
            outcomes.add(1 if same else 2)
        if len(outcomes) == 1 and 2 not in outcomes:
            return value, outcomes.pop()
    return None


def _probe_key(op: GridOp) -> tuple:
    return ("size", op.prim.function, tuple(v for _, v in op.consts))


def predict_size(rule: SizeRule, shape: tuple[int, int]) -> tuple[int, int]:
    """The output size `rule` gives a grid of size `shape`."""
    return (_apply_form(rule[0], shape), _apply_form(rule[1], shape))


def one_step_size_rules(registry: Registry, probe_cache: dict) -> dict[str, SizeRule]:
    """The output-size rules of the registry's one-argument grid -> grid primitives, read from
    the probes (kept in `probe_cache`); primitives whose size depends on the content are left out."""
    rules = {}
    for name in sorted(registry):
        prim = registry[name]
        if prim.return_type is GRID and prim.arg_types == (GRID,):
            rule = _ViewRun._probed(GridOp(prim, 0, (), 0.0), probe_cache)[0]
            if rule is not None:
                rules[name] = rule
    return rules


# ----- the enumeration on one view ------------------------------------------------------------------

class _ViewRun:
    """Interned values, memo and the two levels of the enumeration on one viewed task."""

    def __init__(self, task: Task, view: View, registry: Registry, costs: CostModel,
                 max_ints: int, max_combos: int, color_maps: bool,
                 rules: dict, budget: Clock, piece_shapes: tuple | None = None,
                 max_pieces: int = 20_000) -> None:
        self.task = task
        self.view = view
        self.stats = ViewStats(view.name)
        self.costs = costs
        self.cache = rules
        target_shapes = tuple(p.output.shape for p in task.train)
        ops = grid_operations(task, registry, costs, max_ints, max_combos, rules)
        # Probing an operation the cache lacks costs ms: on a cold cache the clock can run out here,
        # and the operations left unprobed are dropped (the enumeration then stops at once).
        probed = []
        for number, op in enumerate(ops):
            if number % 32 == 0 and budget.expired():
                break
            probed.append(self._probed(op, rules))
        ops = ops[:len(probed)]
        # A last step whose size is a constant other than the outputs' can never fit: left out.
        keep = [k for k, op in enumerate(ops) if not (op.last_only and _never_fits(probed[k][0], target_shapes))]
        self.ops = [ops[k] for k in keep]
        probed = [probed[k] for k in keep]
        self.stats.ops = len(self.ops)
        self.rules = [p[0] for p in probed]
        self.refuses_probes = [p[1] for p in probed]
        self.absent = [p[2] for p in probed]     # (color, outcome) shortcuts when the color is missing
        self.palettes: dict[int, int] = {}
        self.dead: set[int] = set()    # refused every probe and every input: not tried at depth 2
        self.replace = find_replace_color(registry) if color_maps else None
        self.values: list[Grid] = []
        self.shapes: list[tuple[int, int]] = []
        self.ids: dict[tuple, int] = {}
        self.memo: dict[int, int] = {}
        self.maps_ok: dict[int, bool] = {}
        inputs = [p.input for p in task.train] + [p.input for p in task.test]
        self.n = len(inputs)
        self.n_train = len(task.train)
        self.input_ids = tuple(self._intern(g) for g in inputs)
        self.target_ids = tuple(self._intern(p.output) for p in task.train)
        self.target_shapes = tuple(p.output.shape for p in task.train)
        self.states: list[tuple[tuple, float, GridOp | None]] = []
        self.seen: set[tuple] = {self.input_ids}
        self.fits: list[Fit] = []
        self.fit_keys: set[tuple] = set()
        self.piece_shapes = piece_shapes       # per example, the target size (None: no pieces kept)
        self.pieces: list[tuple[tuple, float, tuple[GridOp, ...]]] = []   # (value ids, cost, ops)
        self.piece_keys: set[tuple] = set()
        self.unsized: list[tuple[tuple, float, tuple[GridOp, ...]]] = []
        self.max_pieces = max_pieces

    @staticmethod
    def _probed(op: GridOp, cache: dict) -> tuple:
        key = _probe_key(op)
        if key not in cache:
            cache[key] = _probe_rule(op) + (_absent_color_rule(op) if op.consts else None,)
        return cache[key]

    def _palette(self, vid: int) -> int:
        """The colors of value `vid` as a bit set."""
        bits = self.palettes.get(vid)
        if bits is None:
            counts = np.bincount(self.values[vid].ravel(), minlength=NUM_COLORS)
            bits = sum(1 << c for c in np.flatnonzero(counts).tolist())
            self.palettes[vid] = bits
        return bits

    def _intern(self, grid: Grid) -> int:
        key = (grid.shape, grid.tobytes())
        found = self.ids.get(key)
        if found is None:
            found = len(self.values)
            self.ids[key] = found
            self.values.append(grid)
            self.shapes.append(grid.shape)
        return found

    def _apply(self, index: int, op: GridOp, vid: int) -> int:
        """The value id of `op` on value `vid` (memoised), or _FAIL."""
        key = index * 1_000_003 + vid
        found = self.memo.get(key)
        if found is not None:
            self.stats.memo_hits += 1
            return found
        absent = self.absent[index]
        if absent is not None and not (self._palette(vid) >> absent[0]) & 1:
            # The operation's color is missing from the value: it is known to change nothing or refuse.
            self.stats.skipped += 1
            result = vid if absent[1] else _FAIL
            self.memo[key] = result
            return result
        self.stats.calls += 1
        try:
            out = op.call(self.values[vid])
        except Exception:  # a primitive that raises rejects the candidate, never more
            out = None
        if (type(out) is not np.ndarray or out.ndim != 2 or not (0 < out.shape[0] <= _MAX_SIDE
                                                                and 0 < out.shape[1] <= _MAX_SIDE)
                or out.dtype != np.uint8):
            self.stats.failures += 1
            result = _FAIL
        else:
            result = self._intern(out)
            rule = self.rules[index]
            if rule is not None and predict_size(rule, self.shapes[vid]) != out.shape:
                # The probes misled: no more pruning by this rule in this task. Only in this task:
                # writing it into the shared probe cache made a task's result depend on the tasks
                # its worker ran before (local and Dask runs then differed under a node budget).
                self.rules[index] = None
        self.memo[key] = result
        return result

    def _mappable(self, vid: int, example: int) -> bool:
        """True when one cell-wise color map turns value `vid` into train output `example`."""
        key = vid * 64 + example
        found = self.maps_ok.get(key)
        if found is None:
            value, target = self.values[vid], self.values[self.target_ids[example]]
            table = np.zeros(256, dtype=np.uint8)
            table[value] = target          # some cell's target color per value color
            found = bool((table[value] == target).all())
            self.maps_ok[key] = found
        return found

    def _fits_example(self, vid: int, example: int) -> int:
        """2: exact, 1: right size and color-mappable, 0: no."""
        if vid == self.target_ids[example]:
            return 2
        if self.replace is None or self.shapes[vid] != self.target_shapes[example]:
            return 0
        return 1 if self._mappable(vid, example) else 0

    # level 1 ----------------------------------------------------------------------------------------

    def level1(self, budget: Clock) -> bool:
        n = self.n
        for index, op in enumerate(self.ops):
            if not budget.spend(1):
                return False
            out = [self._apply(index, op, self.input_ids[e]) for e in range(n)]
            if _FAIL in out:
                if self.refuses_probes[index] and all(rid == _FAIL for rid in out):
                    self.dead.add(index)
                continue
            vector = tuple(out)
            if vector in self.seen:
                self.stats.duplicates += 1
                continue
            self.seen.add(vector)
            self.stats.states1 += 1
            self._keep_piece(vector, op.cost, (op,))
            if not op.last_only:
                self.states.append((vector, op.cost, op))
            if all(self._fits_example(vector[e], e) for e in range(self.n_train)):
                self._record(vector, (op,), op.cost)
                self._note_first_fit(0)
        return True

    def _note_first_fit(self, pending: int) -> None:
        if self.fits and self.stats.first_fit_at is None:
            self.stats.first_fit_at = self.stats.states1 + self.stats.pairs2 + pending

    # level 2 ----------------------------------------------------------------------------------------

    def level2(self, budget: Clock, check_every: int = 64) -> bool:
        """Every operation on every depth-1 state, cheapest (state, operation) pair first."""
        n, nt = self.n, self.n_train
        stats = self.stats
        ops = self.ops
        shapes = self.shapes
        target_shapes = self.target_shapes
        piece_shapes = self.piece_shapes
        final = [i for i, op in enumerate(ops)
                 if i not in self.dead and not (op.recolor and self.replace is not None)]
        viable_by_shapes: dict[tuple, list[int]] = {}
        states = sorted(self.states, key=lambda s: s[1])
        lists: list[list[int]] = []
        heap: list[tuple[float, int, int]] = []
        for number, (vector, cost1, _) in enumerate(states):
            in_shapes = tuple(shapes[vector[e]] for e in range(nt))
            viable = viable_by_shapes.get(in_shapes)
            if viable is None:
                if budget.expired():     # each new set of sizes checks every operation's size rule
                    return False
                viable = [i for i in final if self.rules[i] is None
                          or all(predict_size(self.rules[i], in_shapes[e]) == target_shapes[e] for e in range(nt))]
                viable_by_shapes[in_shapes] = viable
            stats.pruned += len(final) - len(viable)
            lists.append(viable)
            if viable:
                heap.append((cost1 + ops[viable[0]].cost, number, 0))
        heapq.heapify(heap)
        pending = 0
        while heap:
            _, number, k = heapq.heappop(heap)
            vector, cost1, op1 = states[number]
            viable = lists[number]
            if k + 1 < len(viable):
                heapq.heappush(heap, (cost1 + ops[viable[k + 1]].cost, number, k + 1))
            pending += 1
            if pending >= check_every:
                stats.pairs2 += pending
                pending = 0
                if not budget.spend(check_every):
                    return False
            i = viable[k]
            op = ops[i]
            ok = True
            sized = piece_shapes is not None and len(self.pieces) < self.max_pieces
            for e in range(nt):
                rid = self._apply(i, op, vector[e])
                if rid == _FAIL:
                    ok = sized = False
                    break
                if ok and not self._fits_example(rid, e):
                    ok = False
                if sized and shapes[rid] != piece_shapes[e]:
                    sized = False
                if not (ok or sized):
                    break
            if not (ok or sized):
                continue
            out = [self._apply(i, op, vector[e]) for e in range(n)]
            if _FAIL in out:
                continue
            result = tuple(out)
            if sized:
                self._keep_piece(result, cost1 + op.cost, (op1, op))
            if not ok:
                continue
            if result in self.seen:
                stats.duplicates += 1
                continue
            self.seen.add(result)
            self._record(result, (op1, op), cost1 + op.cost)
            self._note_first_fit(pending)
        stats.pairs2 += pending
        budget.spend(pending)
        return True      # every pair was examined: complete, whatever the last count left

    # pieces and fits ----------------------------------------------------------------------------------

    def _keep_piece(self, vector: tuple, cost: float, ops: tuple[GridOp, ...]) -> None:
        """A state at the target size on every example is a piece for composition (compose.py)."""
        shapes = self.piece_shapes
        if shapes is None or len(self.pieces) >= self.max_pieces or vector in self.piece_keys:
            return
        if any(self.shapes[v] != shape for v, shape in zip(vector, shapes)):
            if len(ops) == 1 and len(set(shapes)) == 1:
                self.unsized.append((vector, cost, ops))   # a depth-1 state, to embed at the one target size
            return
        self.piece_keys.add(vector)
        self.pieces.append((vector, cost, ops))

    def piece_grids(self, vector: tuple) -> tuple[Grid, ...]:
        """The grids of a piece's value ids."""
        return tuple(self.values[v] for v in vector)


    def _record(self, vector: tuple, ops: tuple[GridOp, ...], cost: float) -> None:
        """A state fitting every train output (exactly or up to a color map) becomes a program."""
        if vector in self.fit_keys:
            return
        self.fit_keys.add(vector)
        values = [self.values[v] for v in vector]
        fit = fitted_program([op.step(k) for k, op in enumerate(ops)], cost, values,
                             [self.values[t] for t in self.target_ids], self.replace, self.costs, "depth2")
        if fit is None:
            return
        self.stats.fits += 1
        self.fits.append(fit)


# ----- the entry point ------------------------------------------------------------------------------

def _warm_tasks() -> list[Task]:
    """Stand-in tasks whose deduced constants cover every color and the integers 1 to 30."""
    grid = ((np.arange(30)[:, None] * 3 + np.arange(30)[None, :]) % NUM_COLORS).astype(np.uint8)
    return [Task(f"warm-{k}", (Pair(grid, grid[:2 * k + 1, :2 * k + 2].copy()),), (Pair(grid, None),))
            for k in range(15)]


def warm_probe_cache(registry: Registry, probe_cache: dict) -> int:
    """Probe the grid operations over every color and the integers 1-30 into `probe_cache` ahead of
    any task (a process pool forks after this, so that no task pays for probing); the entries added."""
    before = len(probe_cache)
    costs = CostModel.of(None, registry)
    for task in _warm_tasks():
        _ViewRun(task, IDENTITY, registry, costs, 10, 512, True, probe_cache, Clock())
    return len(probe_cache) - before


def enumerate_depth2(task: Task, registry: Registry, costs: CostModel | Mapping[str, float] | None = None,
                     views: Sequence[View] = (IDENTITY,), cpu_seconds: float | None = None,
                     max_nodes: int | None = None, *, max_ints: int = 10,
                     max_combos: int = 512, color_maps: bool = True, max_candidates: int = 32,
                     probe_cache: dict | None = None, clock: Callable[[], float] = time.process_time,
                     piece_shapes: tuple | None = None) -> Depth2Result:
    """Every program of one or two grid operations (plus a deduced color map) fitting the train
    pairs of `task`, searched on each view in turn and verified on `task` itself.

    Depth 1 runs on every view first, then depth 2 view by view, within `cpu_seconds` (process
    time) and `max_nodes` (operations applied at depth 1 plus pairs examined at depth 2), both
    shared by all views; None means no limit. `costs` is the task's CostModel (a mapping
    primitive -> cost, or None: uniform); a program costs its operations and constants, plus
    its view's cost.
    Candidates are ranked by `Candidate.rank_key`; a prediction is kept once, with the cheapest
    program, and `votes` counts the views that predicted it. Test outputs are never read.
    `probe_cache`, any dict the caller keeps (e.g. one per process), saves probing the same
    operations again on the next task; it holds only facts about the primitives' behaviour.
    With `piece_shapes` (a size per example, train then test), every state of the task itself
    (not of another view) at those sizes is returned as a piece for composition.
    """
    budget = Clock(cpu_seconds, max_nodes, clock)
    model = CostModel.of(costs, registry)
    rules: dict = {} if probe_cache is None else probe_cache
    runs: list[_ViewRun] = []
    stopped = ""
    for view in views:
        if not task.train:
            break
        t0 = clock()
        run = _ViewRun(view.apply_task(task), view, registry, model, max_ints, max_combos,
                       color_maps, rules, budget, piece_shapes if view.is_identity else None)
        runs.append(run)
        ok = run.level1(budget)
        run.stats.cpu_seconds += clock() - t0
        if not ok:
            stopped = budget.stopped
            break
        run.stats.complete_depth = 1
    if not stopped:
        for run in runs:
            t0 = clock()
            ok = run.level2(budget)
            run.stats.cpu_seconds += clock() - t0
            if not ok:
                stopped = budget.stopped
                break
            run.stats.complete = True
            run.stats.complete_depth = 2
    ranked, votes, rejected = ranked_candidates(task, registry, [(run.view, run.fits) for run in runs], max_candidates,
                                                budget.expired)
    for run, count in zip(runs, rejected):
        run.stats.rejected += count
    pieces = [Piece(run.piece_grids(vector), len(ops), cost, functools.partial(_ops_program, ops))
              for run in runs for vector, cost, ops in run.pieces]
    complete_depth = min((r.stats.complete_depth for r in runs), default=0)
    unsized = [Piece(run.piece_grids(vector), len(ops), cost, functools.partial(_ops_program, ops))
               for run in runs for vector, cost, ops in run.unsized]
    return Depth2Result(ranked, votes, [r.stats for r in runs], stopped or "complete", budget.elapsed,
                        pieces, complete_depth, unsized)


def _ops_program(ops: tuple[GridOp, ...]) -> Program:
    """The chain of operations as a program on the input."""
    return Program(tuple(op.step(k) for k, op in enumerate(ops)))
