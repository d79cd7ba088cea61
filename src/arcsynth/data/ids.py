"""Task ids: the one safe form every id must have, checked when tasks are loaded.

A task id names files (`tasks/<id>.json` in a run folder, `<id>.json` in an export), so it must
never be able to leave the folder it is written into, hide, or outgrow a file name. The safe form:
1 to 64 characters, each an ASCII letter, a digit, `_`, `-` or `.`, the first a letter or a digit.
Every ARC id (eight hex digits) has it; `../x`, `/abs`, `a/b`, `.hidden` and the empty id do not.
Paths are built only through `task_file_name`, which checks again.
"""

from __future__ import annotations

import re
from typing import Any

from arcsynth.errors import DataError

__all__ = ["TASK_ID_RULE", "MAX_TASK_ID_LENGTH", "is_safe_task_id", "check_task_id", "task_file_name"]

MAX_TASK_ID_LENGTH = 64
_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,%d}" % (MAX_TASK_ID_LENGTH - 1))
TASK_ID_RULE = (f"1 to {MAX_TASK_ID_LENGTH} characters of A-Z a-z 0-9 _ - . starting with a letter or a digit")


def is_safe_task_id(task_id: Any) -> bool:
    """True when `task_id` is a string of the safe form."""
    return isinstance(task_id, str) and _SAFE.fullmatch(task_id) is not None


def _shown(task_id: Any) -> str:
    text = repr(task_id)
    length = len(task_id) if isinstance(task_id, str) else len(text)  # the id's own length, not its quotes'
    return text if len(text) <= 40 else f"{text[:30]}... ({length} characters)"


def check_task_id(task_id: Any, *, file: str | None = None, path: str | None = None) -> str:
    """`task_id` itself when it has the safe form; DataError naming the file and the id otherwise."""
    if not is_safe_task_id(task_id):
        raise DataError(f"task id {_shown(task_id)} is not a safe task id ({TASK_ID_RULE})", file=file, path=path)
    return task_id


def task_file_name(task_id: str) -> str:
    """`<task_id>.json`: the only way a file name is made from a task id (DataError if unsafe)."""
    return f"{check_task_id(task_id)}.json"
