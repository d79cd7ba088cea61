"""`arcsynth run` runs programs on tasks, reports per pair and exits 0 only when all solve."""

import shutil
from pathlib import Path

import pytest

from arcsynth.cli import main
from tests.taskfiles import flip_task, write_task

PROGRAMS = Path(__file__).parents[1] / "fixtures" / "programs"
SOLVED = PROGRAMS / "arc1-train"
WRONG = PROGRAMS / "wrong" / "6150a2bd.dsl"


def _one_line_error(capsys, *needles):
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("arcsynth run: error: "), err
    for needle in needles:
        assert needle in err, err
    return err


def test_folder_of_solving_programs(capsys):
    assert main(["run", str(SOLVED), "--data", "arc1-train"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["3c9b0459: solved (5/5 pairs match)", "67a3c6ac: solved (4/4 pairs match)",
                     "68b16354: solved (4/4 pairs match)", "3/3 programs solve their tasks"]


def test_folder_with_a_failing_program_exits_1(tmp_path, capsys):
    for path in SOLVED.glob("*.dsl"):
        shutil.copy(path, tmp_path)
    shutil.copy(WRONG, tmp_path)
    assert main(["run", str(tmp_path), "--data", "arc1-train"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "3/4 programs solve their tasks"
    assert "6150a2bd: NOT solved (0/3 pairs match); train 1: wrong (" in lines[1]


def test_one_file_reports_every_pair(capsys):
    assert main(["run", str(SOLVED / "67a3c6ac.dsl"), "--data", "arc1-train"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{SOLVED / '67a3c6ac.dsl'}: task 67a3c6ac", "  train 1: match", "  train 2: match", "  train 3: match",
        "  test 1: match", "67a3c6ac: solved (4/4 pairs match)"]


def test_one_file_on_another_task_id_fails(capsys):
    assert main(["run", str(SOLVED / "67a3c6ac.dsl"), "68b16354", "--data", "arc1-train"]) == 1
    out = capsys.readouterr().out
    assert "task 68b16354" in out and "NOT solved" in out


def test_one_file_on_a_task_file(tmp_path, capsys):
    task_file = write_task(tmp_path, "mirror", flip_task("mirror"))
    assert main(["run", str(SOLVED / "67a3c6ac.dsl"), str(task_file)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "mirror: solved (5/5 pairs match)"


def test_running_errors_are_reported_per_pair(tmp_path, capsys):
    program = tmp_path / "prog.dsl"
    program.write_text("O = strip_edge(I)\n")  # refuses grids under 3x3
    task_file = write_task(tmp_path, "small", flip_task("small"))
    assert main(["run", str(program), str(task_file)]) == 1
    out = capsys.readouterr().out
    assert "  train 1: error (strip_edge: " in out


def test_unknown_test_outputs_do_not_count(tmp_path, capsys):
    task = flip_task("hidden")
    for pair in task["test"]:
        del pair["output"]
    task_file = write_task(tmp_path, "hidden", task)
    assert main(["run", str(SOLVED / "67a3c6ac.dsl"), str(task_file)]) == 0
    out = capsys.readouterr().out
    assert "  test 1: unknown (no expected output)" in out
    assert out.splitlines()[-1] == "hidden: solved (3/3 pairs match)"


@pytest.mark.parametrize("text, where, message", [
    ("x1 = flip_h(I)\n\nO = flop(x1)\n", "line 3, column 5", "unknown primitive 'flop'"),
    ("# comment\nx1 = flip_h(I)\nO = paint(x1 3)\n", "line 3", "expected"),
    ("x1 = flip_h(I)\n# why\nO = flip_h(x1, 3)\n", "line 3: step 2", "takes 1 arguments, got 2"),
])
def test_unparsable_or_ill_typed_program_is_one_line_naming_file_and_line(tmp_path, capsys, text, where,
                                                                          message):
    bad = tmp_path / "67a3c6ac.dsl"
    bad.write_text(text)
    assert main(["run", str(bad), "--data", "arc1-train"]) == 2
    _one_line_error(capsys, str(bad), where, message)
    assert main(["run", str(tmp_path), "--data", "arc1-train"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "0/0 programs solve their tasks; 1 of 1 files could not be run (listed on stderr)\n"
    assert captured.err.count("\n") == 1 and str(bad) in captured.err and where in captured.err


def test_unreadable_program_file(tmp_path, capsys):
    bad = tmp_path / "67a3c6ac.dsl"
    bad.write_bytes(b"O = flip_h(I)\xff\n")
    assert main(["run", str(bad), "--data", "arc1-train"]) == 2
    _one_line_error(capsys, str(bad), "cannot read")


def test_unknown_task_id_in_folder_names_the_file(tmp_path, capsys):
    (tmp_path / "00000000.dsl").write_text("O = flip_h(I)\n")
    assert main(["run", str(tmp_path), "--data", "arc1-train"]) == 2
    _one_line_error(capsys, "00000000.dsl", "unknown task id '00000000' in arc1-train")


@pytest.mark.parametrize("argv, message", [
    (["run", "no/such/file.dsl"], "no such program file or folder"),
    (["run", str(SOLVED), "67a3c6ac"], "drop TASK"),
])
def test_bad_usage(argv, message, capsys):
    assert main(argv) == 2
    _one_line_error(capsys, message)


def test_empty_folder(tmp_path, capsys):
    assert main(["run", str(tmp_path)]) == 2
    _one_line_error(capsys, "no .dsl program files")


HAND_WRITTEN = Path(__file__).parents[2] / "programs" / "arc1-train"


def test_hand_written_programs_solve_their_training_tasks(capsys):
    # In the default suite (about 2 s): every hand-written program runs and solves its task.
    files = sorted(HAND_WRITTEN.glob("*.dsl"))
    assert len(files) >= 340
    code = main(["run", str(HAND_WRITTEN), "--data", "arc1-train"])
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    failing = [line for line in lines if "NOT solved" in line]
    assert code == 0 and captured.err == "", (failing, captured.err)
    assert lines[-1] == f"{len(files)}/{len(files)} programs solve their tasks"
    assert len(lines) == len(files) + 1


def test_a_byte_order_mark_is_not_program_text(tmp_path, capsys):
    program = tmp_path / "67a3c6ac.dsl"
    program.write_text("O = flip_h(I)\n", encoding="utf-8-sig")
    assert main(["run", str(program), "--data", "arc1-train"]) == 0


def test_a_folder_carries_on_past_a_bad_file_and_reports_it_at_the_end(tmp_path, capsys):
    for path in SOLVED.glob("*.dsl"):
        shutil.copy(path, tmp_path)
    (tmp_path / "0a1b2c3d.dsl").write_text("O = rot91(I)\n")          # sorts first; unknown primitive
    (tmp_path / "00000000.dsl").write_text("O = flip_h(I)\n")          # no such task
    assert main(["run", str(tmp_path), "--data", "arc1-train"]) == 2
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[:3] == ["3c9b0459: solved (5/5 pairs match)", "67a3c6ac: solved (4/4 pairs match)",
                         "68b16354: solved (4/4 pairs match)"]
    assert lines[3] == "3/3 programs solve their tasks; 2 of 5 files could not be run (listed on stderr)"
    errors = captured.err.splitlines()
    assert len(errors) == 2 and all(line.startswith("arcsynth run: error: ") for line in errors)
    assert "00000000.dsl" in errors[0] and "unknown task id" in errors[0]
    assert "0a1b2c3d.dsl" in errors[1] and "did you mean 'rot90'" in errors[1]


def test_trace_prints_each_step_per_example_and_marks_wrong_cells(capsys):
    assert main(["run", str(WRONG), "--data", "arc1-train", "--trace", "--no-color"]) == 1
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if line.startswith("--- ")] == ["--- train 1", "--- train 2",
                                                                             "--- test 1"]
    train_1 = out[out.index("--- train 1"):out.index("--- train 2")]
    assert train_1.splitlines()[1:] == [
        "  I = the input", "    grid 3x3", "    3 3 8", "    3 7 0", "    5 0 0",
        "  x1 = transpose(I)", "    grid 3x3", "    3 3 5", "    3 7 0", "    8 0 0",
        "  O = rot90(x1)", "    output   expected", "    8*3*3*   0 0 5", "    0 7 3    0 7 3",
        "    0*0*5*   8 3 3"]
    assert out.splitlines()[-1].startswith("6150a2bd: NOT solved")


def test_trace_shows_the_step_that_failed_and_objects(tmp_path, capsys):
    program = tmp_path / "prog.dsl"
    program.write_text("x1 = objects_8(I)\nx2 = largest(x1)\nx3 = obj_grid(x2)\nO = strip_edge(x3)\n")
    task_file = write_task(tmp_path, "small", flip_task("small"))
    assert main(["run", str(program), str(task_file), "--trace", "--no-color"]) == 1
    out = capsys.readouterr().out
    assert "  x1 = objects_8(I)" in out and " objects" in out
    assert "  O = strip_edge(x3)\n    error: strip_edge" in out


def test_trace_is_for_one_file(capsys):
    assert main(["run", str(SOLVED), "--trace"]) == 2
    _one_line_error(capsys, "--trace works on one program file")
