"""Search states: one value per example (train inputs then test inputs), with how it was made.

A `Node` is a value vector of one DSL type and the call that produced it from earlier nodes
and constants; the input vector is node 0. Its key is its type and the interned ids of its
values (see kernel.py): two nodes with equal keys are the same for every purpose.
"""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.types import DslType
from arcsynth.dsl.values import Obj, value_key
from arcsynth.program.nodes import Arg

__all__ = ["Node", "ConstArg", "fast_key"]


class ConstArg:
    """A constant argument: the same value on every example, with its program node and cost."""

    __slots__ = ("arg", "value", "cost", "type", "id")

    def __init__(self, arg: Arg, value: object, cost: float, dsl_type: DslType) -> None:
        self.id = -1          # the kernel's id for this constant (negative: never a value id)
        self.arg = arg
        self.value = value
        self.cost = cost
        self.type = dsl_type

    def __repr__(self) -> str:
        return f"ConstArg({self.arg!r})"


class Node:
    """A state: a value per example, its DSL type, its cost and the call that made it."""

    __slots__ = ("index", "type", "values", "key", "cost", "prim", "args", "depth", "ids")

    def __init__(self, index: int, dsl_type: DslType, values: tuple, key: object, cost: float,
                 prim: str | None, args: tuple, depth: int) -> None:
        self.index = index
        self.type = dsl_type
        self.values = values
        self.key = key
        self.cost = cost
        self.prim = prim
        self.args = args
        self.depth = depth
        self.ids: tuple = ()   # the kernel's interned id of each value

    def __repr__(self) -> str:
        return f"Node({self.index}, {self.type}, {self.prim}, cost={self.cost:.2f})"


def fast_key(value: object) -> object:
    """`value_key`, with a fast path for the arrays that most states are."""
    if type(value) is np.ndarray:
        return (value.dtype.char, value.shape, value.tobytes())
    if type(value) is Obj:
        return ("obj", value.key())
    return value_key(value)

