import json
import statistics

import pytest

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.evaluate import EvalSettings, TaskRecord, evaluate
from arcsynth.evaluate.search_figures import search_figures
from arcsynth.grid import make_grid
from arcsynth.solution import Attempt, Solution
from tests.taskfiles import write_task_folder


def _record(nodes, cpu, **stats):
    return TaskRecord("t", "ok", (), cpu, cpu, nodes, stats=stats)


def test_medians_depth_counts_and_cpu_shares_come_from_the_records():
    records = [
        _record(1000, 0.5, accepted=100, complete_depth=2,
                runs=[{"pass": "depth2", "cpu_seconds": 0.1}, {"pass": "kernel", "cpu_seconds": 0.3}]),
        _record(3000, 1.0, accepted=600, complete_depth=1,
                runs=[{"pass": "depth2", "cpu_seconds": 0.5}, {"pass": "kernel", "cpu_seconds": 0.4}]),
        _record(900, 0.3, accepted=30, complete_depth=1, runs=[{"pass": "depth2", "cpu_seconds": 0.3}]),
        _record(0, 0.0, complete_depth=0),            # no CPU: in the depth count only
    ]
    figures = search_figures(records)
    assert figures["states_per_cpu_second_median"] == 3000.0          # of 2000, 3000, 3000
    assert figures["distinct_states_per_cpu_second_median"] == 200.0  # of 200, 600, 100
    assert figures["complete_depth_counts"] == {"0": 1, "1": 2, "2": 1}
    assert figures["cpu_share_by_pass"] == {"depth2": round(0.9 / 1.8, 4), "kernel": round(0.7 / 1.8, 4)}


def test_a_solver_without_search_stats_gives_rates_only():
    figures = search_figures([_record(10, 0.5), _record(3, 0.1)])
    assert figures == {"states_per_cpu_second_median": 25.0, "distinct_states_per_cpu_second_median": None,
                       "complete_depth_counts": {}, "cpu_share_by_pass": {}}
    assert search_figures([])["states_per_cpu_second_median"] is None


class _StatsSolver:
    """A flip for every test input, with the stats the search solver writes."""

    name = "stats"

    def solve(self, task, budget):
        attempts = tuple((Attempt(make_grid(pair.input[:, ::-1].tolist())),) for pair in task.test)
        return Solution(attempts, nodes=500, stats={"accepted": 50, "complete_depth": 2,
                                                    "runs": [{"pass": "depth2", "cpu_seconds": 0.0}]})


def test_results_json_carries_the_search_figures(tmp_path):
    tasks = load_dataset(str(write_task_folder(tmp_path / "data", 3))).tasks
    settings = EvalSettings(budget=Budget(cpu_seconds=1.0), level="tiny", workers=1, time_limit_seconds=20)
    run = evaluate(tasks, _StatsSolver(), settings, tmp_path / "run", data="folder", data_version="v1")
    results = json.loads((tmp_path / "run" / "results.json").read_text())
    assert results["complete_depth_counts"] == {"2": 3}
    records = [json.loads(p.read_text()) for p in (tmp_path / "run" / "tasks").glob("*.json")]
    rates = [r["nodes"] / r["cpu_seconds"] for r in records if r["cpu_seconds"] > 0]
    expected = round(statistics.median(rates), 1) if rates else None
    assert results["states_per_cpu_second_median"] == pytest.approx(expected, rel=1e-3)
    assert run.results.to_json() == results
