"""The library file, the registry the search runs over with it, and answers written in base primitives."""

from __future__ import annotations

import json
import math
from importlib import resources

import numpy as np
import pytest

from arcsynth.budget import Budget
from arcsynth.dsl.registry import default_registry
from arcsynth.errors import UsageError
from arcsynth.grid import make_grid
from arcsynth.program.interpreter import run_program
from arcsynth.program.text import parse_program
from arcsynth.program.verify import verify_program
from arcsynth.search import SearchConfig, search
from arcsynth.search.cost import CostModel
from arcsynth.search.library.fragment import Fragment, Slot
from arcsynth.search.library.learned import (BUNDLED_FILE, Library, LibraryRegistry, inline_learned, library_registry,
                                             library_to_json, load_library, priced)
from arcsynth.task import Pair, Task

REGISTRY = default_registry()
FILL = Fragment("learned_fill", parse_program("x1 = objects_4(I)\nO = fill_bbox_all(I, x1, 1)\n", REGISTRY),
                (Slot(2, 2),))


def write(tmp_path, data) -> str:
    path = tmp_path / "library.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_a_library_file_reads_back_what_was_written(tmp_path):
    library = Library((FILL,), ({"tasks": 4},))
    loaded = load_library(write(tmp_path, library_to_json(library, "toy")))
    assert loaded.fragments == (FILL,)
    assert loaded.counts == ({"tasks": 4},)


@pytest.mark.parametrize("operations,place", [
    ([{"name": "learned_x", "body": "O = no_such(I)\n", "params": []}], "$.operations[0]"),
    ([{"name": "learned_x", "body": "O = rot90(I)\n", "params": [[1, 5]]}], "$.operations[0]"),
    ([{"name": "rot 90", "body": "O = rot90(I)\n"}], "$.operations[0].name"),
    ([{"name": "a", "body": "O = rot90(I)\n"}, {"name": "a", "body": "O = flip_h(I)\n"}], "$.operations[1].name"),
    ("nope", "$.operations"),
])
def test_a_bad_library_file_is_one_usage_error_naming_the_file_and_the_place(tmp_path, operations, place):
    path = write(tmp_path, {"operations": operations})
    with pytest.raises(UsageError) as caught:
        load_library(path)
    assert str(caught.value).startswith(f"{path}: {place}")
    assert "\n" not in str(caught.value)


def test_a_learned_operation_is_priced_at_its_bodys_cost_times_the_scale():
    registry = LibraryRegistry(REGISTRY, Library((FILL,)))
    costs = CostModel({name: 2.0 for name in REGISTRY})
    assert priced(costs, registry, 1.0).op["learned_fill"] == pytest.approx(4.0)   # parameter priced where filled
    fixed = Fragment("learned_fixed", FILL.body)
    registry = LibraryRegistry(REGISTRY, Library((fixed,)))
    expected = 0.5 * (4.0 + costs.constant_cost("color", 1, 0))
    assert priced(costs, registry, 0.5).op["learned_fixed"] == pytest.approx(expected)
    assert math.isfinite(priced(CostModel({}), registry).op["learned_fixed"])


def test_the_library_registry_is_built_once_per_file_and_a_plain_registry_inlines_nothing(tmp_path):
    assert SearchConfig().library == ""
    path = write(tmp_path, library_to_json(Library((FILL,))))
    registry = library_registry(path)
    assert registry is library_registry(path)      # one identity per process (the probe cache)
    assert set(registry) == set(REGISTRY) | {"learned_fill"}
    program = parse_program("O = rot90(I)\n", REGISTRY)
    assert inline_learned(program, REGISTRY) is program


def g(*rows: str):
    return make_grid([[int(c) for c in row] for row in rows])


def test_an_answer_found_with_a_learned_step_is_shown_and_verified_in_base_primitives(tmp_path):
    # fill_bbox_all of objects_4 in color 4, then a flip: three steps as a depth-2 program of the library.
    program = parse_program("x1 = objects_4(I)\nx2 = fill_bbox_all(I, x1, 4)\nO = flip_h(x2)\n", REGISTRY)
    inputs = [g("22000", "20000", "00033", "00303"), g("0500", "5500", "0000", "0660", "0606"),
              g("1100", "0100", "0000", "0007"), g("000000", "088000", "080000", "000000")]
    pairs = [Pair(grid, run_program(program, grid, REGISTRY)) for grid in inputs]
    task = Task("toy-library", tuple(pairs[:3]), (pairs[3],))
    path = write(tmp_path, library_to_json(Library((FILL,))))
    config = SearchConfig(library=path, library_cost=0.2, second_opinion=False, keep_samples=20)
    result = search(task, Budget(None, 3000), config=config)
    assert result.solved
    assert result.samples and not any("learned" in text for text in result.samples)   # hindsight reads these
    best = result.candidates[0]
    assert "learned" not in best.text and len(best.program.steps) >= 3
    without = search(task, Budget(None, 3000), config=SearchConfig(second_opinion=False))
    assert not without.solved          # the learned step is what finds it within the budget
    parsed = parse_program(best.text, REGISTRY)
    assert verify_program(parsed, task, REGISTRY).solved
    assert np.array_equal(best.predictions[0], pairs[3].output)


def test_the_bundled_library_loads_when_shipped_and_is_a_one_line_usage_error_when_not():
    shipped = (resources.files("arcsynth.search.library") / BUNDLED_FILE).is_file()
    if shipped:
        registry = library_registry("bundled")
        assert len(registry.fragments) >= 1
        for fragment in registry.fragments.values():
            fragment.check(REGISTRY)
    else:
        with pytest.raises(UsageError, match="ships no learned operations"):
            library_registry("bundled")
