"""`did you mean ...?` for a misspelt primitive name."""

from __future__ import annotations

import difflib
from typing import Iterable

__all__ = ["did_you_mean"]


def did_you_mean(name: str, known: Iterable[str], count: int = 3) -> str:
    """`; did you mean 'rot90' or 'rot180'?` for the closest known names, or `` when none is close."""
    matches = difflib.get_close_matches(name, list(known), n=count, cutoff=0.6)
    if not matches:
        lowered = {candidate.lower(): candidate for candidate in known}
        matches = [lowered[name.lower()]] if name.lower() in lowered else []
    if not matches:
        return ""
    quoted = [repr(match) for match in matches]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"; did you mean {listed}?"
