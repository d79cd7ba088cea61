"""The report's overview table: one row per task with its status, score, CPU, nodes, program
length, a thumbnail and a link to its page on arcprize.org; sorted and filtered by the script."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from arcsynth.evaluate.records import RecordedAttempt, TaskRecord
from arcsynth.report.formatting import percent
from arcsynth.report.outcomes import RecordOutcome
from arcsynth.report.run_view import RunView
from arcsynth.task import Task

__all__ = ["ARC_TASK_URL", "arc_task_url", "program_length", "overview_html", "SORT_KEYS"]

ARC_TASK_URL = "https://arcprize.org/play?task={task_id}"
_ARC_ID = re.compile(r"[0-9a-f]{8}")
# column key -> header; every key is a sortable data-* attribute of the rows
SORT_KEYS = {"id": "task", "status": "status", "score": "score", "cpu": "CPU-s", "nodes": "nodes",
             "length": "program steps"}
THUMB_SIDE_PX = 60  # a thumbnail's longer side, at most; a cell is 2 to 8 pixels


def arc_task_url(task_id: str) -> str | None:
    """The task's page on arcprize.org, for ids of the public ARC-AGI sets (8 hex digits)."""
    return ARC_TASK_URL.format(task_id=quote(task_id)) if _ARC_ID.fullmatch(task_id) else None


def program_length(program: str | None) -> int | None:
    """Steps of a program in its text form: the assignment lines (comments and blank lines left out)."""
    if not program:
        return None
    return sum(1 for line in program.splitlines() if "=" in line.split("#", 1)[0])


def _first_attempt(record: TaskRecord | None) -> RecordedAttempt | None:
    if not record or not record.test or not record.test[0].attempts:
        return None
    return record.test[0].attempts[0]


def _grid_code(grid) -> str:
    """A grid as rows of digits joined by `|`, drawn into a canvas by the script."""
    return "|".join("".join(str(int(value)) for value in row) for row in grid)


def _thumbnail(grid, title: str) -> str:
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    cell = max(2, min(8, THUMB_SIDE_PX // max(1, rows, cols)))
    return (f'<canvas class="thumb" width="{cols * cell}" height="{rows * cell}" '
            f'data-grid="{_grid_code(grid)}" title="{escape(title)}"></canvas>')


def _thumbnails(record: TaskRecord | None, task: Task | None) -> str:
    parts = []
    if task is not None and task.test:
        parts.append(_thumbnail(task.test[0].input.tolist(), "test input 1"))
    attempt = _first_attempt(record)
    if attempt is not None:
        parts.append(_thumbnail(attempt.output, "attempt 1"))
    return '<span class="arrow">&rarr;</span>'.join(parts)


def _status(outcome: RecordOutcome, record: TaskRecord | None) -> str:
    status = record.status if record else None
    return outcome.kind if status in (None, "ok") or status == outcome.kind else f"{outcome.kind} ({status})"


def _number(value) -> str:
    return "" if value is None else repr(float(value))


def _row(task_id: str, outcome: RecordOutcome, record: TaskRecord | None, task: Task | None) -> str:
    attempt = _first_attempt(record)
    length = program_length(attempt.program if attempt else None)
    score = record.score if record else None
    cpu = record.cpu_seconds if record else None
    nodes = record.nodes if record else None
    status = _status(outcome, record)
    url = arc_task_url(task_id)
    link = (f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">arcprize.org</a>' if url
            else '<span class="dim">-</span>')
    safe_id = escape(task_id)
    return (f'<tr data-task-id="{safe_id}" data-outcome="{outcome.kind}" '
            f'data-solved="{str(outcome.solved).lower()}" data-failed="{str(outcome.failed).lower()}" '
            f'data-near-miss="{str(outcome.near_miss).lower()}" data-errored="{str(outcome.errored).lower()}" '
            f'data-id="{safe_id}" data-status="{escape(status)}" data-score="{_number(score)}" '
            f'data-cpu="{_number(cpu)}" data-nodes="{_number(nodes)}" data-length="{_number(length)}">'
            f'<td><a href="#task-{safe_id}">{safe_id}</a></td>'
            f'<td><span class="badge {outcome.kind}">{escape(status)}</span></td>'
            f'<td class="num">{percent(score) if record else "-"}</td>'
            f'<td class="num">{"-" if cpu is None else f"{cpu:.3g}"}</td>'
            f'<td class="num">{"-" if nodes is None else nodes}</td>'
            f'<td class="num">{"-" if length is None else length}</td>'
            f'<td class="thumbs">{_thumbnails(record, task)}</td><td>{link}</td></tr>')


def overview_html(view: RunView, outcomes: list[RecordOutcome]) -> str:
    """The table of every task of the run (its rows carry the same filter attributes as the cards)."""
    headers = "".join(f'<th scope="col" data-sort-key="{key}" aria-sort="none">'
                      f'<button type="button">{escape(label)}</button></th>' for key, label in SORT_KEYS.items())
    rows = "".join(_row(task_id, outcome, view.records.get(task_id), view.tasks.get(task_id))
                   for task_id, outcome in zip(view.task_ids, outcomes))
    return (f'<section class="overview"><h2>tasks</h2><table id="overview"><thead><tr>{headers}'
            f'<th scope="col">test 1 &rarr; attempt 1</th><th scope="col">task page</th></tr></thead>'
            f'<tbody>{rows}</tbody></table></section>')
