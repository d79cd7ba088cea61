"""Test-time adaptation: re-weight one task's costs from its own near misses.

After a first share of the kernel's budget, the states closest to the train outputs (the near
misses) say which primitives this task's programs are likely made of. The adapted cost model
adds a probability `mass` onto the primitives of the `top` nearest misses:

    p'(op) = p(op) + mass * w(op)        w: the near misses' primitives, summing to 1

and the kernel goes on with it: every operation queued from then on is priced by p', so the
search goes deeper along the near misses' lines. The other operations keep their costs (they
cost nothing more, and what was queued before stays comparable with what is queued after).

What a near miss is (only states that improve on the input itself count: a state that changes
little is close to an output that is close to its input, and says nothing about the program):
- a partial fit (a state of the outputs' size on every train pair, or reproducing some pair
  exactly), ranked by train pairs reproduced, then share of cells right, then cost;
- when there are too few, also the other grid states of the outputs' size on more train pairs
  than the input, or with the outputs' colors on more pairs (a task whose output size the first
  pass rarely reached), ranked by both, then cost.
Near misses whose primitives are the same set as a better one's count once, so that ten
recolorings of one state do not crowd out every other line.
"""

from __future__ import annotations

import math
from typing import Iterable, Mapping, Sequence

import numpy as np

from arcsynth.dsl.types import GRID
from arcsynth.search.cost import CostModel
from arcsynth.search.extract import node_program
from arcsynth.search.kernel import Kernel
from arcsynth.search.state import Node

__all__ = ["primitives_of", "near_misses", "favoured_primitives", "reweight", "adapted_costs"]

_SCAN = 20_000   # grid states scanned for the fallback (the cheapest first; bounds its CPU time)


def primitives_of(node: Node) -> set[str]:
    """The primitives a state's program calls, including those passed as function arguments."""
    return set(node_program(node).primitive_names())


def _colors(grid: np.ndarray) -> frozenset:
    return frozenset(np.flatnonzero(np.bincount(grid.ravel(), minlength=10)).tolist())


def _input_score(kernel: Kernel) -> tuple[int, int]:
    """(train pairs reproduced, cells right) of the input itself: the score to beat."""
    exact = right = 0
    for grid, target in zip(kernel.inputs[:kernel.n_train], kernel.targets):
        if grid.shape == target.shape:
            cells = int(np.count_nonzero(grid == target))
            right += cells
            exact += cells == target.size
    return exact, right


def near_misses(kernel: Kernel, top: int) -> list[Node]:
    """The `top` states closest to the train outputs, best first, one per set of primitives.

    Only states that improve on the input count (more train pairs reproduced, or more cells
    right): a state that changes little is close to an output that is close to its input, and
    says nothing about the program."""
    base_exact, base_right = _input_score(kernel)
    total = sum(t.size for t in kernel.targets) or 1
    ranked = sorted(((-exact, -right / total, node.cost, node.index), node)
                    for node, exact, right in kernel.partials
                    if node.prim is not None and (exact > base_exact or (exact == base_exact and right > base_right)))
    chosen: list[Node] = []
    kinds: set[frozenset] = set()

    def take(nodes: Iterable[Node]) -> None:
        for node in nodes:
            if len(chosen) >= top:
                return
            kind = frozenset(primitives_of(node))
            if kind and kind not in kinds:
                kinds.add(kind)
                chosen.append(node)

    take(node for _, node in ranked)
    if len(chosen) < top:
        take(_closest_grids(kernel, top * 8))
    return chosen


def _closest_grids(kernel: Kernel, limit: int) -> list[Node]:
    """Grid states of the outputs' size on more train pairs than the input, or with the
    outputs' colors on more pairs, ranked by the sum of both, then cost (the near misses of a
    task whose output size the first pass rarely reached)."""
    nt = kernel.n_train
    shapes = kernel.target_shapes
    target_colors = [_colors(t) for t in kernel.targets]

    def sized(values) -> int:
        return sum(1 for i in range(nt) if values[i].shape == shapes[i])

    def colored(values) -> int:
        return sum(1 for i in range(nt) if _colors(values[i]) == target_colors[i])

    inputs = kernel.inputs
    base_sized, base = sized(inputs), sized(inputs) + colored(inputs)
    scored = []
    for node in kernel.nodes[1:_SCAN]:
        if node.type == GRID and node.prim is not None:
            count = sized(node.values)
            if count < nt:    # states of the right size on every pair are ranked as partial fits
                scored.append((-count, node.cost, node.index, node))
    scored.sort(key=lambda item: item[:3])
    ranked = []
    for minus_sized, cost, index, node in scored[:limit * 4]:
        if -minus_sized < base_sized:
            break
        score = -minus_sized + colored(node.values)
        if score > base:
            ranked.append((-score, cost, index, node))
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked[:limit]]


def favoured_primitives(nodes: Sequence[Node], known: Iterable[str]) -> dict[str, float]:
    """Weights (sum 1) over the primitives of `nodes`: each near miss an equal share, split
    equally among its primitives; names outside `known` are dropped."""
    known = set(known)
    weights: dict[str, float] = {}
    sets = [sorted(primitives_of(node) & known) for node in nodes]
    sets = [names for names in sets if names]
    for names in sets:
        for name in names:
            weights[name] = weights.get(name, 0.0) + 1.0 / (len(sets) * len(names))
    return weights


def reweight(op: Mapping[str, float], favoured: Mapping[str, float], mass: float) -> dict[str, float]:
    """Operation costs with probability `mass` added onto `favoured` (weights summing to 1):
    -log(p + mass * w), p = exp(-cost). The other operations keep their costs (the operations
    already queued keep theirs too, so old and new prices stay comparable); a favoured one gets
    cheaper by at most -log(p) + log(p + mass)."""
    if not 0.0 <= mass <= 1.0:
        raise ValueError(f"mass must be in [0, 1], got {mass}")
    total = sum(w for name, w in favoured.items() if name in op)
    if total <= 0 or mass == 0.0:
        return dict(op)
    out = dict(op)
    for name, weight in favoured.items():
        if name in op and weight > 0:
            out[name] = max(0.0, -math.log(math.exp(-op[name]) + mass * weight / total))
    return out


def adapted_costs(costs: CostModel, kernel: Kernel, top: int, mass: float) -> tuple[CostModel, dict[str, float]]:
    """The task's costs re-weighted from the kernel's near misses, and the favoured weights
    (empty, and the costs unchanged, when there is no near miss)."""
    favoured = favoured_primitives(near_misses(kernel, top), costs.op)
    if not favoured:
        return costs, {}
    op = reweight(costs.op, favoured, mass)
    return CostModel(op, costs.constant, costs.conditional, costs.constant_base, costs.rank_step), favoured

