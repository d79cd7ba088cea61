"""`search(task, budget, costs)`: the kernel and its completers over the views of a task.

One search of a task:
0. the complete depth-2 pass (depth2.py) on the task itself, preceded, where the task's pairs
   use different colors for the same roles, by the same on its pair-colors view (colors
   renamed pair by pair, views.py);
1. the best-first kernel (kernel.py) on the task itself, with the completers hooked in
   (a deduced color map on every right-sized state; greedy stacking of partial fits at the
   end);
2. when no program fits every train pair and budget remains, the same on transformed views
   of the task (rotations, reflections), each program mapped back to the original task;
3. every program is verified on the original task by the interpreter and the candidates of
   all views are merged and ranked.

Deterministic when the budget has only a node limit; never prints.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from dataclasses import dataclass, field
from typing import Callable, Mapping

import numpy as np

from arcsynth.budget import Budget
from arcsynth.dsl.registry import Primitive, Registry, default_registry
from arcsynth.dsl.types import GRID
from arcsynth.program.text import print_program
from arcsynth.search.color_map import complete_with_color_map
from arcsynth.search.compose import Piece, can_write_back, compose, composition_program, embedded, recolored
from arcsynth.search.cost import CostModel
from arcsynth.search.depth2 import Depth2Result, SizeRule, enumerate_depth2, one_step_size_rules
from arcsynth.search.deduce import (Overlay, TaskFacts, find_overlay, find_overlay_except, find_replace_color,
                                    task_facts)
from arcsynth.search.extract import node_program
from arcsynth.search.fits import prediction_key
from arcsynth.search.kernel import Kernel, KernelConfig
from arcsynth.search.library.learned import inline_learned, library_registry, priced
from arcsynth.search.object_choice import complete_object_choice, find_object_choice
from arcsynth.search.result import Candidate, SearchResult, SearchStats
from arcsynth.search.stacking import stack_partials
from arcsynth.search.state import Node
from arcsynth.search.verify import verify_candidate
from arcsynth.search.views import IDENTITY, View, pair_color_view, task_views
from arcsynth.task import Task

__all__ = ["search", "SearchConfig", "run_kernel", "MAX_PIECES", "VIEWS_MIN_SECONDS", "VIEW_COST"]

# Knobs no run ever changed (they were SearchConfig fields).
MAX_PIECES = 3             # partial fits the stacking completer lays over its base
VIEWS_MIN_SECONDS = 5.0    # the depth-2 pass on the other views runs from this CPU budget (at `tiny` the kernel pays more)
VIEW_COST = 0.5            # added to the cost of a program found through a non-identity view
COMPOSE_VERIFIED = 8       # compositions written back as programs and verified, best first


@dataclass(frozen=True)
class SearchConfig:
    """Knobs of the whole search: which passes run, on which views, with what share of the
    budget (budgets come separately, as a Budget); the kernel's own knobs are `kernel`."""

    # Completers around the kernel
    color_maps: bool = True        # complete right-sized states with a deduced color map (every pass)
    stacking: bool = True          # greedily overlay partial fits
    object_choice: bool = True     # deduce the object whose crop is the output (object_choice.py)
    # The schedule: shares of the task's CPU budget, in the order the passes run
    pair_colors_share: float = 0.15  # first, the depth-2 pass on the pair-colors view (views.py), when the task's
                                     # pairs use different colors for the same roles (0: off)
    depth2_share: float = 0.15     # the complete depth-2 pass on the task itself
    kernel_share: float = 0.85     # then the best-first kernel on the task itself (less views_share when they run)
    compose_share: float = 0.1     # composition of outputs from pieces (compose.py), after the kernel (0: off)
    views_share: float = 0.25      # then the depth-2 pass on the other views (from VIEWS_MIN_SECONDS of CPU)
    layers_depth: int = 0          # 0: the depth-2 passes run on depth2.py; 2 or 3: on the compiled layers
                                   # (layers.py) to that depth (needs numba, the `engine` extra)
    layers_value: float = 0.0      # > 0: the layers' depth 3 extends depth-2 states in order of cost plus this
                                   # times the value model's -log p(on path) (kernel.value_weights' model), not cost
    # Views
    views: tuple[str, ...] = ("transpose", "flip_h", "flip_v", "rot90", "rot180", "rot270", "anti_transpose")
    color_views: bool = True       # also each view with its colors normalised
    kernel_views: tuple[str, ...] = ()   # views the kernel searches with what is left (e.g. "transpose")
    keep_samples: int = 0          # programs of this many grid states kept in the result (hindsight relabelling)
    second_opinion: bool = True    # the passes go on until two programs fit with different test predictions
                                   # (False: until one fits; bench/results/second-opinion-2026-12-07.md)
    # Learned operations (search/library/): "" off, "bundled" the package's library_ops.json, or a file
    library: str = ""
    library_cost: float = 0.5      # a learned operation costs this times its body's cost on the task (chosen on training tasks)
    library_kernel: bool = True    # the kernel uses them too (False: only the depth-2 passes)
    kernel: KernelConfig = field(default_factory=KernelConfig)


