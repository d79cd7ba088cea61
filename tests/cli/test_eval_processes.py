"""`arcsynth eval` as a real process under signals and faults (issue 11, items 3, 4, 5): SIGHUP
stops a run like SIGTERM, a burst of Ctrl-C still writes the results and leaves no workers behind,
a worker killed from outside is run again, and a second run on the same folder is refused."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.processes import alive

ROOT = Path(__file__).parents[2]


def _noise_tasks(folder: Path, count: int) -> Path:
    """Tasks whose outputs are unrelated noise: the search spends its whole budget on each."""
    rng = random.Random(7)
    folder.mkdir(parents=True)

    def grid():
        return [[rng.randrange(10) for _ in range(6)] for _ in range(6)]
    for index in range(count):
        task = {"train": [{"input": grid(), "output": grid()} for _ in range(3)],
                "test": [{"input": grid(), "output": grid()}]}
        (folder / f"n{index:02d}.json").write_text(json.dumps(task))
    return folder


def _start(data: Path, out: Path, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "arcsynth", "eval", "--data", str(data), "--out", str(out), "--solver",
               "search", "--budget", "3", "--workers", "2", "--quiet", *extra]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(part) for part in handle.read().split()]
    except FileNotFoundError:
        return []


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return b""


def _is_worker(pid: int, parent: int) -> bool:
    """A forked worker: the parent's command line, and the leader of a process group of its own (a git
    the parent runs has the parent's command line too, between its fork and its exec)."""
    try:
        return alive(pid) and _cmdline(pid) == _cmdline(parent) and os.getpgid(pid) == pid
    except ProcessLookupError:
        return False


def _wait_for_workers(process: subprocess.Popen, count: int = 1) -> list[int]:
    deadline = time.monotonic() + 120
    while len(workers := [pid for pid in _children(process.pid) if _is_worker(pid, process.pid)]) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no workers started"
        time.sleep(0.05)
    return workers


def _assert_stopped_with_results(process: subprocess.Popen, out: Path, workers: list[int]) -> None:
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    results = json.loads((out / "results.json").read_text())
    assert results["complete"] is False
    assert json.loads((out / "submission.json").read_text())
    assert (out / "submission.json.INCOMPLETE").read_text().startswith("INCOMPLETE")
    time.sleep(0.2)
    assert not [pid for pid in workers if alive(pid)], "workers outlived the run"


def test_sighup_stops_a_run_like_sigterm(tmp_path):
    data = _noise_tasks(tmp_path / "data", 6)
    process = _start(data, tmp_path / "run")
    workers = _wait_for_workers(process, 2)
    process.send_signal(signal.SIGHUP)
    _assert_stopped_with_results(process, tmp_path / "run", workers)


@pytest.mark.parametrize("attempt", [0] + [pytest.param(n, marks=pytest.mark.slow) for n in range(1, 6)])
def test_a_burst_of_ctrl_c_still_writes_the_results_and_leaves_no_workers(tmp_path, attempt):
    data = _noise_tasks(tmp_path / "data", 6)
    process = _start(data, tmp_path / "run")
    workers = _wait_for_workers(process, 2)
    for _ in range(200):
        try:
            os.killpg(process.pid, signal.SIGINT)  # as a terminal does: to the whole foreground group
        except ProcessLookupError:
            break
    _assert_stopped_with_results(process, tmp_path / "run", workers)


def test_a_second_run_on_the_same_folder_is_refused_while_the_first_runs(tmp_path):
    data = _noise_tasks(tmp_path / "data", 4)
    first = _start(data, tmp_path / "run")
    try:
        _wait_for_workers(first)
        for extra in (["--resume"], []):
            second = subprocess.run([sys.executable, "-m", "arcsynth", "eval", "--data", str(data), "--out",
                                     str(tmp_path / "run"), "--quiet", *extra], cwd=ROOT, capture_output=True,
                                    text=True, timeout=120)
            assert second.returncode == 2, second.stderr
            assert second.stderr.count("\n") == 1 and "in use by another run (pid" in second.stderr, second.stderr
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=60)


