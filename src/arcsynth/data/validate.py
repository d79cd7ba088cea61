"""Validation of raw task JSON: every error names the file, the task and the JSON path."""

from __future__ import annotations

from typing import Any

import numpy as np

from arcsynth.data.ids import check_task_id
from arcsynth.errors import DataError
from arcsynth.grid import MAX_SIDE, NUM_COLORS, Grid, make_grid
from arcsynth.task import Pair, Task

__all__ = ["parse_grid", "parse_task"]


def _fail(message: str, file: str | None, task_id: str | None, path: str) -> DataError:
    return DataError(message, file=file, task_id=task_id, path=path)


def _short(value: Any) -> str:
    """repr(value), cut to keep an error message to one readable line."""
    text = repr(value)
    return text if len(text) <= 24 else f"{text[:20]}..."


def _locate_bad_cell(rows: list, file: str | None, task_id: str | None, path: str) -> DataError:
    """The first offending element, found by a slow scan once the fast check has failed."""
    for r, row in enumerate(rows):
        if not isinstance(row, list):
            return _fail(f"row is {type(row).__name__}, expected a list", file, task_id, f"{path}[{r}]")
        for c, cell in enumerate(row):
            if isinstance(cell, bool) or not isinstance(cell, int):
                return _fail(f"cell is {_short(cell)}, expected an integer 0..9", file, task_id, f"{path}[{r}][{c}]")
            if not 0 <= cell < NUM_COLORS:
                return _fail(f"color {_short(cell)} outside 0..9", file, task_id, f"{path}[{r}][{c}]")
    return _fail("not a grid of integers 0..9", file, task_id, path)


def parse_grid(value: Any, *, file: str | None = None, task_id: str | None = None, path: str = "") -> Grid:
    """A validated read-only grid from nested lists: rectangular, 1..30 per side, ints 0..9."""
    if not isinstance(value, list):
        raise _fail(f"grid is {type(value).__name__}, expected a list of rows", file, task_id, path)
    if not value:
        raise _fail("empty grid (no rows)", file, task_id, path)
    if len(value) > MAX_SIDE:
        raise _fail(f"grid has {len(value)} rows, at most {MAX_SIDE}", file, task_id, path)
    width = None
    for r, row in enumerate(value):
        if not isinstance(row, list):
            raise _fail(f"row is {type(row).__name__}, expected a list", file, task_id, f"{path}[{r}]")
        if not row:
            raise _fail("empty row", file, task_id, f"{path}[{r}]")
        if width is None:
            width = len(row)
        elif len(row) != width:
            raise _fail(f"ragged grid: row has {len(row)} cells, row 0 has {width}", file, task_id, f"{path}[{r}]")
    if width > MAX_SIDE:
        raise _fail(f"grid has {width} columns, at most {MAX_SIDE}", file, task_id, path)
    try:
        array = np.array(value)
    except (ValueError, TypeError):
        raise _locate_bad_cell(value, file, task_id, path) from None
    # numpy turns True into 1; JSON booleans are not colors, so look for them explicitly.
    has_bool = any(type(cell) is bool for row in value for cell in row)
    if has_bool or array.ndim != 2 or array.dtype.kind not in "iu" or array.min() < 0 or array.max() >= NUM_COLORS:
        raise _locate_bad_cell(value, file, task_id, path)
    return make_grid(array)


def _parse_pairs(raw: Any, key: str, *, need_output: bool, file: str | None, task_id: str) -> tuple[Pair, ...]:
    if not isinstance(raw, list):
        raise _fail(f"'{key}' is {type(raw).__name__}, expected a list of pairs", file, task_id, key)
    if not raw:
        raise _fail(f"'{key}' has no pairs", file, task_id, key)
    pairs = []
    for index, item in enumerate(raw):
        where = f"{key}[{index}]"
        if not isinstance(item, dict):
            raise _fail(f"pair is {type(item).__name__}, expected an object", file, task_id, where)
        if "input" not in item:
            raise _fail("missing key 'input'", file, task_id, where)
        if need_output and "output" not in item:
            raise _fail("missing key 'output'", file, task_id, where)
        grid_in = parse_grid(item["input"], file=file, task_id=task_id, path=f"{where}.input")
        grid_out = None
        # A train output is always needed; a test output may be absent or null (not known).
        if need_output or item.get("output") is not None:
            grid_out = parse_grid(item["output"], file=file, task_id=task_id, path=f"{where}.output")
        pairs.append(Pair(grid_in, grid_out))
    return tuple(pairs)


def parse_task(raw: Any, task_id: str, *, file: str | None = None, source: str = "") -> Task:
    """A validated Task from its ARC JSON object ({"train": [...], "test": [...]}); its id must be safe."""
    check_task_id(task_id, file=file)
    if not isinstance(raw, dict):
        raise _fail(f"task is {type(raw).__name__}, expected an object", file, task_id, "$")
    for key in ("train", "test"):
        if key not in raw:
            raise _fail(f"missing key '{key}'", file, task_id, "$")
    train = _parse_pairs(raw["train"], "train", need_output=True, file=file, task_id=task_id)
    test = _parse_pairs(raw["test"], "test", need_output=False, file=file, task_id=task_id)
    return Task(task_id, train, test, source=source)
