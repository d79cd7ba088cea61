"""Task augmentation: search a task seen through a symmetry of the grid, and map answers back.

A transformed task has inputs f(I) and outputs f(O); a program P found for it answers the
original task as f^-1(P(f(I))), which is again an ordinary program: one step of f on the
input, P's steps, and one step of f^-1 at the end. f and f^-1 are registered primitives,
found by their behaviour on a probe grid (not by name); a symmetry the registry lacks is
skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

from arcsynth.dsl.registry import Primitive, Registry
from arcsynth.dsl.types import GRID
from arcsynth.program.nodes import Program, Ref, Step
from arcsynth.task import Pair, Task

__all__ = ["Augmentation", "find_augmentations", "augment_task", "wrap_program", "SYMMETRIES"]

_PROBE = np.arange(6, dtype=np.uint8).reshape(2, 3)
_PROBE.setflags(write=False)

# name -> (forward on arrays, inverse on arrays)
SYMMETRIES: dict[str, tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]] = {
    "transpose": (lambda a: a.T, lambda a: a.T),
    "flip_h": (lambda a: a[:, ::-1], lambda a: a[:, ::-1]),
    "flip_v": (lambda a: a[::-1], lambda a: a[::-1]),
    "rot90": (lambda a: np.rot90(a, -1), lambda a: np.rot90(a, 1)),
    "rot180": (lambda a: a[::-1, ::-1], lambda a: a[::-1, ::-1]),
    "rot270": (lambda a: np.rot90(a, 1), lambda a: np.rot90(a, -1)),
    "anti_transpose": (lambda a: a[::-1, ::-1].T, lambda a: a[::-1, ::-1].T),
}


@dataclass(frozen=True)
class Augmentation:
    """A grid symmetry with the primitives that apply it and undo it."""

    name: str
    forward: Primitive
    inverse: Primitive


def _behaves_as(prim: Primitive, fn: Callable[[np.ndarray], np.ndarray]) -> bool:
    if prim.arg_types != (GRID,) or prim.return_type != GRID:
        return False
    try:
        out = prim.function(_PROBE)
    except Exception:  # a primitive that refuses the probe does not qualify
        return False
    expected = fn(_PROBE)
    return isinstance(out, np.ndarray) and out.shape == expected.shape and np.array_equal(out, expected)


def find_augmentations(registry: Registry, names: tuple[str, ...]) -> list[Augmentation]:
    """The symmetries among `names` that some registered primitives can apply and undo."""
    found = []
    for name in names:
        if name not in SYMMETRIES:
            continue
        forward_fn, inverse_fn = SYMMETRIES[name]
        forward = next((registry[n] for n in sorted(registry) if _behaves_as(registry[n], forward_fn)), None)
        inverse = next((registry[n] for n in sorted(registry) if _behaves_as(registry[n], inverse_fn)), None)
        if forward is not None and inverse is not None:
            found.append(Augmentation(name, forward, inverse))
    return found


def augment_task(task: Task, augmentation: Augmentation) -> Task:
    """The task seen through the symmetry: every grid (inputs and known outputs) transformed."""
    f = augmentation.forward.function

    def pair(p: Pair) -> Pair:
        return Pair(f(p.input), None if p.output is None else f(p.output))
    return replace(task, id=f"{task.id}~{augmentation.name}", train=tuple(pair(p) for p in task.train),
                   test=tuple(pair(p) for p in task.test))


def wrap_program(program: Program, augmentation: Augmentation) -> Program:
    """f^-1(P(f(I))) as one program: a step of f, P's steps renumbered, a step of f^-1."""
    steps = [Step(augmentation.forward.name, (Ref(0),))]
    for step in program.steps:
        steps.append(Step(step.primitive, tuple(Ref(a.index + 1) if isinstance(a, Ref) else a for a in step.args)))
    steps.append(Step(augmentation.inverse.name, (Ref(len(steps)),)))
    return Program(tuple(steps))