def _grid_hook(kernel: Kernel, replace: Primitive | None) -> Callable[[Node], None]:
    """The completers run on every new grid state: fit check, partial fits, color map."""
    nt = kernel.n_train
    targets = kernel.targets
    target_shapes = kernel.target_shapes

    def on_grid(node: Node) -> None:
        values = node.values
        if any(values[i].shape != target_shapes[i] for i in range(nt)):
            exact = sum(1 for i in range(nt) if values[i].shape == target_shapes[i]
                        and np.array_equal(values[i], targets[i]))
            if exact:
                kernel.add_partial(node, exact, 0)
            return
        right = [int(np.count_nonzero(values[i] == targets[i])) for i in range(nt)]
        exact = sum(1 for i in range(nt) if right[i] == targets[i].size)
        if exact == nt:
            kernel.add_solution(node, "enumeration")
            return
        kernel.add_partial(node, exact, sum(right))
        if replace is not None:
            completed = complete_with_color_map(kernel, node, replace)
            if completed is not None:
                kernel.add_solution(completed, "color-map")
    return on_grid


def _crop_like(task: Task) -> bool:
    """Every train output fits inside its input and some is smaller: it may be an object's crop."""
    pairs = [(p.input.shape, p.output.shape) for p in task.train]
    return all(o[0] <= i[0] and o[1] <= i[1] for i, o in pairs) and any(i != o for i, o in pairs)


@dataclasses.dataclass(frozen=True)
class _Steps:
    """The registry's primitives that the completers write their steps with, found once per search."""

    replace: Primitive | None
    overlay: Overlay | None
    overlay_except: Primitive | None

    @classmethod
    def of(cls, registry: Registry) -> "_Steps":
        return cls(find_replace_color(registry), find_overlay(registry), find_overlay_except(registry))

    @property
    def overlay_names(self) -> set[str]:
        """The names of the overlay primitives (a node made by one is a stack of pieces)."""
        return {name for name in (self.overlay.prim.name if self.overlay else None,
                                  self.overlay_except.name if self.overlay_except else None) if name}


def _prepared_kernel(task: Task, registry: Registry, costs: CostModel, budget: Budget, config: SearchConfig,
                     facts: TaskFacts | None, steps: _Steps, size_rules: Mapping[str, SizeRule] | None = None) -> Kernel:
    """A kernel on `task` with the completers hooked in, not yet run."""
    kernel = Kernel(task, registry, costs, budget, config.kernel, facts, size_rules)
    kernel.on_grid = _grid_hook(kernel, steps.replace if config.color_maps else None)
    if config.object_choice and _crop_like(task):
        choice = find_object_choice(registry, set(kernel.constants))

        def on_objects(node: Node) -> None:
            found = complete_object_choice(kernel, node, choice, kernel.nodes[0])
            if found is not None:
                kernel.add_solution(found, "object-choice")
        kernel.on_objects = on_objects
    return kernel


def _stack(kernel: Kernel, config: SearchConfig, steps: _Steps) -> None:
    """The stacking completer, once the kernel is done: partial fits overlaid into a solution."""
    if config.stacking and not kernel.solutions and steps.overlay is not None:
        stacked = stack_partials(kernel, steps.overlay, steps.overlay_except, MAX_PIECES)
        if stacked is not None:
            kernel.add_solution(stacked, "stacking")


