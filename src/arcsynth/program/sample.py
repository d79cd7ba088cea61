"""Random well-typed programs, and random well-typed arguments for one primitive.

The sampler works top-down over DSL types: to fill a slot of type T it takes a leaf (the
input grid, an integer literal, a named constant, a primitive passed as a function value), an
earlier step of type T (so programs are graphs, not only trees), or a call of a primitive that
returns T, whose own arguments are filled the same way one level deeper. A table of the least
call depth at which each type can be built keeps every choice completable, so every sampled
program type-checks by construction. All randomness comes from the caller's numpy Generator,
so a seed gives the same programs.

The same machinery gives arguments for a single primitive (`sample_call`): the property
tests and the primitive benchmark use it to call every primitive with values of the right
types, including objects, masks and lists made by other primitives from the input.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, Sequence

import numpy as np

from arcsynth.dsl.registry import Primitive, Registry, default_registry
from arcsynth.dsl.types import COLOR, GRID, INT, DslType, is_fn
from arcsynth.errors import EvaluationError
from arcsynth.grid import Grid, NUM_COLORS
from arcsynth.program.constants import constants_of_type
from arcsynth.program.guard import apply_primitive
from arcsynth.program.interpreter import arg_value
from arcsynth.program.limits import DEFAULT_LIMITS, Limits
from arcsynth.program.nodes import Arg, Const, Lit, PrimRef, Program, Ref, Step
from arcsynth.program.text import print_step
from arcsynth.program.typecheck import INPUT_TYPE, OUTPUT_TYPE

__all__ = ["SampleSettings", "ProgramSampler", "SampledCall", "SamplingError"]


class SamplingError(ValueError):
    """No program or call of the requested shape can be sampled from this registry."""


@dataclass(frozen=True)
class SampleSettings:
    """How programs are drawn.

    max_depth: nesting of calls below the output step (1 = every argument is a leaf or reuse).
    max_steps: programs longer than this are redrawn.
    leaf_probability: chance to fill a slot with a leaf when a call would also be possible.
    reuse_probability: chance to reuse an earlier step of the wanted type when there is one.
    int_literals: the integers an Int slot draws from (small: ARC counts and factors are).
    color_bias: chance that a Color literal is drawn from the colors hinted by the caller
        (those of the input grids) rather than uniformly from 0..9.
    attempts: redraws before giving up on a too-long program.
    """

    max_depth: int = 3
    max_steps: int = 8
    leaf_probability: float = 0.5
    reuse_probability: float = 0.3
    int_literals: tuple[int, ...] = (0, 1, 1, 2, 2, 3, 4, 5)
    color_bias: float = 0.8
    attempts: int = 100

    def __post_init__(self) -> None:
        if self.max_depth < 1 or self.max_steps < 1 or self.attempts < 1:
            raise ValueError("max_depth, max_steps and attempts must be positive")
        if not self.int_literals:
            raise ValueError("int_literals must not be empty")


@dataclass(frozen=True)
class SampledCall:
    """One primitive with sampled arguments: setup steps compute non-leaf arguments from the
    input (positions 1..len(setup), as in a program) and `args` refer to them or are leaves."""

    primitive: str
    setup: tuple[Step, ...]
    args: tuple[Arg, ...]

    def arguments(self, grid: Grid, registry: Registry | None = None,
                  limits: Limits = DEFAULT_LIMITS) -> tuple[object, ...]:
        """The argument values on input `grid`; EvaluationError when a setup step fails."""
        registry = default_registry() if registry is None else registry
        values: list[object] = [grid]
        for step in self.setup:
            step_args = [_value(arg, values, registry) for arg in step.args]
            values.append(apply_primitive(registry[step.primitive], step_args, limits))
        return tuple(_value(arg, values, registry) for arg in self.args)

    def text(self) -> str:
        """The call as program text: the setup steps, then `O = primitive(args)` (for messages)."""
        last = len(self.setup) + 1
        lines = [print_step(step, position, last) for position, step in enumerate(self.setup, 1)]
        lines.append(print_step(Step(self.primitive, self.args), last, last))
        return "\n".join(lines) + "\n"


def _value(arg: Arg, values: Sequence[object], registry: Registry) -> object:
    return values[arg.index] if isinstance(arg, Ref) else arg_value(arg, registry)


class _TooLong(Exception):
    """A draw went past max_steps; the caller redraws."""


@dataclass(frozen=True, eq=False)
class ProgramSampler:
    """Draws well-typed programs and primitive calls from `registry`; immutable and reusable."""

    registry: Registry = field(default_factory=default_registry)
    settings: SampleSettings = SampleSettings()
    limits: Limits = DEFAULT_LIMITS
    # type -> the least call depth that builds it (0 = a leaf); types absent cannot be built.
    build_depth: Mapping[DslType, int] = field(init=False, repr=False)
    # Fn type -> primitives usable as a function value of that type.
    function_values: Mapping[DslType, tuple[str, ...]] = field(init=False, repr=False)
    # type -> (primitives returning it, sorted by call depth; their call depths), so that the
    # callers within a depth are a prefix found by bisection (slot filling is the hot loop).
    callers: Mapping[DslType, tuple[tuple[Primitive, ...], tuple[int, ...]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        functions: dict[DslType, list[str]] = {}
        for prim in self.registry.values():
            functions.setdefault(prim.type, []).append(prim.name)
        object.__setattr__(self, "function_values",
                           MappingProxyType({t: tuple(names) for t, names in functions.items()}))
        object.__setattr__(self, "build_depth", MappingProxyType(self._build_depths()))
        callers: dict[DslType, list[tuple[int, Primitive]]] = {}
        for prim in self.callable_primitives():
            callers.setdefault(prim.return_type, []).append((self.call_depth(prim), prim))
        object.__setattr__(self, "callers", MappingProxyType({
            t: (tuple(prim for _, prim in pairs), tuple(depth for depth, _ in pairs))
            for t, pairs in ((t, sorted(pairs, key=lambda pair: pair[0])) for t, pairs in callers.items())}))

    def _has_leaf(self, dsl_type: DslType) -> bool:
        return (dsl_type in (INPUT_TYPE, COLOR, INT) or bool(constants_of_type(dsl_type))
                or (is_fn(dsl_type) and dsl_type in self.function_values))

    def _build_depths(self) -> dict[DslType, int]:
        types = {t for prim in self.registry.values() for t in (*prim.arg_types, prim.return_type)}
        depth = {t: 0 for t in types | {INPUT_TYPE} if self._has_leaf(t)}
        changed = True
        while changed:  # a fixpoint: at most one pass per distinct type
            changed = False
            for prim in self.registry.values():
                needed = self.call_depth(prim, depth)
                if needed is not None and needed < depth.get(prim.return_type, needed + 1):
                    depth[prim.return_type] = needed
                    changed = True
        return depth

    def call_depth(self, prim: Primitive, depth: Mapping[DslType, int] | None = None) -> int | None:
        """The least call depth of a call of `prim`, or None when an argument cannot be built."""
        depth = self.build_depth if depth is None else depth
        if any(t not in depth for t in prim.arg_types):
            return None
        return 1 + max((depth[t] for t in prim.arg_types), default=0)

    def callable_primitives(self) -> tuple[Primitive, ...]:
        """The primitives whose every argument type can be built (all others are never drawn)."""
        return tuple(prim for prim in self.registry.values() if self.call_depth(prim) is not None)

    def callers_within(self, dsl_type: DslType, depth: int) -> tuple[Primitive, ...]:
        """The primitives returning `dsl_type` whose call fits within `depth`."""
        prims, depths = self.callers.get(dsl_type, ((), ()))
        return prims[:bisect_right(depths, depth)]

    def sample_program(self, rng: np.random.Generator, colors: Sequence[int] = ()) -> Program:
        """A random program from Grid to Grid that type-checks against the registry.

        `colors` (e.g. those of the task's inputs) bias Color literals towards them.
        """
        roots = self.callers_within(OUTPUT_TYPE, self.settings.max_depth)
        if not roots:
            raise SamplingError(f"no primitive returning {OUTPUT_TYPE} can be called within depth "
                                f"{self.settings.max_depth}")
        for _ in range(self.settings.attempts):
            draw = _Draw(self, rng, tuple(colors))
            try:
                draw.call(roots[rng.integers(len(roots))], self.settings.max_depth)
            except _TooLong:
                continue
            return Program(tuple(draw.steps))
        raise SamplingError(f"no program within {self.settings.max_steps} steps after "
                            f"{self.settings.attempts} attempts")

    def sample_call(self, rng: np.random.Generator, prim: Primitive | str,
                    colors: Sequence[int] = ()) -> SampledCall:
        """Random arguments for one call of `prim`, built from the input within max_depth - 1."""
        prim = self.registry[prim] if isinstance(prim, str) else prim
        needed = self.call_depth(prim)
        if needed is None:
            raise SamplingError(f"{prim.name}: some argument type of {prim.signature} cannot be built")
        depth = max(self.settings.max_depth, needed)
        for _ in range(self.settings.attempts):
            draw = _Draw(self, rng, tuple(colors))
            try:
                args = tuple(draw.slot(t, depth - 1) for t in prim.arg_types)
            except _TooLong:
                continue
            return SampledCall(prim.name, tuple(draw.steps), args)
        raise SamplingError(f"{prim.name}: no call within {self.settings.max_steps} setup steps")

    def sample_arguments(self, rng: np.random.Generator, prim: Primitive | str, grid: Grid,
                         attempts: int = 5) -> tuple[SampledCall, tuple[object, ...]] | None:
        """A call of `prim` whose setup runs on `grid`, with its argument values; None when
        every one of `attempts` draws failed in its setup (e.g. no object to select)."""
        colors = tuple(int(c) for c in np.unique(grid))
        for _ in range(attempts):
            sampled = self.sample_call(rng, prim, colors)
            try:
                return sampled, sampled.arguments(grid, self.registry, self.limits)
            except EvaluationError:
                continue
        return None


class _Draw:
    """The mutable state of one draw: the steps so far and the type of every position."""

    def __init__(self, sampler: ProgramSampler, rng: np.random.Generator, colors: tuple[int, ...]) -> None:
        self.sampler = sampler
        self.rng = rng
        self.colors = tuple(c for c in colors if 0 <= c < NUM_COLORS)
        self.steps: list[Step] = []
        self.types: list[DslType] = [INPUT_TYPE]

    def _chance(self, probability: float) -> bool:
        return bool(self.rng.random() < probability)

    def _pick(self, items: Sequence):
        return items[int(self.rng.integers(len(items)))]

    def slot(self, dsl_type: DslType, depth: int) -> Arg:
        """An argument of `dsl_type` using calls nested at most `depth` deep."""
        settings = self.sampler.settings
        earlier = [k for k in range(1, len(self.types)) if self.types[k] == dsl_type]
        if earlier and self._chance(settings.reuse_probability):
            return Ref(self._pick(earlier))
        callers = self.sampler.callers_within(dsl_type, depth)
        has_leaf = self.sampler.build_depth.get(dsl_type) == 0
        if callers and not (has_leaf and self._chance(settings.leaf_probability)):
            return self.call(self._pick(callers), depth)
        if has_leaf:
            return self.leaf(dsl_type)
        if earlier:
            return Ref(self._pick(earlier))
        raise SamplingError(f"cannot build a {dsl_type} within depth {depth}")  # the depth table rules this out

    def leaf(self, dsl_type: DslType) -> Arg:
        """A leaf of `dsl_type`: the input, a literal, a constant or a primitive as a value."""
        if dsl_type == INPUT_TYPE:
            return Ref(0)
        if dsl_type == COLOR:
            if self.colors and self._chance(self.sampler.settings.color_bias):
                return Lit(int(self._pick(self.colors)))
            return Lit(int(self.rng.integers(NUM_COLORS)))
        if dsl_type == INT:
            return Lit(int(self._pick(self.sampler.settings.int_literals)))
        constants = constants_of_type(dsl_type)
        if constants:
            return Const(self._pick(constants).name)
        return PrimRef(self._pick(self.sampler.function_values[dsl_type]))

    def call(self, prim: Primitive, depth: int) -> Ref:
        """Append a call of `prim` (arguments drawn first) and refer to its result."""
        args = tuple(self.slot(t, depth - 1) for t in prim.arg_types)
        if len(self.steps) >= self.sampler.settings.max_steps:
            raise _TooLong
        self.steps.append(Step(prim.name, args))
        self.types.append(prim.return_type)
        return Ref(len(self.steps))
