"""The results folder: run.json, tasks/<id>.json (atomic, one per finished task),
results.json and submission.json. Finished task records are the truth; everything else is
derived from them, so an interrupted run resumes to the same results."""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from arcsynth.data.ids import check_task_id, task_file_name
from arcsynth.data.load import read_json
from arcsynth.errors import DataError, RunError
from arcsynth.evaluate.no_links import FILE_MODE, open_no_follow, refuse_links, write_text_no_follow
from arcsynth.evaluate.records import TaskRecord
from arcsynth.evaluate.run_results import RunResults

__all__ = ["RunStore", "write_json_atomic", "RESUME_KEYS", "LIMIT_KEYS", "FILE_MODE"]

# Settings that must match for --resume to continue a run rather than mix two runs.
RESUME_KEYS = ("data", "data_version", "task_ids", "level", "budget_seconds", "budget_nodes", "seed", "solver",
               "prior", "solver_settings", "price_per_cpu_hour")
# Keys a run.json may lack: notes about this run's start, not settings.
OPTIONAL_KEYS = ("limit_notes",)
# Limits a resumed run must keep, unless forced (with the code's provenance, see provenance.py).
LIMIT_KEYS = ("time_limit_seconds", "memory_limit_mb")
LOCK_NAME = ".lock"
INCOMPLETE_SUFFIX = ".INCOMPLETE"


