"""Run jobs in forked worker processes with a time and memory limit enforced from outside.

One job is one task. Each runs in a process of its own, so that a solver that runs away,
eats memory or crashes costs that task and nothing else; its CPU time (user + system,
its children included) is read from the kernel by wait4, not trusted to the solver.

Containment (Linux): each worker leads a process group of its own and is killed by the kernel
if the parent dies (PR_SET_PDEATHSIG). While jobs run the parent is a child subreaper, so a
process a solver started is re-parented to the harness rather than to init: when the worker
ends (or its time is up) the whole group is killed and reaped, and its CPU counts for the task.

Outcomes are solver failures (error, timeout, memory, crashed: the solver's own doing, final)
or infrastructure failures (killed: a signal the harness did not send; lost: the worker ended
without a readable answer; cannot_start: the memory limit leaves no room to start a worker, or
the worker cannot set its limits). The harness retries the second kind.

A worker cannot raise a limit above the hard limit it inherits (`ulimit -v`, `ulimit -t` in the
shell that started the run): its limits are capped there, and `hard_limit_notes` says so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import mmap
import os
import resource
import select
import signal
import time
import traceback
from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterable

from arcsynth.errors import one_line
from arcsynth.evaluate.held_signals import stop_signals_held

__all__ = ["JobLimits", "Job", "Outcome", "run_jobs", "SOLVER_FAILURES", "INFRASTRUCTURE_FAILURES",
           "is_infrastructure_failure", "memory_in_use", "START_HEADROOM_BYTES", "die_with_parent",
           "within_hard_limits", "hard_limit_notes"]

_READ_CHUNK = 1 << 16
SOLVER_FAILURES = ("error", "timeout", "memory", "crashed")
INFRASTRUCTURE_FAILURES = ("killed", "lost", "cannot_start")
# Signals that mean the solver broke itself; any other signal the harness did not send came from outside.
_SOLVER_SIGNALS = frozenset({signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE, signal.SIGABRT,
                             signal.SIGSYS, signal.SIGTRAP})
START_HEADROOM_BYTES = 16 * 2**20  # room a worker needs beyond what it inherits, to start a task at all
_PR_SET_PDEATHSIG = 1
_PR_SET_CHILD_SUBREAPER = 36


def is_infrastructure_failure(status: str) -> bool:
    """True for an outcome that says nothing about the solver (killed, lost, cannot_start)."""
    return status in INFRASTRUCTURE_FAILURES


def memory_in_use() -> int | None:
    """This process's address space in bytes (what RLIMIT_AS counts), or None where unknown."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _prctl(option: int, value: int) -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(option, value, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (elsewhere a no-op)."""
    _prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL))


@dataclass(frozen=True)
class JobLimits:
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


def _contain(parent_pid: int) -> None:
    """In the forked child: a process group of its own, death with the parent, default signals."""
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    die_with_parent()
    if os.getppid() != parent_pid:  # the parent died before the request was made
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    for signum in (signal.SIGTERM, signal.SIGHUP):  # the parent's handlers are not the worker's
        signal.signal(signum, signal.SIG_DFL)


def _hard_limit(kind: int) -> int | None:
    """The hard limit of `kind` this process inherited, None when there is none."""
    hard = resource.getrlimit(kind)[1]
    return None if hard == resource.RLIM_INFINITY else hard


def _capped(kind: int, value: int) -> int:
    hard = _hard_limit(kind)
    return value if hard is None else min(value, hard)


def _cpu_backstop(limits: JobLimits) -> tuple[int, int]:
    """The worker's RLIMIT_CPU (soft, hard): a backstop if the parent cannot kill it in time."""
    return int(limits.time_seconds) + 2, int(limits.time_seconds) + 3


