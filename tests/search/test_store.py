import numpy as np

from arcsynth.search.store import FAILED, UNKNOWN, HashIndex, MemoTable, ValueStore


def _grid(rows):
    grid = np.array(rows, dtype=np.uint8)
    grid.setflags(write=False)
    return grid


def test_equal_grids_share_an_id_and_shapes_tell_grids_apart():
    store = ValueStore(capacity=2)
    a = store.add(_grid([[1, 2], [3, 4]]))
    b = store.add(_grid([[1, 2, 3, 4]]))       # same cells, another shape
    c = store.add(_grid([[1, 2], [3, 4]]))
    assert a == c and a != b and store.count == 2
    assert np.array_equal(store.grid(b), [[1, 2, 3, 4]]) and store.shape(b) == (1, 4)


def test_the_store_grows_past_its_capacity_and_keeps_every_grid():
    store = ValueStore(capacity=4)
    grids = [_grid(np.full((1 + k % 5, 2), k % 10)) for k in range(50)]
    ids = [store.add(g) for g in grids]
    assert len(set(ids)) == len({(g.shape, g.tobytes()) for g in grids}) == store.count
    for vid, grid in zip(ids, grids):
        assert np.array_equal(store.grid(vid), grid)


def test_add_packed_marks_failures_and_dedupes_within_the_batch():
    store = ValueStore()
    out = np.zeros((3, 30, 30), dtype=np.uint8)
    out[0, 0, 0] = out[2, 0, 0] = 5
    ids = store.add_packed(out, np.array([[1, 1], [1, 1], [1, 1]]), np.array([True, False, True]))
    assert ids[0] == ids[2] and ids[1] == FAILED and store.count == 1


def test_memo_remembers_results_and_failures_across_growth():
    memo = MemoTable(bits=2)
    vids = np.arange(500, dtype=np.int64)
    memo.put(3, vids, vids * 2)
    memo.put(4, vids[:10], np.full(10, FAILED))
    assert memo.get(3, vids).tolist() == (vids * 2).tolist()
    assert memo.get(4, vids[:12]).tolist() == [FAILED] * 10 + [UNKNOWN] * 2
    assert memo.get(5, vids[:3]).tolist() == [UNKNOWN] * 3


def test_palettes_and_vector_hashes():
    store = ValueStore()
    a, b = store.add(_grid([[0, 3], [3, 9]])), store.add(_grid([[1]]))
    assert store.palette(np.array([a, b])).tolist() == [(1 << 0) | (1 << 3) | (1 << 9), 1 << 1]
    rows = store.vector_hashes(np.array([[a, b], [b, a], [a, b], [a, FAILED]]))
    assert rows[0] == rows[2] and rows[0] != rows[1] and rows[3] == 0


def test_hash_index_gives_dense_ids_across_growth():
    index = HashIndex(capacity=4)
    hashes = np.arange(1, 101, dtype=np.uint64) * np.uint64(2654435761)
    ids, new = index.add(hashes, np.ones(100, dtype=bool))
    assert ids.tolist() == list(range(100)) and new.all()
    again, new = index.add(hashes[::-1].copy(), np.ones(100, dtype=bool))
    assert again.tolist() == list(range(99, -1, -1)) and not new.any()
