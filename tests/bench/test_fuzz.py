"""bench/fuzz.py counts a mutated task as malformed only when the task format refuses it: a test
output set to null is allowed (not known), so `show` accepting it is no finding (the 10,000-file
run of 2026-12-07 reported two such files as wrong exits)."""

from __future__ import annotations

import json

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


def test_a_null_test_output_is_valid_for_the_fuzzer_and_the_loader(tmp_path, capsys):
    tree, malformed = _mutated(("test", 0, "output"), None)
    assert tree["test"][0]["output"] is None and malformed is False
    path = tmp_path / "task.json"
    path.write_text(json.dumps(tree))
    assert main(["show", str(path)]) == 0


def test_a_null_train_output_is_malformed_for_both(tmp_path, capsys):
    tree, malformed = _mutated(("train", 0, "output"), None)
    assert tree["train"][0]["output"] is None and malformed is True
    path = tmp_path / "task.json"
    path.write_text(json.dumps(tree))
    assert main(["show", str(path)]) == 2
    assert str(path) in capsys.readouterr().err
