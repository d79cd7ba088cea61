"""Grid facts the DSL's primitives compute that code outside them needs too (the guide's task
encoding): the background color and the connected components. One definition, the primitives'."""

from arcsynth.dsl.primitives._arrays import background
from arcsynth.dsl.primitives._components import label

__all__ = ["background", "label"]
