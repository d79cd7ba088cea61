"""Reading input files with a bound on their size, so that a huge or endless file (/dev/zero) is
a one-line error rather than all the memory there is."""

from __future__ import annotations

from pathlib import Path

from arcsynth.errors import DataError

__all__ = ["read_text_bounded", "MAX_JSON_BYTES", "MAX_PROGRAM_BYTES"]

# Every ARC-AGI-1 and -2 task together is 4 MB of JSON; a file eight times that is not a task file.
MAX_JSON_BYTES = 32 * 2**20
# A DSL program is a few dozen short lines.
MAX_PROGRAM_BYTES = 2**20


def _size(limit: int) -> str:
    return f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit} bytes"


def read_text_bounded(path: Path, limit: int, *, what: str = "file", encoding: str = "utf-8") -> str:
    """The text of `path`; DataError naming the file when it cannot be read, is not text in
    `encoding` or holds more than `limit` bytes (read no further than that)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except MemoryError:
        raise DataError("too large to read in the memory available", file=str(path)) from None
    except OSError as error:
        raise DataError(f"cannot read: {error.strerror}", file=str(path)) from None
    if len(data) > limit:
        raise DataError(f"larger than {_size(limit)}, the most a {what} may hold", file=str(path))
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DataError(f"cannot read: not UTF-8 text (byte {error.start})", file=str(path)) from None
