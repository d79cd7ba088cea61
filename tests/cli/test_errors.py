"""Bad input gets one line on stderr naming the place, exit code 2, and no traceback."""

import json
import subprocess
import sys

import pytest

from arcsynth.cli import main
from tests.taskfiles import flip_task


def _task_with_grid(grid):
    task = flip_task("bad")
    task["train"][1]["input"] = grid
    return json.dumps(task)


BAD_FILES = {
    "ragged": (_task_with_grid([[1, 2], [3]]), "train[1].input[1]: ragged grid"),
    "empty": (_task_with_grid([]), "train[1].input: empty grid"),
    "too_big": (_task_with_grid([[0] * 31] * 31), "train[1].input: grid has 31 rows, at most 30"),
    "color10": (_task_with_grid([[0, 10]]), "train[1].input[0][1]: color 10 outside 0..9"),
    "missing_key": (json.dumps({"train": [{"input": [[1]]}], "test": [{"input": [[1]]}]}),
                    "train[0]: missing key 'output'"),
    "truncated": ('{"train": [{"input": [[1, 2], [3', "malformed JSON at line 1 column"),
}


def _assert_one_line_error(capsys, code, *needles):
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize("name", sorted(BAD_FILES))
@pytest.mark.parametrize("command", ["eval", "solve", "show"])
def test_bad_task_file(tmp_path, capsys, name, command):
    text, place = BAD_FILES[name]
    path = tmp_path / f"{name}.json"
    path.write_text(text)
    args = ["eval", "--data", str(path), "--out", str(tmp_path / "run"), "--quiet"] if command == "eval" \
        else [command, str(path)]
    _assert_one_line_error(capsys, main(args), str(path), place)
    assert not (tmp_path / "run" / "results.json").exists()


def test_unknown_task_id(capsys):
    _assert_one_line_error(capsys, main(["show", "ffffffff", "--data", "arc1-train"]), "unknown task id 'ffffffff'")
    _assert_one_line_error(capsys, main(["eval", "--tasks", "ffffffff", "--data", "arc1-train", "--quiet"]),
                           "unknown task id 'ffffffff'")


@pytest.mark.parametrize("args", [
    ["eval", "--limit", "0"],
    ["eval", "--level", "huge"],
    ["eval", "--workers", "two"],
    ["eval", "--budget", "-1"],
    ["eval", "--resume"],
    ["eval", "--data", "no/such/place"],
    ["frobnicate"],
    [],
])
def test_bad_options(capsys, args):
    with pytest.raises(SystemExit) as caught:
        code = main(args)
        raise SystemExit(code)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "error" in err


def test_real_process_prints_no_traceback(tmp_path):
    path = tmp_path / "color.json"
    path.write_text(BAD_FILES["color10"][0])
    done = subprocess.run([sys.executable, "-m", "arcsynth", "show", str(path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr and "color 10 outside 0..9" in done.stderr
