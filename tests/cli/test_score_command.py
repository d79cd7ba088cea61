"""`arcsynth score` with honest denominators (issue 11, item 7)."""

from __future__ import annotations

import json

from arcsynth.cli import main
from tests.taskfiles import flip_task, write_task, write_task_folder

RIGHT = {"attempt_1": [[0, 2], [1, 0]], "attempt_2": [[0]]}  # the flip of t00's first test input
RIGHT_2 = {"attempt_1": [[7, 6, 5]], "attempt_2": [[0]]}


def _score(capsys, submission, data, *extra):
    code = main(["score", str(submission), "--data", str(data), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _write(tmp_path, content, name="submission.json"):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def test_the_denominator_is_the_whole_dataset_and_missing_tasks_are_counted(tmp_path, capsys):
    data = write_task_folder(tmp_path / "data", 4)
    path = _write(tmp_path, {"t00": [RIGHT, RIGHT_2]})
    code, out, _ = _score(capsys, path, data, "--json")
    scores = json.loads(out)
    assert code == 0 and scores["tasks"] == 4 and scores["score"] == 0.25
    assert scores["tasks_missing_from_submission"] == 3
    code, out, _ = _score(capsys, path, data)
    assert "over 4 tasks" in out and "3 of the 4 tasks are missing from the submission" in out
    code, out, _ = _score(capsys, path, data, "--only-submitted", "--json")
    assert json.loads(out)["tasks"] == 1 and json.loads(out)["score"] == 1.0


def test_an_empty_submission_is_an_error(tmp_path, capsys):
    data = write_task_folder(tmp_path / "data", 2)
    code, out, err = _score(capsys, _write(tmp_path, {}), data)
    assert code == 2 and "no tasks in the submission" in err and "0.0%" not in out


def test_tasks_without_test_outputs_are_left_out_and_counted(tmp_path, capsys):
    data = write_task_folder(tmp_path / "data", 2)
    unknown = flip_task("u1")
    unknown["test"] = [{"input": pair["input"]} for pair in unknown["test"]]
    write_task(data, "u1", unknown)
    path = _write(tmp_path, {"t00": [RIGHT, RIGHT_2]})
    code, out, _ = _score(capsys, path, data, "--json")
    scores = json.loads(out)
    assert code == 0 and scores["tasks"] == 2 and scores["score"] == 0.5 and scores["tasks_without_solutions"] == 1
    code, out, _ = _score(capsys, path, data)
    assert "1 task(s) left out: their test outputs are not known" in out


def test_a_duplicate_task_key_is_an_error(tmp_path, capsys):
    data = write_task_folder(tmp_path / "data", 2)
    entry = json.dumps([RIGHT, RIGHT_2])
    path = _write(tmp_path, '{"t00": %s, "t00": %s}' % (entry, entry))
    code, _, err = _score(capsys, path, data)
    assert code == 2 and "key 't00' appears twice" in err and str(path) in err


def test_a_submission_of_an_interrupted_run_is_flagged(tmp_path, capsys):
    data = write_task_folder(tmp_path / "data", 2)
    path = _write(tmp_path, {"t00": [RIGHT, RIGHT_2]})
    (tmp_path / "submission.json.INCOMPLETE").write_text("INCOMPLETE: interrupted\n")
    code, _, err = _score(capsys, path, data)
    assert code == 0 and "did not finish" in err


def test_a_submission_of_which_nothing_can_be_read_is_an_error_not_a_zero(tmp_path, capsys):
    data = write_task_folder(tmp_path / "data", 2)
    path = _write(tmp_path, {"t00": [{"answer_1": [[0, 2], [1, 0]]}, {}], "t01": [{"attempt1": [[1]]}]})
    code, out, err = _score(capsys, path, data)
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert f"{path}: none of its 3 entries has attempt_1 or attempt_2 (e.g. t00[0]): nothing to score" in err


def test_entries_without_attempts_are_warned_of(tmp_path, capsys):
    data = write_task_folder(tmp_path / "data", 2)
    path = _write(tmp_path, {"t00": [RIGHT, {"answer": [[7, 6, 5]]}]})
    code, out, err = _score(capsys, path, data, "--json")
    assert code == 0 and json.loads(out)["score"] == 0.25
    assert err == (f"warning: {path}: 1 of its 2 entries have neither attempt_1 nor attempt_2 (e.g. t00[1]) and "
                   "count as wrong\n")


def test_a_solutions_file_that_matches_no_challenge_is_warned_of(tmp_path, capsys):
    (tmp_path / "k_challenges.json").write_text(json.dumps({"t00": flip_task()}))
    (tmp_path / "k_solutions.json").write_text(json.dumps({"other": [[[1]], [[2]]]}))
    assert main(["eval", "--data", str(tmp_path / "k_challenges.json"), "--out", str(tmp_path / "run"),
                 "--solver", "transforms", "--workers", "1", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert err == (f"warning: {tmp_path / 'k_solutions.json'}: none of its 1 task ids is a task of "
                   "k_challenges.json, so it gives no test outputs; the tasks are not scored\n")