def run_kernel(task: Task, registry: Registry, costs: CostModel, budget: Budget, config: SearchConfig,
               facts: TaskFacts | None = None, steps: _Steps | None = None,
               size_rules: Mapping[str, SizeRule] | None = None) -> Kernel:
    """One best-first search of `task` with the completers; the kernel holds its findings
    (`size_rules`: one-argument grid operations' size rules, for the kernel's size discount)."""
    steps = _Steps.of(registry) if steps is None else steps
    kernel = _prepared_kernel(task, registry, costs, budget, config, facts, steps, size_rules)
    kernel.run()
    _stack(kernel, config, steps)
    return kernel


def sample_programs(kernel: Kernel, count: int) -> tuple[str, ...]:
    """The texts of up to `count` of the kernel's grid states' programs, evenly spread over the
    order in which they were found (the cheap and the deep alike); deterministic."""
    grids = [node for node in kernel.nodes if node.prim is not None and node.type is GRID]
    if count <= 0 or not grids:
        return ()
    step = max(1.0, len(grids) / count)
    chosen = [grids[int(k * step)] for k in range(min(count, len(grids)))]
    return tuple(print_program(inline_learned(node_program(node), kernel.registry)) for node in chosen)


def _pieces(node: Node, overlay_names: set[str]) -> int:
    """Partial fits stacked into `node` (1 when it is not an overlay of pieces)."""
    if node.prim not in overlay_names:
        return 1
    return sum(_pieces(a, overlay_names) for a in node.args if type(a) is Node)


def _kernel_candidates(kernel: Kernel, task: Task, registry: Registry, facts: TaskFacts, steps: _Steps, wrap=None,
                       extra_cost: float = 0.0, suffix: str = "", max_partial: int = 6) -> list[Candidate]:
    """The kernel's solutions (or, with none, its best partial fits) verified on `task`."""
    chosen: list[tuple[Node, str]] = list(kernel.solutions)
    if not chosen:
        partial = sorted(kernel.partials, key=lambda p: (-p[1], -p[2], p[0].cost, p[0].index))
        chosen.extend((node, "partial") for node, _, _ in partial[:max_partial])
    overlay_names = steps.overlay_names
    out: list[Candidate] = []
    for node, origin in chosen:
        if node.prim is None:
            continue   # the input itself: the identity, not a program
        program = node_program(node)
        if wrap is not None:
            program = wrap(program)
        candidate = verify_candidate(program, task, registry, node.cost + extra_cost, origin + suffix, facts,
                                     _pieces(node, overlay_names) if origin == "stacking" else 1)
        if candidate is not None:
            out.append(candidate)
    return out


# Pieces offered to composition, the shallowest and cheapest first: a complete depth 2 can hold
# tens of thousands of states, and a composition round costs time in proportion to the pieces.
_COMPOSE_PIECES = 6_000        # pieces taking part (raising it to 20,000 with the layers' depth 3 at `low`: no gain)
_COMPOSE_UNSIZED = 3_000       # states of other sizes, embedded at the one target size
_COMPOSE_RECOLORED = 1_500     # pieces also offered in each color every train output holds (6,000: no gain at `tiny`)


def _kernel_pieces(kernel: Kernel, shapes: tuple) -> tuple[list[Piece], list[Piece]]:
    """The kernel's grid states at the target size on every example, as pieces; and, when the
    target size is one size on every example, its grid states of other sizes (to embed)."""
    pieces, unsized = [], []
    for node, _, _ in kernel.partials:
        if node.prim is not None and all(v.shape == s for v, s in zip(node.values, shapes)):
            pieces.append(Piece(tuple(node.values), node.depth, node.cost, functools.partial(node_program, node)))
    if len(set(shapes)) == 1:
        for node in kernel.nodes:
            if (node.prim is not None and node.type is GRID
                    and any(v.shape != s for v, s in zip(node.values, shapes))):
                unsized.append(Piece(tuple(node.values), node.depth, node.cost, functools.partial(node_program, node)))
    return pieces, unsized


