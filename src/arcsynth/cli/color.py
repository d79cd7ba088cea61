"""Whether to draw in color: only on a terminal, and never when NO_COLOR is set (no-color.org)."""

from __future__ import annotations

import os
from typing import Mapping, TextIO

__all__ = ["color_enabled"]


def color_enabled(stream: TextIO, *, refused: bool = False, environ: Mapping[str, str] | None = None) -> bool:
    """True when `stream` is a terminal, NO_COLOR is unset or empty, TERM is not `dumb`, and the
    user did not ask for no color (`refused`, from --no-color)."""
    env = os.environ if environ is None else environ
    if refused or env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False
