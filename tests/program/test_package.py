import importlib

import arcsynth.program as program_layer


def test_public_names_exist():
    for name in program_layer.__all__:
        assert hasattr(program_layer, name), name
    assert len(set(program_layer.__all__)) == len(program_layer.__all__)


def test_no_module_evaluates_text():
    # The design's promise: programs are data, text is parsed, never evaluated.
    from pathlib import Path
    package = Path(program_layer.__file__).parent
    for path in package.glob("*.py"):
        source = path.read_text()
        for banned in ("eval(", "exec(", "compile(", "__import__", "importlib"):
            assert banned not in source.replace("compile_program(", ""), f"{path.name} uses {banned}"


# The layers the program package may import (DESIGN.md: layers 0-2).
ALLOWED = {"arcsynth.errors", "arcsynth.grid", "arcsynth.task", "arcsynth.budget", "arcsynth.solution",
           "arcsynth.version", "arcsynth.dsl", "arcsynth.program"}


def _arcsynth_imports(source: str) -> set[str]:
    """The arcsynth modules a module's source imports (at any depth, lazily or not)."""
    import ast
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {name for name in found if name == "arcsynth" or name.startswith("arcsynth.")}


def _outside_the_layer(names: set[str]) -> set[str]:
    return {name for name in names if not any(name == allowed or name.startswith(allowed + ".")
                                              for allowed in ALLOWED)}


def test_program_layer_imports_only_lower_layers():
    from pathlib import Path
    package = Path(program_layer.__file__).parent
    sources = sorted(package.glob("*.py"))
    assert len(sources) > 10
    for path in sources:
        importlib.import_module(f"arcsynth.program.{path.stem}" if path.stem != "__init__" else "arcsynth.program")
        assert _outside_the_layer(_arcsynth_imports(path.read_text())) == set(), path.name
    # the check sees an import of a higher layer, even inside a function
    assert _outside_the_layer(_arcsynth_imports("def f():\n    from arcsynth.search import search\n")) == {
        "arcsynth.search"}
    assert _outside_the_layer(_arcsynth_imports("import arcsynth.report.terminal\n")) == {"arcsynth.report.terminal"}
