"""Random programs shaped like ARC programs, for synthetic tasks: short forward chains.

`arcsynth.program.sample.ProgramSampler` draws programs top-down and uniformly over
primitives; synthetic training data wants something else: short programs (1-6 steps, mostly
2-4), drawn forwards the way ARC programs read (`x1 = objects_8(I)`, `x2 = largest(x1)`,
`O = obj_grid(x2)`), with each primitive weighted (uniformly at first, by the current guide in
later rounds). Each step consumes the previous step's value (or, sometimes, another earlier
value), its other arguments are the input grid, earlier values or leaves (colors drawn mostly
from the input grids' colors, small integers, named constants, primitives as function
values). A table of how many steps each type needs to become a Grid keeps every draw
completable, and steps whose value the output does not need are dropped, so every program
type-checks, ends in a Grid and uses its input.

The sampler's tables (callable primitives, function values) come from ProgramSampler.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import numpy as np

from arcsynth.dsl.registry import Primitive, Registry, default_registry
from arcsynth.dsl.types import COLOR, GRID, INT, DslType, is_fn
from arcsynth.grid import NUM_COLORS
from arcsynth.program.constants import constants_of_type
from arcsynth.program.nodes import Arg, Const, Lit, PrimRef, Program, Ref, Step
from arcsynth.program.sample import ProgramSampler

__all__ = ["DrawSettings", "ProgramDrawer", "StepCheck", "drop_unused_steps"]

# check(step, is_last) -> keep it? Called on each drawn step before the next one is drawn (e.g.
# to run it on the task's inputs and redraw it when it fails); it sees accepted steps only.
StepCheck = Callable[[Step, bool], bool]

_UNREACHABLE = 1_000


@dataclass(frozen=True)
class DrawSettings:
    """How programs are drawn.

    length_weights: relative chance of a drawn length of 1, 2, ... steps (before unused steps
        are dropped).
    chain_previous: chance that a step consumes the previous step's value (else any earlier one).
    grid_from_input: chance that a further Grid argument is the input rather than an earlier grid.
    variable_argument: chance that a Color/Int/Bool argument is an earlier value of that type
        (when there is one) rather than a literal.
    color_from_inputs: chance that a Color literal is one of the input grids' colors.
    int_literals: what an Int literal is drawn from.
    transition_bias: (type consumed, type returned, factor): a step from the first type to the
        second is that many times likelier (object pipelines: extract, select, paint, as ARC
        programs do); applied on top of the primitive weights.
    attempts: redraws when a draw gets stuck.
    step_attempts: redraws of one step that the caller's check refused, before the draw is stuck.
    """

    length_weights: tuple[float, ...] = (0.04, 0.10, 0.18, 0.22, 0.24, 0.22)
    chain_previous: float = 0.85
    grid_from_input: float = 0.7
    variable_argument: float = 0.5
    color_from_inputs: float = 0.85
    int_literals: tuple[int, ...] = (0, 1, 1, 2, 2, 2, 3, 3, 4, 5)
    transition_bias: tuple[tuple[str, str, float], ...] = (
        ("Grid", "Objects", 3.0), ("Grid", "Object", 2.0), ("Objects", "Object", 2.0), ("Objects", "Objects", 1.5))
    attempts: int = 50
    step_attempts: int = 8

    def __post_init__(self) -> None:
        if not self.length_weights or min(self.length_weights) < 0 or sum(self.length_weights) <= 0:
            raise ValueError("length_weights must be non-negative with a positive sum")
        if not self.int_literals or self.attempts < 1 or self.step_attempts < 1:
            raise ValueError("int_literals must not be empty and attempts must be positive")
        if any(factor < 0 for _, _, factor in self.transition_bias):
            raise ValueError("transition_bias factors must be non-negative")


class ProgramDrawer:
    """Draws programs from `registry` with primitive weights `op_weights` (None: uniform).

    Names missing from `op_weights` get its smallest positive weight; weights must be finite and
    non-negative. Holds only caches derived from its arguments; all randomness comes from the
    caller's Generator, so a seed gives the same programs.
    """

    def __init__(self, registry: Registry | None = None, op_weights: Mapping[str, float] | None = None,
                 settings: DrawSettings = DrawSettings()) -> None:
        self.registry = default_registry() if registry is None else registry
        self.settings = settings
        sampler = ProgramSampler(self.registry)
        self.primitives: tuple[Primitive, ...] = sampler.callable_primitives()
        self.function_values: Mapping[DslType, tuple[str, ...]] = sampler.function_values
        self.weights = _weights(self.registry, op_weights)
        self.leaf_types = frozenset(t for t in {a for p in self.primitives for a in p.arg_types}
                                    if self._is_leaf(t))
        self.steps_to_grid = self._steps_to_grid()
        lengths = np.asarray(settings.length_weights, dtype=float)
        self._length_p = lengths / lengths.sum()
        self._bias = {(source, result): float(factor) for source, result, factor in settings.transition_bias}
        self._candidates: dict[tuple, tuple[tuple[Primitive, ...], np.ndarray]] = {}

    def _is_leaf(self, dsl_type: DslType) -> bool:
        return (dsl_type in (COLOR, INT) or bool(constants_of_type(dsl_type))
                or (is_fn(dsl_type) and dsl_type in self.function_values))

    def _fillable(self, prim: Primitive, source: DslType, available: frozenset[DslType]) -> bool:
        return source in prim.arg_types and all(
            t == source or t in available or t in self.leaf_types for t in prim.arg_types)

    def _steps_to_grid(self) -> dict[DslType, int]:
        """Per type: the fewest steps from a value of that type to a Grid, with only the input
        grid and leaves besides."""
        steps: dict[DslType, int] = {GRID: 0}
        changed = True
        while changed:
            changed = False
            for prim in self.primitives:
                after = steps.get(prim.return_type)
                if after is None:
                    continue
                for source in set(prim.arg_types):
                    if self._fillable(prim, source, frozenset({GRID})) and 1 + after < steps.get(source, _UNREACHABLE):
                        steps[source] = 1 + after
                        changed = True
        return steps

    def candidates(self, source: DslType, available: frozenset[DslType],
                   remaining: int) -> tuple[tuple[Primitive, ...], np.ndarray]:
        """The primitives that can consume a `source` value now (other arguments from `available`
        types or leaves) and still reach a Grid in `remaining` more steps; their probabilities."""
        key = (source, available, remaining)
        found = self._candidates.get(key)
        if found is None:
            prims = tuple(p for p in self.primitives if self._fillable(p, source, available)
                          and self.steps_to_grid.get(p.return_type, _UNREACHABLE) <= remaining
                          and (remaining > 0 or p.return_type == GRID))
            weights = np.asarray([self.weights[p.name] * self._bias.get((str(source), str(p.return_type)), 1.0)
                                  for p in prims], dtype=float)
            if prims and weights.sum() <= 0:
                weights = np.ones(len(prims))
            found = (prims, weights / weights.sum() if prims else weights)
            self._candidates[key] = found
        return found

    def draw(self, rng: np.random.Generator, colors: Sequence[int] = (),
             check: Callable[[], StepCheck] | None = None) -> Program | None:
        """A program from Grid to Grid, or None when every attempt got stuck.

        `check`, when given, makes a fresh step check for each attempt (see StepCheck).
        """
        colors = tuple(sorted({int(c) for c in colors if 0 <= int(c) < NUM_COLORS}))
        for _ in range(self.settings.attempts):
            length = 1 + int(rng.choice(len(self._length_p), p=self._length_p))
            program = self._draw_once(rng, length, colors, None if check is None else check())
            if program is not None:
                return program
        return None

    def _draw_once(self, rng: np.random.Generator, length: int, colors: tuple[int, ...],
                   check: StepCheck | None) -> Program | None:
        types: list[DslType] = [GRID]
        steps: list[Step] = []
        for position in range(1, length + 1):
            remaining = length - position
            for _ in range(self.settings.step_attempts if check is not None else 1):
                step = self._draw_step(rng, position, remaining, types, colors)
                if step is None:
                    return None
                if check is None or check(step, remaining == 0):
                    break
            else:
                return None
            steps.append(step)
            types.append(self.registry[step.primitive].return_type)
        return drop_unused_steps(Program(tuple(steps)))

    def _draw_step(self, rng: np.random.Generator, position: int, remaining: int, types: list[DslType],
                   colors: tuple[int, ...]) -> Step | None:
        if position == 1 or rng.random() < self.settings.chain_previous:
            source = position - 1
        else:
            source = int(rng.integers(position))
        if self.steps_to_grid.get(types[source], _UNREACHABLE) > remaining + 1:
            source = position - 1
        prims, probs = self.candidates(types[source], frozenset(types), remaining)
        if not prims:
            return None
        prim = prims[int(rng.choice(len(prims), p=probs))]
        return Step(prim.name, self._arguments(rng, prim, source, types, colors))

    def _arguments(self, rng: np.random.Generator, prim: Primitive, source: int, types: list[DslType],
                   colors: tuple[int, ...]) -> tuple[Arg, ...]:
        slots = [k for k, t in enumerate(prim.arg_types) if t == types[source]]
        chained = slots[int(rng.integers(len(slots)))]
        args: list[Arg] = []
        for k, dsl_type in enumerate(prim.arg_types):
            if k == chained:
                args.append(Ref(source))
            else:
                args.append(self._other_argument(rng, dsl_type, types, colors, source))
        return tuple(args)

    def _other_argument(self, rng: np.random.Generator, dsl_type: DslType, types: list[DslType],
                        colors: tuple[int, ...], source: int) -> Arg:
        settings = self.settings
        earlier = [k for k, t in enumerate(types) if t == dsl_type]
        if dsl_type != GRID and source in earlier and (len(earlier) > 1 or dsl_type in self.leaf_types):
            earlier.remove(source)  # f(x, x) is rarely what a second argument of one type is for
        if dsl_type == GRID:
            if len(earlier) == 1 or rng.random() < settings.grid_from_input:
                return Ref(0)
            return Ref(earlier[1 + int(rng.integers(len(earlier) - 1))])
        if earlier and (dsl_type not in self.leaf_types or rng.random() < settings.variable_argument):
            return Ref(earlier[int(rng.integers(len(earlier)))])
        if dsl_type == COLOR:
            if colors and rng.random() < settings.color_from_inputs:
                return Lit(colors[int(rng.integers(len(colors)))])
            return Lit(int(rng.integers(NUM_COLORS)))
        if dsl_type == INT:
            return Lit(settings.int_literals[int(rng.integers(len(settings.int_literals)))])
        constants = constants_of_type(dsl_type)
        if constants:
            return Const(constants[int(rng.integers(len(constants)))].name)
        names = self.function_values[dsl_type]
        weights = np.asarray([self.weights[name] for name in names], dtype=float)
        if weights.sum() <= 0:
            weights = np.ones(len(names))
        return PrimRef(names[int(rng.choice(len(names), p=weights / weights.sum()))])


def _weights(registry: Registry, op_weights: Mapping[str, float] | None) -> dict[str, float]:
    if op_weights is None:
        return {name: 1.0 for name in registry}
    values = [float(w) for w in op_weights.values()]
    if any(not np.isfinite(w) or w < 0 for w in values):
        raise ValueError("op_weights must be finite and non-negative")
    positive = [w for w in values if w > 0]
    floor = min(positive) if positive else 1.0
    return {name: float(op_weights.get(name, floor)) for name in registry}


def drop_unused_steps(program: Program) -> Program:
    """The program without the steps its output does not depend on (references renumbered)."""
    needed = {len(program.steps)}
    for position in range(len(program.steps), 0, -1):
        if position in needed:
            needed.update(arg.index for arg in program.steps[position - 1].args if isinstance(arg, Ref))
    kept = sorted(k for k in needed if k > 0)
    if len(kept) == len(program.steps):
        return program
    renumber = {0: 0, **{old: new for new, old in enumerate(kept, 1)}}
    steps = tuple(Step(program.steps[k - 1].primitive,
                       tuple(Ref(renumber[a.index]) if isinstance(a, Ref) else a for a in program.steps[k - 1].args))
                  for k in kept)
    return Program(steps)
