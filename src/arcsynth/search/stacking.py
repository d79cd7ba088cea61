"""Completer: greedy stacking of partial fits, as the 2020 winner did, with any transparent color.

Right-sized partial fits are laid over a base one by one (the piece that fixes the most
wrong cells and breaks the fewest right ones first), with one color of each piece treated as
transparent (0 and the most common color of the outputs are tried), until every train
output is reproduced. The result is an ordinary program: overlay steps over the pieces.
"""

from __future__ import annotations

import time

import numpy as np

from arcsynth.dsl.registry import Primitive
from arcsynth.dsl.types import COLOR
from arcsynth.search.deduce import Overlay
from arcsynth.search.kernel import Kernel
from arcsynth.search.state import Node

__all__ = ["stack_partials", "transparent_colors"]


def transparent_colors(kernel: Kernel) -> list[int]:
    """0, then the most common color of the train outputs when it is another."""
    counts = np.bincount(np.concatenate([t.ravel() for t in kernel.targets]), minlength=10)
    colors = [0]
    common = int(np.argmax(counts))
    if common != 0:
        colors.append(common)
    return colors


def stack_partials(kernel: Kernel, overlay: Overlay, overlay_except: Primitive | None,
                   max_pieces: int) -> Node | None:
    """A stack of right-sized partial fits reproducing every train output, or None."""
    sized = [(node, right) for node, exact, right in kernel.partials if right > 0]
    if len(sized) < 2:
        return None
    nt = kernel.n_train
    target = np.concatenate([t.ravel() for t in kernel.targets])
    pieces = np.stack([np.concatenate([node.values[i].ravel() for i in range(nt)]) for node, _ in sized])
    order = sorted(range(len(sized)), key=lambda k: (-sized[k][1], sized[k][0].cost, sized[k][0].index))
    for transparent in transparent_colors(kernel):
        if transparent != 0 and overlay_except is None:
            continue
        opaque = pieces != transparent
        good = opaque & (pieces == target)
        bad = opaque & (pieces != target)
        for base_index in order[:4]:
            if kernel.hard_deadline is not None and time.process_time() >= kernel.hard_deadline:
                return None
            current = pieces[base_index]
            chosen: list[int] = []
            for _ in range(max_pieces):
                ok = current == target
                gain = (good & ~ok).sum(axis=1) - (bad & ok).sum(axis=1)
                best = int(np.argmax(gain))
                if gain[best] <= 0:
                    break
                chosen.append(best)
                current = np.where(opaque[best], pieces[best], current)
                if np.array_equal(current, target):
                    break
            if not chosen or not np.array_equal(current, target):
                continue
            node: Node | None = sized[base_index][0]
            for k in chosen:
                node = _overlay(kernel, node, sized[k][0], overlay, overlay_except, transparent)
                if node is None:
                    break
            if node is not None and all(np.array_equal(node.values[i], kernel.targets[i]) for i in range(nt)):
                return node
    return None


def _overlay(kernel: Kernel, bottom: Node, top: Node, overlay: Overlay, overlay_except: Primitive | None,
             transparent: int) -> Node | None:
    depth = max(bottom.depth, top.depth) + 1
    if transparent == 0:
        args = (top, bottom) if overlay.top_first else (bottom, top)
        cost = bottom.cost + top.cost + kernel.op_cost[overlay.prim.name]
        return kernel.apply(overlay.prim, args, cost, depth)
    color = kernel.constant(COLOR, transparent)
    cost = bottom.cost + top.cost + kernel.op_cost[overlay_except.name] + color.cost
    return kernel.apply(overlay_except, (bottom, top, color), cost, depth)
