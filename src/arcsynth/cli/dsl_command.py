"""`arcsynth dsl`: list the DSL's primitives with their signatures and docstrings."""

from __future__ import annotations

import argparse
import json
from itertools import groupby

from arcsynth.dsl import Primitive, default_registry
from arcsynth.program import CONSTANTS

__all__ = ["NAME", "HELP", "add_arguments", "run", "primitive_record"]

NAME = "dsl"
HELP = "list the DSL primitives with their signatures and docstrings"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth dsl`."""
    parser.add_argument("--json", action="store_true",
                        help="print a JSON object: {primitives: [{name, signature, arg_types, return_type, cost, "
                             "family, doc}], constants: [{name, type, doc}]}")


def primitive_record(prim: Primitive) -> dict:
    """The JSON record of one primitive."""
    return {"name": prim.name, "signature": prim.signature, "arg_types": [str(t) for t in prim.arg_types],
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
    width = max(len(prim.signature) for prim in prims)
    for family, members in groupby(prims, key=lambda prim: prim.family):
        print(f"{family}:")
        for prim in members:
            print(f"  {prim.signature:<{width}}  cost {prim.cost:g}  {prim.doc}")
        print()
    print("constants: " + ", ".join(f"{c.name} ({c.type})" for c in CONSTANTS.values()))
    print(f"{len(prims)} primitives in {len({prim.family for prim in prims})} families")
    return 0
