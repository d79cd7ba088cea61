"""The benchmarks' `--config name=value` overrides (issue 17, item 10: stacking=False turned stacking on)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parents[2] / "bench"


def _bench_module(name: str):
    """bench/<name>.py as a module, as a bench script sees it (bench/ on sys.path)."""
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location(f"arcsynth_bench_{name}", BENCH / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


@pytest.mark.parametrize("text, stacking", [("stacking=False", False), ("stacking=false", False),
                                            ("stacking=0", False), ("stacking=True", True)])
def test_bench_search_reads_a_boolean_as_written(text, stacking):
    solver = _bench_module("search").configured_solver(f"{text},max_depth=4,views=rot90+flip_h")
    assert solver.config.stacking is stacking
    assert solver.config.max_depth == 4 and solver.config.views == ("rot90", "flip_h")


def test_a_word_that_is_not_a_boolean_is_refused():
    config_text = _bench_module("config_text")
    solver = _bench_module("search").configured_solver("")
    with pytest.raises(ValueError, match="stacking=maybe: expected one of 1, true"):
        config_text.config_overrides(solver.config, "stacking=maybe")