def _compose_candidates(task: Task, pieces: list[Piece], unsized: list[Piece], registry: Registry,
                        facts: TaskFacts, budget: Budget, max_verified: int) -> tuple[list[Candidate], dict]:
    """Compositions of `pieces`, and of `unsized` states embedded at the one target size,
    verified on `task` (the pieces deduplicated by content first)."""
    def cheapest(found: list[Piece], count: int) -> list[Piece]:
        return sorted(found, key=lambda p: (p.depth, p.cost))[:count]
    if unsized:
        height, width = task.train[0].output.shape
        pieces = pieces + embedded(cheapest(unsized, _COMPOSE_UNSIZED), height, width)
    shared = set.intersection(*(set(np.unique(p.output).tolist()) for p in task.train)) - {0}
    unique: dict[tuple, Piece] = {}
    for piece in cheapest(pieces, 2 * _COMPOSE_PIECES):
        unique.setdefault(tuple(g.tobytes() for g in piece.grids), piece)
    for piece in recolored(list(unique.values())[:_COMPOSE_RECOLORED], sorted(shared)):
        unique.setdefault(tuple(g.tobytes() for g in piece.grids), piece)
    chosen = cheapest(list(unique.values()), len(unique))
    fill = registry["fill_zeros_by_patches"].function if "fill_zeros_by_patches" in registry else None
    compositions, stats = compose([p.output for p in task.train], chosen, cpu_seconds=budget.cpu_seconds, fill=fill,
                                   max_pieces=_COMPOSE_PIECES)
    out: list[Candidate] = []
    for composition in compositions:
        if len(out) >= max_verified:
            break
        program = composition_program(composition, chosen)
        cost = composition.cost + len(composition.layers)
        origin = "compose-filled" if composition.filled else "compose"
        candidate = verify_candidate(program, task, registry, cost, origin, facts, len(composition.layers))
        if candidate is not None:
            out.append(candidate)
    entry = {"pass": "compose", "pieces": stats.pieces, "runs": stats.runs, "rounds": stats.rounds,
             "compositions": stats.compositions, "cpu_seconds": round(stats.cpu_seconds, 4),
             "complete": stats.stopped == "complete", "solved": any(c.fits_all for c in out)}
    return out, entry


def _enumerate_layers() -> Callable:
    """`layers.enumerate_layers`, imported on first use: it needs numba (the `engine` extra)."""
    try:
        from arcsynth.search.layers import enumerate_layers
    except ImportError as error:
        raise RuntimeError("SearchConfig.layers_depth > 0 needs numba: pip install -e '.[engine]'") from error
    return enumerate_layers


def _layers_stats(result, label: str) -> SearchStats:
    """A layers pass's counts as SearchStats: its nodes are the (state, operation) pairs it
    examined, its accepted states the distinct states it kept."""
    stats = SearchStats()
    before = 0
    for view in result.views:
        stats.nodes += view.states
        stats.accepted += view.distinct
        stats.calls += view.compiled_calls + view.python_calls
        stats.memo_hits += view.skipped
        stats.failures += view.failures
        stats.duplicates += view.duplicates
        stats.solutions += view.fits
        if view.first_fit_at is not None and stats.first_fit_nodes is None:
            stats.first_fit_nodes = before + view.first_fit_at
        before += view.states
    stats.complete_depth = result.complete_depth
    stats.runs = [{"pass": label, "views": [v.view for v in result.views], "nodes": stats.nodes,
                   "distinct": stats.accepted, "complete": result.stopped == "complete",
                   "complete_depth": result.complete_depth, "cpu_seconds": round(result.cpu_seconds, 4),
                   "solved": result.solved, "value_seconds": round(sum(v.value_seconds for v in result.views), 4),
                   "depth3_first_fit": next((v.depth3_first_fit for v in result.views
                                             if v.depth3_first_fit is not None), None)}]
    return stats


