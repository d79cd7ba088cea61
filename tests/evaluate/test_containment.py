"""The executor with real processes and signals (issue 11, items 3 and 4): infrastructure failures
told from solver failures; workers in process groups of their own that die with the parent; a
timeout kills what the solver started, and its CPU counts."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time

import pytest

from arcsynth.evaluate.executor import (INFRASTRUCTURE_FAILURES, SOLVER_FAILURES, Job, JobLimits, memory_in_use,
                                        run_jobs)
from tests.processes import alive, leave_free_heap


def _run(work, limits=JobLimits(time_seconds=10.0)):
    outcomes = []
    run_jobs([Job("job", work)], workers=1, limits=limits, on_outcome=outcomes.append)
    assert len(outcomes) == 1
    return outcomes[0]


def _killed_from_outside():
    # Another process kills this worker, as an operator's kill -9 or the OOM killer would.
    subprocess.Popen(["sh", "-c", f"kill -9 {os.getpid()}"], start_new_session=True).wait()
    time.sleep(30)
    return {}


def _kills_itself_with(signum):
    def work():
        os.kill(os.getpid(), signum)
        time.sleep(30)
        return {}
    return work


def test_a_worker_killed_from_outside_is_an_infrastructure_failure():
    outcome = _run(_killed_from_outside)
    assert outcome.status == "killed" and outcome.status in INFRASTRUCTURE_FAILURES
    assert "SIGKILL" in outcome.error


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, "killed"), (signal.SIGHUP, "killed"),
                                            (signal.SIGSEGV, "crashed"), (signal.SIGABRT, "crashed")])
def test_signals_sort_into_infrastructure_and_solver_failures(signum, status):
    outcome = _run(_kills_itself_with(signum))
    assert outcome.status == status
    assert (status in SOLVER_FAILURES) != (status in INFRASTRUCTURE_FAILURES)


@pytest.mark.parametrize("parent_left_free_heap", [False, True])
def test_a_memory_limit_too_low_to_start_is_its_own_failure(parent_left_free_heap):
    if parent_left_free_heap:  # the worker could then malloc its start-up room without mapping any
        leave_free_heap()
    limit = (memory_in_use() or 0) + 2**20  # one megabyte above what the worker inherits
    outcome = _run(lambda: {"fine": True}, JobLimits(time_seconds=10.0, memory_bytes=limit))
    assert outcome.status == "cannot_start" and outcome.status in INFRASTRUCTURE_FAILURES
    assert "too low to start a worker" in outcome.error and "SyntaxError" not in outcome.error


BUSY = """
import os, sys, time
path, n = sys.argv[1], 0
while True:
    n += 1
    if n % 20000 == 0:  # how much CPU this process has used so far, for the test to compare
        with open(path + ".tmp", "w") as handle:
            handle.write(str(time.process_time()))
        os.replace(path + ".tmp", path)
"""


def _busy_grandchild(cpu_file, then_sleep):
    """A worker that starts a busy process, waits until it has run a little, then sleeps."""
    def work():
        child = subprocess.Popen([sys.executable, "-c", BUSY, str(cpu_file)])
        deadline = time.monotonic() + 60
        while not cpu_file.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(then_sleep)
        return {"left": child.pid}
    return work


def _grandchild_cpu(cpu_file) -> float:
    return float(cpu_file.read_text())


def test_a_timeout_kills_the_whole_tree_and_counts_its_cpu(tmp_path):
    cpu_file = tmp_path / "cpu"
    # The worker would sleep 60 s and then answer ok: "timeout" means the parent killed it.
    outcome = _run(_busy_grandchild(cpu_file, then_sleep=60), JobLimits(time_seconds=8.0))
    assert outcome.status == "timeout"
    assert _pids_of(BUSY, str(cpu_file)) == []
    # The grandchild's busy loop, which the worker never waited for, counts (however the load shared the CPU).
    assert outcome.cpu_seconds >= _grandchild_cpu(cpu_file) > 0


def test_a_process_the_solver_leaves_behind_is_killed_and_its_cpu_counted(tmp_path):
    cpu_file = tmp_path / "cpu"
    outcome = _run(_busy_grandchild(cpu_file, then_sleep=0.3))
    assert outcome.status == "ok"
    assert not alive(outcome.payload["left"])
    assert outcome.cpu_seconds >= _grandchild_cpu(cpu_file) > 0


def _pids_of(script: str, argument: str) -> list[int]:
    """Live processes running `script` with `python -c` on `argument` (a path of this test's own: another
    suite running beside this one has its own busy processes)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    words = handle.read().split(b"\0")
                if script.encode() in words and argument.encode() in words and alive(int(entry)):
                    found.append(int(entry))
            except OSError:
                pass
    return found


