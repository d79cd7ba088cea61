"""Per-task files in the layout of the ARC Prize benchmarking harness (arcprize/arc-agi-benchmarking).

Its scorer reads a folder of `<task_id>.json` files, each a list with one object per test pair:
`{"attempt_1": RecordedAttempt, "attempt_2": RecordedAttempt}`, where an RecordedAttempt is
`{"answer": grid, "correct": bool | null, "metadata": AttemptMetadata}` and the metadata holds
model, provider, start/end timestamps, choices, kwargs, usage (token counts), cost
(prompt/completion/reasoning/total) and task_id, pair_index, test_id. Extra metadata keys are
allowed; ours are cpu_seconds, wall_seconds, program, nodes, status and error.

Choices made here: both attempts are always written. A missing attempt (the search found
fewer than two answers, or the task failed) gets the answer `[]`, which the scorer counts as a
wrong attempt, so that the denominator and the cost stay whole (a null slot would drop its
cost). The task's cost is split evenly over its attempts, so the scorer's summed
`cost.total_cost` equals our cost of the task. Token counts are zero: no language model is used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from arcsynth.data.ids import task_file_name
from arcsynth.errors import RunError
from arcsynth.evaluate.no_links import refuse_links, write_text_no_follow
from arcsynth.evaluate.records import OutputAttempts, TaskRecord
from arcsynth.report.run_view import RunView, load_run

__all__ = ["FORMAT_NAME", "ExportSummary", "task_attempts", "export_arc_agi_benchmarking"]

FORMAT_NAME = "arc-agi-benchmarking"
ATTEMPT_KEYS = ("attempt_1", "attempt_2")
_EPOCH = "1970-01-01T00:00:00+00:00"


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote, and which tasks it could not write."""

    out_dir: Path
    written: tuple[str, ...]
    skipped: tuple[str, ...]  # never finished, and the number of test pairs is unknown


def _timestamps(record: TaskRecord | None) -> tuple[str, str]:
    """(start, end): end is when the task finished; start is end minus its wall seconds."""
    if not record or not record.finished_at:
        return _EPOCH, _EPOCH
    end = datetime.fromisoformat(record.finished_at)
    if end.tzinfo is None:
        end = end.replace(tzinfo=timezone.utc)
    start = end - timedelta(seconds=float(record.wall_seconds))
    return start.isoformat(), end.isoformat()


def _test_id(view: RunView) -> str:
    return f"arcsynth-{view.results.solver}-{view.results.level or 'custom'}"


def _metadata(view: RunView, task_id: str, record: TaskRecord | None, pair_index: int, program: str | None,
              usd_share: float, cpu_share: float) -> dict:
    start, end = _timestamps(record)
    results = view.results
    return {
        "model": f"arcsynth-{results.solver}",
        "provider": "arcsynth",
        "start_timestamp": start,
        "end_timestamp": end,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": program or ""}}],
        "reasoning_summary": None,
        "kwargs": {key: getattr(results, key) for key in ("level", "budget_seconds", "budget_nodes", "seed",
                                                     "price_per_cpu_hour", "data", "data_version", "git_sha")},
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0,
                  "completion_tokens_details": {"reasoning_tokens": 0, "accepted_prediction_tokens": 0,
                                                "rejected_prediction_tokens": 0}},
        "cost": {"prompt_cost": 0.0, "completion_cost": usd_share, "reasoning_cost": 0.0, "total_cost": usd_share},
        "task_id": task_id,
        "pair_index": pair_index,
        "test_id": _test_id(view),
        "cpu_seconds": cpu_share,
        "wall_seconds": float(record.wall_seconds) if record else 0.0,
        "program": program,
        "nodes": record.nodes if record else 0,
        "status": record.status if record else "missing",
        "error": record.error if record else "task never finished in this run",
    }


def _pair_count(view: RunView, task_id: str) -> int | None:
    record = view.records.get(task_id)
    if record is not None:
        return len(record.test)
    task = view.tasks.get(task_id)
    return len(task.test) if task is not None else None


def task_attempts(view: RunView, task_id: str) -> list[dict] | None:
    """The harness's list of {attempt_1, attempt_2} for one task, or None if it cannot be known."""
    pairs = _pair_count(view, task_id)
    if pairs is None:
        return None
    record = view.records.get(task_id)
    slots = pairs * len(ATTEMPT_KEYS)
    usd_share = float(record.usd or 0.0) / slots if record and slots else 0.0
    cpu_share = float(record.cpu_seconds) / slots if record and slots else 0.0
    entries = []
    for pair_index in range(pairs):
        entry = record.test[pair_index] if record else OutputAttempts((), None)
        expected = entry.expected
        pair = {}
        for number, key in enumerate(ATTEMPT_KEYS):
            attempt = entry.attempts[number] if number < len(entry.attempts) else None
            answer = attempt.output if attempt else []
            correct = None if expected is None else (bool(answer) and answer == expected)
            pair[key] = {"answer": answer, "correct": correct,
                         "metadata": _metadata(view, task_id, record, pair_index,
                                               attempt.program if attempt else None, usd_share, cpu_share)}
        entries.append(pair)
    return entries


def export_arc_agi_benchmarking(run_dir: str | Path, out_dir: str | Path | None = None) -> ExportSummary:
    """Write `<task_id>.json` for every task of the run into `out_dir`
    (default: `<run_dir>/arc-agi-benchmarking/`)."""
    view = load_run(run_dir, with_tasks=True)
    folder = Path(out_dir) if out_dir is not None else view.root / FORMAT_NAME
    if folder.resolve() == (view.root / "tasks").resolve():
        raise RunError(f"{folder}: is the run's own task records folder; export elsewhere")
    root = folder if out_dir is not None else view.root  # the folder the user named may be a link, not below it
    refuse_links(folder, root)
    written, skipped = [], []
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RunError(f"{error.filename or folder}: cannot write the export ({error.strerror})") from None
    for task_id in view.task_ids:
        attempts = task_attempts(view, task_id)
        if attempts is None:
            skipped.append(task_id)
            continue
        write_text_no_follow(folder / task_file_name(task_id), json.dumps(attempts), root)
        written.append(task_id)
    return ExportSummary(folder, tuple(written), tuple(skipped))
