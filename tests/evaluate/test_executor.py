import os
import time

import pytest

from arcsynth.evaluate.executor import Job, JobLimits, memory_in_use, run_jobs


def _run(work, limits=None):
    # 512 MB of room beyond what the worker inherits: this process's size depends on the tests before.
    limits = limits or JobLimits(time_seconds=5.0, memory_bytes=(memory_in_use() or 0) + 512 * 2**20)
    outcomes = []
    run_jobs([Job("job", work)], workers=1, limits=limits, on_outcome=outcomes.append)
    assert len(outcomes) == 1
    return outcomes[0]


def _busy():
    deadline = time.process_time() + 0.3
    total = 0
    while time.process_time() < deadline:
        total += 1
    return {"total": total}


def _sleep_forever():
    time.sleep(60)
    return {}


def _eat_memory():
    hoard = bytearray(2 * 2**30)
    return {"size": len(hoard)}


def _raise():
    raise ValueError("bad thing\nsecond line")


def _exit_hard():
    os._exit(3)


def test_ok_payload_and_cpu_seconds_measured_by_the_kernel():
    outcome = _run(_busy)
    assert outcome.status == "ok" and outcome.payload["total"] > 0
    assert outcome.cpu_seconds >= 0.25
    assert outcome.wall_seconds >= outcome.cpu_seconds * 0.5


def test_time_limit_kills_the_worker():
    # The worker would sleep 60 s and then answer ok: "timeout" means the parent killed it.
    outcome = _run(_sleep_forever, JobLimits(time_seconds=0.5))
    assert outcome.status == "timeout" and outcome.payload is None


@pytest.mark.slow  # a wall-time threshold: noisy on a shared machine, so not in the default suite
def test_time_limit_kills_the_worker_promptly():
    started = time.monotonic()
    outcome = _run(_sleep_forever, JobLimits(time_seconds=0.5))
    assert outcome.status == "timeout"
    assert time.monotonic() - started < 5


def test_memory_limit_is_a_failed_task_not_a_crash():
    outcome = _run(_eat_memory)
    assert outcome.status == "memory"
    assert outcome.payload is None


def test_exception_becomes_a_one_line_error():
    outcome = _run(_raise)
    assert outcome.status == "error"
    assert outcome.error.startswith("ValueError: bad thing at ")
    assert "\n" not in outcome.error


def _raise_five_megabytes():
    raise ValueError("x" * 5_000_000)


def test_an_exception_with_a_huge_message_is_recorded_in_at_most_300_characters():
    outcome = _run(_raise_five_megabytes)
    assert outcome.status == "error" and outcome.error.startswith("ValueError: xxx")
    assert len(outcome.error) == 300 and "(5000035 characters in all)" in outcome.error
    assert outcome.error.endswith(f"x at test_executor.py:{_raise_five_megabytes.__code__.co_firstlineno + 1}")


def test_worker_that_dies_is_recorded_as_crashed():
    outcome = _run(_exit_hard)
    assert outcome.status == "crashed"
    assert "code 3" in outcome.error


def test_jobs_run_in_parallel_and_all_report():
    outcomes = []
    jobs = [Job(str(index), lambda index=index: {"index": index}) for index in range(6)]
    run_jobs(jobs, workers=3, limits=JobLimits(time_seconds=5.0), on_outcome=outcomes.append)
    assert sorted(outcome.payload["index"] for outcome in outcomes) == list(range(6))