def _depth2_stats(result: Depth2Result, label: str) -> SearchStats:
    """A depth-2 pass's counts as SearchStats: its states are the distinct depth-1 states and the
    depth-2 (state, operation) pairs it evaluated."""
    stats = SearchStats()
    for view in result.views:
        stats.nodes += view.states1 + view.pairs2
        stats.accepted += view.states1
        stats.calls += view.calls
        stats.memo_hits += view.memo_hits
        stats.duplicates += view.duplicates
        stats.failures += view.failures
        stats.solutions += view.fits
    # Depth 1 runs on every view before depth 2 on any: a fit on a view comes after the depth-1
    # states of every view and the depth-2 pairs of the views before it.
    depth1 = sum(view.states1 for view in result.views)
    depth1_before = pairs2_before = 0
    for view in result.views:
        if view.first_fit_at is not None:
            if view.first_fit_at <= view.states1:      # found at depth 1
                at = depth1_before + view.first_fit_at
            else:
                at = depth1 + pairs2_before + view.first_fit_at - view.states1
            stats.first_fit_nodes = at if stats.first_fit_nodes is None else min(stats.first_fit_nodes, at)
        depth1_before += view.states1
        pairs2_before += view.pairs2
    stats.complete_depth = result.complete_depth
    stats.runs = [{"pass": label, "views": [v.view for v in result.views], "nodes": stats.nodes,
                   "complete": result.stopped == "complete", "complete_depth": result.complete_depth,
                   "cpu_seconds": round(result.cpu_seconds, 4), "solved": result.solved}]
    return stats


class _Schedule:
    """The task's budget handed out pass by pass: each pass gets its share of the whole, at
    most what is left."""

    def __init__(self, budget: Budget, stats: SearchStats) -> None:
        self.budget = budget
        self.stats = stats
        self.started = time.process_time()

    def share(self, fraction: float, cpu_reserve: float = 0.0) -> Budget | None:
        """A budget of `fraction` of the whole, leaving `cpu_reserve` of the whole's CPU seconds
        to the passes after it (None when too little is left to start a pass)."""
        cpu = nodes = None
        if self.budget.cpu_seconds is not None:
            left = self.budget.cpu_seconds * (1.0 - cpu_reserve) - (time.process_time() - self.started)
            cpu = min(left, self.budget.cpu_seconds * fraction)
            if cpu <= 0.02:
                return None
        if self.budget.max_nodes is not None:
            nodes = min(self.budget.max_nodes - self.stats.nodes, int(self.budget.max_nodes * fraction))
            if nodes <= 0:
                return None
        return Budget(cpu, nodes)


