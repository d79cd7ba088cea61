"""The registry of DSL primitives: each a pure function with its DSL signature and base cost.

A family module under `arcsynth.dsl.primitives` holds the functions and, at its foot, a
tuple `PRIMITIVES` of `primitive(function, cost)` registrations. `default_registry()` gathers
every family module of that package (modules whose name starts with `_` are helpers, not
families); adding a primitive is one function, one line in its family's tuple and one test.
"""

from __future__ import annotations

import importlib
import pkgutil
import typing
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Callable, Iterable, Iterator, Mapping

from arcsynth.dsl.types import DslType, fn_type

__all__ = ["Primitive", "primitive", "Registry", "default_registry", "family_modules"]


@dataclass(frozen=True)
class Primitive:
    """A registered DSL primitive."""

    name: str
    function: Callable
    arg_types: tuple[DslType, ...]
    return_type: DslType
    cost: float
    doc: str
    family: str

    @property
    def type(self) -> DslType:
        """The primitive as a function value: Fn[args..., result]."""
        return fn_type(*self.arg_types, ret=self.return_type)

    @property
    def arity(self) -> int:
        """Number of arguments."""
        return len(self.arg_types)

    @property
    def signature(self) -> str:
        """`name(Type, ...) -> Type`, for listings."""
        return f"{self.name}({', '.join(str(t) for t in self.arg_types)}) -> {self.return_type}"


def _dsl_type_of(annotation: object, where: str) -> DslType:
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, DslType):
            return meta
    raise TypeError(f"{where}: annotate with a DSL type alias from arcsynth.dsl.types")


def primitive(function: Callable, cost: float = 1.0) -> Primitive:
    """Register `function` with the DSL signature read from its annotations."""
    name = function.__name__
    hints = typing.get_type_hints(function, include_extras=True)
    if "return" not in hints:
        raise TypeError(f"{name}: the return value needs a DSL type annotation")
    return_type = _dsl_type_of(hints.pop("return"), f"{name} -> return")
    arg_types = tuple(_dsl_type_of(hint, f"{name}({param})") for param, hint in hints.items())
    doc = (function.__doc__ or "").strip()
    family = function.__module__.rsplit(".", 1)[-1]
    return Primitive(name, function, arg_types, return_type, float(cost), doc, family)


class Registry(Mapping[str, Primitive]):
    """An immutable name -> Primitive mapping, with an index by return type."""

    def __init__(self, primitives: Iterable[Primitive]) -> None:
        by_name: dict[str, Primitive] = {}
        for prim in primitives:
            if prim.name in by_name:
                raise ValueError(f"primitive {prim.name!r} registered twice")
            by_name[prim.name] = prim
        self._by_name = MappingProxyType(by_name)
        by_return: dict[DslType, list[Primitive]] = {}
        for prim in by_name.values():
            by_return.setdefault(prim.return_type, []).append(prim)
        self._by_return = MappingProxyType({t: tuple(ps) for t, ps in by_return.items()})

    def __getitem__(self, name: str) -> Primitive:
        return self._by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)

    def returning(self, dsl_type: DslType) -> tuple[Primitive, ...]:
        """The primitives whose result has type `dsl_type`."""
        return self._by_return.get(dsl_type, ())


def family_modules() -> tuple[str, ...]:
    """The module names of every primitive family, sorted."""
    package = importlib.import_module("arcsynth.dsl.primitives")
    names = sorted(info.name for info in pkgutil.iter_modules(package.__path__)
                   if not info.name.startswith("_"))
    return tuple(f"{package.__name__}.{name}" for name in names)


@cache
def default_registry() -> Registry:
    """Every primitive of every family module."""
    prims: list[Primitive] = []
    for module_name in family_modules():
        prims.extend(importlib.import_module(module_name).PRIMITIVES)
    return Registry(prims)
