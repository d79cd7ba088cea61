"""Programs as data: straight-line single-assignment calls of registered primitives.

A program's steps are numbered 1..n; argument `Ref(0)` is the input `I` and `Ref(k)` the
result of step k. References are positional rather than named so that two programs with the
same structure are equal and hash alike whatever names their text used; the printer names
them x1..xn and the last one O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

__all__ = ["Ref", "Lit", "Const", "PrimRef", "Arg", "Step", "Program", "INPUT"]


@dataclass(frozen=True, slots=True)
class Ref:
    """The input (index 0) or the result of step `index` (1-based)."""

    index: int

    def __post_init__(self) -> None:
        if type(self.index) is not int or self.index < 0:
            raise TypeError(f"Ref index must be a non-negative int, got {self.index!r}")


@dataclass(frozen=True, slots=True)
class Lit:
    """An integer literal; its type (Color or Int) is that of the parameter it fills."""

    value: int

    def __post_init__(self) -> None:
        # bool is an int subclass; Lit(True) would equal Lit(1), so refuse it (use Const "T").
        if type(self.value) is not int:
            raise TypeError(f"Lit value must be a plain int, got {self.value!r}")


@dataclass(frozen=True, slots=True)
class Const:
    """A named constant of the vocabulary in arcsynth.program.constants (T, F, UP, ...)."""

    name: str

    def __post_init__(self) -> None:
        _require_name(self.name, "Const")


@dataclass(frozen=True, slots=True)
class PrimRef:
    """A primitive used as a function value; its type is the primitive's Fn type."""

    name: str

    def __post_init__(self) -> None:
        _require_name(self.name, "PrimRef")


Arg = Union[Ref, Lit, Const, PrimRef]
_ARG_TYPES = (Ref, Lit, Const, PrimRef)

INPUT = Ref(0)


@dataclass(frozen=True, slots=True)
class Step:
    """One call: `primitive(*args)`; its result is the next variable."""

    primitive: str
    args: tuple[Arg, ...] = ()

    def __post_init__(self) -> None:
        # A list here would make the step unhashable and the program mutable; refuse it early.
        _require_name(self.primitive, "Step primitive")
        if type(self.args) is not tuple:
            raise TypeError(f"Step args must be a tuple, got {type(self.args).__name__}")
        for arg in self.args:
            if not isinstance(arg, _ARG_TYPES):
                raise TypeError(f"Step args must be Ref, Lit, Const or PrimRef nodes, got {arg!r}")


@dataclass(frozen=True, slots=True)
class Program:
    """Steps in order; the last step's result is the output `O`."""

    steps: tuple[Step, ...]

    def __post_init__(self) -> None:
        if type(self.steps) is not tuple:
            raise TypeError(f"Program steps must be a tuple, got {type(self.steps).__name__}")
        for step in self.steps:
            if not isinstance(step, Step):
                raise TypeError(f"Program steps must be Step nodes, got {step!r}")

    def __len__(self) -> int:
        return len(self.steps)

    def primitive_names(self) -> tuple[str, ...]:
        """Every primitive the program calls or passes as a function value, in order of use."""
        names: list[str] = []
        for step in self.steps:
            names.append(step.primitive)
            names.extend(arg.name for arg in step.args if isinstance(arg, PrimRef))
        return tuple(names)


def _require_name(name: object, what: str) -> None:
    if type(name) is not str or not name:
        raise TypeError(f"{what} name must be a non-empty str, got {name!r}")
