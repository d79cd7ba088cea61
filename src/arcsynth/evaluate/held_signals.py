"""Stop signals (Ctrl-C, SIGTERM, SIGHUP) held while a run writes a record or forks a worker.

Blocking them in the calling thread alone does not hold them: numpy's BLAS threads, started at
import, leave them unblocked, so the kernel hands a process-directed signal to one of those, and
Python then runs its handler in the main thread at once, inside the block (an interrupt in the
first second of `eval` left no results about one run in 20). So in the main thread the Python
handlers are also wrapped, for the block, by one that only notes the signal; it is raised again
once the block ends.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Callable, Iterator

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class _Deferring:
    """A handler that notes a signal while `holding`, and passes it to `previous` once not."""

    def __init__(self, previous: Callable, arrived: list[int], state: dict) -> None:
        self.previous = previous
        self.arrived = arrived
        self.state = state

    def __call__(self, signum: int, frame: object) -> None:
        if self.state["holding"]:
            self.arrived.append(signum)
        else:
            self.previous(signum, frame)


@contextlib.contextmanager
def stop_signals_held() -> Iterator[None]:
    """Hold the stop signals for the block, whichever thread the kernel hands them to; one that
    arrived meanwhile is raised again in this thread after it."""
    previous_mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    arrived: list[int] = []
    state = {"holding": True}
    wrappers: dict[int, _Deferring] = {}
    if threading.current_thread() is threading.main_thread():  # only there can handlers be set (and run)
        for signum in STOP_SIGNALS:
            handler = signal.getsignal(signum)
            if callable(handler):  # SIG_DFL and SIG_IGN act in the kernel: the mask is all there is
                wrappers[signum] = _Deferring(handler, arrived, state)
                signal.signal(signum, wrappers[signum])
    try:
        yield
    finally:
        # One store ends the holding for every wrapper at once; a signal from here on reaches its
        # own handler, even before that handler is put back.
        state["holding"] = False
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous_mask)  # a pending signal's handler runs here
        finally:
            for signum, wrapper in wrappers.items():
                if signal.getsignal(signum) is wrapper:  # not replaced meanwhile
                    signal.signal(signum, wrapper.previous)
        for signum in dict.fromkeys(arrived):
            signal.raise_signal(signum)
