"""Hostile and malformed input (issues 11 and 17): unsafe task ids, null where a grid belongs, huge
tasks and program lines, duplicate JSON keys, links planted in run folders. Each gets one line
naming the file and the place, exit 2, and nothing is written outside the folders the user named."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from arcsynth.cli import main
from tests.report.run_factory import write_dataset, write_run
from tests.processes import leave_free_heap
from tests.taskfiles import flip_task, write_task


def _call(args: list) -> int:
    try:
        return main([str(arg) for arg in args])
    except SystemExit as stop:
        return stop.code


def _fails(capsys, args: list, *needles) -> str:
    code = _call(args)
    err = capsys.readouterr().err
    assert code == 2, (code, err)
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    for needle in needles:
        assert str(needle) in err, (needle, err)
    return err


def _files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*")}


HOSTILE_IDS = ["../../pwned", "/an/absolute/path", "", "a/b", "x" * 300, ".hidden"]


@pytest.mark.parametrize("task_id", HOSTILE_IDS)
def test_eval_refuses_a_kaggle_file_with_an_unsafe_id_before_any_work(tmp_path, capsys, task_id):
    work = tmp_path / "deep" / "er"
    work.mkdir(parents=True)
    challenges = work / "x_challenges.json"
    challenges.write_text(json.dumps({"ok1": flip_task("ok1"), task_id: flip_task("bad")}))
    before = _files_under(tmp_path)
    _fails(capsys, ["eval", "--data", challenges, "--out", work / "run", "--workers", "1", "--solver",
                    "transforms", "--quiet"], challenges, "not a safe task id")
    assert _files_under(tmp_path) == before  # not even the run folder


@pytest.mark.parametrize("command", ["show", "solve"])
def test_a_task_file_whose_name_is_not_a_safe_id(tmp_path, capsys, command):
    path = tmp_path / "my task.json"
    path.write_text(json.dumps(flip_task()))
    _fails(capsys, [command, path], path, "'my task'", "not a safe task id")


def test_export_refuses_unsafe_ids_in_a_run_folder(tmp_path, capsys):
    run_dir = write_run(tmp_path / "run", write_dataset(tmp_path / "data"))
    config = json.loads((run_dir / "run.json").read_text())
    config["task_ids"].append("../../../pwned")
    (run_dir / "run.json").write_text(json.dumps(config))
    before = _files_under(tmp_path)
    _fails(capsys, ["export", run_dir, "--out", tmp_path / "out"], run_dir / "run.json", "task_ids[",
           "not a safe task id")
    assert _files_under(tmp_path) == before
    for command in (["report", run_dir], ["eval", "--data", tmp_path / "data", "--out", run_dir, "--resume"]):
        _fails(capsys, command, "not a safe task id")


@pytest.mark.parametrize("command", ["show", "solve"])
@pytest.mark.parametrize("where, value", [("output", None), ("input", None), ("output", [[None]]),
                                          ("output", [[1], None]), ("output", "[[1]]")])
def test_null_or_wrong_values_in_a_train_pair(tmp_path, capsys, command, where, value):
    pair = {"input": [[1]], "output": [[1]]}
    pair[where] = value
    path = write_task(tmp_path, "t1", {"train": [pair], "test": [{"input": [[1]]}]})
    _fails(capsys, [command, path], path, f"train[0].{where}")


# Just under the 1 MB a program file may hold; a larger one is refused by its size.
@pytest.mark.parametrize("text", ["O = flip_h(" + "x" * 1_000_000 + ")\n", "x1 = " + "1" * 1_000_000 + "\nO = I\n",
                                  "O = " + "flip_h(" * 120_000 + "I" + ")" * 120_000 + "\n",
                                  "O = flip_h(I" + ", I" * 340_000 + ")\n",  # a type error that quotes the step
                                  "x1 = objects_8(I)\nO = recolor(x1" + ", 1" * 34_000 + ")\n"])  # 100 KB will do
def test_a_megabyte_program_line_gets_an_error_line_of_at_most_300_characters(tmp_path, capsys, text):
    program = tmp_path / "big.dsl"
    program.write_text(text)
    task = write_task(tmp_path, "flip", flip_task())
    err = _fails(capsys, ["run", program, task], program, "line ")
    assert len(err.rstrip("\n")) <= 300, len(err)


def test_a_duplicate_key_is_an_error_not_a_silent_choice(tmp_path, capsys):
    task = json.dumps(flip_task())
    path = tmp_path / "dup.json"
    path.write_text('{"train": [{"input": [[9]], "output": [[9]]}], ' + task[1:])
    for command in (["show", path], ["solve", path], ["eval", "--data", path, "--out", tmp_path / "run"]):
        _fails(capsys, command, path, "key 'train' appears twice")
    submission = tmp_path / "sub.json"
    submission.write_text('{"dup": [{"attempt_1": [[1]], "attempt_1": [[2]]}]}')
    _fails(capsys, ["score", submission, "--data", path], submission, "key 'attempt_1' appears twice")


@pytest.mark.parametrize("key, value", [("program", [[1, 2], [3]]), ("error", ["x"]), ("stats", [1])])
def test_a_task_record_with_a_wrong_type_where_a_report_prints_text(tmp_path, capsys, key, value):
    run_dir = write_run(tmp_path / "run", write_dataset(tmp_path / "data"))
    path = sorted((run_dir / "tasks").glob("*.json"))[0]
    record = json.loads(path.read_text())
    if key == "program":
        record["test"][0]["attempts"] = [{"output": [[1]], "program": value}]
    else:
        record[key] = value
    path.write_text(json.dumps(record))
    for command in (["report", run_dir, "--out", tmp_path / "r.html"], ["export", run_dir, "--out", tmp_path / "x"]):
        _fails(capsys, command, path, key)


def test_show_of_a_huge_task_prints_a_bounded_summary(tmp_path, capsys):
    grid = [[(row * 7 + col) % 10 for col in range(30)] for row in range(30)]
    task = {"train": [{"input": grid, "output": grid}] * 400, "test": [{"input": grid}] * 50}
    path = write_task(tmp_path, "huge", task)
    assert main(["show", str(path), "--no-color"]) == 0
    out = capsys.readouterr().out
    assert "400 train pairs, 50 test inputs" in out
    assert "390 more train pairs not shown" in out and "40 more test inputs not shown" in out
    assert len(out) < 100_000
    assert main(["show", str(path), "--no-color", "--all"]) == 0
    assert len(capsys.readouterr().out) > 20 * len(out)


def test_a_memory_limit_too_low_to_start_a_worker_says_so(tmp_path, capsys):
    leave_free_heap()  # whatever earlier tests left in this process, the limit is still too low
    data = tmp_path / "data"
    data.mkdir()
    write_task(data, "flip", flip_task())
    code = main(["eval", "--data", str(data), "--out", str(tmp_path / "run"), "--memory-limit", "20",
                 "--solver", "transforms", "--workers", "1", "--quiet"])
    err = capsys.readouterr().err
    assert code == 1 and "too low to start a worker" in err and "SyntaxError" not in err, err
    record = json.loads((tmp_path / "run" / "tasks" / "flip.json").read_text())
    assert record["status"] == "cannot_start" and record["retries"] == 1


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 1e40, -1])
def test_a_task_record_with_an_absurd_number_is_refused(tmp_path, capsys, value):
    run_dir = write_run(tmp_path / "run", write_dataset(tmp_path / "data"))
    path = sorted((run_dir / "tasks").glob("*.json"))[0]
    record = json.loads(path.read_text())
    record["wall_seconds"] = value
    path.write_text(json.dumps(record))
    for command in (["export", run_dir, "--out", tmp_path / "x"], ["report", run_dir, "--out", tmp_path / "r.html"]):
        _fails(capsys, command, path, "wall_seconds")


# Found by bench/fuzz.py at 10,000 files (seed 1): two report tracebacks.
@pytest.mark.parametrize("key, value", [("tasks", float("nan")), ("cpu_seconds_total", float("inf")),
                                        ("cpu_share_by_pass", [0.5, 0.5]), ("cpu_share_by_pass", {"kernel": "x"})])
def test_results_json_with_an_absurd_figure_is_refused(tmp_path, capsys, key, value):
    run_dir = write_run(tmp_path / "run", write_dataset(tmp_path / "data"))
    path = run_dir / "results.json"
    results = json.loads(path.read_text())
    results[key] = value
    path.write_text(json.dumps(results))
    _fails(capsys, ["report", run_dir, "--out", tmp_path / "r.html"], path, key)


def _plant_link(link: Path, target: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target, target_is_directory=target.is_dir())


@pytest.mark.parametrize("planted", [".lock", "tasks", "submission.json.INCOMPLETE", "results.json",
                                     "submission.json", "run.json"])
def test_eval_does_not_write_through_a_link_planted_in_the_run_folder(tmp_path, capsys, planted):
    data = tmp_path / "data"
    data.mkdir()
    write_task(data, "flip", flip_task())
    victim = tmp_path / "victim"
    victim.mkdir() if planted == "tasks" else victim.write_text("precious")
    _plant_link(tmp_path / "run" / planted, victim)
    _fails(capsys, ["eval", "--data", data, "--out", tmp_path / "run", "--solver", "transforms", "--workers", "1",
                    "--quiet"], tmp_path / "run" / planted, "symbolic link")
    assert (list(victim.iterdir()) == []) if planted == "tasks" else victim.read_text() == "precious"


@pytest.mark.parametrize("planted, command", [
    ("report.html", ["report", "{run}"]),
    ("report-score-vs-cost.svg", ["report", "{run}"]),
    ("report-score-vs-cost.png", ["report", "{run}"]),
    ("arc-agi-benchmarking", ["export", "{run}"]),
    ("x/a1solved.json", ["export", "{run}", "--out", "{run}/x"]),
])
def test_report_and_export_do_not_write_through_a_planted_link(tmp_path, capsys, planted, command):
    run_dir = write_run(tmp_path / "run", write_dataset(tmp_path / "data"))
    victim = tmp_path / "victim"
    victim.mkdir() if planted == "arc-agi-benchmarking" else victim.write_text("precious")
    _plant_link(run_dir / planted, victim)
    _fails(capsys, [part.format(run=run_dir) for part in command], run_dir / planted, "symbolic link")
    assert (list(victim.iterdir()) == []) if victim.is_dir() else victim.read_text() == "precious"


def test_the_folder_the_user_names_may_itself_be_a_link(tmp_path, capsys):
    run_dir = write_run(tmp_path / "run", write_dataset(tmp_path / "data"))
    (tmp_path / "exports").mkdir()
    (tmp_path / "latest").symlink_to(tmp_path / "exports", target_is_directory=True)
    assert main(["export", str(run_dir), "--out", str(tmp_path / "latest")]) == 0
    assert (tmp_path / "exports" / "a1solved.json").exists()


def _under_a_memory_limit(command: list, megabytes: int = 1000) -> subprocess.CompletedProcess:
    """`arcsynth COMMAND` as after `ulimit -v` in the shell (the limit also keeps a regression from
    taking all the machine's memory)."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (megabytes * 2**20, megabytes * 2**20))
    return subprocess.run([sys.executable, "-m", "arcsynth", *map(str, command)], capture_output=True, text=True,
                          timeout=300, preexec_fn=limit)


def test_an_endless_program_file_is_a_one_line_error(tmp_path):
    task = write_task(tmp_path, "flip", flip_task())
    done = _under_a_memory_limit(["run", "/dev/zero", task])
    assert done.returncode == 2 and "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert "/dev/zero: larger than 1 MB, the most a program file may hold" in done.stderr


def test_a_huge_task_file_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "w") as handle:  # 33 MB of one-cell rows: about a gigabyte once parsed
        handle.write('{"train": [{"output": [[0]], "input": [' + "[0]," * (33 * 2**18) + '[0]]}], "test": []}')
    done = _under_a_memory_limit(["show", path])
    assert done.returncode == 2 and "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert f"{path}: larger than 32 MB, the most a JSON file may hold" in done.stderr


