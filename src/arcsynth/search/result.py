"""What a search returns: ranked candidate programs, the attempts they make, and statistics."""

from __future__ import annotations

from dataclasses import dataclass, field

from arcsynth.grid import Grid
from arcsynth.program.nodes import Program

__all__ = ["Candidate", "SearchStats", "SearchResult"]


@dataclass(frozen=True, eq=False)
class Candidate:
    """A program with its predictions on the test inputs and how well it fits the train pairs.

    `train_solved` counts train pairs reproduced exactly; `cost` is the summed -log p of its
    operations (plus constant costs); `origin` says which part of the search made it
    (enumeration, color map, stacking, or an augmentation such as 'transpose').
    """

    program: Program
    text: str
    predictions: tuple[Grid, ...]
    train_solved: int
    train_total: int
    cost: float
    origin: str = "enumeration"
    pixel_accuracy: float = 0.0
    shape_ok: bool = True      # its test predictions have the sizes the output-size hypothesis predicts

    @property
    def fits_all(self) -> bool:
        """True when every train pair is reproduced exactly."""
        return self.train_solved == self.train_total

    @property
    def size(self) -> int:
        """Number of steps."""
        return len(self.program.steps)

    def rank_key(self) -> tuple:
        """Sort key: most train pairs explained, then agreement with the deduced output size,
        then cost, then size, then text (deterministic)."""
        return (-self.train_solved, not self.shape_ok, round(self.cost, 9), self.size, -self.pixel_accuracy,
                self.text)


@dataclass
class SearchStats:
    """What the search spent and saw."""

    nodes: int = 0              # candidates evaluated (states generated)
    accepted: int = 0           # new distinct states kept
    duplicates: int = 0         # states equal to an earlier one on every example
    failures: int = 0           # candidates whose primitive raised or grew too large
    pushed: int = 0             # candidates queued
    cpu_seconds: float = 0.0
    max_depth: int = 0
    max_cost: float = 0.0
    solutions: int = 0          # distinct programs fitting every train pair
    partials: int = 0           # states of the right size on every train pair
    stopped: str = ""           # why the search ended: budget-nodes, budget-cpu, exhausted, solved
    by_type: dict = field(default_factory=dict)
    runs: list = field(default_factory=list)   # one entry per searched view of the task (augmentations)

    def as_dict(self) -> dict:
        """A JSON-able copy."""
        return {key: (round(value, 4) if isinstance(value, float) else value)
                for key, value in self.__dict__.items()}


@dataclass(frozen=True, eq=False)
class SearchResult:
    """Ranked candidates (best first) and the statistics of the search that found them."""

    candidates: tuple[Candidate, ...]
    stats: SearchStats

    @property
    def solved(self) -> bool:
        """True when some candidate fits every train pair."""
        return any(c.fits_all for c in self.candidates)