def search(task: Task, budget: Budget, costs: CostModel | Mapping[str, float] | None = None,
           registry: Registry | None = None, config: SearchConfig | None = None,
           probe_cache: dict | None = None) -> SearchResult:
    """Search programs for `task` within `budget`; candidates ranked best first.

    `costs` is the task's CostModel (or a mapping primitive -> cost; missing: uniform). The
    passes, each stopping the search once a program fits every train pair: the complete
    depth-2 enumeration on the task with its colors renamed pair by pair when its pairs use
    different colors for the same roles (`config.pair_colors_share` of the budget), the same on
    the task itself (`config.depth2_share`), the best-first
    kernel on it (`config.kernel_share`), the depth-2 enumeration on the other views
    (rotations, reflections, color normalisation), then the kernel on `config.kernel_views`
    with what is left. `probe_cache` is a dict the caller may keep between tasks (facts about
    the primitives' behaviour only).
    """
    registry = default_registry() if registry is None else registry
    config = SearchConfig() if config is None else config
    costs = CostModel.of(costs, registry)
    if not task.train:
        return SearchResult((), SearchStats(stopped="no-train-pairs"))
    base_registry, base_costs = registry, costs
    if config.library:
        registry = library_registry(config.library, registry)
        costs = priced(costs, registry, config.library_cost)
    kernel_registry, kernel_costs = (registry, costs) if config.library_kernel else (base_registry, base_costs)
    facts = task_facts(task)
    steps = _Steps.of(registry)
    size_rules = (one_step_size_rules(kernel_registry, {} if probe_cache is None else probe_cache)
                  if config.kernel.size_step_discount > 0 else None)
    stats = SearchStats()
    schedule = _Schedule(budget, stats)
    candidates: list[Candidate] = []
    samples: list[str] = []
    views = task_views(task, registry, symmetries=config.views, colors=config.color_views,
                       symmetry_cost=VIEW_COST, color_cost=VIEW_COST)
    others = [view for view in views if not view.is_identity]

    def solved() -> bool:
        return any(c.fits_all for c in candidates)

    def settled() -> bool:
        """Whether the passes may stop: a program fits every train pair (with `second_opinion`,
        two programs do, predicting different test outputs: the second attempt is then one too)."""
        if not config.second_opinion:
            return solved()
        return len({prediction_key(c) for c in candidates if c.fits_all}) >= 2

    composing = config.compose_share > 0 and facts.test_shapes is not None and can_write_back(registry)
    piece_shapes = (tuple(p.output.shape for p in task.train) + tuple(facts.test_shapes)) if composing else None
    pieces: list[Piece] = []
    unsized: list[Piece] = []

    if config.layers_depth > 0:
        enumerate_pass = functools.partial(_enumerate_layers(), max_depth=config.layers_depth,
                                           value_weight=config.layers_value, value_weights=config.kernel.value_weights)
        pass_stats = _layers_stats
    else:
        enumerate_pass, pass_stats = enumerate_depth2, _depth2_stats

    def depth2(chosen: list[View], fraction: float, label: str) -> None:
        share = schedule.share(fraction)
        if share is None or not chosen:
            return
        result = enumerate_pass(task, registry, costs, chosen, cpu_seconds=share.cpu_seconds,
                                max_nodes=share.max_nodes, probe_cache=probe_cache, piece_shapes=piece_shapes,
                                color_maps=config.color_maps)
        pieces.extend(result.pieces)
        unsized.extend(result.unsized)
        for candidate in result.candidates:
            votes = result.votes.get(candidate.text, 1)
            candidates.append(dataclasses.replace(candidate, votes=votes) if votes > 1 else candidate)
        stats.merge(pass_stats(result, label))

    def kernel(view: View, fraction: float, cpu_reserve: float = 0.0) -> None:
        share = schedule.share(fraction, cpu_reserve)
        if share is None:
            return
        started = time.process_time()
        if view.is_identity:
            run = run_kernel(task, kernel_registry, kernel_costs, share, config, facts, steps, size_rules)
            candidates.extend(_kernel_candidates(run, task, registry, facts, steps))
            samples.extend(sample_programs(run, config.keep_samples - len(samples)))
            if piece_shapes is not None:
                sized, other = _kernel_pieces(run, piece_shapes)
                pieces.extend(sized)
                unsized.extend(other)
        else:
            run = run_kernel(view.apply_task(task), kernel_registry, kernel_costs, share, config, steps=steps,
                             size_rules=size_rules)
            candidates.extend(_kernel_candidates(run, task, registry, facts, steps, wrap=view.wrap_program,
                                                 extra_cost=view.cost, suffix=f"~{view.name}", max_partial=3))
        entry = {"pass": "kernel", "view": view.name, "nodes": run.stats.nodes, "solved": solved(),
                 "cpu_seconds": round(time.process_time() - started, 4)}
        run.stats.runs = [entry]
        stats.stopped = run.stats.stopped
        stats.merge(run.stats)

    views_share = config.views_share if (budget.cpu_seconds is None
                                         or budget.cpu_seconds >= VIEWS_MIN_SECONDS) else 0.0
    pair_view = pair_color_view(task, registry, VIEW_COST) if config.pair_colors_share > 0 else None
    if pair_view is not None:
        depth2([pair_view], config.pair_colors_share, "depth2-pair-colors")
    if config.depth2_share > 0 and not settled():
        depth2([IDENTITY], config.depth2_share, "depth2")
    if not settled():
        # Composition keeps its CPU share whatever the passes before took (its pieces come from
        # the kernel, so it cannot run first; without the reserve it got nothing on 1 task in 5).
        reserve = config.compose_share if composing else 0.0
        kernel(IDENTITY, max(0.0, config.kernel_share - views_share - reserve), reserve)
    if composing and not settled() and pieces:
        share = schedule.share(config.compose_share)
        if share is not None:
            composed, entry = _compose_candidates(task, pieces, unsized, registry, facts, share,
                                                  COMPOSE_VERIFIED)
            candidates.extend(composed)
            stats.runs.append(entry)
    if not settled() and views_share > 0:
        depth2(others, views_share, "depth2-views")
    for view in views:
        if settled():
            break
        if not view.is_identity and view.name in config.kernel_views:
            kernel(view, 1.0)
    if solved() and stats.stopped != "solved":
        stats.stopped = "solved"
    unique: dict[str, Candidate] = {}
    for candidate in sorted(candidates, key=Candidate.rank_key):
        unique.setdefault(candidate.text, candidate)
    stats.cpu_seconds = time.process_time() - schedule.started
    return SearchResult(tuple(unique.values()), stats, tuple(samples))
