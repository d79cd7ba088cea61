"""A synthetic item: a task made by running a program, and what the guide learns from it."""

from __future__ import annotations

from dataclasses import dataclass

from arcsynth.dsl.registry import Registry, default_registry
from arcsynth.dsl.types import COLOR, INT
from arcsynth.program.nodes import Lit, Program
from arcsynth.guide.splits import task_content_hash
from arcsynth.task import Pair, Task

__all__ = ["SyntheticItem", "synthetic_task", "item_primitives", "item_constants"]


@dataclass(frozen=True, eq=False)
class SyntheticItem:
    """A synthetic task (3-4 train pairs and 1 test pair, all with outputs) and the program that
    makes it, with the id of the task its inputs come from and the augmentation applied."""

    task: Task
    program: Program
    source: str
    augment: str


def synthetic_task(train: tuple[Pair, ...], test: tuple[Pair, ...], source: str) -> Task:
    """A synthetic task, its id `syn-` and the start of its content hash."""
    digest = task_content_hash(Task("synthetic", train, test))
    return Task(f"syn-{digest[:16]}", train, test, source=f"synthetic:{source}")


def item_primitives(program: Program) -> list[str]:
    """The sorted unique primitive names a program uses (called or passed as function values)."""
    return sorted(set(program.primitive_names()))


def item_constants(program: Program, registry: Registry | None = None) -> dict[str, list[int]]:
    """The literal constants of a program by the type of the slot they fill: colors and ints."""
    registry = default_registry() if registry is None else registry
    colors: set[int] = set()
    ints: set[int] = set()
    for step in program.steps:
        arg_types = registry[step.primitive].arg_types
        for arg, dsl_type in zip(step.args, arg_types):
            if isinstance(arg, Lit):
                if dsl_type == COLOR:
                    colors.add(arg.value)
                elif dsl_type == INT:
                    ints.add(arg.value)
    return {"colors": sorted(colors), "ints": sorted(ints)}
