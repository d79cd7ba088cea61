"""A one-line progress bar with the running score and cost, redrawn in place."""

from __future__ import annotations

import time
from typing import TextIO

from arcsynth.evaluate import Progress
from arcsynth.report.formatting import usd

__all__ = ["ProgressBar", "task_verdict"]


def task_verdict(status: str, task_score: float | None, outputs_known: bool) -> str:
    """What became of the last task, in words: solved, partly solved, failed, finished (its
    answer is unknown), or the harness's status when the worker itself failed (timeout, ...)."""
    if status != "ok":
        return status
    if not outputs_known or task_score is None:
        return "finished"
    if task_score >= 1.0 - 1e-9:
        return "solved"
    return "partly solved" if task_score > 1e-9 else "failed"


def _running_score(progress: Progress) -> str:
    """The score so far over the finished tasks whose outputs are known, as the summary counts it
    ('n/a' while there are none)."""
    scored = progress.done if progress.scored is None else progress.scored
    if scored == 0:
        return "  n/a "
    return f"{100 * progress.score * progress.done / scored:5.1f}%"


class ProgressBar:
    """Draws `[#####-----] done/total score cpu usd eta  last-task verdict` on a terminal stream.

    The task's own score is the change of the running total (score x done) since the previous
    update; after a resume the first update cannot know it and says `finished`.
    """

    def __init__(self, total: int, stream: TextIO, width: int = 24, *, outputs_known: bool = True) -> None:
        self.total = total
        self.stream = stream
        self.width = width
        self.outputs_known = outputs_known
        self.started = time.monotonic()
        self.started_done: int | None = None
        self.solved_before: float | None = None  # score x done at the previous update
        self.interactive = stream.isatty()

    def _task_score(self, progress: Progress) -> float | None:
        solved_now = progress.score * progress.done
        if self.solved_before is None:
            before = 0.0 if progress.done == 1 else None
        else:
            before = self.solved_before
        self.solved_before = solved_now
        return None if before is None else solved_now - before

    def update(self, progress: Progress) -> None:
        """Redraw after a task finished."""
        if self.started_done is None:
            self.started_done = progress.done - 1  # tasks recorded before this run (resume)
        verdict = task_verdict(progress.last_status, self._task_score(progress), self.outputs_known)
        filled = int(self.width * progress.done / max(1, progress.total))
        new_done = progress.done - self.started_done
        elapsed = time.monotonic() - self.started
        eta = elapsed / max(1, new_done) * (progress.total - progress.done)
        line = (f"[{'#' * filled}{'-' * (self.width - filled)}] {progress.done}/{progress.total} "
                f"score {_running_score(progress)}  cpu {progress.cpu_seconds:7.1f}s  "
                f"{usd(progress.usd)}  eta {eta:4.0f}s  {progress.last_task} {verdict}")
        if self.interactive:
            self.stream.write("\r\x1b[2K" + line)
        elif progress.done == progress.total or progress.done % 10 == 0:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        """End the line."""
        if self.interactive:
            self.stream.write("\n")
            self.stream.flush()
