"""arcsynth/expert/traces.py: the traces of the system's own search on a training-split task."""

from __future__ import annotations

import json

import numpy as np
import pytest

from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.grid import make_grid
from arcsynth.guide.splits import LeakageError, heldout_fold
from arcsynth.program.interpreter import run_program
from arcsynth.program.text import parse_program
from arcsynth.guide.base import UniformPrior
from arcsynth.expert import traces

REGISTRY = default_registry()


def g(*rows: str):
    return make_grid([[int(c) for c in row] for row in rows])


def test_grids_round_trip_as_text():
    grid = g("0123", "9876")
    assert traces.grid_text(grid) == "2x4:01239876"
    assert np.array_equal(traces.grid_of("2x4:01239876"), grid)


def test_a_programs_path_is_its_grid_states_with_the_operations_that_read_them():
    program = parse_program("x1 = rot90(I)\nx2 = flip_h(x1)\nO = hconcat(x2, I)", REGISTRY)
    inputs = [g("12", "34"), g("56", "78")]
    path = traces.program_path(program, inputs, REGISTRY)
    assert [(p["depth"], p["next"]) for p in path] == [(0, ["hconcat", "rot90"]), (1, ["flip_h"]), (2, ["hconcat"])]
    assert np.array_equal(path[1]["states"][0], np.rot90(inputs[0], -1))   # clockwise
    assert traces.program_path(parse_program("O = crop(I, 5, 5, 2, 2)", REGISTRY), inputs, REGISTRY) is None
    assert not traces.is_grid(np.full((2, 2), 12, dtype=np.uint8))   # an integer array, not a grid of colours


def test_the_split_by_task_is_fixed_and_about_a_fifth():
    ids = [task.id for task in load_dataset("arc1-train").tasks]
    share = sum(map(traces.measured, ids)) / len(ids)
    assert 0.12 < share < 0.28
    assert [traces.measured(t) for t in ids[:50]] == [traces.measured(t) for t in ids[:50]]


def test_a_tasks_traces_hold_a_verified_program_hindsight_tasks_and_a_pool():
    task = load_dataset("arc1-train").get("a416b8f3")   # tile(I, 1, 2): found within a few hundred states
    line = traces.task_traces(task, REGISTRY, UniformPrior(), 600, 300, 20, 4, 4, np.random.default_rng(0))
    kinds = [t["kind"] for t in line["traces"]]
    assert kinds[0] == "solved" and "hindsight" in kinds
    solved = line["traces"][0]
    assert solved["outputs"] is None and solved["path"][0]["depth"] == 0
    program = parse_program(solved["program"], REGISTRY)
    for pair in task.train:
        assert np.array_equal(run_program(program, pair.input, REGISTRY), pair.output)
    assert len(line["pool"]) == 20 and all(len(state) == len(task.train) for state in line["pool"])
    for trace in line["traces"][1:]:
        assert trace["outputs"] is not None and len(trace["outputs"]) == len(task.train)
    json.dumps(line)   # a JSON line as it is


def test_a_held_out_fold_task_is_refused():
    task = load_dataset("arc1-train").get(heldout_fold()[0])
    with pytest.raises(LeakageError):
        traces.task_traces(task, REGISTRY, UniformPrior(), 100, 100, 5, 2, 2, np.random.default_rng(0))


