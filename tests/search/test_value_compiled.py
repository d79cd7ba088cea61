import numpy as np
import pytest

from arcsynth.grid import make_grid
from arcsynth.search.value import StateScorer, load_value_model

pytest.importorskip("numba")     # the compiled twin is the `engine` extra's

from arcsynth.search.store import ValueStore  # noqa: E402
from arcsynth.search.value_compiled import PairTarget, state_penalties  # noqa: E402


def g(*rows: str):
    return make_grid([[int(c) for c in row] for row in rows])


def random_grids(rng, count, outputs, inputs):
    """Grids of many kinds against the pairs: random ones, the outputs and inputs themselves,
    grids holding an output inside, and near copies of the output."""
    grids = list(outputs) + list(inputs)
    for _ in range(count):
        kind = rng.integers(4)
        out = outputs[rng.integers(len(outputs))]
        if kind == 0:
            grids.append(rng.integers(0, 10, size=tuple(rng.integers(1, 9, size=2))).astype(np.uint8))
        elif kind == 1:
            big = rng.integers(0, 3, size=(out.shape[0] + rng.integers(0, 3), out.shape[1] + 1)).astype(np.uint8)
            r, c = rng.integers(0, big.shape[0] - out.shape[0] + 1), rng.integers(0, big.shape[1] - out.shape[1] + 1)
            big[r:r + out.shape[0], c:c + out.shape[1]] = out
            grids.append(big)
        elif kind == 2:
            near = out.copy()
            near[rng.integers(out.shape[0]), rng.integers(out.shape[1])] = rng.integers(10)
            grids.append(near)
        else:
            grids.append(out.T.copy())
    return grids


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_penalties_equal_the_state_scorers(seed):
    rng = np.random.default_rng(seed)
    inputs = [g("1200", "0340", "0005"), g("111", "121", "111"), g("56", "65")]
    outputs = [g("1200", "0340", "0000"), g("12", "21"), g("5665", "6556")]
    model = load_value_model()
    scorer = StateScorer(model, 1.0, outputs, inputs)
    store = ValueStore()
    grids = random_grids(rng, 60, outputs, inputs)
    ids = [store.add(grid) for grid in grids]
    rows = np.array([[ids[rng.integers(len(ids))] for _ in outputs] for _ in range(200)], dtype=np.int64)
    got = state_penalties(model, store.grids, store.shapes, rows, [PairTarget(o, x) for o, x in zip(outputs, inputs)])
    want = [scorer([store.grid(v) for v in row], row) for row in rows.tolist()]
    assert got == pytest.approx(want, rel=1e-9, abs=1e-9)

