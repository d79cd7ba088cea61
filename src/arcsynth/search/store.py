"""One value store for a search: per-example grids packed into arrays, deduped by content hash.

Every distinct grid a search meets gets an id: its cells sit in `grids[id]` (a 30 x 30 uint8
slot, the grid in its top-left corner), its shape in `shapes[id]` and its 64-bit content hash
in `hashes[id]`. A grid is found again by its hash alone: two different grids colliding on 64
bits is so unlikely (about 1e-8 for a million grids) that the verification of every candidate
on the task itself is the only guard kept. The result of an operation on a value is memoised
per (operation, value id), failures included (`FAILED`), so no call is made twice. The budget of a
search is a `Clock` (search/clock.py).
"""

from __future__ import annotations

import numpy as np

from arcsynth.grid import MAX_SIDE, Grid
from arcsynth.search.ops.hashing import (hash_packed, hash_rows, index_insert, index_rehash, palette_bits, table_get,
                                        table_put)

__all__ = ["HashIndex", "MemoTable", "ValueStore", "FAILED", "UNKNOWN"]

FAILED = -1      # memo entry: the operation refused the value or returned no valid grid
UNKNOWN = -2     # memo entry: not computed yet


class HashIndex:
    """64-bit hash -> dense id (0, 1, 2, ...), looked up and extended a batch at a time, compiled."""

    def __init__(self, capacity: int = 1024) -> None:
        self.keys = np.zeros(capacity, dtype=np.uint64)
        self.values = np.zeros(capacity, dtype=np.int64)
        self.count = 0

    def add(self, hashes: np.ndarray, ok: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(ids, new): the id of each hash where `ok` (FAILED elsewhere), and which ids are new."""
        while 2 * (self.count + hashes.shape[0]) > self.keys.shape[0]:
            keys = np.zeros(2 * self.keys.shape[0], dtype=np.uint64)
            values = np.zeros(keys.shape[0], dtype=np.int64)
            index_rehash(self.keys, self.values, keys, values)
            self.keys, self.values = keys, values
        ids = np.empty(hashes.shape[0], dtype=np.int64)
        new = np.empty(hashes.shape[0], dtype=np.bool_)
        self.count = index_insert(self.keys, self.values, hashes, ok, self.count, ids, new)
        return ids, new


class MemoTable:
    """(operation number, value id) -> result id (or FAILED), a batch at a time, compiled; its size
    follows what was computed, not operations x values."""

    def __init__(self, bits: int = 12) -> None:
        self.bits = bits
        self.keys = np.zeros(1 << bits, dtype=np.uint64)
        self.values = np.zeros(1 << bits, dtype=np.int64)
        self.count = 0

    @staticmethod
    def _keys(op: int, vids: np.ndarray) -> np.ndarray:
        return (np.uint64(op + 1) << np.uint64(32)) | vids.astype(np.uint64)

    def get(self, op: int, vids: np.ndarray) -> np.ndarray:
        """The memoised results of operation `op` on `vids`, UNKNOWN where not computed."""
        out = np.empty(vids.shape[0], dtype=np.int64)
        table_get(self.keys, self.values, 64 - self.bits, self._keys(op, vids), UNKNOWN, out)
        return out

    def put(self, op: int, vids: np.ndarray, results: np.ndarray) -> None:
        """Memoise the results of operation `op` on `vids`."""
        if 2 * (self.count + vids.shape[0]) > self.keys.shape[0]:
            bits = self.bits
            while 2 * (self.count + vids.shape[0]) > (1 << bits):
                bits += 1
            old_keys, old_values = self.keys, self.values
            live = old_keys != 0
            self.bits = bits
            self.keys = np.zeros(1 << bits, dtype=np.uint64)
            self.values = np.zeros(1 << bits, dtype=np.int64)
            table_put(self.keys, self.values, 64 - bits, old_keys[live], old_values[live])
        self.count += table_put(self.keys, self.values, 64 - self.bits, self._keys(op, vids),
                                np.ascontiguousarray(results, dtype=np.int64))


class ValueStore:
    """Distinct grids packed into arrays, an id each, with a memo of operation results per value id."""

    def __init__(self, capacity: int = 1024) -> None:
        self.grids = np.zeros((capacity, MAX_SIDE, MAX_SIDE), dtype=np.uint8)
        self.shapes = np.zeros((capacity, 2), dtype=np.int64)
        self.hashes = np.zeros(capacity, dtype=np.uint64)
        self.count = 0
        self.index = HashIndex(2 * capacity)
        self.palettes = np.full(capacity, -1, dtype=np.int64)
        self.memo = MemoTable()
        self._frozen: dict[int, Grid] = {}

    def _reserve(self, extra: int) -> None:
        needed = self.count + extra
        if needed <= self.grids.shape[0]:
            return
        capacity = max(needed, 2 * self.grids.shape[0])
        for name in ("grids", "shapes", "hashes", "palettes"):
            old = getattr(self, name)
            # Only the cells inside each grid's shape are ever read: the rest may stay unset.
            if name == "palettes":
                new = np.full(capacity, -1, dtype=old.dtype)
            else:
                new = np.empty((capacity,) + old.shape[1:], dtype=old.dtype)
            new[:self.count] = old[:self.count]
            setattr(self, name, new)

    def add(self, grid: Grid) -> int:
        """The id of `grid` (a 2-D uint8 array, 1..30 per side), added if new."""
        out = np.zeros((1, MAX_SIDE, MAX_SIDE), dtype=np.uint8)
        out[0, :grid.shape[0], :grid.shape[1]] = grid
        shapes = np.array([grid.shape], dtype=np.int64)
        return int(self.add_packed(out, shapes, np.ones(1, dtype=np.bool_))[0])

    def add_packed(self, out: np.ndarray, shapes: np.ndarray, ok: np.ndarray,
                   hashes: np.ndarray | None = None) -> np.ndarray:
        """Ids of the packed grids `out[b]` of shape `shapes[b]` where `ok[b]`, FAILED elsewhere;
        new grids are added. `hashes` (from `hash_packed`) is computed when not given."""
        if hashes is None:
            hashes = np.zeros(out.shape[0], dtype=np.uint64)
            hash_packed(out, shapes, ok, hashes)
        ids, new = self.index.add(hashes, ok)
        if new.any():
            rows = np.flatnonzero(new)
            self._reserve(rows.shape[0])
            targets = ids[rows]
            self.grids[targets] = out[rows]
            self.shapes[targets] = shapes[rows]
            self.hashes[targets] = hashes[rows]
            self.count = self.index.count
        return ids

    def grid(self, vid: int) -> Grid:
        """Value `vid` as a read-only grid (made once per id)."""
        found = self._frozen.get(vid)
        if found is None:
            height, width = self.shapes[vid]
            found = self.grids[vid, :height, :width].copy()
            found.setflags(write=False)
            self._frozen[vid] = found
        return found

    def shape(self, vid: int) -> tuple[int, int]:
        """The (height, width) of value `vid`."""
        return int(self.shapes[vid, 0]), int(self.shapes[vid, 1])

    def palette(self, ids: np.ndarray) -> np.ndarray:
        """The colors of each value in `ids` as bit sets (bit c: color c present)."""
        found = self.palettes[ids]
        todo = ids[found < 0]
        if todo.shape[0]:
            bits = np.empty(todo.shape[0], dtype=np.int64)
            palette_bits(self.grids, self.shapes, todo, bits)
            self.palettes[todo] = bits
            found = self.palettes[ids]
        return found

    def vector_hashes(self, ids: np.ndarray) -> np.ndarray:
        """One hash per row of `ids` (states x examples); 0 for a row holding a FAILED id."""
        result = np.zeros(ids.shape[0], dtype=np.uint64)
        hash_rows(self.hashes, np.ascontiguousarray(ids, dtype=np.int64), result)
        return result
