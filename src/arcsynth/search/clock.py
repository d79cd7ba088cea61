"""The budget of one search pass as it runs: CPU seconds (process time) and nodes, one clock.

Pure Python, so that the passes which run without the compiled engine (depth2.py) keep the
same budget rules as the ones that run on it (layers.py).
"""

from __future__ import annotations

import time
from typing import Callable

__all__ = ["Clock"]


class Clock:
    """The budget of one search: CPU seconds (process time) and nodes; `spend` says whether any is left."""

    def __init__(self, cpu_seconds: float | None = None, max_nodes: int | None = None,
                 clock: Callable[[], float] = time.process_time) -> None:
        self.clock = clock
        self.started = clock()
        self.deadline = None if cpu_seconds is None else self.started + cpu_seconds
        self.nodes_left = max_nodes
        self.nodes = 0
        self.stopped = ""      # "", "budget-cpu" or "budget-nodes" once the budget ran out

    def expired(self) -> bool:
        """True when the CPU time is gone (work that counts no nodes reads the clock so)."""
        if self.deadline is not None and self.clock() >= self.deadline:
            self.stopped = self.stopped or "budget-cpu"
            return True
        return False

    def spend(self, nodes: int = 0) -> bool:
        """Count `nodes`; False (and `stopped` set) when the budget is gone."""
        self.nodes += nodes
        if self.stopped:
            return False
        if self.nodes_left is not None:
            self.nodes_left -= nodes
            if self.nodes_left < 0:
                self.stopped = "budget-nodes"
                return False
        if self.deadline is not None and self.clock() >= self.deadline:
            self.stopped = "budget-cpu"
            return False
        return True

    @property
    def elapsed(self) -> float:
        """CPU seconds since the clock started."""
        return self.clock() - self.started
