"""Each compiled grid operation equals its Python primitive, refusals included: on random grids
(hypothesis) and on every grid of the ARC-AGI-1 training split."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.dsl.types import COLOR, DIRECTION, GRID, INT
from arcsynth.grid import MAX_SIDE
from arcsynth.program.constants import constants_of_type
from arcsynth.search.ops import compiled_names, compiled_twin, run_twin

REGISTRY = default_registry()
NAMES = compiled_names()
DIRECTIONS = [c.value for c in constants_of_type(DIRECTION)]
DOMAINS = {COLOR: list(range(10)), INT: [1, 2, 3, 4, 0, -1, 5, 7, 10], DIRECTION: DIRECTIONS}


def _combos(name: str) -> list[tuple]:
    """Constant combinations for `name`, a deterministic spread over its argument domains."""
    others = [t for t in REGISTRY[name].arg_types if t != GRID]
    combos = list(itertools.product(*(DOMAINS[t] for t in others)))
    step = max(1, len(combos) // 40)
    return combos[::step]


def _python(name: str, grid: np.ndarray, constants: tuple):
    """The primitive's grid, or None when it refuses (raises, or returns no valid grid)."""
    try:
        out = REGISTRY[name].function(grid, *constants)
    except Exception:  # a refusal, which the twin must reproduce
        return None
    if (not isinstance(out, np.ndarray) or out.ndim != 2 or out.dtype != np.uint8
            or not (0 < out.shape[0] <= MAX_SIDE and 0 < out.shape[1] <= MAX_SIDE)):
        return None
    return out


def _packed(grids: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    packed = np.zeros((len(grids), MAX_SIDE, MAX_SIDE), dtype=np.uint8)
    shapes = np.zeros((len(grids), 2), dtype=np.int64)
    for k, grid in enumerate(grids):
        packed[k, :grid.shape[0], :grid.shape[1]] = grid
        shapes[k] = grid.shape
    return packed, shapes


def _check(name: str, constants: tuple, grids: list[np.ndarray]) -> None:
    twin = compiled_twin(name, constants)
    if twin is None:
        return       # these constants go to the Python primitive itself
    packed, shapes = _packed(grids)
    out, oshapes, ok, hashes = run_twin(twin, packed, shapes, np.arange(len(grids), dtype=np.int64))
    for k, grid in enumerate(grids):
        expected = _python(name, grid, constants)
        where = f"{name}{constants} on grid {k} {grid.shape}"
        assert bool(ok[k]) == (expected is not None), where
        if expected is not None:
            height, width = oshapes[k]
            assert (height, width) == expected.shape, where
            assert np.array_equal(out[k, :height, :width], expected), where


def test_every_twin_is_a_grid_operation():
    for name in NAMES:
        prim = REGISTRY[name]
        assert prim.return_type == GRID and prim.arg_types[0] == GRID and GRID not in prim.arg_types[1:], name


grids_strategy = st.lists(
    st.tuples(st.integers(1, 12), st.integers(1, 12), st.integers(0, 2**32 - 1), st.sampled_from([2, 3, 10])),
    min_size=1, max_size=6)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=15, deadline=None)
@given(specs=grids_strategy, pick=st.integers(0, 10**6))
def test_twin_equals_primitive_on_random_grids(name, specs, pick):
    grids = []
    for height, width, seed, colors in specs:
        grid = np.random.default_rng(seed).integers(0, colors, size=(height, width)).astype(np.uint8)
        grid.setflags(write=False)
        grids.append(grid)
    combos = _combos(name)
    _check(name, combos[pick % len(combos)], grids)


@pytest.fixture(scope="module")
def training_grids():
    grids = []
    for task in load_dataset("arc1-train").tasks:
        for pair in task.train + task.test:
            grids.extend(g for g in (pair.input, pair.output) if g is not None)
    return grids


@pytest.mark.parametrize("name", NAMES)
def test_twin_equals_primitive_on_every_training_grid(name, training_grids):
    combos = _combos(name)
    # Each grid once per primitive, the constant combinations taken in turn.
    for number, constants in enumerate(combos):
        _check(name, constants, training_grids[number::len(combos)])
