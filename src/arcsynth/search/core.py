"""Best-first typed search over state vectors, with observational-equivalence dedupe.

A state is one value per example (every train input and every test input); applying a
primitive maps the whole vector. Candidates wait in a priority queue ordered by cost (the sum
of -log p(op) over the program's operations plus small constant costs) and are evaluated only
when popped, so states are produced in cost order and the first program that fits is the
cheapest. A popped candidate whose vector equals an earlier state's is dropped.

Expansion is bottom-up: when a state is accepted it fills, in turn, each argument position of
each primitive that takes its type; the other positions take constants deduced from the task
(colors present, small integers, directions, booleans, primitives as function values) or
earlier states from small per-type pools. Each argument combination is generated once, when
its last state is accepted.

The search never prints; it returns a SearchResult with statistics.
"""

from __future__ import annotations

import heapq
import itertools
import math
import time
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from arcsynth.budget import Budget
from arcsynth.dsl.registry import Primitive, Registry, default_registry
from arcsynth.dsl.types import BOOL, COLOR, DIRECTION, GRID, INT, DslType, is_fn
from arcsynth.errors import EvaluationError, ProgramError
from arcsynth.grid import Grid
from arcsynth.program.constants import constants_of_type
from arcsynth.program.guard import check_value
from arcsynth.program.interpreter import compile_program
from arcsynth.program.limits import Limits
from arcsynth.program.nodes import Const, Lit, PrimRef, Program
from arcsynth.program.text import print_program
from arcsynth.search.deduce import (TaskFacts, deduce_color_map, find_overlay, find_replace_color,
                                    order_replacements, task_facts)
from arcsynth.search.augment import augment_task, find_augmentations, wrap_program
from arcsynth.search.extract import node_program
from arcsynth.search.result import Candidate, SearchResult, SearchStats
from arcsynth.search.state import ConstArg, Node, fast_key
from arcsynth.task import Task

__all__ = ["SearchConfig", "search", "SEARCH_LIMITS"]

# Intermediate values stay within ARC's own sizes: this keeps states small and the search fast.
SEARCH_LIMITS = Limits(max_side=30, max_cells=20_000, max_items=64)


@dataclass(frozen=True)
class SearchConfig:
    """Knobs of the search (budgets come separately, as a Budget)."""

    max_depth: int = 6             # longest chain of calls from the input to a state
    partner_cap: int = 10          # states of one structural type (Grid, Objects...) used as partners
    value_partner_cap: int = 4     # computed Color/Int/... states used as partners
    max_combos: int = 48           # argument combinations per (state, primitive, position)
    const_cost: float = 1.0        # cost of a constant argument (plus a little per rank)
    shape_penalty: float = 1.5     # extra cost on a grid state whose size differs from the train outputs'
    color_maps: bool = True        # complete right-sized states with a deduced color map
    stacking: bool = True          # greedily overlay partial fits
    max_pieces: int = 3
    max_partials: int = 4000
    extra_after_solution: float = 0.5   # keep searching this share of the nodes spent, for alternatives
    min_extra_nodes: int = 1500
    max_solutions: int = 24
    reserve: float = 0.12          # share of the CPU budget kept for combination and verification
    check_every: int = 32
    augmentations: tuple[str, ...] = ("transpose",)   # searched in turn when the task itself is not solved
    augment_share: float = 0.35    # share of the budget kept for the augmentations
    augment_cost: float = 1.0      # added to the cost of a program found through an augmentation


class _TypeIds(dict):
    """DslType -> small int, assigned on first sight (cheaper to hash than the type)."""

    def __missing__(self, key: DslType) -> int:
        value = len(self)
        self[key] = value
        return value


def _cost_of(item: Node | ConstArg) -> float:
    return item.cost


class _Stop(Exception):
    pass


