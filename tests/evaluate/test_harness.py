import json

import pytest

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.evaluate import EvalSettings, evaluate
from arcsynth.evaluate.records import RECORD_SCHEMA_VERSION
from arcsynth.evaluate.run_results import RESULTS_SCHEMA_VERSION
from arcsynth.grid import make_grid
from arcsynth.solution import Attempt, Solution
from arcsynth.solver import TransformSolver
from tests.taskfiles import write_task_folder

SETTINGS = EvalSettings(budget=Budget(cpu_seconds=1.0), level="tiny", workers=2, time_limit_seconds=20)
TIMING_KEYS = {"cpu_seconds", "wall_seconds", "usd", "finished_at"}


class PeekingSolver:
    """Answers with the test output when it can see one, else a 1x1 grid; reports what it saw."""

    name = "peeking"

    def solve(self, task, budget):
        seen = [pair.output is not None for pair in task.test]
        attempts = tuple((Attempt(pair.output if pair.output is not None else make_grid([[0]])),)
                         for pair in task.test)
        return Solution(attempts, nodes=1, stats={"saw_test_outputs": any(seen)})


@pytest.fixture
def tasks(tmp_path):
    return load_dataset(str(write_task_folder(tmp_path / "data", 6))).tasks


def _run(tasks, solver, out_dir, **kwargs):
    return evaluate(tasks, solver, SETTINGS, out_dir, data="folder", data_version="v1", **kwargs)


def test_solver_never_sees_test_outputs(tasks, tmp_path):
    run = _run(tasks, PeekingSolver(), tmp_path / "run")
    records = [json.loads(path.read_text()) for path in (tmp_path / "run" / "tasks").glob("*.json")]
    assert len(records) == 6
    assert all(record["stats"]["saw_test_outputs"] is False for record in records)
    assert run.results.score == 0.0


def test_run_writes_scores_costs_records_and_submission(tasks, tmp_path):
    run = _run(tasks, TransformSolver(), tmp_path / "run")
    results = json.loads((tmp_path / "run" / "results.json").read_text())
    assert results == run.results.to_json()
    assert results["score"] == pytest.approx(0.5)  # the even-numbered tasks are flips
    for key in ("score", "score_strict", "score_per_output", "tasks", "test_outputs", "cpu_seconds_per_task",
                "usd_per_task", "usd_total", "data", "data_version", "level", "budget_seconds", "seed",
                "git_sha", "version"):
        assert key in results
    assert results["complete"] and results["tasks"] == 6 and results["test_outputs"] == 12
    submission = json.loads((tmp_path / "run" / "submission.json").read_text())
    assert sorted(submission) == [task.id for task in tasks]
    assert all(set(entry) == {"attempt_1", "attempt_2"} for entries in submission.values() for entry in entries)
    assert all(len(submission[task.id]) == len(task.test) for task in tasks)
    record = json.loads((tmp_path / "run" / "tasks" / "t00.json").read_text())
    assert record["score"] == 1.0 and record["test"][0]["correct"] is True
    assert record["test"][0]["attempts"][0]["program"]
    assert record["cpu_seconds"] >= 0 and record["status"] == "ok"
    # the layouts as TaskRecord and the report read them
    assert record["schema_version"] == RECORD_SCHEMA_VERSION and results["schema_version"] == RESULTS_SCHEMA_VERSION


def _stable(record):
    return {key: value for key, value in record.items() if key not in TIMING_KEYS}


def test_interrupted_then_resumed_run_equals_an_uninterrupted_one(tasks, tmp_path):
    whole = _run(tasks, TransformSolver(), tmp_path / "whole")
    seen = []

    def interrupt_after_three(progress):
        seen.append(progress.last_task)
        if len(seen) == 3:
            raise KeyboardInterrupt

    cut = _run(tasks, TransformSolver(), tmp_path / "cut", on_progress=interrupt_after_three)
    assert cut.interrupted and cut.results.complete is False
    assert cut.results.tasks_finished == 3
    assert len(list((tmp_path / "cut" / "tasks").glob("*.json"))) == 3

    resumed_ids = []
    resumed = _run(tasks, TransformSolver(), tmp_path / "cut", resume=True,
                   on_progress=lambda progress: resumed_ids.append(progress.last_task))
    assert not resumed.interrupted and resumed.results.complete
    assert sorted(seen + resumed_ids) == [task.id for task in tasks]  # each task solved exactly once
    for key in ("score", "score_strict", "score_per_output", "tasks", "test_outputs", "solved_tasks"):
        assert getattr(resumed.results, key) == getattr(whole.results, key)
    for task in tasks:
        first = json.loads((tmp_path / "whole" / "tasks" / f"{task.id}.json").read_text())
        second = json.loads((tmp_path / "cut" / "tasks" / f"{task.id}.json").read_text())
        assert _stable(first) == _stable(second)
    assert (json.loads((tmp_path / "whole" / "submission.json").read_text())
            == json.loads((tmp_path / "cut" / "submission.json").read_text()))


class InterruptedWhilePreparing(TransformSolver):
    """Ctrl-C arrives while the solver prepares: after run.json, before the first worker."""

    def prepare(self):
        raise KeyboardInterrupt


def test_an_interrupt_before_the_first_worker_finishes_like_any_other(tasks, tmp_path):
    cut = _run(tasks, InterruptedWhilePreparing(), tmp_path / "cut")
    assert cut.interrupted and cut.results.complete is False and cut.results.tasks_finished == 0
    assert json.loads((tmp_path / "cut" / "results.json").read_text())["complete"] is False
    assert set(json.loads((tmp_path / "cut" / "submission.json").read_text())) == {task.id for task in tasks}
    marker = (tmp_path / "cut" / "submission.json.INCOMPLETE").read_text()
    assert marker.startswith(f"INCOMPLETE: {len(tasks)} of {len(tasks)} tasks") and "--resume" in marker
    resumed = _run(tasks, TransformSolver(), tmp_path / "cut", resume=True)
    assert resumed.results.complete and not (tmp_path / "cut" / "submission.json.INCOMPLETE").exists()


def test_resume_refuses_a_different_run(tasks, tmp_path):
    _run(tasks[:2], TransformSolver(), tmp_path / "run")
    from arcsynth.errors import RunError
    with pytest.raises(RunError, match="cannot resume"):
        _run(tasks[:3], TransformSolver(), tmp_path / "run", resume=True)
    with pytest.raises(RunError, match="already holds a run"):
        _run(tasks[:2], TransformSolver(), tmp_path / "run")


class CrashingSolver:
    name = "crashing"

    def solve(self, task, budget):
        raise RuntimeError("solver bug")


def test_failed_task_is_recorded_and_counts_as_wrong(tasks, tmp_path):
    run = _run(tasks, CrashingSolver(), tmp_path / "run")
    assert run.results.statuses == {"error": 6}
    assert run.results.score == 0.0 and run.results.tasks == 6
    record = json.loads((tmp_path / "run" / "tasks" / "t01.json").read_text())
    assert record["error"].startswith("RuntimeError: solver bug")


def test_progress_says_how_many_finished_tasks_can_be_scored(tasks, tmp_path):
    unknown = [task.without_test_outputs() for task in tasks[:2]]
    seen = []
    run = _run([*unknown, *tasks[2:4]], TransformSolver(), tmp_path / "run", on_progress=seen.append)
    last = max(seen, key=lambda progress: progress.done)
    assert last.done == 4 and last.scored == 2  # the two tasks without known outputs are not scored
    assert run.results.tasks_scored == 2
