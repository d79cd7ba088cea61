"""A learned operation: a named program fragment with one grid hole, usable as one step.

A fragment's body is an ordinary program (its input `I` is the hole), so it reads, type-checks
and runs like any program; some of its constant arguments are parameters (`Slot`s): the body
shows an example value there, and the learned step takes the value as an argument instead.

    body:   x1 = least_common_color(I)          params: (Slot(step=2, arg=1),)
            O = complete_symmetry(I, x1)
    as one step:  x3 = learned_01(x2)            # no parameter
    body:   x1 = objects_4(I)                    params: (Slot(step=2, arg=2),)
            O = fill_bbox_all(I, x1, 1)
    as one step:  x3 = learned_02(x2, 5)   ==   x3 = objects_4(x2); x4 = fill_bbox_all(x2, x3, 5)

`inline_steps` writes such a step back as the body's steps, so that a program the search found
with learned steps is shown, and verified by the interpreter, in the base primitives alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from arcsynth.dsl.registry import Primitive, Registry
from arcsynth.dsl.types import BOOL, COLOR, DIRECTION, GRID, INT, DslType
from arcsynth.program.interpreter import arg_value
from arcsynth.program.nodes import Arg, Const, Lit, Program, Ref, Step
from arcsynth.program.text import print_program
from arcsynth.program.typecheck import check_program

__all__ = ["Slot", "Fragment", "PARAM_TYPES", "LEARNED", "inline_steps", "inline_program"]

LEARNED = "learned"     # the family of a learned operation's Primitive

# The constant types a parameter may have: those the search's passes deduce from a task.
PARAM_TYPES = (COLOR, INT, DIRECTION, BOOL)


@dataclass(frozen=True)
class Slot:
    """A parameter's place in a fragment's body: argument `arg` (0-based) of step `step` (1-based)."""

    step: int
    arg: int


@dataclass(frozen=True)
class Fragment:
    """A learned operation: `name(grid, *params)` computes `body` on `grid` with the parameters
    in their slots. The body calls base primitives only (never another learned operation), so
    each learned operation stands alone. `check` validates it against the base registry."""

    name: str
    body: Program
    params: tuple[Slot, ...] = ()

    def check(self, registry: Registry) -> tuple[DslType, ...]:
        """The parameters' types; ValueError when the body is ill-typed, does not return a grid,
        or a slot is not a constant argument of a parameter type."""
        if self.name in registry:
            raise ValueError(f"{self.name}: the name of a primitive already registered")
        try:
            check_program(self.body, registry)
        except Exception as error:   # DslTypeError or a StepTypeError: the message says where
            raise ValueError(f"{self.name}: {error}") from None
        learned = sorted({s.primitive for s in self.body.steps if registry[s.primitive].family == LEARNED})
        if learned:
            raise ValueError(f"{self.name}: the body calls learned operations ({', '.join(learned)})")
        types = []
        for slot in self.params:
            if not 1 <= slot.step <= len(self.body.steps):
                raise ValueError(f"{self.name}: parameter slot {slot} names no step of the body")
            step = self.body.steps[slot.step - 1]
            prim = registry[step.primitive]
            if not 0 <= slot.arg < prim.arity or not isinstance(step.args[slot.arg], (Lit, Const)):
                raise ValueError(f"{self.name}: parameter slot {slot} is not a constant argument of {prim.name}")
            if prim.arg_types[slot.arg] not in PARAM_TYPES:
                raise ValueError(f"{self.name}: parameter slot {slot} has type {prim.arg_types[slot.arg]}, "
                                 f"not one of {', '.join(map(str, PARAM_TYPES))}")
            types.append(prim.arg_types[slot.arg])
        if len(set(self.params)) != len(self.params):
            raise ValueError(f"{self.name}: a slot is named twice")
        return tuple(types)

    @property
    def text(self) -> str:
        """The body on one line, parameters shown as p1, p2...: for listings and docstrings."""
        names = {slot: f"p{k}" for k, slot in enumerate(self.params, 1)}
        lines = print_program(self.body).splitlines()
        out = []
        for position, (line, step) in enumerate(zip(lines, self.body.steps), 1):
            target = line.split(" = ", 1)[0]
            args = [names.get(Slot(position, k)) or _arg_text(arg, len(self.body.steps))
                    for k, arg in enumerate(step.args)]
            out.append(f"{target} = {step.primitive}({', '.join(args)})")
        return "; ".join(out)

    def primitive(self, registry: Registry, cost: float = 1.0) -> Primitive:
        """This fragment as a registered primitive (Grid, params...) -> Grid over `registry`."""
        types = self.check(registry)
        return Primitive(self.name, _runner(self, registry), (GRID,) + types, GRID, float(cost),
                         f"learned: {self.text}", LEARNED)


def _arg_text(arg: Arg, last: int) -> str:
    if isinstance(arg, Ref):
        return "I" if arg.index == 0 else ("O" if arg.index == last else f"x{arg.index}")
    if isinstance(arg, Lit):
        return str(arg.value)
    return arg.name


_REF, _PARAM, _VALUE = 0, 1, 2


_SHARED_GRIDS = 64      # grids whose parameter-free steps a learned operation keeps (see _runner)


def _runner(fragment: Fragment, registry: Registry) -> Callable:
    """A function (grid, *params) -> the body's output, the primitives resolved once; a primitive
    that raises lets the exception through, as a primitive called alone would.

    The search calls one operation with many parameter values on the same grid (a color
    parameter: every color of the task), so the steps that read no parameter (often the costly
    ones, such as finding the objects) are computed once per grid and kept for the last
    `_SHARED_GRIDS` grids, by identity (the search's values are interned and read-only)."""
    slots = {slot: k for k, slot in enumerate(fragment.params)}
    calls = []
    varies: list[bool] = [False]          # per position: whether its value depends on a parameter
    for position, step in enumerate(fragment.body.steps, 1):
        sources = []
        for k, arg in enumerate(step.args):
            if Slot(position, k) in slots:
                sources.append((_PARAM, slots[Slot(position, k)]))
            elif isinstance(arg, Ref):
                sources.append((_REF, arg.index))
            else:
                sources.append((_VALUE, arg_value(arg, registry)))
        varies.append(any(kind == _PARAM or (kind == _REF and varies[x]) for kind, x in sources))
        calls.append((registry[step.primitive].function, tuple(sources)))
    fixed = tuple(call for call, v in zip(calls, varies[1:]) if not v)
    fixed_positions = [p for p in range(1, len(calls) + 1) if not varies[p]]
    varying = tuple((p, calls[p - 1]) for p in range(1, len(calls) + 1) if varies[p])
    shared: dict[int, tuple] = {}

    def prefix(grid) -> list:
        """The input and the parameter-free steps' values (None where a step reads a parameter)."""
        entry = shared.get(id(grid))
        if entry is not None and entry[0] is grid:
            if isinstance(entry[1], Exception):
                raise entry[1]
            return entry[1]
        values: list = [grid] + [None] * len(calls)
        try:
            for position, (function, sources) in zip(fixed_positions, fixed):
                values[position] = function(*[values[x] if kind == _REF else x for kind, x in sources])
        except Exception as error:  # the same grid fails the same way: kept, raised again
            found: object = error
        else:
            found = values
        if len(shared) >= _SHARED_GRIDS:
            shared.clear()
        shared[id(grid)] = (grid, found)
        if isinstance(found, Exception):
            raise found
        return values

    def run(grid, *params):
        if not varying:
            values = [grid]
            for function, sources in calls:
                values.append(function(*[values[x] if kind == _REF else x for kind, x in sources]))
            return values[-1]
        values = list(prefix(grid))
        for position, (function, sources) in varying:
            values[position] = function(*[values[x] if kind == _REF else params[x] if kind == _PARAM else x
                                          for kind, x in sources])
        return values[-1]
    run.__name__ = fragment.name
    run.__doc__ = f"learned: {fragment.text}"
    return run


def inline_steps(fragment: Fragment, args: Sequence[Arg], offset: int) -> list[Step]:
    """The body's steps standing for the call `fragment(*args)` of a program whose earlier steps
    number `offset`: the hole reads `args[0]`, the slots take the parameters, body references
    move past `offset`."""
    hole, params = args[0], args[1:]
    slots = {slot: k for k, slot in enumerate(fragment.params)}
    steps = []
    for position, step in enumerate(fragment.body.steps, 1):
        new_args: list[Arg] = []
        for k, arg in enumerate(step.args):
            if Slot(position, k) in slots:
                new_args.append(params[slots[Slot(position, k)]])
            elif isinstance(arg, Ref):
                new_args.append(hole if arg.index == 0 else Ref(arg.index + offset))
            else:
                new_args.append(arg)
        steps.append(Step(step.primitive, tuple(new_args)))
    return steps


def inline_program(program: Program, fragments: Mapping[str, Fragment]) -> Program:
    """`program` with every learned step written as its fragment's body (bodies hold base
    primitives only); the program itself when it has no learned step."""
    if not any(step.primitive in fragments for step in program.steps):
        return program
    steps: list[Step] = []
    where = [0]          # the new position of each old position (0: the input)
    for step in program.steps:
        args = tuple(Ref(where[a.index]) if isinstance(a, Ref) else a for a in step.args)
        fragment = fragments.get(step.primitive)
        if fragment is None:
            steps.append(Step(step.primitive, args))
        else:
            steps.extend(inline_steps(fragment, args, len(steps)))
        where.append(len(steps))
    return Program(tuple(steps))
