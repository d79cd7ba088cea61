"""Turn a search node (a DAG of calls over the input) into a straight-line Program."""

from __future__ import annotations

from arcsynth.program.nodes import Program, Ref, Step
from arcsynth.search.state import Node

__all__ = ["node_program"]


def node_program(node: Node) -> Program:
    """The program computing `node` from the input: each distinct sub-node once, in dependency order."""
    position: dict[int, int] = {}
    order: list[Node] = []
    stack: list[tuple[Node, bool]] = [(node, False)]
    while stack:
        current, ready = stack.pop()
        if current.prim is None or id(current) in position:
            continue
        if ready:
            order.append(current)
            position[id(current)] = len(order)
            continue
        stack.append((current, True))
        for arg in reversed(current.args):
            if isinstance(arg, Node) and arg.prim is not None and id(arg) not in position:
                stack.append((arg, False))
    steps = []
    for current in order:
        args = []
        for arg in current.args:
            if isinstance(arg, Node):
                args.append(Ref(0) if arg.prim is None else Ref(position[id(arg)]))
            else:
                args.append(arg.arg)
        steps.append(Step(current.prim, tuple(args)))
    return Program(tuple(steps))
