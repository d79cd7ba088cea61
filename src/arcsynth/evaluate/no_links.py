"""Writing into run and export folders without following symbolic links planted in them.

Run folders come from other people (tarballs, shared disks): a `tasks` link or a `.lock` link
inside one would send what arcsynth writes to wherever the link points. The folder the user named
may itself be a link (their choice); below it, nothing arcsynth writes goes through one.
"""

from __future__ import annotations

import os
from pathlib import Path

from arcsynth.errors import RunError

__all__ = ["refuse_links", "open_no_follow", "write_text_no_follow", "write_bytes_no_follow", "FILE_MODE"]

# Result files are readable by others, as other tools write theirs (mkstemp would make them 0600).
FILE_MODE = 0o644


def _link_error(path: Path) -> RunError:
    return RunError(f"{path}: is a symbolic link; arcsynth does not write through links in a run or export "
                    "folder (remove it, or use another folder)")


def refuse_links(path: Path, root: Path) -> None:
    """RunError naming the first symbolic link among `path` and its folders below `root`."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = (path.name,)  # not below root: only the file itself is checked
        root = path.parent
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            raise _link_error(current)


def open_no_follow(path: Path, root: Path, flags: int = os.O_WRONLY | os.O_CREAT | os.O_TRUNC) -> int:
    """A file descriptor of `path` opened with `flags`, refusing a link at `path` or below `root`."""
    refuse_links(path.parent, root)
    try:
        return os.open(path, flags | os.O_NOFOLLOW, FILE_MODE)
    except OSError as error:
        if path.is_symlink():
            raise _link_error(path) from None
        raise RunError(f"{error.filename or path}: cannot write ({error.strerror})") from None


def write_text_no_follow(path: Path, text: str, root: Path) -> None:
    """Write `text` to `path` (UTF-8), refusing a link at `path` or in its folders below `root`."""
    write_bytes_no_follow(path, text.encode("utf-8"), root)


def write_bytes_no_follow(path: Path, data: bytes, root: Path) -> None:
    """Write `data` to `path`, refusing a link at `path` or in its folders below `root`."""
    fd = open_no_follow(path, root)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise RunError(f"{path}: cannot write ({error.strerror})") from None

