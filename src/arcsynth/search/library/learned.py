"""A library of learned operations: its file, the registry the search uses with it, their costs.

    {"description": "...", "operations": [
        {"name": "learned_01", "body": "x1 = objects_4(I)\\nO = fill_bbox_all(I, x1, 1)\\n",
         "params": [[2, 2]], "tasks": 7, "compression": 5}, ...]}

`params` lists each parameter's slot as [step (1-based), argument (0-based)] in the body; other
keys (the miner's counts) are kept for the reader. `SearchConfig.library` names such a file
("bundled": the one shipped in this package, `library_ops.json`); the search then runs over
`LibraryRegistry` (the base primitives and one primitive per learned operation), prices a learned
operation at `scale` times the cost of its body, and writes every program it answers with back in
the base primitives (`inline_learned`) before the interpreter verifies it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from arcsynth.dsl.registry import Registry, default_registry
from arcsynth.errors import ArcsynthError, UsageError
from arcsynth.program.interpreter import arg_value
from arcsynth.program.nodes import Const, Lit, Program
from arcsynth.program.text import parse_program, print_program
from arcsynth.search.cost import CostModel, constant_kind
from arcsynth.search.library.fragment import Fragment, Slot, inline_program

__all__ = ["Library", "LibraryRegistry", "load_library", "library_to_json", "library_registry",
           "priced", "inline_learned", "BUNDLED", "BUNDLED_FILE"]

BUNDLED = "bundled"                 # SearchConfig.library's name for the file shipped in this package
BUNDLED_FILE = "library_ops.json"   # in arcsynth.search.library


@dataclass(frozen=True)
class Library:
    """Learned operations in the order they were learned, with what the miner counted for each."""

    fragments: tuple[Fragment, ...]
    counts: tuple[Mapping[str, Any], ...] = ()     # per fragment: tasks, uses, compression (for readers)

    def __len__(self) -> int:
        return len(self.fragments)


class LibraryRegistry(Registry):
    """The base registry and a primitive per learned operation; `fragments` by name."""

    def __init__(self, base: Registry, library: Library) -> None:
        self.base = base
        self.fragments: Mapping[str, Fragment] = MappingProxyType({f.name: f for f in library.fragments})
        super().__init__([*base.values(), *(f.primitive(base) for f in library.fragments)])


def library_to_json(library: Library, description: str = "") -> dict[str, Any]:
    """The file form of `library` (`load_library` reads it back)."""
    operations = []
    for number, fragment in enumerate(library.fragments):
        entry: dict[str, Any] = {"name": fragment.name, "body": print_program(fragment.body),
                                 "params": [[slot.step, slot.arg] for slot in fragment.params],
                                 "text": fragment.text}
        if number < len(library.counts):
            entry.update(library.counts[number])
        operations.append(entry)
    return {"description": description, "operations": operations}


def load_library(path: str | Path, registry: Registry | None = None) -> Library:
    """The library in the file at `path`; UsageError naming the file and the place when it is
    not one (unreadable, not JSON, a body that does not parse or type-check, a bad slot)."""
    registry = default_registry() if registry is None else registry
    try:
        data = json.loads(Path(path).read_text())
    except (OSError, ValueError) as error:
        raise UsageError(f"{path}: not a readable JSON library of learned operations ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("operations"), list):
        raise UsageError(f"{path}: $.operations: expected a list of learned operations")
    fragments, counts, names = [], [], set()
    for number, raw in enumerate(data["operations"]):
        where = f"{path}: $.operations[{number}]"
        if not isinstance(raw, dict):
            raise UsageError(f"{where}: expected an object")
        name, body, params = raw.get("name"), raw.get("body"), raw.get("params", [])
        if not isinstance(name, str) or not name.isidentifier() or name in names:
            raise UsageError(f"{where}.name: expected a new identifier, got {name!r}")
        if not isinstance(body, str):
            raise UsageError(f"{where}.body: expected program text")
        if not isinstance(params, list) or not all(isinstance(p, list) and len(p) == 2
                                                   and all(type(v) is int for v in p) for p in params):
            raise UsageError(f"{where}.params: expected a list of [step, argument] pairs")
        try:
            fragment = Fragment(name, parse_program(body, registry), tuple(Slot(s, a) for s, a in params))
            fragment.check(registry)
        except (ArcsynthError, ValueError) as error:
            raise UsageError(f"{where}: {error}") from None
        names.add(name)
        fragments.append(fragment)
        counts.append({k: v for k, v in raw.items() if k not in ("name", "body", "params", "text")})
    return Library(tuple(fragments), tuple(counts))


def _library_path(spec: str) -> Path:
    """The file `spec` names; UsageError when it is BUNDLED and this package ships none."""
    if spec != BUNDLED:
        return Path(spec)
    path = Path(str(resources.files("arcsynth.search.library").joinpath(BUNDLED_FILE)))
    if not path.is_file():
        raise UsageError(f"library={BUNDLED}: this package ships no learned operations (the held-out fold "
                         "showed no gain); name a file made by bench/library.py")
    return path


@cache
def _default_library_registry(spec: str) -> LibraryRegistry:
    return LibraryRegistry(default_registry(), load_library(_library_path(spec)))


def library_registry(spec: str, base: Registry | None = None) -> LibraryRegistry:
    """The registry of the library `spec` names (BUNDLED or a file) over `base` (default: the
    default registry, built once per process, so that the learned primitives keep one identity
    and the depth-2 pass's probe cache serves them across tasks)."""
    if base is None or base is default_registry():
        return _default_library_registry(spec)
    return LibraryRegistry(base, load_library(_library_path(spec), base))


def priced(costs: CostModel, registry: LibraryRegistry, scale: float = 1.0) -> CostModel:
    """`costs` with a price for every learned operation: `scale` times its body's cost on this
    task (its primitives and fixed constants; the parameters are priced where they are filled)."""
    ops = dict(costs.op)
    uniform = math.log(max(1, len(registry.base)))
    for name, fragment in registry.fragments.items():
        params = set(fragment.params)
        cost = 0.0
        for position, step in enumerate(fragment.body.steps, 1):
            cost += costs.op.get(step.primitive, uniform)
            prim = registry.base[step.primitive]
            for k, arg in enumerate(step.args):
                if isinstance(arg, (Lit, Const)) and Slot(position, k) not in params:
                    cost += costs.constant_cost(constant_kind(str(prim.arg_types[k])),
                                                arg_value(arg, registry.base), 0)
        ops[name] = scale * cost
    return CostModel(ops, costs.constant, costs.conditional, costs.constant_base, costs.rank_step)


def inline_learned(program: Program, registry: Registry) -> Program:
    """`program` in the base primitives: its learned steps written as their bodies."""
    if isinstance(registry, LibraryRegistry):
        return inline_program(program, registry.fragments)
    return program
