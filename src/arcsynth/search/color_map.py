"""Completer: a right-sized state plus a deduced cell-wise color map, written as program steps.

When a grid state has every train output's size and one consistent color map turns each of
its train values into the output, the map is applied as single-color replacements (found in
the registry by behaviour, see deduce.find_replace_color) and the result is a solution.
"""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.registry import Primitive
from arcsynth.dsl.types import COLOR
from arcsynth.search.deduce import color_map_steps
from arcsynth.search.kernel import Kernel
from arcsynth.search.state import Node

__all__ = ["complete_with_color_map"]


def complete_with_color_map(kernel: Kernel, node: Node, replace: Primitive) -> Node | None:
    """`node` followed by the replacements that map its train values onto the outputs, or None."""
    found = color_map_steps(node.values, kernel.targets)
    if found is None:
        return None
    _, steps = found
    nt = kernel.n_train
    current = node
    for source, dest in steps:
        args = (current, kernel.constant(COLOR, source), kernel.constant(COLOR, dest))
        cost = current.cost + kernel.op_cost[replace.name] + args[1].cost + args[2].cost
        current = kernel.apply(replace, args, cost, current.depth + 1)
        if current is None:
            return None
    if all(np.array_equal(current.values[i], kernel.targets[i]) for i in range(nt)):
        return current
    return None