class _Expansion:
    """The (primitive, position) groups of one accepted state, queued one at a time in cost order."""

    __slots__ = ("node", "groups", "next")

    def __init__(self, node: Node) -> None:
        self.node = node
        self.groups: list | None = None
        self.next = 0


class _Group:
    """The argument combinations of one primitive with one state in one position, made lazily."""

    __slots__ = ("node", "prim", "position", "combos", "next")

    def __init__(self, node: Node, prim: Primitive, position: int) -> None:
        self.node = node
        self.prim = prim
        self.position = position
        self.combos: list | None = None
        self.next = 0


class _Search:
    def __init__(self, task: Task, registry: Registry, op_cost: Mapping[str, float], budget: Budget,
                 config: SearchConfig) -> None:
        self.task = task
        self.registry = registry
        self.config = config
        self.budget = budget
        self.op_cost = op_cost
        self.started = time.process_time()
        self.deadline = None if budget.cpu_seconds is None else self.started + budget.cpu_seconds * (1 - config.reserve)
        self.hard_deadline = None if budget.cpu_seconds is None else self.started + budget.cpu_seconds
        self.max_nodes = budget.max_nodes
        self.stats = SearchStats()
        self.inputs: tuple[Grid, ...] = tuple(p.input for p in task.train) + tuple(p.input for p in task.test)
        self.n = len(self.inputs)
        self.n_train = len(task.train)
        self.targets: tuple[Grid, ...] = tuple(p.output for p in task.train)
        self.target_shapes = tuple(t.shape for t in self.targets)
        self.train_cells = sum(t.size for t in self.targets)
        self.facts: TaskFacts = task_facts(task)
        self.replace = find_replace_color(registry) if config.color_maps else None
        self.overlay = find_overlay(registry) if config.stacking else None
        self.heap: list = []
        self.seq = 0
        self.nodes: list[Node] = []
        self.seen: dict[object, int] = {}
        self.pools: dict[DslType, list[Node]] = {}
        self.solutions: list[tuple[Node, str]] = []
        self.partials: list[tuple[Node, int, int]] = []   # (node, pairs exact, cells right)
        self.first_solution_at: int | None = None
        self.templates: dict[DslType, list] = {}
        self.type_ids = _TypeIds()
        self._build_tables()

    # ----- set-up -------------------------------------------------------------------------

    def _build_tables(self) -> None:
        registry = self.registry
        producible: set[DslType] = {GRID} | {p.return_type for p in registry.values()}
        const_types: dict[DslType, list[ConstArg]] = {}
        cc = self.config.const_cost
        colors = list(dict.fromkeys(self.facts.output_colors + self.facts.input_colors))
        const_types[COLOR] = [ConstArg(Lit(c), c, cc + 0.05 * rank, COLOR) for rank, c in enumerate(colors)]
        const_types[INT] = [ConstArg(Lit(i), i, cc + 0.05 * rank, INT) for rank, i in enumerate(self.facts.ints)]
        const_types[BOOL] = [ConstArg(Const(c.name), c.value, cc + 0.05 * rank, BOOL)
                             for rank, c in enumerate(constants_of_type(BOOL))]
        const_types[DIRECTION] = [ConstArg(Const(c.name), c.value, cc + 0.05 * rank, DIRECTION)
                                  for rank, c in enumerate(constants_of_type(DIRECTION))]
        arg_types = {t for p in registry.values() for t in p.arg_types}
        for t in sorted((t for t in arg_types if is_fn(t)), key=str):
            refs = [p for name, p in sorted(registry.items()) if p.type == t and p.arity > 0]
            refs.sort(key=lambda p: (self.op_cost[p.name], p.name))
            const_types[t] = [ConstArg(PrimRef(p.name), p.function, self.op_cost[p.name], t) for p in refs]
        self.constants = const_types
        usable: list[Primitive] = []
        for name in sorted(registry):
            prim = registry[name]
            if all(t in producible or const_types.get(t) for t in prim.arg_types):
                usable.append(prim)
        self.by_arg_type: dict[DslType, list[tuple[Primitive, int]]] = {}
        for prim in usable:
            for position, t in enumerate(prim.arg_types):
                self.by_arg_type.setdefault(t, []).append((prim, position))
        self.seed_prims = [p for p in usable if all(const_types.get(t) for t in p.arg_types)]
        # Constant vectors are known states: a computed state equal to one is a duplicate.
        for t, consts in const_types.items():
            if not is_fn(t):
                for const in consts:
                    self.seen.setdefault(self._key(t, [const.value] * self.n), -1)

    def _key(self, t: DslType, values: Sequence[object]) -> tuple:
        """The dedupe key of a value vector: a small id for the type and the values' content keys."""
        return (self.type_ids[t], tuple(fast_key(v) for v in values))

    # ----- the loop -----------------------------------------------------------------------

    def run(self) -> None:
        root = Node(0, GRID, self.inputs, self._key(GRID, self.inputs), 0.0, None, (), 0)
        self.seen[root.key] = 0
        self.nodes.append(root)
        self._accept(root)
        for prim in self.seed_prims:
            choices = [self.constants[t] for t in prim.arg_types]
            for combo in itertools.islice(itertools.product(*choices), self.config.max_combos):
                self._push(prim, combo)
        try:
            self._loop()
        except _Stop as stop:
            self.stats.stopped = str(stop)
        else:
            self.stats.stopped = "exhausted"

    def _push(self, prim: Primitive, args: tuple) -> None:
        cost = self.op_cost[prim.name]
        for arg in args:
            cost += arg.cost
        self.seq += 1
        heapq.heappush(self.heap, (cost, self.seq, prim, args))
        self.stats.pushed += 1

    def _check_budget(self) -> None:
        stats = self.stats
        if self.max_nodes is not None and stats.nodes >= self.max_nodes:
            raise _Stop("budget-nodes")
        if self.first_solution_at is not None:
            extra = max(self.config.min_extra_nodes, int(self.config.extra_after_solution * self.first_solution_at))
            if stats.nodes >= self.first_solution_at + extra or len(self.solutions) >= self.config.max_solutions:
                raise _Stop("solved")
        if self.deadline is not None and stats.nodes % self.config.check_every == 0:
            if time.process_time() >= self.deadline:
                raise _Stop("budget-cpu")

    def _loop(self) -> None:
        heap = self.heap
        stats = self.stats
        n = self.n
        n_train = self.n_train
        target_shapes = self.target_shapes
        shape_penalty = self.config.shape_penalty
        type_ids = {name: self.type_ids[prim.return_type] for name, prim in self.registry.items()}
        while heap:
            self._check_budget()
            entry = heapq.heappop(heap)
            cost, _, prim, args = entry[0], entry[1], entry[2], entry[3]
            if prim is None:
                self._next_of_expansion(args)
                continue
            if type(args) is _Group:
                picked = self._next_of_group(args, cost)
                if picked is None:
                    continue
                cost, args = picked
            stats.nodes += 1
            values = self._evaluate(prim, args, n)
            if values is None:
                stats.failures += 1
                continue
            key = (type_ids[prim.name], tuple([fast_key(v) for v in values]))
            if key in self.seen:
                stats.duplicates += 1
                continue
            depth = 1 + max((a.depth for a in args if type(a) is Node), default=0)
            if shape_penalty and prim.return_type is GRID and any(
                    values[i].shape != target_shapes[i] for i in range(n_train)):
                cost += shape_penalty   # its descendants pay for a state of the wrong size
            node = Node(len(self.nodes), prim.return_type, values, key, cost, prim.name, args, depth)
            self.seen[key] = node.index
            self.nodes.append(node)
            stats.accepted += 1
            if cost > stats.max_cost:
                stats.max_cost = cost
            if depth > stats.max_depth:
                stats.max_depth = depth
            self._accept(node)

    def _next_of_expansion(self, expansion: "_Expansion") -> None:
        """Queue the node's next (primitive, position) group; the expansion goes back for the rest."""
        groups = self._template(expansion.node.type)
        base = expansion.node.cost
        if expansion.next >= len(groups):
            return
        bound, prim, position = groups[expansion.next]
        expansion.next += 1
        self.seq += 1
        heapq.heappush(self.heap, (base + bound, self.seq, prim, _Group(expansion.node, prim, position)))
        self.stats.pushed += 1
        if expansion.next < len(groups):
            self.seq += 1
            heapq.heappush(self.heap, (base + groups[expansion.next][0], self.seq, None, expansion))

    def _next_of_group(self, group: "_Group", popped_cost: float) -> tuple[float, tuple] | None:
        """The group's next argument combination; the group goes back in the queue for the rest."""
        if group.combos is None:
            group.combos = self._materialize(group)
            if group.combos and group.combos[0][0] > popped_cost + 1e-9:
                # The bound was loose (a partner state costs more than assumed): wait for its turn.
                self.seq += 1
                heapq.heappush(self.heap, (group.combos[0][0], self.seq, group.prim, group))
                return None
        combos = group.combos
        if group.next >= len(combos):
            return None
        picked = combos[group.next]
        group.next += 1
        if group.next < len(combos):
            self.seq += 1
            heapq.heappush(self.heap, (combos[group.next][0], self.seq, group.prim, group))
        return picked

    def _materialize(self, group: "_Group") -> list[tuple[float, tuple]]:
        node, prim, position = group.node, group.prim, group.position
        choices = []
        for k, arg_type in enumerate(prim.arg_types):
            if k == position:
                choices.append((node,))
                continue
            options: list = list(self.constants.get(arg_type, ()))
            limit = node.index if k < position else node.index + 1
            options.extend(p for p in self.pools.get(arg_type, ()) if p.index < limit)
            options.sort(key=_cost_of)
            choices.append(options)
        base = self.op_cost[prim.name]
        return [(base + cost, combo) for cost, combo in cheapest_combinations(choices, self.config.max_combos)]

    def _evaluate(self, prim: Primitive, args: tuple, n: int) -> tuple | None:
        function = prim.function
        is_grid = prim.return_type is GRID
        out = []
        try:
            for i in range(n):
                value = function(*[a.values[i] if type(a) is Node else a.value for a in args])
                if is_grid:
                    if type(value) is not np.ndarray or value.ndim != 2 or not (
                            0 < value.shape[0] <= 30 and 0 < value.shape[1] <= 30):
                        return None
                elif type(value) is not int and type(value) is not bool:
                    check_value(value, SEARCH_LIMITS, prim.name)
                out.append(value)
        except Exception:  # a primitive that raises rejects the candidate, never more
            return None
        return tuple(out)

    # ----- accepting a state ----------------------------------------------------------------

    def _accept(self, node: Node) -> None:
        t = node.type
        by_type = self.stats.by_type
        key = str(t)
        by_type[key] = by_type.get(key, 0) + 1
        if t == GRID:
            self._check_grid(node)
        pool = self.pools.setdefault(t, [])
        cap = self.config.value_partner_cap if t in self.constants else self.config.partner_cap
        if len(pool) < cap:
            pool.append(node)
        if node.depth >= self.config.max_depth or t not in self.by_arg_type:
            return
        self.seq += 1
        heapq.heappush(self.heap, (node.cost, self.seq, None, _Expansion(node)))

    def _template(self, t: DslType) -> list[tuple[float, Primitive, int]]:
        """Every (primitive, position) a state of type `t` can fill, with a lower bound of the
        extra cost of its cheapest combination (the state's own cost comes on top), sorted."""
        template = self.templates.get(t)
        if template is None:
            template = []
            for prim, position in self.by_arg_type.get(t, ()):
                bound = self.op_cost[prim.name]
                for k, arg_type in enumerate(prim.arg_types):
                    if k != position and self.constants.get(arg_type):
                        bound += self.constants[arg_type][0].cost
                template.append((bound, prim, position))
            template.sort(key=lambda g: g[0])
            self.templates[t] = template
        return template

    def _check_grid(self, node: Node) -> None:
        values = node.values
        nt = self.n_train
        if any(values[i].shape != self.target_shapes[i] for i in range(nt)):
            exact = sum(1 for i in range(nt) if values[i].shape == self.target_shapes[i]
                        and np.array_equal(values[i], self.targets[i]))
            if exact:
                self._add_partial(node, exact, 0)
            return
        right = [int(np.count_nonzero(values[i] == self.targets[i])) for i in range(nt)]
        exact = sum(1 for i in range(nt) if right[i] == self.targets[i].size)
        if exact == nt:
            if node.prim is not None:
                self._add_solution(node, "enumeration")
            return
        self._add_partial(node, exact, sum(right))
        if self.replace is not None:
            self._try_color_map(node)

    def _add_solution(self, node: Node, origin: str) -> None:
        self.solutions.append((node, origin))
        self.stats.solutions += 1
        if self.first_solution_at is None:
            self.first_solution_at = self.stats.nodes

    def _add_partial(self, node: Node, exact: int, right: int) -> None:
        if len(self.partials) < self.config.max_partials:
            self.partials.append((node, exact, right))
            self.stats.partials += 1

    def _try_color_map(self, node: Node) -> None:
        nt = self.n_train
        mapping = deduce_color_map(node.values[:nt], self.targets)
        if mapping is None:
            return
        used = set()
        for value in node.values:
            used.update(np.unique(value).tolist())
        used.update(mapping.values())
        free = [c for c in range(10) if c not in used]
        steps = order_replacements(mapping, free)
        if not steps:
            return
        current = node
        for source, dest in steps:
            args = (current, ConstArg(Lit(source), source, self.config.const_cost, COLOR),
                    ConstArg(Lit(dest), dest, self.config.const_cost, COLOR))
            values = self._evaluate(self.replace, args, self.n)
            if values is None:
                return
            cost = current.cost + self.op_cost[self.replace.name] + 2 * self.config.const_cost
            current = Node(-1, GRID, values, None, cost, self.replace.name, args, current.depth + 1)
        if all(np.array_equal(current.values[i], self.targets[i]) for i in range(nt)):
            self._add_solution(current, "color-map")

    # ----- combination ------------------------------------------------------------------------

    def stack(self) -> None:
        """Greedy stacking: overlay right-sized partial fits until every train cell is right."""
        if self.overlay is None or self.solutions:
            return
        sized = [(node, right) for node, exact, right in self.partials if right > 0]
        if len(sized) < 2:
            return
        nt = self.n_train
        target = np.concatenate([t.ravel() for t in self.targets])
        pieces = np.stack([np.concatenate([node.values[i].ravel() for i in range(nt)]) for node, _ in sized])
        nonzero = pieces != 0
        good = nonzero & (pieces == target)
        bad = nonzero & (pieces != target)
        order = sorted(range(len(sized)), key=lambda k: (-sized[k][1], sized[k][0].cost, sized[k][0].index))
        for base_index in order[:4]:
            if self.hard_deadline is not None and time.process_time() >= self.hard_deadline:
                return
            current = pieces[base_index]
            chosen: list[int] = []
            for _ in range(self.config.max_pieces):
                ok = current == target
                gain = (good & ~ok).sum(axis=1) - (bad & ok).sum(axis=1)
                best = int(np.argmax(gain))
                if gain[best] <= 0:
                    break
                chosen.append(best)
                current = np.where(nonzero[best], pieces[best], current)
                if np.array_equal(current, target):
                    break
            if chosen and np.array_equal(current, target):
                node = sized[base_index][0]
                for k in chosen:
                    node = self._overlay_node(node, sized[k][0])
                    if node is None:
                        break
                if node is not None and all(np.array_equal(node.values[i], self.targets[i]) for i in range(nt)):
                    self._add_solution(node, "stacking")
                    return

    def _overlay_node(self, bottom: Node, top: Node) -> Node | None:
        overlay = self.overlay
        args = (top, bottom) if overlay.top_first else (bottom, top)
        values = self._evaluate(overlay.prim, args, self.n)
        if values is None:
            return None
        cost = bottom.cost + top.cost + self.op_cost[overlay.prim.name]
        return Node(-1, GRID, values, None, cost, overlay.prim.name, args, max(bottom.depth, top.depth) + 1)

    # ----- results ------------------------------------------------------------------------------

    def candidates(self, max_partial_candidates: int = 6) -> list[Candidate]:
        out: list[Candidate] = []
        seen_text: set[str] = set()
        chosen: list[tuple[Node, str]] = list(self.solutions)
        if not any(True for _ in self.solutions):
            partial = sorted(self.partials, key=lambda p: (-p[1], -p[2], p[0].cost, p[0].index))
            chosen.extend((node, "partial") for node, _, _ in partial[:max_partial_candidates])
        for node, origin in chosen:
            candidate = self._verify(node, origin)
            if candidate is not None and candidate.text not in seen_text:
                seen_text.add(candidate.text)
                out.append(candidate)
        out.sort(key=Candidate.rank_key)
        return out

    def _verify(self, node: Node, origin: str) -> Candidate | None:
        return verify_program(node_program(node), self.task, self.registry, node.cost, origin, self.facts)


