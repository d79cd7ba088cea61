"""The named constants a program may use: booleans and the eight directions.

Colors and other integers are plain literals, typed by the parameter they fill.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from arcsynth.dsl.types import BOOL, DIRECTION, DslType

__all__ = ["NamedConstant", "CONSTANTS", "constants_of_type"]


@dataclass(frozen=True)
class NamedConstant:
    """A constant's name in program text, its DSL type, its runtime value and what it means."""

    name: str
    type: DslType
    value: object
    doc: str


_ALL = (
    NamedConstant("T", BOOL, True, "true"),
    NamedConstant("F", BOOL, False, "false"),
    # Directions are (drow, dcol): rows grow downwards.
    NamedConstant("UP", DIRECTION, (-1, 0), "one row up"),
    NamedConstant("DOWN", DIRECTION, (1, 0), "one row down"),
    NamedConstant("LEFT", DIRECTION, (0, -1), "one column left"),
    NamedConstant("RIGHT", DIRECTION, (0, 1), "one column right"),
    NamedConstant("UP_LEFT", DIRECTION, (-1, -1), "diagonal up and left"),
    NamedConstant("UP_RIGHT", DIRECTION, (-1, 1), "diagonal up and right"),
    NamedConstant("DOWN_LEFT", DIRECTION, (1, -1), "diagonal down and left"),
    NamedConstant("DOWN_RIGHT", DIRECTION, (1, 1), "diagonal down and right"),
)

CONSTANTS: Mapping[str, NamedConstant] = MappingProxyType({c.name: c for c in _ALL})


def constants_of_type(dsl_type: DslType) -> tuple[NamedConstant, ...]:
    """The named constants of `dsl_type`, in vocabulary order."""
    return tuple(c for c in _ALL if c.type == dsl_type)
