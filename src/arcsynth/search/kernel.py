"""The search kernel: best-first over state vectors, with interned values and memoised calls.

A state is one value per example (every train input and every test input); applying a
primitive maps the whole vector. Candidates wait in a priority queue ordered by cost (the
task's CostModel: operations, constant arguments, optionally operation-given-producer) and
are evaluated only when popped, so states come in cost order and the first program that
fits is the cheapest.

What makes a state cheap:
- every per-example value is interned once (an integer id per distinct content), so a state
  is keyed by a tuple of ids and observational-equivalence dedupe is a set look-up;
- a primitive's result is memoised per example and argument ids: a sub-call seen before, in
  any state, costs one dictionary look-up, and a call that failed before on the same
  arguments fails again without running (the candidate is skipped at once);
- partner pools hold every state of a type, sorted by cost; an argument combination is made
  once, when its last state is accepted, in cost order (the cheapest MAX_COMBOS).

Completers (color map, stacking, views) plug in around the kernel; it never prints.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import time
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import numpy as np

from arcsynth.budget import Budget
from arcsynth.dsl.registry import Primitive, Registry
from arcsynth.dsl.types import BOOL, COLOR, DIRECTION, GRID, INT, OBJECTS, DslType, is_fn
from arcsynth.grid import Grid
from arcsynth.program.constants import constants_of_type
from arcsynth.program.guard import check_value
from arcsynth.program.limits import Limits
from arcsynth.program.nodes import Const, Lit, PrimRef
from arcsynth.search.cost import CostModel, constant_kind
from arcsynth.search.deduce import TaskFacts, task_facts
from arcsynth.search.depth2 import SizeRule, predict_size
from arcsynth.search.result import SearchStats
from arcsynth.search.grid_policy import GridPolicyScorer, load_grid_policy_model
from arcsynth.search.policy import PolicyScorer, load_policy_model
from arcsynth.search.state import ConstArg, Node, fast_key
from arcsynth.search.value import StateScorer, load_value_model
from arcsynth.task import Task

__all__ = ["KernelConfig", "Kernel", "SEARCH_LIMITS", "COMPLETER_NODES", "cheapest_combinations"]

# Intermediate values stay within ARC's own sizes; a noisy 30x30 grid has up to 900 objects.
SEARCH_LIMITS = Limits(max_side=30, max_cells=40_000, max_items=1024)

_FAILED = -1      # memo entry of a call that raised or broke the limits
# Nodes the completers may add past the node budget (a stack's few overlays once the loop has
# stopped); beyond it `apply` refuses, as it does past the CPU budget.
COMPLETER_NODES = 64
# Knobs no run ever changed (they were SearchConfig fields).
MAX_COMBOS = 48            # argument combinations per (state, primitive, position)
SHAPE_PENALTY = 1.5        # extra cost on a grid state whose size cannot lead to the outputs' (see _size_can_lead)
MAX_PARTIALS = 4000        # partial fits kept for the completers
MAX_SOLUTIONS = 24         # solutions after which the kernel stops
RESERVE = 0.12             # share of the CPU budget the loop leaves for combination and verification
MAX_MEMO = 4_000_000       # memo entries kept (memory bound); later calls are not memoised
CHECK_EVERY = 32           # nodes between two readings of the CPU clock


@dataclass(frozen=True)
class KernelConfig:
    """Knobs of the best-first kernel (budgets come separately, as a Budget)."""

    max_depth: int = 6             # longest chain of calls from the input to a state
    extra_after_solution: float = 0.5   # keep searching this share of the nodes spent, for alternatives
    min_extra_nodes: int = 1500
    value_weight: float = 6.0      # > 0: a new grid state costs this times -log p(on path) of the value model
                                   # (value.py); 6 found the most in bench/results/value-2026-11-30.md; 0: off
    value_weights: str = ""        # the value model's JSON file ("": the one shipped in the package)
    # The policy over grid states (policy.py, issue 16): expanding a grid state with an operation costs
    # policy_weight times how much less likely the state makes that operation than it is anywhere.
    # 1 with the policy of the state rounds' first round: held-out fold +2 at `tiny` and `low`, no
    # task lost (bench/results/state-rounds-2026-12-07.md); 0: off.
    policy_weight: float = 1.0
    policy_weights: str = ""       # the policy's JSON file ("": the one of its kind shipped in the package)
    policy_kind: str = "linear"    # "linear": policy.py's regression on 21 averaged features; "grid":
                                   # grid_policy.py's network over each example's grids (slower per state)
    # A grid state of another size than the outputs: a one-argument operation whose size rule (read
    # from probes) maps its sizes to the outputs' on every train pair costs this share less there
    # (0: off). 0.75: +0.9 points on training at `tiny`, -0.9 on evaluation, so off
    # (bench/results/size-discount-2026-12-07.md).
    size_step_discount: float = 0.0


class _TypeIds(dict):
    """DslType -> small int, assigned on first sight (cheaper to hash than the type)."""

    def __missing__(self, key: DslType) -> int:
        value = len(self)
        self[key] = value
        return value


class _Stop(Exception):
    pass


class _Expansion:
    """The (primitive, position) groups of one accepted state, queued one at a time in cost order."""

    __slots__ = ("node", "next", "groups", "order", "bounds", "extras")

    def __init__(self, node: Node) -> None:
        self.node = node
        self.next = 0
        self.groups: list | None = None        # the type's template, set when first popped
        self.order: np.ndarray | None = None   # re-priced for this state: its order of the groups
        self.bounds: np.ndarray | None = None  # ... their bounds (the policy's and the discount's terms included)
        self.extras: np.ndarray | None = None  # ... and what the discount takes off each group's cost (<= 0)

    def group(self, k: int) -> tuple[float, Primitive, int, float]:
        """The k-th (bound, primitive, position, cost change) in this state's order."""
        if self.order is None:
            bound, prim, position = self.groups[k]
            return bound, prim, position, 0.0
        j = self.order[k]
        _, prim, position = self.groups[j]
        return float(self.bounds[j]), prim, position, 0.0 if self.extras is None else float(self.extras[j])


