"""Malformed files at scale (issue 11, item 2): the seeded fuzzer of bench/fuzz.py on a small sample in
the default suite, and hypothesis-made task and submission files in the slow one. Every call must end
with exit 0, 1 or 2 as the command allows, an exit 2 with one short line naming the file, and never a
traceback or a hang."""

from __future__ import annotations

import importlib.util
import json
import random
import signal
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).parents[2]


def _fuzz_module():
    """bench/fuzz.py as a module (bench is not a package); loaded once."""
    name = "arcsynth_bench_fuzz"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "fuzz.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up here
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture
def alarm():
    fuzz = _fuzz_module()
    previous = signal.signal(signal.SIGALRM, fuzz._alarm), signal.signal(signal.SIGPROF, fuzz._alarm)
    yield fuzz
    signal.signal(signal.SIGALRM, previous[0])
    signal.signal(signal.SIGPROF, previous[1])


def test_the_fuzzer_finds_nothing_in_a_small_seeded_sample(tmp_path, alarm):
    fuzz = alarm
    fuzzer = fuzz.Fuzzer(tmp_path, seed=11)
    problems, calls = [], 0
    for batch in fuzzer.calls(40):
        for call in batch:
            code, stderr, problem = fuzz.run_call(call, timeout=30.0)
            calls += 1
            if problem:
                problems.append((problem, call.args, code, stderr[-300:]))
    assert calls >= 40 and not problems, problems


def test_the_fuzzer_counts_a_traceback_a_hang_and_a_wrong_exit(tmp_path, alarm, monkeypatch):
    fuzz = alarm
    call = fuzz.Call("task", "show", ["show", "x.json"], ("x.json",), True, frozenset({0, 2}))

    def raising(args):
        raise ValueError("boom")

    def hanging(args):
        while True:
            pass

    monkeypatch.setattr(fuzz, "main", raising)
    assert fuzz.run_call(call, 5.0)[2] == "traceback"
    monkeypatch.setattr(fuzz, "main", hanging)
    assert fuzz.run_call(call, 0.2)[2] == "hang"
    monkeypatch.setattr(fuzz, "main", lambda args: 0)
    assert fuzz.run_call(call, 5.0)[2] == "wrong_exit"  # malformed by construction, yet exit 0


# ------------------------------------------------------------------------------------------- hypothesis

CELLS = st.one_of(st.integers(-2, 12), st.none(), st.booleans(), st.floats(allow_nan=True), st.text(max_size=2))
GRIDS = st.one_of(st.lists(st.lists(st.integers(0, 9), min_size=1, max_size=4), min_size=1, max_size=4),
                  st.lists(st.lists(CELLS, max_size=3), max_size=3), CELLS)
PAIRS = st.one_of(st.fixed_dictionaries({"input": GRIDS, "output": GRIDS}), st.fixed_dictionaries({"input": GRIDS}),
                  st.dictionaries(st.sampled_from(["input", "output", "x"]), GRIDS, max_size=3), CELLS)
TASKS = st.one_of(st.fixed_dictionaries({"train": st.lists(PAIRS, max_size=3), "test": st.lists(PAIRS, max_size=2)}),
                  st.dictionaries(st.sampled_from(["train", "test", "other"]), st.lists(PAIRS, max_size=2)),
                  st.recursive(CELLS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3),
                                                                                                   inner, max_size=3)))


def _check(fuzz, args: list[str], allowed: set[int], file: Path) -> None:
    call = fuzz.Call("h", args[0], args, (str(file),), False, frozenset(allowed))
    code, stderr, problem = fuzz.run_call(call, 30.0)
    assert problem is None, (problem, code, stderr[-500:], file.read_text()[:500])


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(task=TASKS, task_id=st.one_of(st.just("t1"), st.text(max_size=8)))
def test_hypothesis_task_files_to_show_and_solve(tmp_path_factory, task, task_id):
    fuzz = _fuzz_module()
    previous = signal.signal(signal.SIGALRM, fuzz._alarm), signal.signal(signal.SIGPROF, fuzz._alarm)
    try:
        folder = tmp_path_factory.mktemp("h")
        path = folder / "t1.json"
        path.write_text(json.dumps(task))
        _check(fuzz, ["show", str(path)], {0, 2}, path)
        _check(fuzz, ["solve", str(path), "--solver", "transforms"], {0, 1, 2}, path)
        kaggle = folder / "k_challenges.json"
        kaggle.write_text(json.dumps({task_id: task}))
        _check(fuzz, ["eval", "--data", str(kaggle), "--out", str(folder / "run"), "--solver", "transforms",
                      "--workers", "1", "--quiet"], {0, 2}, kaggle)
    finally:
        signal.signal(signal.SIGALRM, previous[0])
        signal.signal(signal.SIGPROF, previous[1])


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(entries=st.dictionaries(st.sampled_from(["t0", "t1", "zz", ""]),
                               st.one_of(st.lists(st.dictionaries(st.sampled_from(["attempt_1", "attempt_2", "x"]),
                                                                  GRIDS, max_size=3), max_size=3), CELLS),
                               max_size=3))
def test_hypothesis_submissions_to_score(tmp_path_factory, entries):
    fuzz = _fuzz_module()
    previous = signal.signal(signal.SIGALRM, fuzz._alarm), signal.signal(signal.SIGPROF, fuzz._alarm)
    try:
        folder = tmp_path_factory.mktemp("s")
        data = folder / "data"
        data.mkdir()
        rng = random.Random(0)
        for index in range(2):
            (data / f"t{index}.json").write_text(json.dumps(fuzz._task(rng)))
        path = folder / "submission.json"
        path.write_text(json.dumps(entries))
        _check(fuzz, ["score", str(path), "--data", str(data)], {0, 2}, path)
    finally:
        signal.signal(signal.SIGALRM, previous[0])
        signal.signal(signal.SIGPROF, previous[1])
