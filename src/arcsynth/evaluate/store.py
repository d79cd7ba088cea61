"""The results folder: run.json, tasks/<id>.json (atomic, one per finished task),
results.json and submission.json. Finished task records are the truth; everything else is
derived from them, so an interrupted run resumes to the same results."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from arcsynth.errors import RunError

__all__ = ["RunStore", "write_json_atomic", "RESUME_KEYS"]

# Settings that must match for --resume to continue a run rather than mix two runs.
RESUME_KEYS = ("data", "data_version", "task_ids", "level", "budget_seconds", "budget_nodes", "seed", "solver")


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so that a reader sees the old file or the new one, never a torn one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, separators=(",", ":"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise RunError(f"{path}: unreadable run file ({error})") from None


class RunStore:
    """One run's folder."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.tasks_dir = self.root / "tasks"

    @property
    def config_path(self) -> Path:
        return self.root / "run.json"

    @property
    def results_path(self) -> Path:
        return self.root / "results.json"

    @property
    def submission_path(self) -> Path:
        return self.root / "submission.json"

    def start(self, config: dict, *, resume: bool) -> None:
        """Begin a run, or check that `config` continues the one in this folder."""
        if resume:
            if not self.config_path.exists():
                raise RunError(f"{self.root}: nothing to resume (no run.json)")
            previous = _read_json(self.config_path)
            for key in RESUME_KEYS:
                if previous.get(key) != config.get(key):
                    raise RunError(f"{self.root}: cannot resume: {key} was {previous.get(key)!r}, "
                                   f"now {config.get(key)!r}")
            return
        if self.config_path.exists() or (self.tasks_dir.exists() and any(self.tasks_dir.iterdir())):
            raise RunError(f"{self.root}: already holds a run; use --resume or another --out")
        self.tasks_dir.mkdir(parents=True, exist_ok=True)
        write_json_atomic(self.config_path, config)

    def task_path(self, task_id: str) -> Path:
        return self.tasks_dir / f"{task_id}.json"

    def write_task(self, record: dict) -> None:
        """Record one finished task."""
        write_json_atomic(self.task_path(record["task_id"]), record)

    def read_tasks(self) -> dict[str, dict]:
        """Every finished task record, by task id."""
        if not self.tasks_dir.exists():
            return {}
        records = {}
        for path in sorted(self.tasks_dir.glob("*.json")):
            record = _read_json(path)
            records[record["task_id"]] = record
        return records

    def read_config(self) -> dict:
        return _read_json(self.config_path)

    def read_results(self) -> dict:
        return _read_json(self.results_path)

    def write_results(self, results: dict) -> None:
        write_json_atomic(self.results_path, results)

    def write_submission(self, submission: dict) -> None:
        write_json_atomic(self.submission_path, submission)