def verify_program(program: Program, task: Task, registry: Registry, cost: float, origin: str,
                   facts: TaskFacts | None = None) -> Candidate | None:
    """Run `program` with the real interpreter on the task and score it on the train pairs;
    None when it is empty, ill-typed or fails on some input."""
    if not program.steps:
        return None
    try:
        compiled = compile_program(program, registry)
        train_out = [compiled.run(p.input) for p in task.train]
        predictions = tuple(compiled.run(p.input) for p in task.test)
    except ProgramError:
        return None
    targets = [p.output for p in task.train]
    solved = sum(1 for out, target in zip(train_out, targets)
                 if out.shape == target.shape and np.array_equal(out, target))
    right = sum(int(np.count_nonzero(out == target)) for out, target in zip(train_out, targets)
                if out.shape == target.shape)
    cells = sum(t.size for t in targets)
    facts = task_facts(task) if facts is None else facts
    expected = facts.test_shapes
    shape_ok = expected is None or all(p.shape == e for p, e in zip(predictions, expected))
    return Candidate(program, print_program(program), predictions, solved, len(targets), cost,
                     origin, right / max(1, cells), shape_ok)


def cheapest_combinations(choices: Sequence[Sequence], k: int) -> list[tuple[float, tuple]]:
    """The k cheapest picks of one item per list (each list sorted by `.cost`), cheapest first.

    Ties keep the order of a lexicographic walk, so the result is deterministic.
    """
    if any(not options for options in choices):
        return []
    varying = [position for position, options in enumerate(choices) if len(options) > 1]
    if len(varying) <= 1:
        fixed = sum(options[0].cost for options in choices)
        if not varying:
            return [(fixed, tuple(options[0] for options in choices))]
        position = varying[0]
        options = choices[position]
        base = fixed - options[0].cost
        out = []
        for item in sorted(options, key=lambda o: o.cost)[:k]:
            combo = tuple(item if p == position else o[0] for p, o in enumerate(choices))
            out.append((base + item.cost, combo))
        return out
    first = tuple(0 for _ in choices)
    start = sum(options[0].cost for options in choices)
    frontier = [(start, first)]
    seen = {first}
    out: list[tuple[float, tuple]] = []
    while frontier and len(out) < k:
        cost, picks = heapq.heappop(frontier)
        out.append((cost, tuple(options[i] for options, i in zip(choices, picks))))
        for position, options in enumerate(choices):
            following = picks[position] + 1
            if following < len(options):
                nxt = picks[:position] + (following,) + picks[position + 1:]
                if nxt not in seen:
                    seen.add(nxt)
                    heapq.heappush(frontier, (cost - options[picks[position]].cost + options[following].cost, nxt))
    return out


