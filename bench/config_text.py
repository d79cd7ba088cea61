"""SearchConfig overrides written as text on a benchmark's command line ("name=value,name=value")."""

from __future__ import annotations

import dataclasses
from typing import Any

__all__ = ["config_overrides"]

_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _value(current: Any, name: str, text: str) -> Any:
    if isinstance(current, bool):  # before int: bool("False") is True, and bool is an int
        if text.lower() not in _TRUE + _FALSE:
            raise ValueError(f"--config {name}={text}: expected one of {', '.join(_TRUE + _FALSE)}")
        return text.lower() in _TRUE
    if isinstance(current, tuple):
        return tuple(part for part in text.split("+") if part)
    return type(current)(text)


def config_overrides(config: Any, text: str) -> Any:
    """`config` (a dataclass) with the fields of `text` ("name=value,name=value"; booleans as
    true/false, tuples as "a+b") replaced."""
    changes = {}
    for item in filter(None, text.split(",")):
        name, value = item.split("=", 1)
        changes[name] = _value(getattr(config, name), name, value)
    return dataclasses.replace(config, **changes)