def test_workers_lead_their_own_process_group():
    outcome = _run(lambda: {"pgid": os.getpgid(0), "pid": os.getpid()})
    assert outcome.payload["pgid"] == outcome.payload["pid"] != os.getpgid(0)


PARENT = """
import os, sys, time
from arcsynth.evaluate.executor import Job, JobLimits, run_jobs
def work():
    # One write of a short line is atomic on a pipe; print() may write in pieces, and the two
    # workers' pieces then interleave ("workerworker 41 ...").
    os.write(1, f"worker {os.getpid()}\\n".encode())
    time.sleep(60)
    return {}
run_jobs([Job("a", work), Job("b", work)], workers=2, limits=JobLimits(60.0), on_outcome=print)
"""


def test_workers_die_when_the_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    workers: list[int] = []
    while len(workers) < 2:
        line = parent.stdout.readline()
        assert line, f"the parent ended before both workers started (exit {parent.poll()})"
        words = line.split()
        if len(words) == 2 and words[0] == "worker":   # other lines (warnings) are not ours to parse
            workers.append(int(words[1]))
    assert all(alive(pid) for pid in workers)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers)


def test_a_worker_that_cannot_set_its_limits_cannot_start(monkeypatch):
    def refuse(kind, limits):
        raise ValueError("not allowed to raise maximum limit")
    monkeypatch.setattr(resource, "setrlimit", refuse)  # the forked worker inherits the patch
    outcome = _run(lambda: {"fine": True}, JobLimits(time_seconds=10.0, memory_bytes=2**30))
    assert outcome.status == "cannot_start" and outcome.status in INFRASTRUCTURE_FAILURES
    assert outcome.error == "the worker cannot set its limits: not allowed to raise maximum limit"


INHERITED_HARD_LIMITS = """
import resource, sys
from arcsynth.evaluate.executor import Job, JobLimits, hard_limit_notes, run_jobs, within_hard_limits
resource.setrlimit(resource.RLIMIT_AS, (3000 * 2**20, 3000 * 2**20))  # as ulimit -v and -t in the shell do
resource.setrlimit(resource.RLIMIT_CPU, (25, 25))
asked = JobLimits(time_seconds=60.0, memory_bytes=4096 * 2**20)
def limits_seen():
    return {"as": resource.getrlimit(resource.RLIMIT_AS), "cpu": resource.getrlimit(resource.RLIMIT_CPU)}
for limits in (asked, within_hard_limits(asked)):
    run_jobs([Job("job", limits_seen)], workers=1, limits=limits, on_outcome=lambda o: print(o.status, o.payload))
print(within_hard_limits(asked).memory_bytes // 2**20)
print(*hard_limit_notes(asked), sep="\\n")
"""


def test_limits_above_the_inherited_hard_limits_are_capped_there():
    done = subprocess.run([sys.executable, "-c", INHERITED_HARD_LIMITS], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    capped = {"as": [3000 * 2**20] * 2, "cpu": [25, 25]}  # the payload went through JSON
    assert lines[:3] == [f"ok {capped}", f"ok {capped}", "3000"], lines
    assert lines[3] == ("the memory limit per task is 3000 MB, not 4096 MB: the shell's hard limit (ulimit -v) "
                        "allows no more")
    assert lines[4] == "a task stops at 25 CPU-s, the shell's hard limit (ulimit -t), before its time limit of 60 s"