def search(task: Task, budget: Budget, op_cost: Mapping[str, float] | None = None,
           registry: Registry | None = None, config: SearchConfig | None = None) -> SearchResult:
    """Search programs for `task` within `budget`; candidates ranked best first.

    `op_cost` maps each primitive name to its cost (-log p(op | task)); missing: uniform.
    The task as given is searched first; when that finds no program fitting every train pair
    and budget remains, the task seen through each augmentation of `config.augmentations` is
    searched with an equal share of what is left, and its programs are mapped back.
    Deterministic when the budget has only a node limit.
    """
    registry = default_registry() if registry is None else registry
    config = SearchConfig() if config is None else config
    if op_cost is None:
        uniform = math.log(max(1, len(registry)))
        op_cost = {name: uniform for name in registry}
    if not task.train:
        return SearchResult((), SearchStats(stopped="no-train-pairs"))
    started = time.process_time()
    augmentations = find_augmentations(registry, config.augmentations) if config.augmentations else []
    share = (1.0 - config.augment_share) if augmentations else 1.0
    first_budget = Budget(None if budget.cpu_seconds is None else budget.cpu_seconds * share,
                          None if budget.max_nodes is None else max(1, int(budget.max_nodes * share)))
    engine = _Search(task, registry, op_cost, first_budget, config)
    engine.run()
    engine.stack()
    candidates = engine.candidates()
    stats = engine.stats
    solved = any(c.fits_all for c in candidates)
    runs = [{"augmentation": "none", "nodes": stats.nodes, "solved": solved}]
    for number, augmentation in enumerate(augmentations):
        if solved:
            break
        left = len(augmentations) - number
        cpu = None
        if budget.cpu_seconds is not None:
            cpu = (budget.cpu_seconds - (time.process_time() - started)) / left
            if cpu <= 0.02:
                break
        nodes = None
        if budget.max_nodes is not None:
            nodes = (budget.max_nodes - stats.nodes) // left
            if nodes <= 0:
                break
        other = _Search(augment_task(task, augmentation), registry, op_cost, Budget(cpu, nodes), config)
        other.run()
        other.stack()
        for node, origin in other.solutions or [(n, "partial") for n, _, _ in sorted(
                other.partials, key=lambda p: (-p[1], -p[2], p[0].cost, p[0].index))[:3]]:
            if node.prim is None:
                continue   # the transformed input itself: the identity, not a program
            program = wrap_program(node_program(node), augmentation)
            candidate = verify_program(program, task, registry, node.cost + config.augment_cost,
                                       f"{origin}~{augmentation.name}", engine.facts)
            if candidate is not None:
                candidates.append(candidate)
        solved = any(c.fits_all for c in candidates)
        stats.nodes += other.stats.nodes
        stats.accepted += other.stats.accepted
        stats.duplicates += other.stats.duplicates
        stats.failures += other.stats.failures
        stats.pushed += other.stats.pushed
        stats.solutions += other.stats.solutions
        runs.append({"augmentation": augmentation.name, "nodes": other.stats.nodes, "solved": solved})
    unique: dict[str, Candidate] = {}
    for candidate in sorted(candidates, key=Candidate.rank_key):
        unique.setdefault(candidate.text, candidate)
    stats.runs = runs
    stats.cpu_seconds = time.process_time() - started
    return SearchResult(tuple(unique.values()), stats)
