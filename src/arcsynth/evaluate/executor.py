"""Run jobs in forked worker processes with a time and memory limit enforced from outside.

One job is one task. Each runs in a process of its own, so that a solver that runs away,
eats memory or crashes costs that task and nothing else; its CPU time (user + system,
its children included) is read from the kernel by wait4, not trusted to the solver.
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import time
import traceback
from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterable

__all__ = ["Limits", "Job", "Outcome", "run_jobs"]

_READ_CHUNK = 1 << 16


@dataclass(frozen=True)
class Limits:
    """Per-job limits: wall seconds before the job is killed, and address space in bytes."""

    time_seconds: float
    memory_bytes: int | None = None


@dataclass(frozen=True)
class Job:
    """A unit of work: `work()` returns a JSON-able dict, run in a child process."""

    key: str
    work: Callable[[], dict]


@dataclass(frozen=True)
class Outcome:
    """How a job ended: status is ok, error, timeout, memory or crashed."""

    key: str
    status: str
    payload: dict | None
    error: str | None
    cpu_seconds: float
    wall_seconds: float


def _child_main(job: Job, write_fd: int, limits: Limits) -> None:
    """Runs in the forked child; never returns."""
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
        if limits.memory_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        cpu_cap = int(limits.time_seconds) + 2  # backstop if the parent cannot kill in time
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_cap, cpu_cap + 1))
        try:
            message = {"status": "ok", "payload": job.work()}
        except MemoryError:
            message = {"status": "memory", "error": "memory limit exceeded"}
        except Exception as error:  # any solver failure is that task's failure, not the run's
            frame = traceback.extract_tb(error.__traceback__)[-1:]
            where = f" at {os.path.basename(frame[0].filename)}:{frame[0].lineno}" if frame else ""
            first_line = (str(error).splitlines() or [""])[0]
            message = {"status": "error", "error": f"{type(error).__name__}: {first_line}{where}"}
        data = json.dumps(message).encode()
        view = memoryview(data)
        while view:
            written = os.write(write_fd, view)
            view = view[written:]
    except BaseException:  # last resort inside a forked child: never unwind into the parent's code
        status = 1
    finally:
        os._exit(status)


@dataclass
class _Running:
    job: Job
    pid: int
    read_fd: int
    started: float
    chunks: list


def _spawn(job: Job, limits: Limits) -> _Running:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child_main(job, write_fd, limits)
    os.close(write_fd)
    return _Running(job, pid, read_fd, time.monotonic(), [])


def _reap(run: _Running, timed_out: bool) -> Outcome:
    if timed_out:
        try:
            os.kill(run.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _, wait_status, usage = os.wait4(run.pid, 0)
    os.close(run.read_fd)
    wall = time.monotonic() - run.started
    cpu = usage.ru_utime + usage.ru_stime
    key = run.job.key
    if timed_out:
        return Outcome(key, "timeout", None, f"time limit exceeded ({wall:.1f} s wall)", cpu, wall)
    raw = b"".join(run.chunks)
    try:
        message = json.loads(raw) if raw else None
    except json.JSONDecodeError:
        message = None
    if not isinstance(message, dict):
        if os.WIFSIGNALED(wait_status):
            signame = signal.Signals(os.WTERMSIG(wait_status)).name
            status = "timeout" if signame == "SIGXCPU" else "crashed"
            return Outcome(key, status, None, f"worker killed by {signame}", cpu, wall)
        return Outcome(key, "crashed", None, f"worker exited with code {os.WEXITSTATUS(wait_status)} "
                                             "and no result", cpu, wall)
    return Outcome(key, message["status"], message.get("payload"), message.get("error"), cpu, wall)


def _kill_all(running: dict[int, _Running]) -> None:
    for run in running.values():
        try:
            os.kill(run.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(run.pid, 0)
        os.close(run.read_fd)
    running.clear()


def run_jobs(jobs: Iterable[Job], *, workers: int, limits: Limits,
             on_outcome: Callable[[Outcome], None]) -> None:
    """Run every job, at most `workers` at once, calling `on_outcome` in the parent as each ends.

    On KeyboardInterrupt the jobs in flight are killed (their outcomes are not reported) and
    the interrupt propagates; outcomes already reported stand.
    """
    pending = deque(jobs)
    running: dict[int, _Running] = {}  # read_fd -> running job
    try:
        while pending or running:
            while pending and len(running) < max(1, workers):
                run = _spawn(pending.popleft(), limits)
                running[run.read_fd] = run
            now = time.monotonic()
            deadline = min(run.started + limits.time_seconds for run in running.values())
            ready, _, _ = select.select(list(running), [], [], max(0.0, deadline - now))
            for fd in ready:
                run = running[fd]
                chunk = os.read(fd, _READ_CHUNK)
                if chunk:
                    run.chunks.append(chunk)
                else:
                    del running[fd]
                    on_outcome(_reap(run, timed_out=False))
            now = time.monotonic()
            for fd in [fd for fd, run in running.items() if now - run.started > limits.time_seconds]:
                on_outcome(_reap(running.pop(fd), timed_out=True))
    except BaseException:
        _kill_all(running)
        raise
