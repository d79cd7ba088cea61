"""Completer: deduce the object selected, instead of enumerating selectors blindly.

When every train output is the crop of one object of the input (a frequent ARC pattern: "the
odd one out", "the largest", "the one with a hole"), an object list state that holds, on every
train example, an object whose crop is the output pins the answer down up to the choice. The
completer then tries every selector (a primitive Objects [+ constants] -> Object), directly
and after one filter (Objects [+ constants] -> Objects), followed by the cropping step, and
keeps what reproduces every train output. This costs a few hundred calls on the rare states
that qualify, where the best-first search would need three levels to get there.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from arcsynth.dsl.registry import Primitive, Registry
from arcsynth.dsl.types import GRID, OBJECT, OBJECTS
from arcsynth.search.kernel import Kernel
from arcsynth.search.state import ConstArg, Node

__all__ = ["ObjectChoice", "find_object_choice"]

_MAX_OBJECTS = 64       # object lists longer than this on some example are not examined
_MAX_COMBOS = 12        # constant combinations per selector or filter


@dataclass(frozen=True)
class ObjectChoice:
    """The primitives the completer combines: selectors, filters and final cropping steps."""

    selectors: tuple[Primitive, ...]   # Objects [+ constants] -> Object
    filters: tuple[Primitive, ...]     # Objects [+ constants] -> Objects
    finals: tuple[Primitive, ...]      # (Grid, Object) -> Grid or (Object) -> Grid


def find_object_choice(registry: Registry, constant_types: set) -> ObjectChoice:
    """The registry's selectors, filters and finals (constants only of the types in `constant_types`)."""
    def takes_constants(prim: Primitive) -> bool:
        return all(t in constant_types for t in prim.arg_types[1:])
    selectors = tuple(p for _, p in sorted(registry.items())
                      if p.return_type == OBJECT and p.arg_types[:1] == (OBJECTS,) and takes_constants(p))
    filters = tuple(p for _, p in sorted(registry.items())
                    if p.return_type == OBJECTS and p.arg_types[:1] == (OBJECTS,) and takes_constants(p))
    finals = tuple(p for _, p in sorted(registry.items())
                   if p.return_type == GRID and p.arg_types in ((GRID, OBJECT), (OBJECT,)))
    return ObjectChoice(selectors, filters, finals)


def _final_args(prim: Primitive, root: Node, obj: Node) -> tuple:
    return (root, obj) if len(prim.arg_types) == 2 else (obj,)


def _qualifies(kernel: Kernel, node: Node, finals: tuple[Primitive, ...]) -> list[Primitive]:
    """The finals for which every train example has an object whose output is the target."""
    useful = []
    for final in finals:
        ok = True
        for i in range(kernel.n_train):
            objs = node.values[i]
            if not objs or len(objs) > _MAX_OBJECTS:
                return []
            target = kernel.targets[i]
            grid = kernel.inputs[i]
            found = False
            for obj in objs:
                try:
                    out = final.function(grid, obj) if len(final.arg_types) == 2 else final.function(obj)
                except Exception:  # a final that refuses this object simply does not pick it
                    continue
                if isinstance(out, np.ndarray) and out.shape == target.shape and np.array_equal(out, target):
                    found = True
                    break
            if not found:
                ok = False
                break
        if ok:
            useful.append(final)
    return useful


def complete_object_choice(kernel: Kernel, node: Node, choice: ObjectChoice, root: Node) -> Node | None:
    """A selector (after at most one filter) and a final step on `node` that reproduce every
    train output, or None. `root` is the input state."""
    finals = _qualifies(kernel, node, choice.finals)
    if not finals:
        return None

    def combos(prim: Primitive) -> list[tuple[ConstArg, ...]]:
        options = [kernel.constants.get(t, ()) for t in prim.arg_types[1:]]
        return list(itertools.islice(itertools.product(*options), _MAX_COMBOS))

    sources = [node]
    for flt in choice.filters:
        for consts in combos(flt):
            cost = node.cost + kernel.op_cost[flt.name] + sum(c.cost for c in consts)
            filtered = kernel.apply(flt, (node,) + consts, cost, node.depth + 1)
            if filtered is not None:
                sources.append(filtered)
    best: Node | None = None
    for source in sources:
        for selector in choice.selectors:
            for consts in combos(selector):
                cost = source.cost + kernel.op_cost[selector.name] + sum(c.cost for c in consts)
                if best is not None and cost >= best.cost:
                    continue
                picked = kernel.apply(selector, (source,) + consts, cost, source.depth + 1)
                if picked is None:
                    continue
                for final in finals:
                    out = kernel.apply(final, _final_args(final, root, picked), cost + kernel.op_cost[final.name],
                                       picked.depth + 1)
                    if out is not None and all(out.values[i].shape == kernel.targets[i].shape
                                               and np.array_equal(out.values[i], kernel.targets[i])
                                               for i in range(kernel.n_train)):
                        if best is None or out.cost < best.cost:
                            best = out
    return best
