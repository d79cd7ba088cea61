"""bench/library.py: the corpus of verified programs never holds a held-out or evaluation task."""

from __future__ import annotations

import json

from arcsynth.data import load_dataset
from arcsynth.guide.splits import heldout_fold
from tests.bench import bench_module


def record(task_id: str, solved: bool, program: str, alternatives=()) -> dict:
    return {"task_id": task_id, "score": 1.0,
            "stats": {"solved_train": solved, "best_program": program,
                      "dropped_alternatives": [{"program": text, "train_solved": n} for text, n in alternatives]}}


def test_a_held_out_tasks_program_is_never_mined(tmp_path):
    library = bench_module("library")
    fold = heldout_fold()
    training = [t for t in load_dataset("arc1-train").tasks if t.id not in set(fold)]
    kept, unsolved = training[0], training[1]
    n_train = len(kept.train)
    (tmp_path / "tasks").mkdir()
    records = [record(fold[0], True, "x1 = objects_4(I)\nO = fill_bbox_all(I, x1, 1)\n"),
               record(fold[1], True, "O = rot90(I)\n"),
               record(kept.id, True, "O = flip_h(I)\n", [("O = flip_v(I)\n", n_train), ("O = rot90(I)\n", n_train - 1)]),
               record(unsolved.id, False, "O = transpose(I)\n"),
               record("not-a-task", True, "O = rot180(I)\n")]
    for number, item in enumerate(records):
        (tmp_path / "tasks" / f"{number}.json").write_text(json.dumps(item))
    programs = library.verified_programs([tmp_path])
    assert [(task, len(p.steps), p.steps[0].primitive) for task, p in programs] == [
        (kept.id, 1, "flip_h"), (kept.id, 1, "flip_v")]


def test_with_correct_only_a_program_counts_when_it_is_also_right_on_the_test_outputs(tmp_path):
    library = bench_module("library")
    fold = set(heldout_fold())
    right, wrong = [t for t in load_dataset("arc1-train").tasks if t.id not in fold][:2]
    (tmp_path / "tasks").mkdir()
    for task, output in ((right, [[1]]), (wrong, [[2]])):
        item = record(task.id, True, "O = flip_h(I)\n", [("O = flip_v(I)\n", len(task.train))])
        item["test"] = [{"attempts": [{"program": "O = flip_h(I)\n", "output": output}], "expected": [[1]]}]
        (tmp_path / "tasks" / f"{task.id}.json").write_text(json.dumps(item))
    assert [(t, p.steps[0].primitive) for t, p in library.verified_programs([tmp_path], correct_only=True)] == [
        (right.id, "flip_h")]
    assert len(library.verified_programs([tmp_path])) == 4
