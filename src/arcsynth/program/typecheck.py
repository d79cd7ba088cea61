"""The type checker: every program that passes can be run without a type mismatch.

Checks that each reference points to the input or an earlier step, that argument counts and
DSL types match each primitive's signature (integer literals take the type of the parameter
they fill; a Color literal must be 0..9), and that the output O is a Grid.
"""

from __future__ import annotations

from arcsynth.dsl.registry import Registry, default_registry
from arcsynth.dsl.types import COLOR, GRID, INT, DslType
from arcsynth.errors import DslTypeError
from arcsynth.grid import NUM_COLORS
from arcsynth.program.constants import CONSTANTS
from arcsynth.program.nodes import Arg, Const, Lit, PrimRef, Program, Ref, Step
from arcsynth.program.suggest import did_you_mean
from arcsynth.program.text import print_step

__all__ = ["check_program", "arg_type", "StepTypeError", "INPUT_TYPE", "OUTPUT_TYPE"]

INPUT_TYPE = GRID
OUTPUT_TYPE = GRID


class StepTypeError(DslTypeError):
    """A type error at one step; `position` (1-based) lets a caller point at its source line."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


def check_program(program: Program, registry: Registry | None = None) -> tuple[DslType, ...]:
    """The DSL type of every position (0 = input, k = step k); raises DslTypeError naming the step."""
    registry = default_registry() if registry is None else registry
    if not program.steps:
        raise DslTypeError("a program needs at least one step")
    types: list[DslType] = [INPUT_TYPE]
    last = len(program.steps)
    for position, step in enumerate(program.steps, 1):
        types.append(_check_step(step, position, last, types, registry))
    if types[-1] != OUTPUT_TYPE:
        raise StepTypeError(f"{_where(program.steps[-1], last, last)}: O must be a {OUTPUT_TYPE}, "
                           f"but {program.steps[-1].primitive} returns {types[-1]}", last)
    return tuple(types)


def _check_step(step: Step, position: int, last: int, types: list[DslType], registry: Registry) -> DslType:
    where = _where(step, position, last)
    prim = registry.get(step.primitive)
    if prim is None:
        raise StepTypeError(f"{where}: unknown primitive {step.primitive!r}{did_you_mean(step.primitive, registry)}",
                            position)
    if len(step.args) != prim.arity:
        raise StepTypeError(f"{where}: {prim.signature} takes {prim.arity} arguments, got {len(step.args)}",
                            position)
    for number, (arg, expected) in enumerate(zip(step.args, prim.arg_types), 1):
        try:
            actual = arg_type(arg, expected, types, registry)
        except ValueError as exc:
            raise StepTypeError(f"{where}: argument {number} of {prim.name}: {exc}", position) from None
        if actual != expected:
            raise StepTypeError(f"{where}: argument {number} of {prim.signature} must be {expected}, "
                                f"got {actual}", position)
    return prim.return_type


def arg_type(arg: Arg, expected: DslType, types: list[DslType] | tuple[DslType, ...],
             registry: Registry) -> DslType:
    """The type of `arg` filling a parameter of type `expected`, where `types` are the
    positions defined so far; raises ValueError with the reason when it has none."""
    if isinstance(arg, Ref):
        if arg.index >= len(types):
            raise ValueError(f"refers to step {arg.index}, which is not defined before this step")
        return types[arg.index]
    if isinstance(arg, Lit):
        if expected == COLOR:
            if not 0 <= arg.value < NUM_COLORS:
                raise ValueError(f"color literal {arg.value} is not in 0..{NUM_COLORS - 1}")
            return COLOR
        if expected == INT:
            return INT
        raise ValueError(f"integer literal {arg.value} where a {expected} is expected")
    if isinstance(arg, Const):
        constant = CONSTANTS.get(arg.name)
        if constant is None:
            raise ValueError(f"unknown constant {arg.name!r}")
        return constant.type
    if isinstance(arg, PrimRef):
        prim = registry.get(arg.name)
        if prim is None:
            raise ValueError(f"unknown primitive {arg.name!r}")
        return prim.type
    raise ValueError(f"not a program argument: {arg!r}")


def _where(step: Step, position: int, last: int) -> str:
    return f"step {position} `{print_step(step, position, last)}`"
