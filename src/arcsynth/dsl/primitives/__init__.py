"""Families of DSL primitives, one module each; see arcsynth.dsl.registry."""