class _Group:
    """The argument combinations of one primitive with one state in one position, made lazily."""

    __slots__ = ("node", "prim", "position", "extra", "combos", "next")

    def __init__(self, node: Node, prim: Primitive, position: int, extra: float = 0.0) -> None:
        self.node = node
        self.prim = prim
        self.position = position
        self.extra = extra          # added to every combination's cost (the size discount, <= 0)
        self.combos: list | None = None
        self.next = 0


def _pool_order(node: Node) -> tuple[float, int]:
    return (node.cost, node.index)


class Kernel:
    """One best-first search of one task: frontier, dedupe, evaluation, budgets.

    `on_grid(node)` is called for every new grid state (the completers' hook); it may call
    `add_solution` and `add_partial`.
    """

    def __init__(self, task: Task, registry: Registry, costs: CostModel, budget: Budget,
                 config: KernelConfig, facts: TaskFacts | None = None,
                 size_rules: Mapping[str, SizeRule] | None = None) -> None:
        self.task = task
        self.registry = registry
        self.config = config
        self.costs = costs
        self.op_cost = costs.op
        self.started = time.process_time()
        cpu = budget.cpu_seconds
        self.deadline = None if cpu is None else self.started + cpu * (1 - RESERVE)
        self.hard_deadline = None if cpu is None else self.started + cpu
        self.next_clock_check = 0      # the node count at which the clock is read next
        self.max_nodes = budget.max_nodes
        self.stats = SearchStats()
        self.inputs: tuple[Grid, ...] = tuple(p.input for p in task.train) + tuple(p.input for p in task.test)
        self.n = len(self.inputs)
        self.n_train = len(task.train)
        self.targets: tuple[Grid, ...] = tuple(p.output for p in task.train)
        self.target_shapes = tuple(t.shape for t in self.targets)
        self.facts: TaskFacts = task_facts(task) if facts is None else facts
        self.heap: list = []
        self.seq = 0
        self.nodes: list[Node] = []
        self.seen: set[tuple] = set()
        self.pools: dict[DslType, list[Node]] = {}
        self.solutions: list[tuple[Node, str]] = []
        self.partials: list[tuple[Node, int, int]] = []   # (node, pairs exact, cells right)
        self.templates: dict[DslType, list] = {}
        self.type_ids = _TypeIds()
        self.value_ids: dict[object, int] = {}    # content key -> id (shared by all examples)
        self.memo: dict[tuple, int] = {}          # (primitive index, example, argument ids...) -> id or _FAILED
        self.values: list[object] = []            # id -> value
        self.prim_index = {name: k for k, name in enumerate(sorted(registry))}
        self.on_grid: Callable[[Node], None] | None = None      # completers' hooks on new states
        self.on_objects: Callable[[Node], None] | None = None
        self.value: StateScorer | None = None     # the value term of a new grid state's cost
        if config.value_weight > 0:
            self.value = StateScorer(load_value_model(config.value_weights), config.value_weight, self.targets,
                                     self.inputs[:self.n_train])
        self.policy: PolicyScorer | GridPolicyScorer | None = None   # the policy term of a grid state's expansions
        self.policy_columns: np.ndarray | None = None   # the policy's column of each op of the grid template
        self.grid_bounds: np.ndarray | None = None      # the grid template's bounds
        # One-argument grid operations' size rules, for the size discount (empty: off).
        self.size_rules: Mapping[str, SizeRule] = size_rules if config.size_step_discount > 0 and size_rules else {}
        self.size_extras: dict[tuple, np.ndarray | None] = {}   # train sizes -> the discount per grid group
        if config.policy_weight > 0:
            if config.policy_kind == "grid":
                self.policy = GridPolicyScorer(load_grid_policy_model(config.policy_weights), config.policy_weight,
                                               self.targets, self.inputs[:self.n_train])
            elif config.policy_kind == "linear":
                self.policy = PolicyScorer(load_policy_model(config.policy_weights), config.policy_weight,
                                           self.targets, self.inputs[:self.n_train])
            else:
                raise ValueError(f"KernelConfig.policy_kind {config.policy_kind!r}: expected 'linear' or 'grid'")
            if self.value is not None:
                self.value.shared = self.policy.shared   # the value term's features serve the policy too
        self._build_tables()

    # ----- set-up -------------------------------------------------------------------------

    def _constant(self, arg, value: object, t: DslType, rank: int) -> ConstArg:
        cost = self.costs.constant_cost(constant_kind(str(t)), value, rank)
        const = ConstArg(arg, value, cost, t)
        const.id = -2 - len(self._const_ids)   # negative ids never clash with interned values
        self._const_ids.append(const)
        return const

    def _build_tables(self) -> None:
        registry = self.registry
        self._const_ids: list[ConstArg] = []
        producible: set[DslType] = {GRID} | {p.return_type for p in registry.values()}
        const_types: dict[DslType, list[ConstArg]] = {}
        colors = list(dict.fromkeys(self.facts.output_colors + self.facts.input_colors))
        const_types[COLOR] = [self._constant(Lit(c), c, COLOR, rank) for rank, c in enumerate(colors)]
        const_types[INT] = [self._constant(Lit(i), i, INT, rank) for rank, i in enumerate(self.facts.ints)]
        const_types[BOOL] = [self._constant(Const(c.name), c.value, BOOL, rank)
                             for rank, c in enumerate(constants_of_type(BOOL))]
        const_types[DIRECTION] = [self._constant(Const(c.name), c.value, DIRECTION, rank)
                                  for rank, c in enumerate(constants_of_type(DIRECTION))]
        arg_types = {t for p in registry.values() for t in p.arg_types}
        for t in sorted((t for t in arg_types if is_fn(t)), key=str):
            refs = [p for name, p in sorted(registry.items()) if p.type == t and p.arity > 0]
            refs.sort(key=lambda p: (self.op_cost[p.name], p.name))
            consts = []
            for p in refs:
                const = ConstArg(PrimRef(p.name), p.function, self.op_cost[p.name], t)
                const.id = -2 - len(self._const_ids)
                self._const_ids.append(const)
                consts.append(const)
            const_types[t] = consts
        for consts in const_types.values():
            consts.sort(key=lambda c: c.cost)
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
                    value_id = self.intern(const.value)
                    self.seen.add((self.type_ids[t], (value_id,) * self.n))

    def intern(self, value: object) -> int:
        """The id of `value`'s content (a new id the first time it is seen)."""
        key = fast_key(value)
        value_id = self.value_ids.get(key)
        if value_id is None:
            value_id = len(self.values)
            self.value_ids[key] = value_id
            self.values.append(value)
        return value_id

    # ----- the loop -----------------------------------------------------------------------

    def run(self) -> None:
        """Search until a budget is spent, the queue is empty or enough solutions are found."""
        ids = tuple(self.intern(v) for v in self.inputs)
        root = Node(0, GRID, self.inputs, (self.type_ids[GRID], ids), 0.0, None, (), 0)
        root.ids = ids
        self.seen.add(root.key)
        self.nodes.append(root)
        self._accept(root)
        for prim in self.seed_prims:
            choices = [self.constants[t] for t in prim.arg_types]
            for combo in itertools.islice(itertools.product(*choices), MAX_COMBOS):
                self._push(prim, combo)
        self._run_loop()

    def _run_loop(self) -> None:
        """The loop until a budget or the queue ends it; `stats.stopped` says which."""
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
        first = stats.first_fit_nodes
        if first is not None:
            extra = max(self.config.min_extra_nodes, int(self.config.extra_after_solution * first))
            if stats.nodes >= first + extra or len(self.solutions) >= MAX_SOLUTIONS:
                raise _Stop("solved")
        # By count since the last reading, not by multiples: completers add many nodes per pop.
        if self.deadline is not None and stats.nodes >= self.next_clock_check:
            self.next_clock_check = stats.nodes + CHECK_EVERY
            if time.process_time() >= self.deadline:
                raise _Stop("budget-cpu")

    def _loop(self) -> None:
        heap = self.heap
        stats = self.stats
        n_train = self.n_train
        target_shapes = self.target_shapes
        value = self.value
        type_ids = {name: self.type_ids[prim.return_type] for name, prim in self.registry.items()}
        seen = self.seen
        while heap:
            self._check_budget()
            cost, _, prim, args = heapq.heappop(heap)
            if prim is None:
                self._next_of_expansion(args)
                continue
            if type(args) is _Group:
                picked = self._next_of_group(args, cost)
                if picked is None:
                    continue
                cost, args = picked
            stats.nodes += 1
            evaluated = self._evaluate(prim, args)
            if evaluated is None:
                stats.failures += 1
                continue
            values, ids = evaluated
            key = (type_ids[prim.name], ids)
            if key in seen:
                stats.duplicates += 1
                continue
            depth = 1 + max((a.depth for a in args if type(a) is Node), default=0)
            if prim.return_type is GRID and not self._size_can_lead(values):
                cost += SHAPE_PENALTY   # its descendants pay for a state of the wrong size
            if value is not None and prim.return_type is GRID:
                cost += value(values, ids)   # and for one that looks far from the outputs
            node = Node(len(self.nodes), prim.return_type, values, key, cost, prim.name, args, depth)
            node.ids = ids
            seen.add(key)
            self.nodes.append(node)
            stats.accepted += 1
            if cost > stats.max_cost:
                stats.max_cost = cost
            if depth > stats.max_depth:
                stats.max_depth = depth
            self._accept(node)

    def _next_of_expansion(self, expansion: _Expansion) -> None:
        """Queue the node's next (primitive, position) group; the expansion goes back for the rest."""
        groups = expansion.groups
        if groups is None:
            groups = expansion.groups = self._template(expansion.node.type)
            if (self.policy is not None or self.size_rules) and expansion.node.type is GRID and groups:
                self._reprice(expansion)
        base = expansion.node.cost
        if expansion.next >= len(groups):
            return
        bound, prim, position, extra = expansion.group(expansion.next)
        expansion.next += 1
        self.seq += 1
        heapq.heappush(self.heap, (base + bound, self.seq, prim, _Group(expansion.node, prim, position, extra)))
        self.stats.pushed += 1
        if expansion.next < len(groups):
            self.seq += 1
            heapq.heappush(self.heap, (base + expansion.group(expansion.next)[0], self.seq, None, expansion))

    def _next_of_group(self, group: _Group, popped_cost: float) -> tuple[float, tuple] | None:
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

    def _materialize(self, group: _Group) -> list[tuple[float, tuple]]:
        node, prim, position = group.node, group.prim, group.position
        k = MAX_COMBOS
        choices = []
        for slot, arg_type in enumerate(prim.arg_types):
            if slot == position:
                choices.append((node,))
                continue
            # Partners made before this state (or this state itself, after its position):
            # each combination is made once, when its last state is accepted.
            limit = node.index if slot < position else node.index + 1
            partners = [p for p in itertools.islice((p for p in self.pools.get(arg_type, ()) if p.index < limit), k)]
            options = sorted(list(self.constants.get(arg_type, ())[:k]) + partners, key=_cost_of)
            choices.append(options)
        base = self.op_cost[prim.name] + group.extra
        costs = self.costs
        out = []
        for cost, combo in cheapest_combinations(choices, k):
            if costs.conditional:
                cost += sum(costs.conditional_cost(a.prim, prim.name) for a in combo if type(a) is Node)
            out.append((base + cost, combo))
        if costs.conditional:
            out.sort(key=lambda item: item[0])
        return out

    def _evaluate(self, prim: Primitive, args: tuple) -> tuple[tuple, tuple] | None:
        """The values and ids of `prim` on every example, or None when it fails on one."""
        function = prim.function
        is_grid = prim.return_type is GRID
        memo = self.memo
        memoise = len(memo) < MAX_MEMO
        values_of = self.values
        stats = self.stats
        pid = self.prim_index[prim.name]
        out = []
        ids = []
        for i in range(self.n):
            call = (pid, i) + tuple([a.ids[i] if type(a) is Node else a.id for a in args])
            known = memo.get(call)
            if known is not None:
                stats.memo_hits += 1
                if known == _FAILED:
                    return None
                out.append(values_of[known])
                ids.append(known)
                continue
            stats.calls += 1
            try:
                value = function(*[a.values[i] if type(a) is Node else a.value for a in args])
                if is_grid:
                    if type(value) is not np.ndarray or value.ndim != 2 or not (
                            0 < value.shape[0] <= 30 and 0 < value.shape[1] <= 30):
                        raise ValueError("not a grid")
                elif type(value) is not int and type(value) is not bool:
                    check_value(value, SEARCH_LIMITS, prim.name)
            except Exception:  # a primitive that raises rejects the candidate, never more
                if memoise:
                    memo[call] = _FAILED
                return None
            value_id = self.intern(value)
            if memoise:
                memo[call] = value_id
            out.append(values_of[value_id])
            ids.append(value_id)
        return tuple(out), tuple(ids)

    # ----- accepting a state ----------------------------------------------------------------

    def _accept(self, node: Node) -> None:
        t = node.type
        by_type = self.stats.by_type
        name = str(t)
        by_type[name] = by_type.get(name, 0) + 1
        if t == GRID and self.on_grid is not None and node.prim is not None:
            self.on_grid(node)
        elif t == OBJECTS and self.on_objects is not None:
            self.on_objects(node)
        pool = self.pools.setdefault(t, [])
        bisect.insort(pool, node, key=_pool_order)
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
                bound = self.op_cost[prim.name] + self.costs.min_conditional(prim.name)
                for slot, arg_type in enumerate(prim.arg_types):
                    if slot != position and self.constants.get(arg_type):
                        bound += self.constants[arg_type][0].cost
                template.append((bound, prim, position))
            template.sort(key=lambda g: g[0])
            self.templates[t] = template
        return template

    def _reprice(self, expansion: _Expansion) -> None:
        """A grid state's groups re-priced by the policy and the size discount, in their new cost
        order. The policy's term only delays a group; the discount lowers its cost."""
        template = expansion.groups
        if self.grid_bounds is None:
            self.grid_bounds = np.array([bound for bound, _, _ in template])
        node = expansion.node
        bounds = self.grid_bounds
        if self.policy is not None:
            if self.policy_columns is None:
                self.policy_columns = self.policy.columns([prim.name for _, prim, _ in template])
            bounds = bounds + self.policy.penalties(node.values, node.ids, self.policy_columns)
        if self.size_rules:
            extras = self._size_extras(tuple(node.values[i].shape for i in range(self.n_train)), template)
            if extras is not None:
                bounds = bounds + extras
                expansion.extras = extras
        if bounds is self.grid_bounds:
            return       # nothing to change: the template's own order
        expansion.bounds = bounds
        expansion.order = np.argsort(bounds, kind="stable")

    def _size_extras(self, shapes: tuple, template: list) -> np.ndarray | None:
        """Per grid group, minus the discounted share of its primitive's cost when it is a
        one-argument operation taking `shapes` (train sizes other than the outputs') to the
        outputs' sizes; None when no group is discounted. Memoised by `shapes`."""
        if shapes in self.size_extras:
            return self.size_extras[shapes]
        extras = None
        targets = self.target_shapes
        if shapes != targets:
            share = self.config.size_step_discount
            for k, (_, prim, _) in enumerate(template):
                rule = self.size_rules.get(prim.name)
                if rule is not None and all(predict_size(rule, s) == t for s, t in zip(shapes, targets)):
                    if extras is None:
                        extras = np.zeros(len(template))
                    extras[k] = -share * self.op_cost[prim.name]
        self.size_extras[shapes] = extras
        return extras

    def _size_can_lead(self, values: tuple) -> bool:
        """Whether a grid state's sizes relate to the train outputs' by one rule on every pair:
        the same size, transposed, or one small integer fraction of it per side (a scaling or
        tiling step away). Other sizes pay the shape penalty."""
        shapes = [values[i].shape for i in range(self.n_train)]
        targets = self.target_shapes
        if all(s == t for s, t in zip(shapes, targets)) or all(s == t[::-1] for s, t in zip(shapes, targets)):
            return True
        ratios = set()
        for (h, w), (th, tw) in zip(shapes, targets):
            if th % h == 0 and tw % w == 0 and th // h <= 5 and tw // w <= 5:
                ratios.add((th // h, tw // w))
            else:
                return False
            if len(ratios) > 1:
                return False
        return True

    # ----- what the completers record ------------------------------------------------------

    def add_solution(self, node: Node, origin: str) -> None:
        """Record a state (or a completed program) that reproduces every train output."""
        self.solutions.append((node, origin))
        self.stats.solutions += 1
        if self.stats.first_fit_nodes is None:
            self.stats.first_fit_nodes = self.stats.nodes

    def add_partial(self, node: Node, exact: int, right: int) -> None:
        """Record a partial fit: `exact` train pairs reproduced, `right` cells right in all."""
        if len(self.partials) < MAX_PARTIALS:
            self.partials.append((node, exact, right))
            self.stats.partials += 1

    def apply(self, prim: Primitive, args: tuple, cost: float, depth: int) -> Node | None:
        """A node outside the frontier (a completer's step): `prim` on `args`, or None if it fails
        or the budget is spent (the CPU budget, or the node budget plus COMPLETER_NODES)."""
        if self.max_nodes is not None and self.stats.nodes >= self.max_nodes + COMPLETER_NODES:
            return None
        if self.hard_deadline is not None and time.process_time() >= self.hard_deadline:
            return None
        self.stats.nodes += 1
        evaluated = self._evaluate(prim, args)
        if evaluated is None:
            return None
        values, ids = evaluated
        node = Node(-1, prim.return_type, values, (self.type_ids[prim.return_type], ids), cost, prim.name,
                    args, depth)
        node.ids = ids
        return node

    def constant(self, t: DslType, value: object) -> ConstArg:
        """A constant argument of type `t` (priced as the cheapest of its kind)."""
        for const in self.constants.get(t, ()):
            if const.value == value and type(const.value) is type(value):
                return const
        return self._constant(Lit(value), value, t, len(self.constants.get(t, ())))


def _cost_of(item: Node | ConstArg) -> float:
    return item.cost


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
        for item in options[:k]:
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