def within_hard_limits(limits: JobLimits) -> JobLimits:
    """`limits` with the memory limit capped at the hard RLIMIT_AS this process inherited."""
    if limits.memory_bytes is None:
        return limits
    return JobLimits(limits.time_seconds, _capped(resource.RLIMIT_AS, limits.memory_bytes))


def hard_limit_notes(limits: JobLimits) -> list[str]:
    """One sentence per limit of `limits` that the inherited hard limits lower for a local worker."""
    notes = []
    memory = _hard_limit(resource.RLIMIT_AS)
    if limits.memory_bytes and memory is not None and memory < limits.memory_bytes:
        notes.append(f"the memory limit per task is {memory // 2**20} MB, not {limits.memory_bytes // 2**20} MB: "
                     f"the shell's hard limit (ulimit -v) allows no more")
    cpu = _hard_limit(resource.RLIMIT_CPU)
    if cpu is not None and cpu < _cpu_backstop(limits)[1]:
        notes.append(f"a task stops at {cpu} CPU-s, the shell's hard limit (ulimit -t), before its time limit of "
                     f"{limits.time_seconds:g} s")
    return notes


def _set_limits(limits: JobLimits) -> None:
    """In the worker: its memory limit and CPU backstop, capped at the hard limits it inherited."""
    if limits.memory_bytes:
        memory = _capped(resource.RLIMIT_AS, limits.memory_bytes)
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    soft, hard = _cpu_backstop(limits)
    resource.setrlimit(resource.RLIMIT_CPU, (_capped(resource.RLIMIT_CPU, soft), _capped(resource.RLIMIT_CPU, hard)))


def _start_message(limits: JobLimits) -> dict | None:
    """Under the memory limit, the cannot_start message if there is no room to start a task: a
    probe of START_HEADROOM_BYTES must fit beside what the worker inherited from the parent.

    The probe is a fresh anonymous mapping, not a malloc: malloc may hand back free heap the parent
    left behind, so whether it succeeds would depend on the parent's history, not on the limit."""
    try:
        mmap.mmap(-1, START_HEADROOM_BYTES).close()
    except (MemoryError, OSError):
        in_use = memory_in_use()
        need = f", which needs more than {(in_use + START_HEADROOM_BYTES) // 2**20} MB" if in_use else ""
        return {"status": "cannot_start",
                "error": f"memory limit of {_capped(resource.RLIMIT_AS, limits.memory_bytes or 0) // 2**20} MB "
                         f"is too low to start a worker{need}"}
    return None


def _child_main(job: Job, write_fd: int, limits: JobLimits) -> None:
    """Runs in the forked child (contained already); never returns."""
    status = 0
    try:
        try:
            _set_limits(limits)
            message = _start_message(limits) if limits.memory_bytes else None
        except (ValueError, OSError) as error:
            message = {"status": "cannot_start", "error": one_line(f"the worker cannot set its limits: {error}")}
        try:
            if message is None:
                message = {"status": "ok", "payload": job.work()}
        except MemoryError:
            message = {"status": "memory", "error": "memory limit exceeded"}
        except Exception as error:  # any solver failure is that task's failure, not the run's
            frame = traceback.extract_tb(error.__traceback__)[-1:]
            where = f" at {os.path.basename(frame[0].filename)}:{frame[0].lineno}" if frame else ""
            first_line = (str(error).splitlines() or [""])[0]
            message = {"status": "error", "error": one_line(f"{type(error).__name__}: {first_line}{where}")}
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


def _spawn(job: Job, limits: JobLimits, running: dict[int, "_Running"]) -> None:
    """Fork a worker for `job` and add it to `running`. Stop signals are held across the fork, so
    that neither an untracked worker nor a child unwinding into the parent's code can come of one."""
    read_fd, write_fd = os.pipe()
    parent_pid = os.getpid()
    outer_mask = signal.pthread_sigmask(signal.SIG_BLOCK, ())  # the worker's, once it is contained
    with stop_signals_held():
        pid = os.fork()
        if pid == 0:
            try:
                os.close(read_fd)
                _contain(parent_pid)
                signal.pthread_sigmask(signal.SIG_SETMASK, outer_mask)
            except BaseException:
                os._exit(1)
            _child_main(job, write_fd, limits)
        try:
            os.setpgid(pid, pid)  # also here, so that no kill of the group can come before the child's own call
        except OSError:
            pass
        os.close(write_fd)
        running[read_fd] = _Running(job, pid, read_fd, time.monotonic(), [])


