"""Small grid builders shared by the DSL tests."""

import numpy as np

from arcsynth.grid import make_grid


def g(*rows: str) -> np.ndarray:
    """A grid from strings of digits: g("012", "340")."""
    return make_grid([[int(ch) for ch in row] for row in rows])
