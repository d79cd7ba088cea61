"""The interpreter: run a type-checked program on input grids, every call guarded.

`compile_program` checks and resolves a program once (primitives looked up, constants turned
into values); the result runs on any number of inputs. Any failure while running is an
EvaluationError: a primitive raised, a value grew past the limits, or the output is not a
valid grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from arcsynth.dsl.registry import Primitive, Registry, default_registry
from arcsynth.errors import EvaluationError
from arcsynth.grid import Grid, is_valid_grid
from arcsynth.program.constants import CONSTANTS
from arcsynth.program.guard import apply_primitive
from arcsynth.program.limits import DEFAULT_LIMITS, Limits
from arcsynth.program.nodes import Arg, Const, Lit, PrimRef, Program, Ref
from arcsynth.program.typecheck import check_program

__all__ = ["CompiledProgram", "compile_program", "run_program", "run_program_many", "as_output_grid",
           "arg_value"]


@dataclass(frozen=True)
class _Call:
    """A resolved step: the primitive and, per argument, (is_reference, position or value)."""

    primitive: Primitive
    sources: tuple[tuple[bool, object], ...]


@dataclass(frozen=True, eq=False)
class CompiledProgram:
    """A checked program with its primitives resolved, ready to run on input grids."""

    program: Program
    calls: tuple[_Call, ...]
    limits: Limits

    def trace(self, grid: Grid) -> tuple[object, ...]:
        """Every value the program computes on `grid`: the input first, the raw output last."""
        values: list[object] = [grid]
        for call in self.calls:
            args = [values[source] if is_ref else source for is_ref, source in call.sources]
            values.append(apply_primitive(call.primitive, args, self.limits))
        return tuple(values)

    def partial_trace(self, grid: Grid) -> tuple[tuple[object, ...], EvaluationError | None]:
        """Like `trace`, but a failing step ends the trace instead of raising: the values
        computed before it (the input first), and the error (None when every step ran)."""
        values: list[object] = [grid]
        for call in self.calls:
            args = [values[source] if is_ref else source for is_ref, source in call.sources]
            try:
                values.append(apply_primitive(call.primitive, args, self.limits))
            except EvaluationError as error:
                return tuple(values), error
        return tuple(values), None

    def run(self, grid: Grid) -> Grid:
        """The output grid on `grid`; EvaluationError when running fails or it is no valid grid."""
        return as_output_grid(self.trace(grid)[-1])

    def run_many(self, grids: Iterable[Grid]) -> tuple[Grid, ...]:
        """The output on each of `grids`; the first failure raises EvaluationError."""
        return tuple(self.run(grid) for grid in grids)


def compile_program(program: Program, registry: Registry | None = None,
                    limits: Limits = DEFAULT_LIMITS) -> CompiledProgram:
    """Check `program` (DslTypeError) and resolve it; too many steps or an oversize literal is an
    EvaluationError."""
    registry = default_registry() if registry is None else registry
    if len(program.steps) > limits.max_steps:
        raise EvaluationError(f"program has {len(program.steps)} steps, more than {limits.max_steps}")
    check_program(program, registry)
    for position, step in enumerate(program.steps, 1):
        for arg in step.args:
            if isinstance(arg, Lit) and abs(arg.value) > limits.max_abs_int:
                raise EvaluationError(f"step {position}: literal {arg.value} beyond +-{limits.max_abs_int}")
    calls = tuple(
        _Call(registry[step.primitive], tuple(_source(arg, registry) for arg in step.args))
        for step in program.steps)
    return CompiledProgram(program, calls, limits)


def run_program(program: Program, grid: Grid, registry: Registry | None = None,
                limits: Limits = DEFAULT_LIMITS) -> Grid:
    """The output of `program` on one input grid."""
    return compile_program(program, registry, limits).run(grid)


def run_program_many(program: Program, grids: Sequence[Grid], registry: Registry | None = None,
                     limits: Limits = DEFAULT_LIMITS) -> tuple[Grid, ...]:
    """The outputs of `program` on each input grid; the first failure raises EvaluationError."""
    return compile_program(program, registry, limits).run_many(grids)


def as_output_grid(value: object) -> Grid:
    """`value` as a read-only uint8 grid, or EvaluationError when it is no valid ARC grid."""
    if not is_valid_grid(value):
        shape = getattr(value, "shape", None)
        raise EvaluationError(f"output is not a valid grid (1..30 per side, values 0..9): "
                              f"{type(value).__name__}{'' if shape is None else f' of shape {shape}'}")
    assert isinstance(value, np.ndarray)
    if value.dtype == np.uint8 and not value.flags.writeable:
        return value
    grid = np.array(value, dtype=np.uint8)
    grid.setflags(write=False)
    return grid


def arg_value(arg: Arg, registry: Registry) -> object:
    """The runtime value of a non-reference argument (literal, named constant, primitive)."""
    if isinstance(arg, Lit):
        return arg.value
    if isinstance(arg, Const):
        return CONSTANTS[arg.name].value
    if isinstance(arg, PrimRef):
        # The raw function, so that a function value has a stable identity for value keys.
        return registry[arg.name].function
    raise TypeError(f"not a constant argument: {arg!r}")


def _source(arg: Arg, registry: Registry) -> tuple[bool, object]:
    if isinstance(arg, Ref):
        return (True, arg.index)
    return (False, arg_value(arg, registry))
