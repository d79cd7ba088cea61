"""64-bit content hashes of packed grids (shape and cells), compiled."""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["hash_packed", "hash_rows"]

_OFFSET = np.uint64(14695981039346656037)
_PRIME = np.uint64(1099511628211)
_MIX = np.uint64(0x9E3779B97F4A7C15)


@numba.njit(cache=True, nogil=True)
def hash_packed(out: np.ndarray, shapes: np.ndarray, ok: np.ndarray, hashes: np.ndarray) -> None:
    """hashes[b]: FNV-1a over (height, width, cells row by row) of out[b], finished by a multiply-xorshift."""
    for b in range(out.shape[0]):
        if not ok[b]:
            hashes[b] = np.uint64(0)
            continue
        height, width = shapes[b, 0], shapes[b, 1]
        x = (_OFFSET ^ np.uint64(height * 64 + width)) * _PRIME
        for i in range(height):
            for j in range(width):
                x = (x ^ np.uint64(out[b, i, j])) * _PRIME
        x ^= x >> np.uint64(29)
        x *= _MIX
        x ^= x >> np.uint64(32)
        hashes[b] = x


@numba.njit(cache=True, nogil=True)
def hash_rows(value_hashes: np.ndarray, ids: np.ndarray, result: np.ndarray) -> None:
    """result[s]: one hash of the vector of values ids[s, :] (order matters); a failed id (< 0) gives 0."""
    for s in range(ids.shape[0]):
        x = _OFFSET
        failed = False
        for e in range(ids.shape[1]):
            vid = ids[s, e]
            if vid < 0:
                failed = True
                break
            x = (x ^ value_hashes[vid]) * _PRIME
            x ^= x >> np.uint64(31)
        result[s] = np.uint64(0) if failed else x


@numba.njit(cache=True, nogil=True)
def index_insert(keys: np.ndarray, values: np.ndarray, hashes: np.ndarray, ok: np.ndarray, next_id: int,
                 ids: np.ndarray, new: np.ndarray) -> int:
    """Open-addressing hash index (keys 0 = empty slot; `keys.size` a power of two, at most half
    full): ids[b] is the id of hashes[b] where ok[b], a new id (counted from `next_id`, new[b]
    True) when unseen, -1 where not ok. Returns the next free id."""
    mask = np.uint64(keys.shape[0] - 1)
    for b in range(hashes.shape[0]):
        new[b] = False
        if not ok[b]:
            ids[b] = -1
            continue
        key = hashes[b]
        if key == np.uint64(0):
            key = np.uint64(1)
        slot = key & mask
        while True:
            found = keys[slot]
            if found == key:
                ids[b] = values[slot]
                break
            if found == np.uint64(0):
                keys[slot] = key
                values[slot] = next_id
                ids[b] = next_id
                new[b] = True
                next_id += 1
                break
            slot = (slot + np.uint64(1)) & mask
    return next_id


@numba.njit(cache=True, nogil=True)
def index_rehash(keys: np.ndarray, values: np.ndarray, new_keys: np.ndarray, new_values: np.ndarray) -> None:
    """Move every entry of one index into a larger empty one."""
    mask = np.uint64(new_keys.shape[0] - 1)
    for s in range(keys.shape[0]):
        key = keys[s]
        if key == np.uint64(0):
            continue
        slot = key & mask
        while new_keys[slot] != np.uint64(0):
            slot = (slot + np.uint64(1)) & mask
        new_keys[slot] = key
        new_values[slot] = values[s]


@numba.njit(cache=True, nogil=True)
def palette_bits(grids: np.ndarray, shapes: np.ndarray, idx: np.ndarray, bits: np.ndarray) -> None:
    """bits[b]: the colors of grid idx[b] as a bit set (bit c for color c)."""
    for b in range(idx.shape[0]):
        v = idx[b]
        found = 0
        for i in range(shapes[v, 0]):
            for j in range(shapes[v, 1]):
                found |= 1 << grids[v, i, j]
        bits[b] = found


@numba.njit(cache=True, nogil=True)
def color_mappable(grids: np.ndarray, shapes: np.ndarray, idx: np.ndarray, target: np.ndarray,
                   result: np.ndarray) -> None:
    """result[b]: grid idx[b] has the target's shape and one cell-wise color map turns it into the target."""
    height, width = target.shape
    table = np.empty(10, dtype=np.int64)
    for b in range(idx.shape[0]):
        v = idx[b]
        result[b] = False
        if v < 0 or shapes[v, 0] != height or shapes[v, 1] != width:
            continue
        table[:] = -1
        fits = True
        for i in range(height):
            for j in range(width):
                source, dest = grids[v, i, j], target[i, j]
                if table[source] < 0:
                    table[source] = dest
                elif table[source] != dest:
                    fits = False
                    break
            if not fits:
                break
        result[b] = fits


@numba.njit(cache=True, nogil=True)
def _slot(key, shift):
    return (key * _MIX) >> shift


@numba.njit(cache=True, nogil=True)
def table_get(keys: np.ndarray, values: np.ndarray, shift: int, queries: np.ndarray, missing: int,
              out: np.ndarray) -> None:
    """out[b]: the value stored under queries[b] (non-zero keys) in an open-addressing table of
    2**(64 - shift) slots, or `missing`."""
    mask = np.uint64(keys.shape[0] - 1)
    for b in range(queries.shape[0]):
        key = queries[b]
        slot = _slot(key, np.uint64(shift))
        out[b] = missing
        while True:
            found = keys[slot]
            if found == key:
                out[b] = values[slot]
                break
            if found == np.uint64(0):
                break
            slot = (slot + np.uint64(1)) & mask


@numba.njit(cache=True, nogil=True)
def table_put(keys: np.ndarray, values: np.ndarray, shift: int, queries: np.ndarray, results: np.ndarray) -> int:
    """Store results[b] under queries[b] (non-zero keys; the table at most half full after);
    the number of keys added."""
    mask = np.uint64(keys.shape[0] - 1)
    added = 0
    for b in range(queries.shape[0]):
        key = queries[b]
        slot = _slot(key, np.uint64(shift))
        while True:
            found = keys[slot]
            if found == key or found == np.uint64(0):
                if found == np.uint64(0):
                    keys[slot] = key
                    added += 1
                values[slot] = results[b]
                break
            slot = (slot + np.uint64(1)) & mask
    return added
