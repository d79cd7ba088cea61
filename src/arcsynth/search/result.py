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
    (enumeration, color-map, stacking, object-choice, depth2, with '~view' when found through a view).
    """

    program: Program
    text: str
    predictions: tuple[Grid, ...]
    train_solved: int
    train_total: int
    cost: float
    origin: str = "enumeration"
    pixel_accuracy: float = 0.0
    shape_ok: bool = True      # its test predictions have sizes that some output-size hypothesis predicts
    pieces: int = 1            # partial fits stacked to make it (1: not stacked)
    votes: int = 1             # views of the task whose programs made the same predictions

    @property
    def fits_all(self) -> bool:
        """True when every train pair is reproduced exactly."""
        return self.train_solved == self.train_total

    @property
    def size(self) -> int:
        """Number of steps."""
        return len(self.program.steps)

    def rank_key(self) -> tuple:
        """Sort key, as the 2020 winner ranked: most train pairs explained, then agreement with
        the output-size hypotheses, then fewest steps, then fewest stacked pieces, then most views
        agreeing; ties by cost, then cell accuracy, then text (deterministic)."""
        return (-self.train_solved, not self.shape_ok, self.size, self.pieces, -self.votes, round(self.cost, 9),
                -self.pixel_accuracy, self.text)


@dataclass
class SearchStats:
    """What the search spent and saw."""

    nodes: int = 0              # candidate states produced (evaluated or answered by the memo)
    accepted: int = 0           # new distinct states kept
    duplicates: int = 0         # states equal to an earlier one on every example
    failures: int = 0           # candidates whose primitive raised or grew too large
    pushed: int = 0             # candidates queued
    calls: int = 0              # primitive calls actually run (one per example)
    memo_hits: int = 0          # per-example calls answered by the memo instead
    cpu_seconds: float = 0.0
    max_depth: int = 0
    max_cost: float = 0.0
    solutions: int = 0          # distinct programs fitting every train pair
    partials: int = 0           # states of the right size on every train pair
    stopped: str = ""           # why the search ended: budget-nodes, budget-cpu, exhausted, solved
    first_fit_nodes: int | None = None   # states produced before the first program fitting every train pair
    complete_depth: int = 0     # the deepest depth some depth-2 pass enumerated completely (on all its views)
    by_type: dict = field(default_factory=dict)
    runs: list = field(default_factory=list)   # one entry per pass (depth-2 enumeration, kernel) and view

    def merge(self, other: "SearchStats") -> None:
        """Add another search's counts to these (a view, a pass); maxima take the larger. `other`
        is taken to have run after everything counted here (its first fit comes after these nodes)."""
        if self.first_fit_nodes is None and other.first_fit_nodes is not None:
            self.first_fit_nodes = self.nodes + other.first_fit_nodes
        for name in ("nodes", "accepted", "duplicates", "failures", "pushed", "calls", "memo_hits",
                     "solutions", "partials"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.max_depth = max(self.max_depth, other.max_depth)
        self.complete_depth = max(self.complete_depth, other.complete_depth)
        self.max_cost = max(self.max_cost, other.max_cost)
        for key, count in other.by_type.items():
            self.by_type[key] = self.by_type.get(key, 0) + count
        self.runs.extend(other.runs)

    @property
    def states_per_cpu_second(self) -> float | None:
        """States produced per CPU-second of the search (None before any CPU time is counted)."""
        return self.nodes / self.cpu_seconds if self.cpu_seconds > 0 else None

    @property
    def distinct_states_per_cpu_second(self) -> float | None:
        """New distinct states kept per CPU-second of the search."""
        return self.accepted / self.cpu_seconds if self.cpu_seconds > 0 else None

    def as_dict(self) -> dict:
        """A JSON-able copy, with the states per CPU-second."""
        out = {key: (round(value, 4) if isinstance(value, float) else value) for key, value in self.__dict__.items()}
        for name in ("states_per_cpu_second", "distinct_states_per_cpu_second"):
            rate = getattr(self, name)
            out[name] = None if rate is None else round(rate, 1)
        return out


@dataclass(frozen=True, eq=False)
class SearchResult:
    """Ranked candidates (best first) and the statistics of the search that found them."""

    candidates: tuple[Candidate, ...]
    stats: SearchStats
    samples: tuple[str, ...] = ()   # texts of programs the search ran (config.keep_samples), for relabelling

    @property
    def solved(self) -> bool:
        """True when some candidate fits every train pair."""
        return any(c.fits_all for c in self.candidates)