def _kill_group(pid: int) -> None:
    """SIGKILL the worker's process group (the worker and whatever it started)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _reap_group(pid: int) -> float:
    """Kill and reap what is left of a finished worker's process group; their CPU seconds.

    Only processes re-parented to this one (it is a subreaper while jobs run) can be reaped here."""
    _kill_group(pid)
    cpu = 0.0
    while True:
        try:
            _, _, usage = os.wait4(-pid, 0)
        except ChildProcessError:
            return cpu
        except InterruptedError:
            continue
        cpu += usage.ru_utime + usage.ru_stime


def _reap(run: _Running, timed_out: bool) -> Outcome:
    if timed_out:
        _kill_group(run.pid)
    _, wait_status, usage = os.wait4(run.pid, 0)
    os.close(run.read_fd)
    wall = time.monotonic() - run.started
    cpu = usage.ru_utime + usage.ru_stime + _reap_group(run.pid)
    key = run.job.key
    if timed_out:
        return Outcome(key, "timeout", None, f"time limit exceeded ({wall:.1f} s wall)", cpu, wall)
    raw = b"".join(run.chunks)
    try:
        message = json.loads(raw) if raw else None
    except json.JSONDecodeError:
        message = None
    if not isinstance(message, dict) or message.get("status") not in ("ok",) + SOLVER_FAILURES + ("cannot_start",):
        if os.WIFSIGNALED(wait_status):
            signum = os.WTERMSIG(wait_status)
            signame = signal.Signals(signum).name if signum in signal.valid_signals() else f"signal {signum}"
            if signum == signal.SIGXCPU:
                return Outcome(key, "timeout", None, f"worker killed by {signame} (CPU limit)", cpu, wall)
            if signum in _SOLVER_SIGNALS:
                return Outcome(key, "crashed", None, f"worker killed by {signame}", cpu, wall)
            return Outcome(key, "killed", None, f"worker killed from outside by {signame}", cpu, wall)
        code = os.WEXITSTATUS(wait_status)
        if code == 0:
            return Outcome(key, "lost", None, "worker ended without a readable result", cpu, wall)
        return Outcome(key, "crashed", None, f"worker exited with code {code} and no result", cpu, wall)
    return Outcome(key, message["status"], message.get("payload"), message.get("error"), cpu, wall)


def _kill_all(running: dict[int, _Running]) -> None:
    for run in running.values():
        _kill_group(run.pid)
    for run in running.values():
        try:
            os.waitpid(run.pid, 0)
        except ChildProcessError:
            pass
        _reap_group(run.pid)
        os.close(run.read_fd)
    running.clear()


def run_jobs(jobs: Iterable[Job], *, workers: int, limits: JobLimits,
             on_outcome: Callable[[Outcome], None]) -> None:
    """Run every job, at most `workers` at once, calling `on_outcome` in the parent as each ends.

    On KeyboardInterrupt the jobs in flight are killed (their outcomes are not reported) and
    the interrupt propagates; outcomes already reported stand.
    """
    pending = deque(jobs)
    running: dict[int, _Running] = {}  # read_fd -> running job
    subreaper = _prctl(_PR_SET_CHILD_SUBREAPER, 1)
    try:
        while pending or running:
            while pending and len(running) < max(1, workers):
                _spawn(pending.popleft(), limits, running)
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
    finally:
        if subreaper:
            _prctl(_PR_SET_CHILD_SUBREAPER, 0)
