import json

import pytest

from arcsynth.errors import ParseError
from arcsynth.program import parse_program, program_from_json, program_to_json
from tests.program.fake_primitives import FAKE_REGISTRY

TEXT = "x1 = nonzero(I)\nx2 = where(x1, 3)\nx3 = pick(x2, T, UP)\nO = apply_twice(flip, x3)\n"
JSON = {"steps": [
    {"primitive": "nonzero", "args": [{"ref": 0}]},
    {"primitive": "where", "args": [{"ref": 1}, {"lit": 3}]},
    {"primitive": "pick", "args": [{"ref": 2}, {"const": "T"}, {"const": "UP"}]},
    {"primitive": "apply_twice", "args": [{"prim": "flip"}, {"ref": 3}]},
]}


def test_to_json():
    assert program_to_json(parse_program(TEXT, FAKE_REGISTRY)) == JSON


def test_round_trips_through_json_text():
    program = parse_program(TEXT, FAKE_REGISTRY)
    assert program_from_json(json.loads(json.dumps(program_to_json(program))), FAKE_REGISTRY) == program
    assert program_to_json(program_from_json(JSON, FAKE_REGISTRY)) == JSON


def test_negative_literals_and_zero_argument_lists():
    data = {"steps": [{"primitive": "repeat", "args": [{"ref": 0}, {"lit": -4}]}]}
    assert program_to_json(program_from_json(data, FAKE_REGISTRY)) == data


def _with(path, value):
    data = json.loads(json.dumps(JSON))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize("data, message", [
    ([], "$: expected an object"),
    ({}, "$: missing key 'steps'"),
    ({"steps": [], "name": "x"}, "$: unexpected key 'name'"),
    ({"steps": []}, "$.steps: expected a non-empty list"),
    ({"steps": "O = flip(I)"}, "$.steps: expected a non-empty list"),
    (_with(["steps", 1], "where"), "$.steps[1]: expected an object"),
    (_with(["steps", 1, "primitive"], 3), "$.steps[1].primitive: expected a string"),
    (_with(["steps", 1, "primitive"], "rotate"), "$.steps[1].primitive: unknown primitive 'rotate'"),
    (_with(["steps", 1, "args"], {"ref": 1}), "$.steps[1].args: expected a list"),
    (_with(["steps", 1, "args", 1], 3), "$.steps[1].args[1]: expected an object with one key"),
    (_with(["steps", 1, "args", 1], {"lit": 3, "ref": 1}), "$.steps[1].args[1]: expected an object with one"),
    (_with(["steps", 1, "args", 1], {"value": 3}), "$.steps[1].args[1]: unknown argument kind 'value'"),
    (_with(["steps", 1, "args", 1], {"lit": 3.0}), "$.steps[1].args[1].lit: expected an integer"),
    (_with(["steps", 1, "args", 1], {"lit": True}), "$.steps[1].args[1].lit: expected an integer"),
    (_with(["steps", 1, "args", 0], {"ref": 2}), "$.steps[1].args[0].ref: expected 0 (the input) or an earlier"),
    (_with(["steps", 1, "args", 0], {"ref": -1}), "$.steps[1].args[0].ref"),
    (_with(["steps", 1, "args", 0], {"ref": False}), "$.steps[1].args[0].ref"),
    (_with(["steps", 2, "args", 1], {"const": "MAYBE"}), "$.steps[2].args[1].const: expected one of T, F"),
    (_with(["steps", 3, "args", 0], {"prim": "rotate"}), "$.steps[3].args[0].prim: unknown primitive 'rotate'"),
])
def test_errors_name_the_json_path(data, message):
    with pytest.raises(ParseError) as caught:
        program_from_json(data, FAKE_REGISTRY)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
