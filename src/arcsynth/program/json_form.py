"""The JSON form of a program, for results files and for tools that do not read the text form.

    {"steps": [{"primitive": "objects", "args": [{"ref": 0}, {"const": "T"}]},
               {"primitive": "paint", "args": [{"ref": 0}, {"ref": 1}, {"lit": 3}]}]}

An argument is an object with exactly one key: `ref` (0 = the input, k = step k's result),
`lit` (an integer), `const` (a named constant such as T or UP) or `prim` (a primitive passed
as a function value). program_from_json(program_to_json(p)) == p, and the JSON a program
prints is the only JSON that reads back to it. Errors name the JSON path, e.g.
`$.steps[2].args[0]`. As for the text form, types are checked by the type checker, not here.
"""

from __future__ import annotations

from typing import Any

from arcsynth.dsl.registry import Registry, default_registry
from arcsynth.errors import ParseError
from arcsynth.program.constants import CONSTANTS
from arcsynth.program.nodes import Arg, Const, Lit, PrimRef, Program, Ref, Step

__all__ = ["program_to_json", "program_from_json"]

_REF, _LIT, _CONST, _PRIM = "ref", "lit", "const", "prim"


def program_to_json(program: Program) -> dict[str, Any]:
    """The JSON-ready form of `program`: plain dicts, lists, strings and ints."""
    return {"steps": [{"primitive": step.primitive, "args": [_arg_to_json(arg) for arg in step.args]}
                      for step in program.steps]}


def _arg_to_json(arg: Arg) -> dict[str, Any]:
    if isinstance(arg, Ref):
        return {_REF: arg.index}
    if isinstance(arg, Lit):
        return {_LIT: arg.value}
    if isinstance(arg, Const):
        return {_CONST: arg.name}
    if isinstance(arg, PrimRef):
        return {_PRIM: arg.name}
    raise TypeError(f"not a program argument: {arg!r}")


def program_from_json(data: Any, registry: Registry | None = None) -> Program:
    """The program `data` (as json.loads returns it) describes; ParseError names the JSON path."""
    registry = default_registry() if registry is None else registry
    _require_keys(data, {"steps"}, "$")
    raw_steps = data["steps"]
    if not isinstance(raw_steps, list) or not raw_steps:
        raise ParseError("$.steps: expected a non-empty list of steps")
    steps = tuple(_step_from_json(raw, position, registry)
                  for position, raw in enumerate(raw_steps, 1))
    return Program(steps)


def _step_from_json(raw: Any, position: int, registry: Registry) -> Step:
    path = f"$.steps[{position - 1}]"
    _require_keys(raw, {"primitive", "args"}, path)
    name = raw["primitive"]
    if not isinstance(name, str):
        raise ParseError(f"{path}.primitive: expected a string, got {_show(name)}")
    if name not in registry:
        raise ParseError(f"{path}.primitive: unknown primitive {name!r}")
    raw_args = raw["args"]
    if not isinstance(raw_args, list):
        raise ParseError(f"{path}.args: expected a list, got {_show(raw_args)}")
    args = tuple(_arg_from_json(item, position, f"{path}.args[{number}]", registry)
                 for number, item in enumerate(raw_args))
    return Step(name, args)


def _arg_from_json(raw: Any, position: int, path: str, registry: Registry) -> Arg:
    if not isinstance(raw, dict) or len(raw) != 1:
        raise ParseError(f"{path}: expected an object with one key of {_REF}, {_LIT}, {_CONST}, {_PRIM}; "
                         f"got {_show(raw)}")
    (kind, value), = raw.items()
    if kind == _REF:
        # bool is an int in Python; JSON true is no step number.
        if type(value) is not int or not 0 <= value < position:
            raise ParseError(f"{path}.{_REF}: expected 0 (the input) or an earlier step 1..{position - 1}, "
                             f"got {_show(value)}")
        return Ref(value)
    if kind == _LIT:
        if type(value) is not int:
            raise ParseError(f"{path}.{_LIT}: expected an integer, got {_show(value)}")
        return Lit(value)
    if kind == _CONST:
        if not isinstance(value, str) or value not in CONSTANTS:
            raise ParseError(f"{path}.{_CONST}: expected one of {', '.join(CONSTANTS)}, got {_show(value)}")
        return Const(value)
    if kind == _PRIM:
        if not isinstance(value, str) or value not in registry:
            raise ParseError(f"{path}.{_PRIM}: unknown primitive {_show(value)}")
        return PrimRef(value)
    raise ParseError(f"{path}: unknown argument kind {kind!r}; expected {_REF}, {_LIT}, {_CONST} or {_PRIM}")


def _require_keys(raw: Any, keys: set[str], path: str) -> None:
    if not isinstance(raw, dict):
        raise ParseError(f"{path}: expected an object, got {_show(raw)}")
    missing = sorted(keys - raw.keys())
    if missing:
        raise ParseError(f"{path}: missing key {missing[0]!r}")
    extra = sorted(str(key) for key in raw.keys() - keys)
    if extra:
        raise ParseError(f"{path}: unexpected key {extra[0]!r}")


def _show(value: Any) -> str:
    """A short one-line description of a JSON value for error messages."""
    text = repr(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."
