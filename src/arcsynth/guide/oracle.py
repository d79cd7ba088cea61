"""The oracle prior: a share m of the probability on the primitives of the task's hand-written
program (programs/arc1-train/<task id>.dsl), the rest spread over the others.

A benchmark yardstick only: it reads the answer, so it says how much a perfect guide would be
worth. The hand-written programs are never training data. A task without a program gets the
uniform prior.
"""

from __future__ import annotations

import math
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from arcsynth.dsl.registry import Registry, default_registry
from arcsynth.dsl.types import COLOR, INT
from arcsynth.errors import ProgramError, UsageError
from arcsynth.program.nodes import Lit, Program
from arcsynth.program.text import parse_program
from arcsynth.task import Task

__all__ = ["OraclePrior", "default_programs_dir", "share_log_probs"]

CONSTANT_COLORS = tuple(range(10))
CONSTANT_INTS = tuple(range(10))


def default_programs_dir() -> Path | None:
    """programs/arc1-train under the current directory, else beside the source tree (editable
    installs), else None."""
    here = Path("programs") / "arc1-train"
    if here.is_dir():
        return here
    beside = Path(__file__).resolve().parents[3] / "programs" / "arc1-train"
    return beside if beside.is_dir() else None


def share_log_probs(names: list[str], chosen: set[str], m: float) -> dict[str, float]:
    """log p with a share m spread evenly over `chosen` (those among `names`), 1 - m over the rest."""
    hits = [n for n in names if n in chosen]
    if not names:
        return {}
    if not hits or len(hits) == len(names):
        return {n: -math.log(len(names)) for n in names}
    inside = math.log(m / len(hits))
    outside = math.log((1.0 - m) / (len(names) - len(hits)))
    return {n: (inside if n in chosen else outside) for n in names}


class OraclePrior:
    """Prior that knows the task's hand-written program (benchmark only)."""

    name = "oracle"

    def __init__(self, programs_dir: str | Path | None = None, m: float = 0.5,
                 registry: Registry | None = None) -> None:
        if not 0.0 < m < 1.0:
            raise ValueError(f"m must be in (0, 1), got {m}")
        directory = Path(programs_dir) if programs_dir is not None else default_programs_dir()
        if directory is None or not directory.is_dir():
            raise UsageError(f"{programs_dir or 'programs/arc1-train'}: no folder of hand-written programs "
                             "(the oracle prior needs them)")
        self.programs_dir = directory
        self.m = float(m)
        self.registry = registry

    def program(self, task: Task) -> Program | None:
        """The task's hand-written program, or None (no file, or it no longer parses)."""
        path = self.programs_dir / f"{task.id}.dsl"
        if not path.is_file():
            return None
        try:
            return parse_program(path.read_text(encoding="utf-8"), self.registry or default_registry())
        except (ProgramError, OSError):
            return None

    def log_probs(self, task: Task, registry: Registry) -> Mapping[str, float]:
        program = self.program(task)
        chosen = set(program.primitive_names()) if program is not None else set()
        return MappingProxyType(share_log_probs(sorted(registry), chosen, self.m))

    def constant_log_probs(self, task: Task) -> dict[str, float]:
        """'color:c' and 'int:k' with share m on the literals the program passes in such slots."""
        program = self.program(task)
        colors: set[str] = set()
        ints: set[str] = set()
        if program is not None:
            registry = self.registry or default_registry()
            for step in program.steps:
                for arg, dsl_type in zip(step.args, registry[step.primitive].arg_types):
                    if isinstance(arg, Lit) and dsl_type == COLOR:
                        colors.add(f"color:{arg.value}")
                    elif isinstance(arg, Lit) and dsl_type == INT:
                        ints.add(f"int:{arg.value}")
        out = share_log_probs([f"color:{c}" for c in CONSTANT_COLORS], colors, self.m)
        out.update(share_log_probs([f"int:{k}" for k in CONSTANT_INTS], ints, self.m))
        return out
