"""The DSL: typed primitives over grids, objects, masks and colors, and their registry."""

from arcsynth.dsl.registry import Primitive, Registry, default_registry, primitive
from arcsynth.dsl.types import DslType
from arcsynth.dsl.values import Obj, value_key

__all__ = ["Primitive", "Registry", "default_registry", "primitive", "DslType", "Obj", "value_key"]
