import json

import numpy as np
import pytest

from arcsynth.budget import Budget
from arcsynth.errors import DataError, RunError
from arcsynth.evaluate import EvalSettings, evaluate
from arcsynth.report.html_report import render_report
from arcsynth.report.run_view import load_run
from arcsynth.solution import Attempt, Solution
from tests.report.run_factory import TASKS, write_dataset


def test_load_run_reads_records_results_and_the_datasets_tasks(run_dir):
    view = load_run(run_dir)
    assert view.task_ids == tuple(TASKS)
    assert set(view.records) == set(TASKS) - {"f6missing"}
    assert view.results.score == 0.25
    assert set(view.tasks) == set(TASKS) and view.tasks_note is None
    assert view.tasks["a1solved"].train[0].input.tolist() == [[1, 2], [3, 4]]


def test_missing_dataset_degrades_to_records_only(run_dir):
    config = json.loads((run_dir / "run.json").read_text())
    config["data"] = str(run_dir / "no-such-data")
    (run_dir / "run.json").write_text(json.dumps(config))
    view = load_run(run_dir)
    assert view.tasks == {} and "could not be loaded" in view.tasks_note
    assert len(view.records) == 5


def test_results_are_recomputed_when_results_json_is_missing(tmp_path, dataset_dir):
    from tests.report.run_factory import write_run
    view = load_run(write_run(tmp_path / "r", dataset_dir, with_results=False))
    assert view.results.recomputed and view.results.tasks == 6
    assert view.results.statuses == {"ok": 4, "timeout": 1}
    assert view.results.score == pytest.approx(1.5 / 6)  # a1solved 1 + c3twotests 0.5, over all 6 tasks


def test_not_a_run_folder_is_a_run_error(tmp_path):
    with pytest.raises(RunError, match="no such run folder"):
        load_run(tmp_path / "nothing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(RunError, match="not a run folder"):
        load_run(tmp_path / "empty")


class _MirrorSolver:
    """Answers every test input with its mirror image, then (second attempt) the input itself."""

    name = "mirror"

    def solve(self, task, budget):
        attempts = tuple((Attempt(np.fliplr(pair.input), "O = mirror(I)"), Attempt(pair.input, "O = I"))
                         for pair in task.test)
        return Solution(attempts, nodes=2)


def test_a_real_harness_run_renders(tmp_path):
    """The report reads what the harness actually writes, not only our hand-made records."""
    data = write_dataset(tmp_path / "data")
    settings = EvalSettings(budget=Budget(cpu_seconds=5.0), level="tiny", workers=1)
    from arcsynth.data import load_dataset
    dataset = load_dataset(str(data))
    evaluate(dataset.tasks, _MirrorSolver(), settings, tmp_path / "run", data=str(data), data_version=dataset.version)
    view = load_run(tmp_path / "run")
    assert view.records["a1solved"].score == 1.0
    page = render_report(view)
    assert page.count('<article class="card"') == len(TASKS)
    assert 'id="task-a1solved"' in page and "O = mirror(I)" in page
    assert "statuses</dt><dd>ok 6<" in page


def test_results_recomputed_from_the_records_have_the_search_figures(run_dir):
    (run_dir / "results.json").unlink()
    results = load_run(run_dir, with_tasks=False).results
    assert results.recomputed
    # a1solved 120 nodes / 0.5 s, b2nearmiss 40 / 0.25, c3twotests 10 / 0.125, d4timeout 0 / 2.0, e5 7 / 0.0625
    assert results.states_per_cpu_second_median == 112.0
    assert results.complete_depth_counts == {}


def test_a_complete_depth_count_that_is_not_a_number_is_a_data_error(run_dir):
    results = json.loads((run_dir / "results.json").read_text())
    results["complete_depth_counts"] = {"2": "many"}
    (run_dir / "results.json").write_text(json.dumps(results))
    with pytest.raises(DataError, match="complete_depth_counts"):
        load_run(run_dir, with_tasks=False)
