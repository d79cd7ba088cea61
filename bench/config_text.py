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


def _owner(config: Any, name: str) -> str | None:
    """The field of `config` holding a nested config with field `name` (None: `config` has it)."""
    names = {f.name for f in dataclasses.fields(config)}
    if name in names:
        return None
    for f in dataclasses.fields(config):
        nested = getattr(config, f.name)
        if dataclasses.is_dataclass(nested) and name in {g.name for g in dataclasses.fields(nested)}:
            return f.name
    raise ValueError(f"--config {name}: no such setting (settings: {', '.join(sorted(names))})")


def config_overrides(config: Any, text: str) -> Any:
    """`config` (a dataclass) with the fields of `text` ("name=value,name=value"; booleans as
    true/false, tuples as "a+b") replaced; a name may be a field of a nested config
    (SearchConfig's `kernel`: "max_depth=4" or "kernel.max_depth=4")."""
    changes: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {}
    for item in filter(None, text.split(",")):
        name, value = item.split("=", 1)
        owner, _, leaf = name.rpartition(".")
        owner = owner or _owner(config, leaf)
        if owner is None:
            changes[leaf] = _value(getattr(config, leaf), leaf, value)
        else:
            nested.setdefault(owner, {})[leaf] = _value(getattr(getattr(config, owner), leaf), name, value)
    for owner, fields in nested.items():
        changes[owner] = dataclasses.replace(getattr(config, owner), **fields)
    return dataclasses.replace(config, **changes)
