"""A one-line progress bar with the running score and cost, redrawn in place."""

from __future__ import annotations

import time
from typing import TextIO

from arcsynth.evaluate import Progress

__all__ = ["ProgressBar"]


class ProgressBar:
    """Draws `[#####-----] done/total score cpu usd eta` on a terminal stream."""

    def __init__(self, total: int, stream: TextIO, width: int = 24) -> None:
        self.total = total
        self.stream = stream
        self.width = width
        self.started = time.monotonic()
        self.started_done: int | None = None
        self.interactive = stream.isatty()

    def update(self, progress: Progress) -> None:
        """Redraw after a task finished."""
        if self.started_done is None:
            self.started_done = progress.done - 1  # tasks recorded before this run (resume)
        filled = int(self.width * progress.done / max(1, progress.total))
        new_done = progress.done - self.started_done
        elapsed = time.monotonic() - self.started
        eta = elapsed / max(1, new_done) * (progress.total - progress.done)
        line = (f"[{'#' * filled}{'-' * (self.width - filled)}] {progress.done}/{progress.total} "
                f"score {100 * progress.score:5.1f}%  cpu {progress.cpu_seconds:7.1f}s  "
                f"${progress.usd:.4f}  eta {eta:4.0f}s  {progress.last_task} {progress.last_status}")
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
