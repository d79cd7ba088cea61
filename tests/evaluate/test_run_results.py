"""results.json as a typed RunResults: the harness writes the keys the file has always had, the
files of older harnesses are read (two real run folders kept as fixtures: one from the first
harness, b1f8198, and one from session 7, 8e6e78c), and a malformed file is refused naming the
file and the key."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import pytest

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.errors import DataError
from arcsynth.evaluate import EvalSettings, evaluate
from arcsynth.evaluate.run_results import NOT_NULL, REQUIRED_KEYS, RESULTS_SCHEMA_VERSION, RunResults
from arcsynth.solver import TransformSolver
from tests.taskfiles import write_task_folder

FIXTURES = Path(__file__).parents[1] / "fixtures" / "run_folders"
OLD_FOLDERS = ("first-harness", "session-7")
# The keys of results.json as the harness wrote them as a dict (90e02eb to c916f98), before RunResults.
KEYS = {"schema_version", "score", "score_strict", "score_per_output", "tasks", "test_outputs", "solved_tasks",
        "solved_outputs", "tasks_scored", "tasks_without_solutions", "tasks_finished", "complete", "statuses",
        "infrastructure_failures", "cpu_seconds_total", "cpu_seconds_per_task", "wall_seconds_per_task",
        "usd_total", "usd_per_task", "nodes_per_task", "states_per_cpu_second_median",
        "distinct_states_per_cpu_second_median", "complete_depth_counts", "cpu_share_by_pass", "data",
        "data_version", "level", "budget_seconds", "budget_nodes", "seed", "solver", "prior", "workers",
        "price_per_cpu_hour", "git_sha", "git_dirty", "version", "time_limit_seconds", "memory_limit_mb",
        "started_at", "finished_at", "wall_seconds_run"}
SETTINGS = EvalSettings(budget=Budget(cpu_seconds=1.0), level="tiny", workers=1, time_limit_seconds=20)


def _current() -> dict:
    """A results.json as the harness writes it now (the session-7 file with today's keys)."""
    old = json.loads((FIXTURES / "session-7" / "results.json").read_text())
    return RunResults.from_json(old, Path("results.json")).to_json() | {"schema_version": RESULTS_SCHEMA_VERSION}


def test_the_harness_writes_the_keys_results_json_had_and_reads_them_back_equal(tmp_path):
    tasks = load_dataset(str(write_task_folder(tmp_path / "data", 2))).tasks
    run = evaluate(tasks, TransformSolver(), SETTINGS, tmp_path / "run", data="folder", data_version="v1")
    path = tmp_path / "run" / "results.json"
    raw = json.loads(path.read_text())
    assert set(raw) == KEYS and raw["schema_version"] == RESULTS_SCHEMA_VERSION == 2
    assert isinstance(run.results, RunResults) and RunResults.from_json(raw, path) == run.results
    assert raw["tasks"] == run.results.tasks == 2 and raw["statuses"] == {"ok": 2}


@pytest.mark.parametrize("folder", OLD_FOLDERS)
def test_results_json_of_older_harnesses_reads_as_version_1_with_every_key_as_written(folder):
    path = FIXTURES / folder / "results.json"
    raw = json.loads(path.read_text())
    results = RunResults.from_json(raw, path)
    assert "schema_version" not in raw and results.schema_version == 1
    assert results.score == 0.5 and results.tasks == 2 and results.complete and results.statuses == {"ok": 2}
    assert {key: value for key, value in results.to_json().items() if key in raw} == raw


def test_keys_added_after_the_first_harness_read_as_null_or_empty():
    results = RunResults.from_json(json.loads((FIXTURES / "first-harness" / "results.json").read_text()),
                                   FIXTURES / "first-harness" / "results.json")
    assert results.tasks_scored is None and results.prior is None and results.git_dirty is None
    assert results.infrastructure_failures == () and results.cpu_share_by_pass == {}
    assert results.states_per_cpu_second_median is None and results.memory_limit_mb is None


def test_resume_of_a_run_whose_results_json_has_the_old_shape_rewrites_it(tmp_path):
    tasks = load_dataset(str(write_task_folder(tmp_path / "data", 2))).tasks
    out = tmp_path / "run"
    evaluate(tasks, TransformSolver(), SETTINGS, out, data="folder", data_version="v1")
    shutil.copy(FIXTURES / "first-harness" / "results.json", out / "results.json")
    run = evaluate(tasks, TransformSolver(), SETTINGS, out, data="folder", data_version="v1", resume=True)
    raw = json.loads((out / "results.json").read_text())
    assert set(raw) == KEYS and raw["data"] == "folder" and run.results.complete


@pytest.mark.parametrize("key", REQUIRED_KEYS)
def test_a_key_every_results_json_has_held_is_required(tmp_path, key):
    raw = {name: value for name, value in _current().items() if name != key}
    with pytest.raises(DataError, match=re.escape(f"missing key {key!r}")) as error:
        RunResults.from_json(raw, tmp_path / "results.json")
    assert error.value.file == str(tmp_path / "results.json")


@pytest.mark.parametrize("key", NOT_NULL)
def test_a_figure_the_harness_always_writes_may_not_be_null(tmp_path, key):
    with pytest.raises(DataError) as error:
        RunResults.from_json(_current() | {key: None}, tmp_path / "results.json")
    assert error.value.path == key and "is None, expected" in str(error.value)


@pytest.mark.parametrize("key, value, expected", [
    ("score", 1.5, "from 0 to 1"), ("score_strict", -0.1, "from 0 to 1"), ("score", math.nan, "from 0 to 1"),
    ("tasks", 2.5, "whole number"), ("tasks_finished", -1, "whole number"), ("solved_tasks", True, "whole number"),
    ("complete", "yes", "true or false"), ("statuses", {"ok": "2"}, "status -> count"),
    ("statuses", ["ok"], "status -> count"), ("infrastructure_failures", "t01", "list of task ids"),
    ("cpu_seconds_total", math.inf, "from 0 up"), ("usd_per_task", "0.1", "from 0 up"),
    ("nodes_per_task", -3, "from 0 up"), ("complete_depth_counts", {"2": "many"}, "depth -> count"),
    ("cpu_share_by_pass", {"kernel": 2}, "pass -> share"), ("cpu_share_by_pass", [0.5], "pass -> share"),
    ("price_per_cpu_hour", 0, "positive price"), ("level", ["tiny"], "string"), ("seed", "0", "whole number"),
    ("started_at", "yesterday", "ISO 8601"), ("memory_limit_mb", 1.5, "whole number"),
])
def test_a_wrong_value_is_refused_naming_the_file_and_the_key(tmp_path, key, value, expected):
    with pytest.raises(DataError, match=re.escape(expected)) as error:
        RunResults.from_json(_current() | {key: value}, tmp_path / "results.json")
    assert error.value.file == str(tmp_path / "results.json") and error.value.path == key


@pytest.mark.parametrize("raw, reason", [([], "expected an object, got list"),
                                         (_current() | {"schema_version": 3}, "version 3 is newer"),
                                         (_current() | {"schema_version": "2"}, "positive integer")])
def test_a_file_not_of_results_is_refused(tmp_path, raw, reason):
    with pytest.raises(DataError, match=reason) as error:
        RunResults.from_json(raw, tmp_path / "results.json")
    assert error.value.file == str(tmp_path / "results.json")
