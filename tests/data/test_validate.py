import pytest

from arcsynth.data import parse_grid, parse_task
from arcsynth.errors import DataError


def _task(grid):
    return {"train": [{"input": grid, "output": [[1]]}], "test": [{"input": [[1]]}]}


@pytest.mark.parametrize(("grid", "where", "reason"), [
    ([[1, 2], [3]], "train[0].input[1]", "ragged"),
    ([], "train[0].input", "empty"),
    ([[]], "train[0].input[0]", "empty"),
    ([[0] * 31] * 31, "train[0].input", "at most 30"),
    ([[0] * 31], "train[0].input", "at most 30"),
    ([[0, 10]], "train[0].input[0][1]", "outside 0..9"),
    ([[0, -1]], "train[0].input[0][1]", "outside 0..9"),
    ([[0, 1.5]], "train[0].input[0][1]", ""),
    ([[0, True]], "train[0].input[0][1]", ""),
    ([[0, "1"]], "train[0].input[0][1]", ""),
    ("12", "train[0].input", ""),
])
def test_bad_grid_names_file_task_and_path(grid, where, reason):
    with pytest.raises(DataError) as caught:
        parse_task(_task(grid), "abc", file="f.json")
    message = str(caught.value)
    assert message.startswith(f"f.json: task abc: {where}: ")
    assert reason in message
    assert "\n" not in message


@pytest.mark.parametrize(("raw", "where"), [
    ({"test": [{"input": [[1]]}]}, "missing key 'train'"),
    ({"train": [{"input": [[1]], "output": [[1]]}]}, "missing key 'test'"),
    ({"train": [{"input": [[1]]}], "test": [{"input": [[1]]}]}, "train[0]: missing key 'output'"),
    ({"train": [{"output": [[1]]}], "test": [{"input": [[1]]}]}, "train[0]: missing key 'input'"),
    ({"train": [], "test": [{"input": [[1]]}]}, "train"),
    ({"train": [{"input": [[1]], "output": [[1]]}], "test": []}, "test"),
    ([1, 2], ""),
])
def test_bad_task_structure(raw, where):
    with pytest.raises(DataError) as caught:
        parse_task(raw, "abc", file="f.json")
    assert where in str(caught.value)
    assert str(caught.value).startswith("f.json: task abc")


def test_good_task_parses_to_read_only_grids():
    task = parse_task({"train": [{"input": [[1, 2]], "output": [[3], [4]]}], "test": [{"input": [[0]]}]},
                      "ok", file="f.json")
    assert task.train[0].output.shape == (2, 1)
    assert task.test[0].output is None
    assert not task.train[0].input.flags.writeable


def test_parse_grid_accepts_the_largest_grid():
    assert parse_grid([[9] * 30] * 30).shape == (30, 30)
