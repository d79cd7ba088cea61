"""Stop signals held for a block reach their handler after it, whichever thread the kernel hands
them to (numpy's BLAS threads leave them unblocked: an interrupt at the start of `eval` went
through the hold about one run in 20)."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from arcsynth.evaluate.held_signals import STOP_SIGNALS, stop_signals_held


class _Interrupted(Exception):
    pass


@pytest.fixture
def handlers():
    """A handler on each stop signal that notes the signal and raises _Interrupted; put back after."""
    seen: list[int] = []

    def handler(signum, frame):
        seen.append(signum)
        raise _Interrupted(signum)
    previous = {signum: signal.signal(signum, handler) for signum in STOP_SIGNALS}
    yield seen, handler
    for signum, old in previous.items():
        signal.signal(signum, old)


def _sender(signum: int) -> tuple[threading.Thread, threading.Event]:
    """A thread started before the hold (so the signal is not blocked in it) that sends `signum` to
    the process when told: the kernel hands it to a thread that does not block it, not this one."""
    go = threading.Event()
    thread = threading.Thread(target=lambda: (go.wait(10), os.kill(os.getpid(), signum)))
    thread.start()
    return thread, go


@pytest.mark.parametrize("signum", STOP_SIGNALS)
def test_a_signal_handed_to_another_thread_during_the_hold_reaches_its_handler_after_the_block(handlers, signum):
    seen, _ = handlers
    thread, go = _sender(signum)
    reached_the_end = False
    with pytest.raises(_Interrupted):
        with stop_signals_held():
            go.set()
            thread.join()
            time.sleep(0.05)  # many checks for a pending signal happen here
            assert seen == []
            reached_the_end = True
    assert reached_the_end and seen == [signum]


def test_after_the_hold_the_handlers_and_the_mask_are_as_before(handlers):
    _, handler = handlers
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, ())
    with stop_signals_held():
        assert set(STOP_SIGNALS) <= signal.pthread_sigmask(signal.SIG_BLOCK, ())
    assert all(signal.getsignal(signum) is handler for signum in STOP_SIGNALS)
    assert signal.pthread_sigmask(signal.SIG_BLOCK, ()) == mask


def test_a_signal_after_the_hold_goes_straight_to_its_handler(handlers):
    seen, _ = handlers
    with stop_signals_held():
        pass
    with pytest.raises(_Interrupted):
        signal.raise_signal(signal.SIGINT)
    assert seen == [signal.SIGINT]


def test_a_burst_during_the_hold_reaches_the_handler_once_per_signal_after_the_block():
    seen: list[int] = []
    previous = {signum: signal.signal(signum, lambda signum, frame: seen.append(signum)) for signum in STOP_SIGNALS}
    try:
        senders = [_sender(signal.SIGTERM) for _ in range(4)] + [_sender(signal.SIGHUP)]
        with stop_signals_held():
            for thread, go in senders:
                go.set()
                thread.join()
            time.sleep(0.05)
            assert seen == []
        # each kind once (Python runs the handlers of signals that came together by number, not in order)
        assert sorted(seen) == sorted([signal.SIGTERM, signal.SIGHUP])
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
