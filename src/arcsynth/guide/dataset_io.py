"""The JSONL file of synthetic items: the interface between generation and training.

One JSON object per line:

    {"program": "x1 = objects_8(I)\\nO = ...\\n",        canonical text (print_program)
     "primitives": ["largest", "objects_8", ...],        sorted unique primitive names used
     "constants": {"colors": [2, 5], "ints": [3]},        literal constants used, sorted unique
     "train": [{"input": [[...]], "output": [[...]]}, ...],   3 or 4 pairs
     "test": [{"input": [[...]], "output": [[...]]}],
     "source": "007bbfb7",                               the task the inputs come from
     "augment": "rot90/0315249786"}                      the augmentation applied to them

`primitives` and `constants` are derived from `program`; they are written so that a reader
needs no DSL to use them, and checked against the program on reading.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from pathlib import Path
from typing import Any, Iterable, Iterator

from arcsynth.data.validate import parse_grid
from arcsynth.dsl.registry import Registry, default_registry
from arcsynth.errors import DataError, ProgramError
from arcsynth.grid import grid_to_list
from arcsynth.guide.item import SyntheticItem, item_constants, item_primitives, synthetic_task
from arcsynth.program.text import parse_program, print_program
from arcsynth.program.typecheck import check_program
from arcsynth.task import Pair

__all__ = ["item_to_json", "item_from_json", "write_jsonl", "read_jsonl", "numbered_lines", "KEYS"]

KEYS = ("program", "primitives", "constants", "train", "test", "source", "augment")


def item_to_json(item: SyntheticItem, registry: Registry | None = None) -> dict[str, Any]:
    """The JSON object of one item (see the module docstring)."""
    def pairs(items: Iterable[Pair]) -> list[dict]:
        return [{"input": grid_to_list(p.input), "output": grid_to_list(p.output)} for p in items]
    return {"program": print_program(item.program), "primitives": item_primitives(item.program),
            "constants": item_constants(item.program, registry), "train": pairs(item.task.train),
            "test": pairs(item.task.test), "source": item.source, "augment": item.augment}


def write_jsonl(items: Iterable[SyntheticItem], path: str | Path, registry: Registry | None = None) -> int:
    """Write `items` to `path` (via a temporary file, renamed when complete); the number written."""
    path = Path(path)
    temporary = path.with_name(path.name + ".part")
    count = 0
    try:
        with open(temporary, "w", encoding="utf-8") as stream:
            for item in items:
                stream.write(json.dumps(item_to_json(item, registry), separators=(",", ":")) + "\n")
                count += 1
        os.replace(temporary, path)
    except BaseException:  # interrupted or failed: leave no half-written file behind, then re-raise
        temporary.unlink(missing_ok=True)
        raise
    return count


def _pairs(raw: Any, key: str, where: str, file: str) -> tuple[Pair, ...]:
    if not isinstance(raw, list) or not raw:
        raise DataError(f"{key} must be a non-empty list of pairs", file=file, path=where)
    out = []
    for index, pair in enumerate(raw):
        place = f"{where}: {key}[{index}]"
        if not isinstance(pair, dict) or "input" not in pair or "output" not in pair:
            raise DataError("a pair must be an object with input and output", file=file, path=place)
        out.append(Pair(parse_grid(pair["input"], file=file, path=f"{place}.input"),
                        parse_grid(pair["output"], file=file, path=f"{place}.output")))
    return tuple(out)


def item_from_json(raw: Any, registry: Registry | None = None, *, file: str = "<json>",
                   where: str = "") -> SyntheticItem:
    """The item of one JSON object; DataError naming `file` and `where` when it is malformed."""
    registry = default_registry() if registry is None else registry
    if not isinstance(raw, dict):
        raise DataError(f"expected an object, got {type(raw).__name__}", file=file, path=where)
    missing = [key for key in KEYS if key not in raw]
    if missing:
        raise DataError(f"missing key {missing[0]!r}", file=file, path=where)
    if not isinstance(raw["program"], str) or not isinstance(raw["source"], str) \
            or not isinstance(raw["augment"], str):
        raise DataError("program, source and augment must be strings", file=file, path=where)
    try:
        program = parse_program(raw["program"], registry)
        check_program(program, registry)
    except ProgramError as error:
        raise DataError(f"program: {error}", file=file, path=where) from None
    if raw["primitives"] != item_primitives(program) or raw["constants"] != item_constants(program, registry):
        raise DataError("primitives or constants do not match the program", file=file, path=where)
    train = _pairs(raw["train"], "train", where, file)
    test = _pairs(raw["test"], "test", where, file)
    return SyntheticItem(synthetic_task(train, test, raw["source"]), program, raw["source"], raw["augment"])


def numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line) of each non-empty line of a text file, gunzipped when its name ends in
    .gz; DataError naming the file when it cannot be opened or read to its end."""
    try:
        stream = gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8")
    except OSError as error:
        raise DataError(f"cannot read: {error.strerror or error}", file=str(path)) from None
    with stream:
        lines = enumerate(stream, 1)
        number = 0
        while True:
            try:
                number, line = next(lines)
            except StopIteration:
                return
            except (OSError, EOFError, zlib.error, UnicodeDecodeError) as error:   # a damaged (gzip) file
                raise DataError(f"cannot read after line {number}: {error}", file=str(path)) from None
            if line.strip():
                yield number, line


def read_jsonl(path: str | Path, registry: Registry | None = None) -> Iterator[SyntheticItem]:
    """The items of a JSONL file (gzip-compressed when its name ends in .gz), in order; DataError
    naming the file and line for a bad line."""
    registry = default_registry() if registry is None else registry
    path = Path(path)
    for number, line in numbered_lines(path):
        where = f"line {number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as error:
            raise DataError(f"malformed JSON at column {error.colno}: {error.msg}",
                            file=str(path), path=where) from None
        yield item_from_json(raw, registry, file=str(path), where=where)
