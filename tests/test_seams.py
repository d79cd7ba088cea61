"""Seams between the packages (issue 17, item 10): what is private (`_name`) to one of arcsynth's
packages (arcsynth.dsl, arcsynth.guide, ...) is imported only inside that package."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).parents[1] / "src"


def _private_imports_from_outside() -> list[str]:
    found = []
    for path in sorted((SRC / "arcsynth").rglob("*.py")):
        importer = ".".join(path.relative_to(SRC).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [f"{node.module}.{alias.name}" for alias in node.names]  # a module, or a name in one
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                private = [part for part in parts if part.startswith("_") and not part.startswith("__")]
                owner = ".".join(parts[:2])  # arcsynth.<package>
                if private and parts[0] == "arcsynth" and not importer.startswith(owner + "."):
                    found.append(f"{path.relative_to(SRC)}: {name}")
    return found


def test_no_module_imports_another_package_s_private_module():
    assert _private_imports_from_outside() == []
