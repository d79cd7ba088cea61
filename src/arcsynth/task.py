"""Tasks: demonstration pairs and test inputs. Test outputs stay with the harness."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from arcsynth.grid import Grid, grid_to_list

__all__ = ["Pair", "Task"]


@dataclass(frozen=True, eq=False)
class Pair:
    """One input grid and, where known, its output grid."""

    input: Grid
    output: Grid | None = None


@dataclass(frozen=True, eq=False)
class Task:
    """An ARC task: train pairs (with outputs) and test pairs (outputs may be withheld)."""

    id: str
    train: tuple[Pair, ...]
    test: tuple[Pair, ...]
    source: str = field(default="", compare=False)

    def without_test_outputs(self) -> "Task":
        """The copy a solver sees: every test output removed."""
        return replace(self, test=tuple(Pair(pair.input, None) for pair in self.test))

    @property
    def has_test_outputs(self) -> bool:
        """True when every test pair carries its output."""
        return all(pair.output is not None for pair in self.test)

    def to_json(self) -> dict:
        """The ARC JSON form of this task (test outputs only where known)."""
        def pair_json(pair: Pair) -> dict:
            out = {"input": grid_to_list(pair.input)}
            if pair.output is not None:
                out["output"] = grid_to_list(pair.output)
            return out
        return {"train": [pair_json(p) for p in self.train], "test": [pair_json(p) for p in self.test]}