def test_running_out_of_memory_anywhere_is_a_one_line_error(capsys, monkeypatch):
    def eat(args):
        raise MemoryError
    monkeypatch.setattr("arcsynth.cli.show_command.run", eat)
    assert main(["show", "anything"]) == 2
    err = capsys.readouterr().err
    assert err == "arcsynth show: error: out of memory (an input too large for the memory available?)\n"


def test_solve_of_a_task_with_many_test_inputs_prints_a_bounded_summary(tmp_path, capsys):
    task = flip_task()
    task["test"] = [{"input": [[index % 10, 1]], "output": [[1, index % 10]]} for index in range(50)]
    path = write_task(tmp_path, "many", task)
    assert main(["solve", str(path), "--solver", "transforms", "--no-color"]) == 0
    out = capsys.readouterr().out
    assert "40 more test inputs not shown" in out and "50 of the 50 test inputs with a known output solved" in out
    assert out.count("test 10: SOLVED") == 1 and "test 11:" not in out
    assert main(["solve", str(path), "--solver", "transforms", "--no-color", "--all"]) == 0
    assert "test 50: SOLVED" in capsys.readouterr().out


def test_a_damaged_task_record_blocks_a_resume_and_says_how_to_go_on(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    write_task(data, "flip", flip_task())
    write_task(data, "flop", flip_task("flop"))
    run = ["eval", "--data", data, "--out", tmp_path / "run", "--solver", "transforms", "--workers", "1", "--quiet"]
    assert _call(run) == 0
    record = tmp_path / "run" / "tasks" / "flip.json"
    record.write_text('{"task_id": "flip", "status": ')  # cut short, as by a full disk
    _fails(capsys, [*run, "--resume"], record, "malformed JSON", "delete this record and --resume runs its task again")
    record.unlink()
    assert _call([*run, "--resume"]) == 0
    assert json.loads(record.read_text())["status"] == "ok"
