"""Variable names in program text: `I` is the input, `x<N>` a step's result, `O` the output."""

from __future__ import annotations

__all__ = ["INPUT_NAME", "OUTPUT_NAME", "variable_name", "is_step_variable"]

INPUT_NAME = "I"
OUTPUT_NAME = "O"


def variable_name(position: int, last: int) -> str:
    """The canonical name of position `position` (0 = input) in a program of `last` steps."""
    if position == 0:
        return INPUT_NAME
    if position == last:
        return OUTPUT_NAME
    return f"x{position}"


def is_step_variable(name: str) -> bool:
    """True for `x1`, `x2`, ... (no leading zeros), the names the printer gives to steps."""
    digits = name[1:]
    return (name.startswith("x") and digits.isascii() and digits.isdigit()
            and not digits.startswith("0"))
