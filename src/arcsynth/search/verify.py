"""Turn a program into a ranked Candidate: run it with the real interpreter on the original task.

Whatever part of the search found a program (enumeration, a completer, a view of the task),
it counts only as what it does on the task itself: its train pairs reproduced, its cells
right and its test predictions, computed here by the interpreter, not by the search's cache.
"""

from __future__ import annotations

import numpy as np

from arcsynth.dsl.registry import Registry
from arcsynth.errors import ProgramError
from arcsynth.program.interpreter import compile_program
from arcsynth.program.nodes import Program
from arcsynth.program.text import print_program
from arcsynth.search.deduce import TaskFacts, task_facts
from arcsynth.search.library.learned import inline_learned
from arcsynth.search.result import Candidate
from arcsynth.task import Task

__all__ = ["verify_candidate"]


def verify_candidate(program: Program, task: Task, registry: Registry, cost: float, origin: str,
                     facts: TaskFacts | None = None, pieces: int = 1) -> Candidate | None:
    """`program` scored on the task's train pairs with its test predictions; None when it is
    empty, ill-typed or fails on some input. Learned steps (a LibraryRegistry's) are written
    back in base primitives first: the candidate is the program the interpreter ran."""
    if not program.steps:
        return None
    program = inline_learned(program, registry)
    try:
        compiled = compile_program(program, registry)
        train_out = [compiled.run(p.input) for p in task.train]
        predictions = tuple(compiled.run(p.input) for p in task.test)
    except ProgramError:
        return None
    targets = [p.output for p in task.train]
    solved = sum(1 for out, target in zip(train_out, targets)
                 if out.shape == target.shape and np.array_equal(out, target))
    right = sum(int(np.count_nonzero(out == target)) for out, target in zip(train_out, targets)
                if out.shape == target.shape)
    cells = sum(t.size for t in targets)
    facts = task_facts(task) if facts is None else facts
    allowed = facts.allowed_test_shapes
    shape_ok = not allowed or all(p.shape in shapes for p, shapes in zip(predictions, allowed))
    return Candidate(program, print_program(program), predictions, solved, len(targets), cost,
                     origin, right / max(1, cells), shape_ok, pieces)
