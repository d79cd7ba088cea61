"""Depth by layers on one value store: depth 1 and depth 2 enumerated completely, then depth 3
cheapest first, every layer computed one operation at a time over a batch of states.

The grid operations, their constants and their output-size rules are the depth-2 pass's
(`grid_operations`, probes). A state is a vector of value ids (train inputs then test inputs)
in a `ValueStore`; an operation is applied to all the distinct values of the states it is
given in one compiled call (`search.ops`), or per grid through its Python primitive when it has
no compiled twin, and the results are memoised per (operation, value id).

- Depth 1: every operation on the input vector.
- Depth 2, the fit search: every operation that can end a program on every depth-1 state whose
  train shapes its size rule maps to the train outputs' (the same pairs as the depth-2 pass).
  Operations without a compiled twin are evaluated example by example, dropping a state at the
  first train output it cannot reach; compiled ones on every example at once. When this is done,
  depth 2 is complete.
- Depth 2, the rest: every compiled operation that can continue a program on every depth-1
  state, so that depth 3 has its intermediates (and the composition step its pieces).
- Depth 3: the depth-2 states in chunks, cheapest first, each chunk under every operation that can
  end a program, pruned by size rules as at depth 2. When every chunk is done, depth 3 is complete.
  With a value weight, "cheapest" is the state's cost plus that weight times the value model's
  -log p(on path) of its grids against the train outputs (value.py; compiled, value_compiled.py):
  the guide decides which depth-2 states are extended first where enumeration stops being complete.

A state fitting every train output exactly, or up to one cell-wise color map, becomes a program
(`fits.fitted_program`), is mapped back through its view and verified on the task. Budgets (CPU
seconds and nodes, one `Clock`) are checked before every batch. Nothing here prints.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator, Mapping, Sequence

import numpy as np

from arcsynth.dsl.registry import Registry
from arcsynth.grid import MAX_SIDE, Grid
from arcsynth.program.nodes import Program
from arcsynth.search.compose import Piece
from arcsynth.search.cost import CostModel
from arcsynth.search.deduce import find_replace_color
from arcsynth.search.depth2 import (GridOp, _absent_color_rule, _apply_form, _never_fits, _probe_key, _probe_rule,
                                    grid_operations)
from arcsynth.search.fits import Fit, fitted_program, ranked_candidates
from arcsynth.search.ops import Twin, compiled_twin, run_twin
from arcsynth.search.ops.hashing import color_mappable
from arcsynth.search.value import load_value_model
from arcsynth.search.value_compiled import PairTarget, state_penalties
from arcsynth.search.result import Candidate
from arcsynth.search.clock import Clock
from arcsynth.search.store import FAILED, UNKNOWN, HashIndex, ValueStore
from arcsynth.search.views import IDENTITY, View
from arcsynth.task import Task

__all__ = ["State", "LayerStats", "LayersResult", "enumerate_layers"]

_CHUNK = 256       # depth-2 states per depth-3 batch
_MAX_VALUES = 1_000_000     # distinct grids in a store (900 bytes each): past this, stop ("budget-memory")


@dataclass(frozen=True)
class State:
    """One distinct state: its grid per example (train inputs then test inputs), depth, cost and
    the operations that make it from the input (`op.step(k)` is step k of its program)."""

    grids: tuple[Grid, ...]
    depth: int
    cost: float
    ops: tuple[GridOp, ...]


@dataclass
class LayerStats:
    """What the layers spent and saw on one view."""

    view: str
    ops: int = 0                 # grid operations (primitive x constants)
    compiled_ops: int = 0        # of which with a compiled twin
    states: int = 0              # (state, operation) results examined, all depths
    distinct: int = 0            # distinct states found (the input excluded)
    states_by_depth: list = field(default_factory=lambda: [0, 0, 0, 0])   # distinct states per depth
    compiled_calls: int = 0      # grids computed by compiled kernels
    python_calls: int = 0        # grids computed by Python primitives
    skipped: int = 0             # results known without a call (the operation's color is missing)
    pruned: int = 0              # (state, operation) pairs left out by size rules
    failures: int = 0            # grids an operation refused (or made no valid grid of)
    duplicates: int = 0          # results equal to a state found before
    fits: int = 0                # distinct states fitting every train output
    rejected: int = 0            # fits whose program, mapped back, failed verification
    complete_depth: int = 0      # deepest depth enumerated completely
    cpu_seconds: float = 0.0
    first_fit_at: int | None = None   # `states` when the first fitting state was recorded
    depth3_from: int | None = None    # `states` when depth 3 began (after the depth-2 intermediates)
    depth3_first_fit: int | None = None   # depth-3 states examined before the first depth-3 fit
    value_seconds: float = 0.0        # CPU spent ranking the depth-2 states by the value model

    def as_dict(self) -> dict:
        """A JSON-able copy."""
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


@dataclass
class LayersResult:
    """Verified candidates (best first), views agreeing per candidate, statistics, and the states."""

    candidates: tuple[Candidate, ...]
    votes: dict = field(default_factory=dict)
    views: list = field(default_factory=list)      # LayerStats per view
    stopped: str = ""                              # "complete", "budget-cpu" or "budget-nodes"
    cpu_seconds: float = 0.0
    runs: list = field(default_factory=list, repr=False)
    pieces: list = field(default_factory=list)     # compose.Piece per state at `piece_shapes` (the task itself)
    unsized: list = field(default_factory=list)    # compose.Piece per depth-1 state of other sizes, when the
                                                   # target size is one size on every example

    @property
    def solved(self) -> bool:
        """True when some candidate fits every train pair."""
        return any(c.fits_all for c in self.candidates)

    @property
    def complete_depth(self) -> int:
        """The deepest depth enumerated completely on every view."""
        return min((v.complete_depth for v in self.views), default=0)

    def total(self, name: str) -> int:
        """A LayerStats counter summed over the views."""
        return sum(getattr(v, name) for v in self.views)

    def states(self, view: int = 0) -> Iterator[State]:
        """Every distinct state enumerated on view number `view` (the input first), on that view."""
        return self.runs[view].states() if view < len(self.runs) else iter(())


def _predicted(rule: tuple, shapes: np.ndarray) -> np.ndarray:
    """The output shapes a size rule predicts for an array of input shapes (..., 2)."""
    return np.stack([np.asarray(_apply_form(rule[d], (shapes[..., 0], shapes[..., 1])))
                     * np.ones(shapes.shape[:-1], dtype=np.int64) for d in (0, 1)], axis=-1)


class _LayerRun:
    """The store, the operations and the states of the layers on one viewed task."""

    def __init__(self, task: Task, view: View, registry: Registry, costs: CostModel, max_ints: int,
                 max_combos: int, color_maps: bool, cache: dict, clock: Clock,
                 piece_shapes: tuple | None = None, value_weight: float = 0.0, value_weights: str = "") -> None:
        self.task, self.view, self.costs, self.cache, self.clock = task, view, costs, cache, clock
        self.value_weight, self.value_weights = value_weight, value_weights
        # Per example, the size a piece for composition must have (None: no pieces wanted).
        self.piece_shapes = None if piece_shapes is None else np.array(piece_shapes, dtype=np.int64)
        self.stats = LayerStats(view.name)
        self.n_train = len(task.train)
        targets = [p.output for p in task.train]
        self.target_shapes = np.array([t.shape for t in targets], dtype=np.int64)
        ops = grid_operations(task, registry, costs, max_ints, max_combos, cache)
        # Probing an operation the cache lacks costs ms: on a cold cache the clock can run out
        # here, and the operations left unprobed are dropped (the layers then stop at once).
        probed = []
        for number, op in enumerate(ops):
            if number % 32 == 0 and clock.expired():
                break
            key = _probe_key(op)
            if key not in cache:
                cache[key] = _probe_rule(op) + (_absent_color_rule(op) if op.consts else None,)
            probed.append(cache[key])
        ops = ops[:len(probed)]
        target_shapes = [t.shape for t in targets]
        keep = [k for k, op in enumerate(ops) if not (op.last_only and _never_fits(probed[k][0], target_shapes))]
        self.ops = [ops[k] for k in keep]
        self.rules = [probed[k][0] for k in keep]
        self.refuses_probes = [probed[k][1] for k in keep]
        self.absent = [probed[k][2] for k in keep]
        self.twins: list[Twin | None] = [compiled_twin(op.prim.name, tuple(v for _, v in op.consts))
                                         if op.position == 0 else None for op in self.ops]
        self.stats.ops = len(self.ops)
        self.stats.compiled_ops = sum(t is not None for t in self.twins)
        self.dead: set[int] = set()
        self.replace = find_replace_color(registry) if color_maps else None
        self.store = ValueStore()
        inputs = [p.input for p in task.train] + [p.input for p in task.test]
        self.n = len(inputs)
        input_ids = np.array([self.store.add(g) for g in inputs], dtype=np.int64)
        self.target_ids = np.array([self.store.add(t) for t in targets], dtype=np.int64)
        self.targets = targets
        # States: value ids per example, cost, depth, parent state and operation index.
        self.ids = np.zeros((256, self.n), dtype=np.int64)
        self.cost = np.zeros(256)
        self.depth = np.zeros(256, dtype=np.int64)
        self.parent = np.full(256, -1, dtype=np.int64)
        self.op_of = np.full(256, -1, dtype=np.int64)
        self.count = 0
        self.index = HashIndex()
        self._add_states(input_ids[None, :], np.zeros(1), 0, np.array([-1]), -1)
        self.fits: list[Fit] = []
        self.frontier1: list[int] = []      # depth-1 states an operation may continue

    # values -------------------------------------------------------------------------------------------

    def _apply(self, k: int, vids: np.ndarray) -> np.ndarray:
        """The result ids (or FAILED) of operation k on the distinct value ids `vids`, memoised."""
        store = self.store
        results = store.memo.get(k, vids)
        unknown = results == UNKNOWN
        if not unknown.any():
            return results
        todo = vids[unknown]
        absent = self.absent[k]
        if absent is not None:
            lacking = ((store.palette(todo) >> absent[0]) & 1) == 0
            if lacking.any():
                skipped = todo[lacking]
                store.memo.put(k, skipped, skipped if absent[1] else np.full(skipped.shape[0], FAILED))
                self.stats.skipped += skipped.shape[0]
                todo = todo[~lacking]
        if todo.shape[0]:
            twin = self.twins[k]
            if twin is not None:
                out, shapes, ok, hashes = run_twin(twin, store.grids, store.shapes, todo)
                self.stats.compiled_calls += todo.shape[0]
            else:
                out, shapes, ok = self._call_python(self.ops[k], todo)
                hashes = None
                self.stats.python_calls += todo.shape[0]
            store.memo.put(k, todo, store.add_packed(out, shapes, ok, hashes))
            self.stats.failures += int(ok.shape[0] - np.count_nonzero(ok))
            rule = self.rules[k]
            if rule is not None and ok.any():
                wrong = (_predicted(rule, store.shapes[todo[ok]]) != shapes[ok]).any()
                if wrong:
                    # The probes misled: no more pruning by this rule in this task (only in this task:
                    # the shared probe cache must not make a task's result depend on the tasks before).
                    self.rules[k] = None
        return store.memo.get(k, vids)

    def _call_python(self, op: GridOp, vids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        out = np.empty((vids.shape[0], MAX_SIDE, MAX_SIDE), dtype=np.uint8)
        shapes = np.zeros((vids.shape[0], 2), dtype=np.int64)
        ok = np.zeros(vids.shape[0], dtype=np.bool_)
        for b, vid in enumerate(vids.tolist()):
            try:
                grid = op.call(self.store.grid(vid))
            except Exception:  # a primitive that raises rejects the candidate, never more
                continue
            if (type(grid) is np.ndarray and grid.ndim == 2 and grid.dtype == np.uint8
                    and 0 < grid.shape[0] <= MAX_SIDE and 0 < grid.shape[1] <= MAX_SIDE):
                out[b, :grid.shape[0], :grid.shape[1]] = grid
                shapes[b] = grid.shape
                ok[b] = True
        return out, shapes, ok

    def _results(self, k: int, rows: np.ndarray) -> np.ndarray:
        """Operation k on every example of the states `rows` (states x examples of value ids)."""
        vids, inverse = np.unique(rows, return_inverse=True)
        return self._apply(k, vids)[inverse.reshape(rows.shape)]

    # states -------------------------------------------------------------------------------------------

    def _add_states(self, rows: np.ndarray, costs: np.ndarray, depth: int, parents: np.ndarray,
                    op: int) -> np.ndarray:
        """Add the vectors `rows` not seen before (rows with a FAILED id are dropped): their
        positions in `rows` (in order) and their state numbers."""
        hashes = self.store.vector_hashes(rows)
        ok = hashes != 0
        state_ids, new = self.index.add(hashes, ok)
        fresh = np.flatnonzero(new)
        self.stats.duplicates += int(np.count_nonzero(ok)) - fresh.shape[0]
        if fresh.shape[0] == 0:
            return fresh, fresh
        needed = self.count + fresh.shape[0]
        if needed > self.ids.shape[0]:
            size = max(needed, 2 * self.ids.shape[0])
            self.ids = np.concatenate([self.ids, np.zeros((size - self.ids.shape[0], self.n), dtype=np.int64)])
            for name, fill in (("cost", 0.0), ("depth", 0), ("parent", -1), ("op_of", -1)):
                old = getattr(self, name)
                setattr(self, name, np.concatenate([old, np.full(size - old.shape[0], fill, dtype=old.dtype)]))
        where = state_ids[fresh]
        self.ids[where] = rows[fresh]
        self.cost[where] = costs[fresh]
        self.depth[where] = depth
        self.parent[where] = parents[fresh]
        self.op_of[where] = op
        self.count = needed
        if depth:
            self.stats.distinct += fresh.shape[0]
            self.stats.states_by_depth[depth] += fresh.shape[0]
        return fresh, where

    def _fitting(self, rows: np.ndarray, example: int | None = None) -> np.ndarray:
        """Which rows reach train output `example` (every train output when None), exactly or,
        when a color map may follow, up to one."""
        examples = range(self.n_train) if example is None else (example,)
        fits = np.ones(rows.shape[0], dtype=np.bool_)
        for e in examples:
            column = np.ascontiguousarray(rows[:, 0 if example is not None else e])
            reach = column == self.target_ids[e]
            if self.replace is not None:
                mappable = np.zeros(rows.shape[0], dtype=np.bool_)
                color_mappable(self.store.grids, self.store.shapes, column, self.targets[e], mappable)
                reach |= mappable
            fits &= reach
        return fits

    def _ops_of(self, state: int) -> tuple[GridOp, ...]:
        chain = []
        while self.op_of[state] >= 0:
            chain.append(self.ops[self.op_of[state]])
            state = self.parent[state]
        return tuple(reversed(chain))

    def _record(self, states: np.ndarray) -> None:
        for state in states.tolist():
            ops = self._ops_of(state)
            values = [self.store.grid(v) for v in self.ids[state].tolist()]
            fit = fitted_program([op.step(k) for k, op in enumerate(ops)], float(self.cost[state]), values,
                                 self.targets, self.replace, self.costs,
                                 "depth3" if self.depth[state] == 3 else "depth2")
            if fit is not None:
                if self.stats.first_fit_at is None:
                    self.stats.first_fit_at = self.stats.states
                if self.depth[state] == 3 and self.stats.depth3_first_fit is None:
                    self.stats.depth3_first_fit = self.stats.states - self.stats.depth3_from
                self.stats.fits += 1
                self.fits.append(fit)

    def pieces(self, limit: int) -> tuple[list[Piece], list[Piece]]:
        """(the states at the piece shapes on every example, and when those are one size, the
        depth-1 states of other sizes), each cheapest first, at most `limit`."""
        if self.piece_shapes is None:
            return [], []
        shapes = self.store.shapes[self.ids[1:self.count]]
        fitting = (shapes == self.piece_shapes[None]).all(axis=(1, 2))
        sized = 1 + np.flatnonzero(fitting)
        one_size = bool((self.piece_shapes == self.piece_shapes[0]).all())
        unsized = 1 + np.flatnonzero(~fitting & (self.depth[1:self.count] == 1)) if one_size else sized[:0]
        return self._as_pieces(sized, limit), self._as_pieces(unsized, limit)

    def _as_pieces(self, states: np.ndarray, limit: int) -> list[Piece]:
        states = states[np.argsort(self.cost[states], kind="stable")][:limit]
        return [Piece(tuple(self.store.grid(v) for v in self.ids[s].tolist()), int(self.depth[s]),
                      float(self.cost[s]), functools.partial(_ops_program, self._ops_of(s))) for s in states.tolist()]

    def states(self) -> Iterator[State]:
        """Every distinct state, the input first."""
        for state in range(self.count):
            yield State(tuple(self.store.grid(v) for v in self.ids[state].tolist()), int(self.depth[state]),
                        float(self.cost[state]), self._ops_of(state))

    # one operation on a batch of states ---------------------------------------------------------------

    def _viable(self, k: int, rows: np.ndarray) -> np.ndarray:
        """Which states' train shapes operation k's size rule maps to the train outputs' (all when unknown)."""
        rule = self.rules[k]
        if rule is None:
            return np.ones(rows.shape[0], dtype=np.bool_)
        shapes = self.store.shapes[rows[:, :self.n_train]]
        return (_predicted(rule, shapes) == self.target_shapes[None]).all(axis=(1, 2))

    def _extend(self, k: int, states: np.ndarray, depth: int, fit_search: bool) -> None:
        """Operation k on the given states: new states at `depth`; with `fit_search`, a new state
        fitting the train outputs is recorded (operations without a twin go example by example)."""
        rows = self.ids[states]
        self.stats.states += states.shape[0]
        if fit_search:
            # Example by example: a state is dropped at the first train output it can neither
            # reach nor match in size as a piece for composition.
            sized = np.full(states.shape[0], self.piece_shapes is not None)
            for e in range(self.n_train):
                if states.shape[0] == 0:
                    return
                column = self._results(k, rows[:, e:e + 1])
                done = column[:, 0] != FAILED
                if self.piece_shapes is not None:
                    sized &= done & (self.store.shapes[column[:, 0]] == self.piece_shapes[e]).all(axis=1)
                keep = (done & self._fitting(column, e)) | sized
                states, rows, sized = states[keep], rows[keep], sized[keep]
        if states.shape[0] == 0:
            return
        results = self._results(k, rows)
        fresh, numbers = self._add_states(results, self.cost[states] + self.ops[k].cost, depth, states, k)
        if fresh.shape[0]:
            fitting = self._fitting(results[fresh])
            if fitting.any():
                self._record(numbers[fitting])

    def _go(self, nodes: int) -> bool:
        """Spend `nodes` of the budget; False when it, or the store's room, is gone."""
        if self.store.count > _MAX_VALUES:
            self.clock.stopped = self.clock.stopped or "budget-memory"
            return False
        return self.clock.spend(nodes)

    def _final(self) -> list[int]:
        """Operations that may end a program."""
        return [k for k, op in enumerate(self.ops)
                if k not in self.dead and not (op.recolor and self.replace is not None)]

    # the layers ---------------------------------------------------------------------------------------

    def level1(self) -> bool:
        inputs = self.ids[:1]
        for k, op in enumerate(self.ops):
            if not self._go(1):
                return False
            self.stats.states += 1
            results = self._results(k, inputs)
            if (results == FAILED).any():
                if self.refuses_probes[k] and (results == FAILED).all():
                    self.dead.add(k)
                continue
            fresh, numbers = self._add_states(results, np.array([op.cost]), 1, np.array([0]), k)
            if fresh.shape[0] == 0:
                continue
            state = int(numbers[0])
            if not op.last_only:
                self.frontier1.append(state)
            if self._fitting(results)[0]:
                self._record(np.array([state]))
        self.stats.complete_depth = 1
        return True

    def level2(self) -> bool:
        """The depth-2 fit search: every final operation on every depth-1 state it may fit from."""
        states = np.array(sorted(self.frontier1, key=lambda s: self.cost[s]), dtype=np.int64)
        rows = self.ids[states]
        for k in self._final():
            viable = self._viable(k, rows)
            chosen = states[viable]
            self.stats.pruned += states.shape[0] - chosen.shape[0]
            if not self._go(chosen.shape[0]):
                return False
            if chosen.shape[0]:
                self._extend(k, chosen, 2, fit_search=True)
        self.stats.complete_depth = 2
        return True

    def level3(self) -> bool:
        """Depth-2 intermediates from compiled operations, then depth 3, cheapest chunks first."""
        states = np.array(sorted(self.frontier1, key=lambda s: self.cost[s]), dtype=np.int64)
        for k, op in enumerate(self.ops):
            if self.twins[k] is None or op.last_only or k in self.dead or states.shape[0] == 0:
                continue
            if not self._go(states.shape[0]):
                return False
            self._extend(k, states, 2, fit_search=False)
        middle = np.flatnonzero(self.depth[:self.count] == 2)
        middle = middle[[not self.ops[self.op_of[s]].last_only for s in middle.tolist()]]
        middle = middle[np.argsort(self._depth3_order(middle), kind="stable")]
        self.stats.depth3_from = self.stats.states
        final = self._final()
        for start in range(0, middle.shape[0], _CHUNK):
            chunk = middle[start:start + _CHUNK]
            rows = self.ids[chunk]
            for k in final:
                viable = self._viable(k, rows)
                chosen = chunk[viable]
                self.stats.pruned += chunk.shape[0] - chosen.shape[0]
                if not self._go(chosen.shape[0]):
                    return False
                if chosen.shape[0]:
                    self._extend(k, chosen, 3, fit_search=True)
        self.stats.complete_depth = 3
        return True

    def _depth3_order(self, middle: np.ndarray) -> np.ndarray:
        """The keys depth 3 takes the depth-2 states `middle` in: cost, plus the value term when weighted."""
        if self.value_weight <= 0 or middle.shape[0] == 0:
            return self.cost[middle]
        started = time.process_time()
        targets = [PairTarget(output, pair.input) for output, pair in zip(self.targets, self.task.train)]
        penalties = state_penalties(load_value_model(self.value_weights), self.store.grids, self.store.shapes,
                                    self.ids[middle, :self.n_train], targets)
        self.stats.value_seconds += time.process_time() - started
        return self.cost[middle] + self.value_weight * penalties


