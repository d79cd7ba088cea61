"""Training items from the search's own programs: verified solutions and hindsight relabelling.

A program that reproduces every train and test output of a training task is a solved task:
the item is the task itself with that program. Any other program the search ran is relabelled
in hindsight: run on the task's own inputs, its outputs make a new task (real inputs, the
program's outputs) that the program solves, provided that task is informative (valid grids,
not the identity, not constant, as guide/synthetic.py asks of generated tasks).

Only training-split tasks may be relabelled (guide/splits.py); `relabel_task` refuses others.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from arcsynth.dsl.registry import Registry, default_registry
from arcsynth.errors import ArcsynthError
from arcsynth.grid import grid_key
from arcsynth.guide.item import SyntheticItem, synthetic_task
from arcsynth.guide.splits import check_training_sources
from arcsynth.guide.synthetic import output_reason, uses_input
from arcsynth.program.interpreter import as_output_grid, compile_program
from arcsynth.program.nodes import Program
from arcsynth.program.text import parse_program
from arcsynth.task import Pair, Task

__all__ = ["SOLVED", "HINDSIGHT", "solves", "relabel_task"]

SOLVED = "solved"          # the `augment` of an item that is a real task with a verified program
HINDSIGHT = "hindsight"    # ... of a task made of a real task's inputs and a program's own outputs


def _outputs(program: Program, grids: Sequence, registry: Registry) -> tuple | None:
    """The program's output grid on each input, or None when it fails on any."""
    try:
        compiled = compile_program(program, registry)
        return tuple(as_output_grid(compiled.run(grid)) for grid in grids)
    except ArcsynthError:   # a failing primitive is an EvaluationError; so is an invalid output grid
        return None


def solves(program: Program, task: Task, registry: Registry | None = None) -> bool:
    """True when `program` reproduces every train and test output of `task`."""
    registry = default_registry() if registry is None else registry
    pairs = (*task.train, *task.test)
    outputs = _outputs(program, [p.input for p in pairs], registry)
    return outputs is not None and all(p.output is not None and grid_key(o) == grid_key(p.output)
                                       for o, p in zip(outputs, pairs))


def relabel_task(task: Task, solutions: Iterable[str], samples: Iterable[str],
                 registry: Registry | None = None) -> list[SyntheticItem]:
    """The items of one training task: each of `solutions` (program texts) that solves it, then
    each of `samples` relabelled in hindsight; one item per distinct set of outputs, in order."""
    registry = default_registry() if registry is None else registry
    check_training_sources([task])
    pairs = (*task.train, *task.test)
    inputs = [p.input for p in pairs]
    items: list[SyntheticItem] = []
    seen: set[tuple] = set()
    for text in solutions:
        program = _parse(text, registry)
        if program is not None and solves(program, task, registry):
            key = tuple(grid_key(p.output) for p in pairs)
            if key not in seen:
                seen.add(key)
                items.append(SyntheticItem(task, program, task.id, SOLVED))
    for text in samples:
        program = _parse(text, registry)
        if program is None or not uses_input(program):
            continue
        outputs = _outputs(program, inputs, registry)
        if outputs is None or output_reason(inputs, outputs) is not None:
            continue
        key = tuple(grid_key(o) for o in outputs)
        if key in seen:
            continue
        seen.add(key)
        made = [Pair(p.input, o) for p, o in zip(pairs, outputs)]
        train, test = tuple(made[:len(task.train)]), tuple(made[len(task.train):])
        items.append(SyntheticItem(synthetic_task(train, test, task.id), program, task.id, HINDSIGHT))
    return items


def _parse(text: str, registry: Registry) -> Program | None:
    try:
        return parse_program(text, registry)
    except ArcsynthError:
        return None
