"""The benchmarks' `--config name=value` overrides (issue 17, item 10: stacking=False turned stacking on)."""

from __future__ import annotations

import pytest

from tests.bench import bench_module


@pytest.mark.parametrize("text, stacking", [("stacking=False", False), ("stacking=false", False),
                                            ("stacking=0", False), ("stacking=True", True)])
def test_bench_search_reads_a_boolean_as_written(text, stacking):
    solver = bench_module("search").configured_solver(f"{text},max_depth=4,views=rot90+flip_h")
    assert solver.config.stacking is stacking
    assert solver.config.kernel.max_depth == 4 and solver.config.views == ("rot90", "flip_h")


def test_a_kernel_setting_is_named_plainly_or_with_its_owner():
    config_text = bench_module("config_text")
    config = bench_module("search").configured_solver("").config
    plain = config_text.config_overrides(config, "max_depth=3,value_weight=0")
    dotted = config_text.config_overrides(config, "kernel.max_depth=3,kernel.value_weight=0")
    assert plain == dotted and plain.kernel.max_depth == 3 and plain.kernel.value_weight == 0.0
    assert plain.views == config.views
    with pytest.raises(ValueError, match="no_such_knob: no such setting"):
        config_text.config_overrides(config, "no_such_knob=1")


def test_a_word_that_is_not_a_boolean_is_refused():
    config_text = bench_module("config_text")
    solver = bench_module("search").configured_solver("")
    with pytest.raises(ValueError, match="stacking=maybe: expected one of 1, true"):
        config_text.config_overrides(solver.config, "stacking=maybe")
