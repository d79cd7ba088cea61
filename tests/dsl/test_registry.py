"""Every registered primitive is a documented, annotated function with a test of its own."""

import ast
import inspect
from pathlib import Path

import pytest

from arcsynth.dsl import default_registry, primitive
from arcsynth.dsl.registry import Registry

TESTS_DIR = Path(__file__).parent


def _test_names() -> set[str]:
    names = set()
    for path in TESTS_DIR.glob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                names.add(node.name[len("test_"):])
    return names


def test_every_primitive_has_a_test():
    tested = _test_names()
    missing = sorted(name for name in default_registry() if name not in tested)
    assert not missing, f"primitives without a test_<name> in tests/dsl: {missing}"


def test_every_primitive_has_a_one_line_docstring():
    for prim in default_registry().values():
        assert prim.doc and "\n" not in prim.doc, prim.name


def test_primitives_are_plain_module_functions():
    for prim in default_registry().values():
        assert inspect.isfunction(prim.function), prim.name
        assert prim.function.__module__.startswith("arcsynth.dsl.primitives."), prim.name
        assert prim.cost > 0, prim.name


def test_unannotated_function_is_refused():
    def bare(grid):
        """No annotations."""
        return grid

    with pytest.raises(TypeError, match="DSL type"):
        primitive(bare)


def test_duplicate_names_are_refused():
    prim = next(iter(default_registry().values()))
    with pytest.raises(ValueError, match="twice"):
        Registry([prim, prim])


def test_index_by_return_type():
    registry = default_registry()
    rot = registry["rot90"]
    assert rot in registry.returning(rot.return_type)
