"""The Dask executor: the same records as the local pool, faults survived, limits kept on workers."""

import json
import os
import signal
import subprocess
import sys
import time
from functools import partial

import cloudpickle
import distributed
import pytest

from arcsynth.budget import Budget
from arcsynth.cli import main
from arcsynth.data import load_dataset
from arcsynth.evaluate import DaskExecutor, EvalSettings, evaluate
from arcsynth.evaluate import dask_executor
from arcsynth.evaluate.executor import Job, JobLimits
from arcsynth.solver import TransformSolver
from tests.taskfiles import write_task_folder

# The workers import arcsynth, not the tests: what this module defines travels by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

TIMING_KEYS = {"cpu_seconds", "wall_seconds", "usd", "finished_at", "solver_cpu_seconds", "states_per_cpu_second",
               "distinct_states_per_cpu_second"}
START_TIMEOUT = 60.0


def _without_timings(value):
    """A record with every timing removed, at any depth (the solver's stats hold CPU seconds too)."""
    if isinstance(value, dict):
        return {key: _without_timings(item) for key, item in value.items() if key not in TIMING_KEYS}
    if isinstance(value, list):
        return [_without_timings(item) for item in value]
    return value


def _records(run_dir):
    return {path.stem: json.loads(path.read_text()) for path in (run_dir / "tasks").glob("*.json")}