def test_a_worker_killed_from_outside_is_run_again(tmp_path):
    data = _noise_tasks(tmp_path / "data", 2)
    process = _start(data, tmp_path / "run", "--budget", "2", "--workers", "1")
    victim = _wait_for_workers(process)[0]
    os.kill(victim, signal.SIGKILL)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    records = [json.loads(path.read_text()) for path in (tmp_path / "run" / "tasks").glob("*.json")]
    assert len(records) == 2 and {record["status"] for record in records} == {"ok"}
    assert sorted(record.get("retries", 0) for record in records) == [0, 1]
    assert json.loads((tmp_path / "run" / "results.json").read_text())["complete"] is True


@pytest.mark.slow
def test_a_killed_worker_with_no_retries_fails_the_run_and_resume_repairs_it(tmp_path):
    data = _noise_tasks(tmp_path / "data", 1)
    process = _start(data, tmp_path / "run", "--budget", "2", "--workers", "1", "--retries", "0")
    os.kill(_wait_for_workers(process)[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1 and "failed outside the solver" in stderr and "killed" in stderr, stderr
    record = json.loads((tmp_path / "run" / "tasks" / "n00.json").read_text())
    assert record["status"] == "killed"
    resume = [sys.executable, "-m", "arcsynth", "eval", "--data", str(data), "--out", str(tmp_path / "run"),
              "--solver", "search", "--budget", "2", "--workers", "1", "--quiet", "--resume", "--time-limit", "60"]
    refused = subprocess.run(resume, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "time_limit_seconds was 38.0, now 60.0" in refused.stderr, refused.stderr
    resumed = subprocess.run(resume + ["--force"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert json.loads((tmp_path / "run" / "tasks" / "n00.json").read_text())["status"] == "ok"
    forced = json.loads((tmp_path / "run" / "run.json").read_text())["forced_resumes"]
    assert forced[0]["differences"] == {"time_limit_seconds": [38.0, 60.0]}


def _shell_limits():
    """As `ulimit -v 3000000; ulimit -t 25` in the shell that starts the run."""
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (3_000_000 * 1024, 3_000_000 * 1024))
    resource.setrlimit(resource.RLIMIT_CPU, (25, 25))


def test_a_run_under_the_shells_hard_limits_caps_its_own_and_says_so(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for index in range(3):
        (data / f"t{index}.json").write_text(json.dumps({"train": [{"input": [[1, 2]], "output": [[2, 1]]}],
                                                         "test": [{"input": [[3, 4]], "output": [[4, 3]]}]}))
    done = subprocess.run([sys.executable, "-m", "arcsynth", "eval", "--data", str(data), "--out", str(tmp_path / "run"),
                           "--solver", "transforms", "--workers", "1", "--quiet"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, preexec_fn=_shell_limits)
    assert done.returncode == 0, done.stderr
    results = json.loads((tmp_path / "run" / "results.json").read_text())
    assert results["statuses"] == {"ok": 3} and results["complete"] is True and results["score"] == 1.0
    assert results["memory_limit_mb"] == 2929
    notes = [line for line in done.stderr.splitlines() if line.startswith("note: ")]
    assert len(notes) == 2 and "(ulimit -v)" in notes[0] and "25 CPU-s" in notes[1], done.stderr


def test_ctrl_c_as_soon_as_run_json_exists_finishes_like_any_other_interrupt(tmp_path):
    # The search solver prepares for about a CPU-second after run.json is written and before its
    # first worker starts: Ctrl-C then used to leave no results, no submission and no hint.
    data = _noise_tasks(tmp_path / "data", 2)
    out = tmp_path / "run"
    process = _start(data, out)
    deadline = time.monotonic() + 120
    while not (out / "run.json").exists():
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and "Traceback" not in stderr, stderr
    assert "continue with --resume --out" in stderr
    assert json.loads((out / "results.json").read_text())["complete"] is False
    assert set(json.loads((out / "submission.json").read_text())) == {"n00", "n01"}
    assert (out / "submission.json.INCOMPLETE").read_text().startswith("INCOMPLETE")
