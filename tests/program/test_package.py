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


def test_program_layer_imports_only_lower_layers():
    for module in ("nodes", "text", "json_form", "typecheck", "interpreter", "guard", "sample", "conform", "verify"):
        importlib.import_module(f"arcsynth.program.{module}")
