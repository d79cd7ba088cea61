"""Run the harness's jobs on a Dask cluster (dask.distributed) instead of the local process pool.

`DaskExecutor` is called like `run_jobs`: jobs in, outcomes out through `on_outcome` as each
finishes, in the calling process, so the harness records and scores exactly as it does
locally. On the worker each job goes through `run_jobs` itself, one job at a time, so it runs
in a forked process of its own under the same wall-clock and memory limits and its CPU seconds
come from the kernel, as on the local pool. Dask does the scheduling and survives faults: a job
whose worker dies is run again on another worker, and is reported once, when it finishes.

Dask is an optional extra (`pip install 'arcsynth[dask]'`); it is imported only when a
`DaskExecutor` is opened.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from arcsynth.errors import RunError, UsageError, one_line
from arcsynth.evaluate.executor import Job, JobLimits, Outcome, run_jobs

__all__ = ["DaskExecutor", "DASK_MISSING", "CONNECT_TIMEOUT_SECONDS", "run_one"]

DASK_MISSING = "--executor dask needs Dask: pip install 'arcsynth[dask]'"
CONNECT_TIMEOUT_SECONDS = 20.0
# Dask settings for the processes this module starts (a local cluster's scheduler and workers, the
# client). Dask's defaults poll for a dashboard: an event-loop tick every 20 ms, stack sampling
# every 10 ms, a system monitor every 0.5 s. Idle, a one-worker local cluster used 0.061 CPU-s per
# second with Dask's defaults and 0.008 with these (measured with psutil on the 2-core dev machine).
# Tasks are long and few: no work stealing needed.
_QUIET = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.profile.enabled": False,
    "distributed.scheduler.work-stealing": False,
}


def run_one(job: Job, limits: JobLimits) -> Outcome:
    """What a Dask worker runs: one job through the local executor, in a forked process of its own
    (contained as there: it dies with the worker, so a killed worker leaves no job behind)."""
    outcomes: list[Outcome] = []
    run_jobs([job], workers=1, limits=limits, on_outcome=outcomes.append)
    return outcomes[0]


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError(DASK_MISSING) from None
    return distributed


def _import_dask() -> Any:
    try:
        import dask
    except ImportError:
        raise UsageError(DASK_MISSING) from None
    return dask


def _one_line(error: BaseException) -> str:
    text = (str(error).splitlines() or [""])[0].strip()
    return one_line(f"{type(error).__name__}: {text}") if text else type(error).__name__


@dataclass
class DaskExecutor:
    """A context manager that connects to the scheduler at `address` (or, with None, starts a
    local cluster of `local_workers` single-threaded worker processes); inside it, call it like
    `run_jobs`."""

    address: str | None = None
    local_workers: int = 1
    connect_timeout: float | None = None  # None: CONNECT_TIMEOUT_SECONDS
    _client: Any = field(default=None, init=False, repr=False)
    _cluster: Any = field(default=None, init=False, repr=False)

    def __enter__(self) -> "DaskExecutor":
        distributed, dask = _import_distributed(), _import_dask()
        timeout = self.connect_timeout if self.connect_timeout is not None else CONNECT_TIMEOUT_SECONDS
        try:
            with dask.config.set(_QUIET):
                if self.address is None:
                    self._cluster = distributed.LocalCluster(
                        n_workers=self.local_workers, threads_per_worker=1, processes=True, memory_limit=0,
                        dashboard_address=":0", scheduler_kwargs={"dashboard": False},  # any free port
                        silence_logs=logging.ERROR)
                    self._client = distributed.Client(self._cluster, timeout=timeout)
                else:
                    self._client = distributed.Client(self.address, timeout=timeout)
        except (OSError, ValueError, TypeError) as error:
            self.__exit__(None, None, None)
            where = f"the Dask scheduler at {self.address}" if self.address else "a local Dask cluster"
            raise UsageError(f"cannot reach {where}: {_one_line(error)}") from None
        return self

    def __exit__(self, *exc_info: object) -> None:
        for resource in (self._client, self._cluster):
            if resource is not None:
                try:
                    resource.close()
                except (OSError, RuntimeError, TimeoutError):
                    pass  # closing a lost connection: nothing left to release
        self._client = self._cluster = None

    def __call__(self, jobs: Iterable[Job], *, workers: int, limits: JobLimits,
                 on_outcome: Callable[[Outcome], None]) -> None:
        """Run every job on the cluster, calling `on_outcome` here as each ends (in finishing order).

        `workers` is ignored: the cluster's worker threads set the parallelism. A job whose
        worker died is retried by Dask (`distributed.scheduler.allowed-failures` times) and then
        reported as lost (an infrastructure failure, which the harness may retry). On KeyboardInterrupt the jobs not yet reported are cancelled and
        the interrupt propagates; outcomes already reported stand.
        """
        if self._client is None:
            raise RuntimeError("DaskExecutor used outside its `with` block")
        distributed = _import_distributed()
        futures = {}
        try:
            for job in jobs:
                future = self._client.submit(run_one, job, limits, key=f"arcsynth-{job.key}-{uuid.uuid4().hex}",
                                             pure=False)
                futures[future.key] = (job.key, future)
            for future in distributed.as_completed([future for _, future in futures.values()]):
                key, _ = futures.pop(future.key)
                on_outcome(self._outcome(key, future, distributed))
        except BaseException:
            if futures:
                try:
                    self._client.cancel([future for _, future in futures.values()])
                except (OSError, RuntimeError, TimeoutError):
                    pass
            raise

    def _outcome(self, key: str, future: Any, distributed: Any) -> Outcome:
        try:
            return future.result()
        except distributed.client.FutureCancelledError as error:
            raise RunError(f"task {key}: the Dask scheduler cancelled it ({_one_line(error)})") from None
        except distributed.KilledWorker as error:
            # An infrastructure failure, like a local worker lost: the harness may run it again.
            return Outcome(key, "lost", None, f"Dask workers died while running it ({_one_line(error)})", 0.0, 0.0)
        except Exception as error:  # the job never ran: a broken worker environment, not a task failure
            raise RunError(f"task {key}: a Dask worker could not run it ({_one_line(error)}); "
                           "are arcsynth and its dependencies installed on the workers?") from None
