"""`arcsynth dsl` lists every registered primitive, as text or JSON."""

import json

from arcsynth.cli import main
from arcsynth.cli.dsl_command import named_signature
from arcsynth.dsl import default_registry


def test_json_lists_every_primitive_with_its_signature(capsys):
    assert main(["dsl", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    registry = default_registry()
    records = {record["name"]: record for record in listing["primitives"]}
    assert set(records) == set(registry)
    rot90 = records["rot90"]
    assert rot90 == {"name": "rot90", "signature": "rot90(grid: Grid) -> Grid", "params": ["grid"],
                     "arg_types": ["Grid"],
                     "return_type": "Grid", "cost": registry["rot90"].cost, "family": "geometry",
                     "doc": registry["rot90"].doc}
    for name, record in records.items():
        prim = registry[name]
        assert record["signature"] == named_signature(prim)
        assert len(record["params"]) == prim.arity and len(set(record["params"])) == prim.arity
        assert record["arg_types"] == [str(t) for t in prim.arg_types]
        assert record["doc"] and record["family"] == prim.family


def test_json_lists_the_named_constants(capsys):
    assert main(["dsl", "--json"]) == 0
    constants = {c["name"]: c["type"] for c in json.loads(capsys.readouterr().out)["constants"]}
    assert constants["T"] == "Bool" and constants["DOWN_LEFT"] == "Direction"


def test_text_listing_has_every_signature_and_docstring(capsys):
    assert main(["dsl"]) == 0
    out = capsys.readouterr().out
    registry = default_registry()
    for prim in registry.values():
        assert named_signature(prim) in out and prim.doc in out
    assert out.rstrip().endswith(f"{len(registry)} primitives in "
                                 f"{len({p.family for p in registry.values()})} families")
    assert "geometry:\n" in out


def test_parameter_names_are_shown(capsys):
    assert main(["dsl"]) == 0
    out = capsys.readouterr().out
    assert "replace_color(grid: Grid, old: Color, new: Color) -> Grid" in out
    assert main(["dsl", "--json"]) == 0
    records = {record["name"]: record for record in json.loads(capsys.readouterr().out)["primitives"]}
    assert records["replace_color"]["params"] == ["grid", "old", "new"]
