"""bench/fuzz.py counts a mutated task as malformed only when the task format refuses it: a test
output set to null is allowed (not known), so `show` accepting it is no finding (the 10,000-file
run of 2026-12-07 reported two such files as wrong exits)."""

from __future__ import annotations

import json

import pytest

from arcsynth.cli import main
from tests.bench import bench_module

TASK = {"train": [{"input": [[1, 2]], "output": [[2, 1]]}], "test": [{"input": [[3, 4]], "output": [[4, 3]]}]}


class _ScriptedRandom:
    """Answers mutate_tree's draws in order: the place, the action (< 0.55: replace), the new value."""

    def __init__(self, place: tuple, value: object) -> None:
        self.place, self.value = place, value

    def choice(self, options):
        return self.place if self.place in options else self.value

    def random(self) -> float:
        return 0.1


def _mutated(place: tuple, value: object) -> tuple[dict, bool]:
    return bench_module("fuzz").mutate_tree(TASK, _ScriptedRandom(place, value))


@pytest.mark.parametrize("split, malformed, exit_code", [("test", False, 0), ("train", True, 2)])
def test_a_null_output_is_malformed_for_the_fuzzer_exactly_when_the_loader_refuses_it(tmp_path, capsys, split,
                                                                                       malformed, exit_code):
    tree, said_malformed = _mutated((split, 0, "output"), None)
    assert tree[split][0]["output"] is None and said_malformed is malformed
    path = tmp_path / "task.json"
    path.write_text(json.dumps(tree))
    assert main(["show", str(path)]) == exit_code
    assert (str(path) in capsys.readouterr().err) is malformed  # a refusal names the file
