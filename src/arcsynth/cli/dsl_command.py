"""`arcsynth dsl`: list the DSL's primitives with their signatures and docstrings."""

from __future__ import annotations

import argparse
import inspect
import json
from itertools import groupby

from arcsynth.dsl import Primitive, default_registry
from arcsynth.program import CONSTANTS

__all__ = ["NAME", "HELP", "add_arguments", "run", "primitive_record", "parameter_names", "named_signature"]

NAME = "dsl"
HELP = "list the DSL primitives with their signatures and docstrings"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth dsl`."""
    parser.add_argument("--json", action="store_true",
                        help="print a JSON object: {primitives: [{name, signature, params, arg_types, return_type, "
                             "cost, family, doc}], constants: [{name, type, doc}]}")


def parameter_names(prim: Primitive) -> tuple[str, ...]:
    """The names of the primitive's parameters, from its Python function (`a1`, `a2`, ... when
    the function does not say)."""
    try:
        names = [parameter.name for parameter in inspect.signature(prim.function).parameters.values()
                 if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        names = []
    if len(names) != prim.arity:
        names = [f"a{index}" for index in range(1, prim.arity + 1)]
    return tuple(names)


def named_signature(prim: Primitive) -> str:
    """`recolor(grid: Grid, old: Color, new: Color) -> Grid`."""
    params = ", ".join(f"{name}: {dsl_type}" for name, dsl_type in zip(parameter_names(prim), prim.arg_types))
    return f"{prim.name}({params}) -> {prim.return_type}"


def primitive_record(prim: Primitive) -> dict:
    """The JSON record of one primitive."""
    return {"name": prim.name, "signature": named_signature(prim), "params": list(parameter_names(prim)),
            "arg_types": [str(t) for t in prim.arg_types],
            "return_type": str(prim.return_type), "cost": prim.cost, "family": prim.family, "doc": prim.doc}


def _by_family(prims: list[Primitive]) -> list[Primitive]:
    return sorted(prims, key=lambda prim: (prim.family, prim.name))


def run(args: argparse.Namespace) -> int:
    """Print the listing."""
    prims = _by_family(list(default_registry().values()))
    if args.json:
        constants = [{"name": c.name, "type": str(c.type), "doc": c.doc} for c in CONSTANTS.values()]
        print(json.dumps({"primitives": [primitive_record(prim) for prim in prims], "constants": constants},
                         indent=1))
        return 0
    for family, members in groupby(prims, key=lambda prim: prim.family):
        print(f"{family}:")
        for prim in members:
            print(f"  {named_signature(prim)}  (cost {prim.cost:g})")
            print(f"      {prim.doc}")
        print()
    print("constants: " + ", ".join(f"{c.name} ({c.type})" for c in CONSTANTS.values()))
    print(f"{len(prims)} primitives in {len({prim.family for prim in prims})} families")
    return 0
