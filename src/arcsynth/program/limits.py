"""Resource limits of the interpreter, so that a runaway candidate fails fast instead of hogging."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits", "DEFAULT_LIMITS"]


@dataclass(frozen=True)
class Limits:
    """Guards checked on every primitive result and on the program as a whole.

    max_steps: steps in one program.
    max_side: rows or columns of any array, including object bounding boxes.
    max_cells: cells summed over every array inside one value (a List of grids counts all).
    max_items: items in one tuple value (Objects, List[...]).
    max_abs_int: magnitude of any integer value or literal; an Int that feeds a size (tile,
        upscale, crop) must stay small, and Python ints grow without bound otherwise.
    """

    max_steps: int = 64
    max_side: int = 60
    max_cells: int = 64_000
    # A noisy 30x30 grid holds up to 900 one-cell objects; object lists must fit that.
    max_items: int = 1024
    max_abs_int: int = 1_000_000

    def __post_init__(self) -> None:
        for name in ("max_steps", "max_side", "max_cells", "max_items", "max_abs_int"):
            if getattr(self, name) <= 0:
                raise ValueError(f"Limits.{name} must be positive")


DEFAULT_LIMITS = Limits()