def write_json_atomic(path: Path, data: Any, *, root: Path | None = None) -> None:
    """Write JSON so that a reader sees the old file or the new one, never a torn one; RunError if
    `path`, or a folder of it below `root` (default: its own folder), is a symbolic link."""
    refuse_links(path, root or path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise RunError(f"{error.filename or path}: cannot write ({error.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), FILE_MODE & ~_umask())
            json.dump(data, handle, separators=(",", ":"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except OSError as error:
        Path(tmp_name).unlink(missing_ok=True)
        raise RunError(f"{path}: cannot write ({error.strerror})") from None
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask (read by setting it and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _read_object(path: Path) -> dict:
    raw = read_json(path)
    if not isinstance(raw, dict):
        raise DataError(f"expected an object, got {type(raw).__name__}", file=str(path))
    return raw


class RunStore:
    """One run's folder."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.tasks_dir = self.root / "tasks"
        self._lock_fd: int | None = None

    @property
    def config_path(self) -> Path:
        return self.root / "run.json"

    @property
    def results_path(self) -> Path:
        return self.root / "results.json"

    @property
    def submission_path(self) -> Path:
        return self.root / "submission.json"

    def check_resume(self, config: dict) -> dict:
        """The run.json of this folder, if `config` (its RESUME_KEYS at least) continues that run."""
        if not self.config_path.exists():
            raise RunError(f"{self.root}: nothing to resume (no run.json)")
        previous = self.read_config()
        for key in RESUME_KEYS:
            if key not in previous and key in config:
                raise RunError(f"{self.root}: cannot resume: its run.json does not record {key} (an older arcsynth "
                               "wrote it), so the results could mix two setups; start a new run with another --out")
            if previous.get(key) != config.get(key):
                raise RunError(f"{self.root}: cannot resume: {key} was {previous.get(key)!r}, "
                               f"now {config.get(key)!r}")
        missing = [key for key in config if key not in previous and key not in OPTIONAL_KEYS]
        if missing:
            raise DataError(f"missing key {missing[0]!r}", file=str(self.config_path), path="$")
        return previous

    def check_provenance(self, config: dict, keys: tuple[str, ...], *, force: bool) -> dict:
        """{key: [was, now]} for each of `keys` that differs from run.json; RunError unless `force`."""
        previous = self.read_config()
        differences = {key: [previous.get(key), config.get(key)] for key in keys if previous.get(key) != config.get(key)}
        if differences and not force:
            key, (was, now) = next(iter(differences.items()))
            more = f" (and {len(differences) - 1} more)" if len(differences) > 1 else ""
            raise RunError(f"{self.root}: cannot resume: {key} was {was!r}, now {now!r}{more}; the results "
                           "would mix two setups (--force resumes anyway and records it in run.json)")
        return differences

    def lock(self) -> None:
        """Hold this folder for one run until `unlock` (or the process ends); RunError if another holds it."""
        if self.root.exists() and not self.root.is_dir():
            raise RunError(f"{self.root}: not a folder")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise RunError(f"{error.filename or self.root}: cannot write ({error.strerror})") from None
        fd = open_no_follow(self.root / LOCK_NAME, self.root, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.read(fd, 200).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise RunError(f"{self.root}: in use by another run ({holder}); wait for it to end, "
                           "or use another --out") from None
        os.ftruncate(fd, 0)
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        os.write(fd, f"pid {os.getpid()}, since {started}".encode())
        self._lock_fd = fd

    def unlock(self) -> None:
        """Let another run have this folder."""
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    def start(self, config: dict, *, resume: bool) -> None:
        """Begin a run, or check that `config` continues the one in this folder (call `lock` first)."""
        for path in (self.config_path, self.tasks_dir, self.results_path, self.submission_path,
                     self.incomplete_marker_path):
            refuse_links(path, self.root)  # before any work, rather than at the first write
        if resume:
            self.check_resume(config)
            return
        if self.root.exists() and not self.root.is_dir():
            raise RunError(f"{self.root}: not a folder")
        if self.config_path.exists() or (self.tasks_dir.is_dir() and any(self.tasks_dir.iterdir())):
            raise RunError(f"{self.root}: already holds a run; use --resume or another --out")
        try:
            self.tasks_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise RunError(f"{error.filename or self.tasks_dir}: cannot write ({error.strerror})") from None
        write_json_atomic(self.config_path, config, root=self.root)

    def write_config(self, config: dict) -> None:
        write_json_atomic(self.config_path, config, root=self.root)

    def task_path(self, task_id: str) -> Path:
        return self.tasks_dir / task_file_name(task_id)

    def write_task(self, record: TaskRecord) -> None:
        """Record one finished task."""
        write_json_atomic(self.task_path(record.task_id), record.to_json(), root=self.root)

    def read_tasks(self) -> dict[str, TaskRecord]:
        """Every finished task record, by task id."""
        if not self.tasks_dir.exists():
            return {}
        try:
            with os.scandir(self.tasks_dir):  # glob would take an unreadable folder for an empty one
                pass
        except OSError as error:
            raise RunError(f"{self.tasks_dir}: cannot read the task records ({error.strerror})") from None
        records = {}
        for path in sorted(self.tasks_dir.glob("*.json")):
            record = TaskRecord.from_json(read_json(path), path)
            records[record.task_id] = record
        return records

    def read_config(self) -> dict:
        config = _read_object(self.config_path)
        if not isinstance(config.get("data") or "", str):
            raise DataError(f"data is {config['data']!r}, expected a dataset name or path", file=str(self.config_path),
                            path="data")
        task_ids = config.get("task_ids", [])
        if not isinstance(task_ids, list) or not all(isinstance(task_id, str) for task_id in task_ids):
            raise DataError("expected a list of task id strings", file=str(self.config_path), path="task_ids")
        for index, task_id in enumerate(task_ids):
            check_task_id(task_id, file=str(self.config_path), path=f"task_ids[{index}]")
        return config

    def read_results(self) -> RunResults:
        """results.json, checked (DataError naming the file and the key when it is not as written)."""
        return RunResults.from_json(read_json(self.results_path), self.results_path)

    def write_results(self, results: RunResults) -> None:
        write_json_atomic(self.results_path, results.to_json(), root=self.root)

    @property
    def incomplete_marker_path(self) -> Path:
        return self.submission_path.with_name(self.submission_path.name + INCOMPLETE_SUFFIX)

    def write_submission(self, submission: dict, *, incomplete_note: str | None = None) -> None:
        """submission.json; with `incomplete_note`, also submission.json.INCOMPLETE holding it (a
        complete submission removes that marker)."""
        write_json_atomic(self.submission_path, submission, root=self.root)
        if incomplete_note is None:
            self.incomplete_marker_path.unlink(missing_ok=True)
            return
        write_text_no_follow(self.incomplete_marker_path, incomplete_note + "\n", self.root)
