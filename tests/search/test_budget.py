"""Every pass of the search returns within its budget: a property over small random tasks.

Under a node budget the search counts at most the budget plus what the kernel's completers may
add past it (COMPLETER_NODES), and is deterministic. Under a CPU budget it returns within the
budget plus a slack (slow suite: a timing test), even on a cold probe cache, where probing the
depth-2 operations alone costs more than a small budget.
"""

import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arcsynth.budget import Budget
from arcsynth.dsl.registry import default_registry
from arcsynth.search import search
from arcsynth.search.kernel import COMPLETER_NODES
from arcsynth.task import Pair, Task

REGISTRY = default_registry()


@st.composite
def grids(draw, palette: tuple[int, ...]) -> np.ndarray:
    height = draw(st.integers(1, 8))
    width = draw(st.integers(1, 8))
    cells = draw(st.lists(st.sampled_from(palette), min_size=height * width, max_size=height * width))
    return np.array(cells, dtype=np.uint8).reshape(height, width)


@st.composite
def tasks(draw) -> Task:
    """2-3 train pairs and one test input; the outputs a plain grid function of the inputs, or random."""
    palette = tuple(draw(st.lists(st.integers(0, 9), min_size=1, max_size=4, unique=True)))
    rule = draw(st.sampled_from(["random", "flip", "recolor", "transpose"]))
    pairs = []
    for _ in range(draw(st.integers(2, 3))):
        grid = draw(grids(palette))
        if rule == "flip":
            output = grid[:, ::-1].copy()
        elif rule == "recolor":
            output = np.where(grid == palette[0], 9 - palette[0], grid).astype(np.uint8)
        elif rule == "transpose":
            output = grid.T.copy()
        else:
            output = draw(grids(palette))
        pairs.append(Pair(grid, output))
    return Task("random", tuple(pairs), (Pair(draw(grids(palette)), None),))


@pytest.fixture(scope="module")
def probe_cache():
    """What probing learns about the primitives, kept across the examples (facts, not results)."""
    return {}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(task=tasks(), max_nodes=st.sampled_from([40, 300, 1000]))
def test_a_node_budget_bounds_the_search_and_fixes_its_result(task, max_nodes, probe_cache):
    first = search(task, Budget(max_nodes=max_nodes), registry=REGISTRY, probe_cache=probe_cache)
    assert first.stats.nodes <= max_nodes + COMPLETER_NODES
    again = search(task, Budget(max_nodes=max_nodes), registry=REGISTRY, probe_cache=probe_cache)
    assert again.stats.nodes == first.stats.nodes
    assert [c.text for c in again.candidates] == [c.text for c in first.candidates]


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(task=tasks(), cpu_seconds=st.sampled_from([0.05, 0.2, 0.5, 1.0]))
def test_a_cpu_budget_bounds_the_search_even_on_a_cold_probe_cache(task, cpu_seconds):
    started = time.process_time()
    search(task, Budget(cpu_seconds=cpu_seconds), registry=REGISTRY)
    assert time.process_time() - started <= 1.5 * cpu_seconds + 0.25