def _ops_program(ops: tuple[GridOp, ...]) -> Program:
    """The chain of operations as a program on the input."""
    return Program(tuple(op.step(k) for k, op in enumerate(ops)))


def enumerate_layers(task: Task, registry: Registry, costs: CostModel | Mapping[str, float] | None = None,
                     views: Sequence[View] = (IDENTITY,), cpu_seconds: float | None = None,
                     max_nodes: int | None = None, *, max_depth: int = 3, max_ints: int = 10,
                     max_combos: int = 512, color_maps: bool = True, max_candidates: int = 32,
                     probe_cache: dict | None = None, clock: Callable[[], float] = time.process_time,
                     piece_shapes: tuple | None = None, max_pieces: int = 20_000, value_weight: float = 0.0,
                     value_weights: str = "") -> LayersResult:
    """Programs of one to `max_depth` (at most 3) grid operations (plus a deduced color map)
    fitting the train pairs of `task`, on each view, verified on `task` itself.

    Depth 1 runs on every view first, then depth 2 view by view, then depth 3, all within one
    budget: `cpu_seconds` (process time) and `max_nodes` ((state, operation) pairs), None
    meaning no limit. Same contract as `enumerate_depth2`; test outputs are never read.
    With `piece_shapes` (a size per example, train then test), every state of the task itself
    (not of another view) at those sizes is returned as a piece for composition (cheapest first,
    at most `max_pieces`), and when they are one size, each depth-1 state of another size in
    `unsized` (to be embedded at that size). With `value_weight` > 0, depth 3 extends the depth-2
    states in order of cost plus that weight times the value model's -log p(on path) (the model
    in the JSON file `value_weights`, "" the bundled one)."""
    budget = Clock(cpu_seconds, max_nodes, clock)
    model = CostModel.of(costs, registry)
    cache: dict = {} if probe_cache is None else probe_cache
    runs: list[_LayerRun] = []
    levels = [_LayerRun.level1, _LayerRun.level2, _LayerRun.level3][:max(1, min(3, max_depth))]
    for number, level in enumerate(levels):
        if number == 0:
            for view in views:
                if not task.train:
                    break
                t0 = clock()
                run = _LayerRun(view.apply_task(task), view, registry, model, max_ints, max_combos, color_maps,
                                cache, budget, piece_shapes if view.is_identity else None, value_weight,
                                value_weights)
                runs.append(run)
                ok = run.level1()
                run.stats.cpu_seconds += clock() - t0
                if not ok:
                    break
        else:
            for run in runs:
                t0 = clock()
                ok = level(run)
                run.stats.cpu_seconds += clock() - t0
                if not ok:
                    break
        if budget.stopped:
            break
    candidates, votes, rejected = ranked_candidates(task, registry, [(r.view, r.fits) for r in runs], max_candidates,
                                                    budget.expired)
    for run, count in zip(runs, rejected):
        run.stats.rejected = count
    made = [run.pieces(max_pieces) for run in runs]
    return LayersResult(candidates, votes, [r.stats for r in runs], budget.stopped or "complete",
                        budget.elapsed, runs, [p for sized, _ in made for p in sized],
                        [p for _, unsized in made for p in unsized])