class _Cluster:
    """A scheduler and worker processes on loopback, each a process of its own."""

    def __init__(self, folder, workers):
        folder.mkdir(parents=True, exist_ok=True)
        scheduler_file = folder / "scheduler.json"
        self.client = None
        self.processes = [subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
             "--no-dashboard", "--dashboard-address", "127.0.0.1:0", "--scheduler-file", str(scheduler_file)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        try:
            self._start(scheduler_file, workers)
        except BaseException:
            self.close()
            raise

    def _start(self, scheduler_file, workers):
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                self.address = json.loads(scheduler_file.read_text())["address"]
                break
            except (OSError, ValueError, KeyError):  # not written yet, or not completely
                assert time.monotonic() < deadline, "the scheduler did not start"
                time.sleep(0.1)
        self.workers = [subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", self.address, "--nthreads", "1", "--no-nanny",
             "--no-dashboard", "--host", "127.0.0.1", "--memory-limit", "0", "--death-timeout", "60"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
        self.processes += self.workers
        self.client = distributed.Client(self.address, timeout=START_TIMEOUT)
        self.client.wait_for_workers(workers, timeout=START_TIMEOUT)

    def close(self):
        if self.client is not None:
            self.client.close()
        for process in self.processes:  # throwaway test processes: no need to wait for a clean shutdown
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    running = _Cluster(tmp_path_factory.mktemp("cluster"), workers=2)
    yield running
    running.close()


@pytest.fixture
def tasks(tmp_path):
    return load_dataset(str(write_task_folder(tmp_path / "data", 8))).tasks


class SlowSolver:
    """The transform solver, taking a quarter of a second per task: long enough to be caught mid-run."""

    name = "slow-transforms"

    def solve(self, task, budget):
        time.sleep(0.25)
        return TransformSolver().solve(task, budget)


SETTINGS = EvalSettings(budget=Budget(cpu_seconds=1.0), level="tiny", workers=2, time_limit_seconds=30)


def _evaluate(tasks, solver, out_dir, **kwargs):
    return evaluate(tasks, solver, SETTINGS, out_dir, data="folder", data_version="v1", **kwargs)


def test_dask_run_gives_the_local_pools_records_apart_from_timings(tmp_path, capsys):
    common = ["eval", "--data", "arc1-train", "--limit", "4", "--nodes", "1500", "--no-time-budget",
              "--workers", "2", "--quiet"]
    assert main([*common, "--out", str(tmp_path / "local")]) == 0
    assert main([*common, "--executor", "dask", "--out", str(tmp_path / "dask")]) == 0  # a local Dask cluster
    local, dask = _records(tmp_path / "local"), _records(tmp_path / "dask")
    assert len(local) == 4 and sorted(local) == sorted(dask)
    assert any(record["score"] == 1.0 for record in local.values())  # something was solved
    for task_id, record in local.items():
        assert _without_timings(dask[task_id]) == _without_timings(record)
    results = [json.loads((tmp_path / name / "results.json").read_text()) for name in ("local", "dask")]
    assert results[0]["score"] == results[1]["score"] and results[1]["complete"]


def test_a_worker_killed_mid_run_loses_nothing_and_records_each_task_once(cluster, tasks, tmp_path):
    local = _evaluate(tasks, SlowSolver(), tmp_path / "local")
    own = _Cluster(tmp_path / "faulty", workers=2)  # its own cluster: this test kills one of its workers
    reported, killed = [], []

    def kill_a_busy_worker(progress):
        reported.append(progress.last_task)
        if killed:
            return
        processing = own.client.processing()
        busy = [address for address, keys in processing.items() if keys]
        assert busy, "no worker was running a task"
        pid = own.client.run(os.getpid, workers=[busy[0]])[busy[0]]
        assert pid in {worker.pid for worker in own.workers}
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    try:
        with DaskExecutor(own.address) as executor:
            run = _evaluate(tasks, SlowSolver(), tmp_path / "dask", on_progress=kill_a_busy_worker, executor=executor)
        alive = [worker for worker in own.workers if worker.poll() is None]
    finally:
        own.close()
    assert killed and len(alive) == 1  # one worker died mid-run and the other did the rest
    assert run.results.complete and not run.interrupted
    assert sorted(reported) == sorted(task.id for task in tasks)  # every task reported exactly once
    assert sorted(_records(tmp_path / "dask")) == sorted(task.id for task in tasks)
    assert run.results.statuses == {"ok": len(tasks)}
    for key in ("score", "score_strict", "score_per_output", "solved_tasks", "solved_outputs"):
        assert getattr(run.results, key) == getattr(local.results, key)
    local_records = _records(tmp_path / "local")
    for task_id, record in _records(tmp_path / "dask").items():
        assert _without_timings(record) == _without_timings(local_records[task_id])


def _sleep_forever():
    time.sleep(60)
    return {}


def _eat_memory():
    hoard = bytearray(2 * 2**30)
    return {"size": len(hoard)}


def _work():
    total = sum(range(100_000))
    return {"total": total, "pid": os.getpid()}


def test_time_and_memory_limits_hold_on_the_workers(cluster):
    outcomes = {}
    jobs = [Job("sleeps", _sleep_forever), Job("eats", _eat_memory), Job("works", _work)]
    with DaskExecutor(cluster.address) as executor:
        executor(jobs, workers=1, limits=JobLimits(time_seconds=1.0, memory_bytes=512 * 2**20),
                 on_outcome=lambda outcome: outcomes.__setitem__(outcome.key, outcome))
    assert outcomes["sleeps"].status == "timeout" and "time limit" in outcomes["sleeps"].error
    assert outcomes["eats"].status == "memory" and outcomes["eats"].payload is None
    assert outcomes["works"].status == "ok" and outcomes["works"].payload["total"] == sum(range(100_000))
    assert outcomes["works"].payload["pid"] not in {worker.pid for worker in cluster.workers}  # a job process
    assert all(worker.poll() is None for worker in cluster.workers)  # no job took its worker down


def test_interrupted_dask_run_resumes_to_the_same_results(cluster, tasks, tmp_path):
    whole = _evaluate(tasks, TransformSolver(), tmp_path / "whole")
    seen = []

    def interrupt_after_three(progress):
        seen.append(progress.last_task)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with DaskExecutor(cluster.address) as executor:
        cut = _evaluate(tasks, TransformSolver(), tmp_path / "cut", on_progress=interrupt_after_three,
                        executor=executor)
        assert cut.interrupted and cut.results.tasks_finished == 3
        resumed_ids = []
        resumed = _evaluate(tasks, TransformSolver(), tmp_path / "cut", resume=True, executor=executor,
                            on_progress=lambda progress: resumed_ids.append(progress.last_task))
    assert resumed.results.complete
    assert sorted(seen + resumed_ids) == sorted(task.id for task in tasks)
    assert resumed.results.score == whole.results.score


def test_unreachable_scheduler_is_a_one_line_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(dask_executor, "CONNECT_TIMEOUT_SECONDS", 1.0)
    data = write_task_folder(tmp_path / "data", 2)
    code = main(["eval", "--data", str(data), "--out", str(tmp_path / "run"), "--quiet", "--executor", "dask",
                 "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert not (tmp_path / "run").exists()  # nothing was started


def test_without_the_dask_extra_a_one_line_error_says_what_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now raises ImportError
    data = write_task_folder(tmp_path / "data", 2)
    code = main(["eval", "--data", str(data), "--out", str(tmp_path / "run"), "--quiet", "--executor", "dask"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "pip install 'arcsynth[dask]'" in err


def test_scheduler_without_the_dask_executor_is_a_usage_error(tmp_path, capsys):
    data = write_task_folder(tmp_path / "data", 2)
    code = main(["eval", "--data", str(data), "--out", str(tmp_path / "run"), "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2 and "--scheduler needs --executor dask" in capsys.readouterr().err


def test_executor_outside_its_with_block_is_refused():
    with pytest.raises(RuntimeError, match="outside its `with` block"):
        DaskExecutor()([Job("x", partial(dict))], workers=1, limits=JobLimits(1.0), on_outcome=print)
